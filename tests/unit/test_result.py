"""What a result contains and in which order."""
import json

import pytest

import triage_core
from engine_cases import CID, RED_FLAGS, TRIGGERS, answers, widespread

KEYS = ["condition", "rules_version", "level", "level_title", "headline", "timeframe", "reasons", "unsure",
        "answers", "advice", "safety_net"]


def ev(a, settings=None):
    return triage_core.evaluate(CID, a, settings)


def test_keys_in_order_of_importance():
    assert list(ev(answers())) == KEYS


def test_reasons_only_for_questions_the_flow_asked():
    r = ev(answers(breathing_difficulty="yes", swallowing_difficulty="yes", weakness="unsure"))
    assert [x["id"] for x in r["reasons"]] == ["breathing_difficulty"]
    assert r["unsure"] == []
    r = ev(answers(weakness="no", wasting="yes", spread="widespread"))
    assert [x["id"] for x in r["reasons"]] == ["wasting"]


def test_unsure_list_names_questions_counted_as_yes():
    r = ev(answers(breathing_difficulty="no", swallowing_difficulty="unsure"))
    assert r["level"] == "emergency"
    assert r["unsure"] == ["swallowing_difficulty"]
    assert r["reasons"][0]["source"] == "about/#policy-unsure"
    assert "not sure" in r["reasons"][0]["text"]
    # the result says once (the page's note) that "not sure" counted as "yes", not in every reason
    assert "yes" not in r["reasons"][0]["text"].lower()
    assert ev(answers(wasting="unsure"))["unsure"] == ["wasting"]
    assert ev(answers(wasting="yes"))["unsure"] == []


def test_doctor_advised_reasons_and_advice_in_trigger_order():
    r = ev(widespread(triggers=["nerve_recovery", "caffeine", "stress"]))
    assert r["level"] == "doctor_advised"
    assert [x["id"] for x in r["reasons"]] == ["spread", "duration", "lifestyle_tried", "not_settled"]
    assert [x["id"] for x in r["advice"]] == ["stress", "caffeine", "nerve_recovery"]
    assert r["safety_net"]


def test_every_trigger_has_its_own_advice():
    r = ev(answers(triggers=list(reversed(TRIGGERS))))
    assert [x["id"] for x in r["advice"]] == TRIGGERS
    assert len({x["text"] for x in r["advice"]}) == len(TRIGGERS)


@pytest.mark.parametrize("trigger,source,words", [
    ("caffeine", "fasciculations/causes/#caffeine", ["caffeine", "cut"]),
    ("exercise", "fasciculations/recovery/#after-exercise", ["waste", "energy"]),
    ("exercise", "fasciculations/recovery/#after-exercise", ["may be linked"]),
    ("caffeine", "fasciculations/causes/#caffeine", ["prescribed", "pharmacist"]),
    ("nerve_recovery", "fasciculations/recovery/#nerve-recovery", ["recovery"]),
    ("medication", "fasciculations/causes/#medicines", ["corticosteroid", "diuretics"]),
    ("medication", "fasciculations/causes/#medicines", ["do not stop", "pharmacist"]),
])
def test_advice_content(trigger, source, words):
    item = ev(answers(triggers=[trigger]))["advice"][0]
    assert item["source"] == source
    for word in words:
        assert word in item["text"].lower()


def test_general_advice_when_no_trigger():
    r = ev(answers(triggers=[]))
    assert [x["id"] for x in r["advice"]] == ["general"]
    assert r["advice"][0]["source"] == "fasciculations/causes/#what-you-can-do"


def test_no_advice_or_safety_net_for_an_emergency():
    r = ev(answers(breathing_difficulty="yes", triggers=["stress"]))
    assert r["advice"] == [] and r["safety_net"] == []


def test_doctor_needed_has_the_emergency_safety_net_only():
    r = ev(answers(weakness="yes", triggers=["stress"]))
    assert r["advice"] == []
    assert [item["source"] for item in r["safety_net"]] == ["fasciculations/when-to-get-help/#emergency"]
    text = r["safety_net"][0]["text"].lower()
    for word in ["speaking", "swallowing", "breathing", "suddenly", "droops"]:
        assert word in text


def test_safety_net_for_self_care_covers_every_change_that_matters():
    net = ev(answers())["safety_net"]
    text = " ".join(item["text"].lower() for item in net)
    for word in ["weak", "thinner", "speaking", "swallowing", "breathing", "suddenly", "several weeks"]:
        assert word in text
    # spreading alone does not change the level, so the safety net does not promise it does
    assert "spread" not in text
    assert {item["source"] for item in net} == {
        "fasciculations/when-to-get-help/#doctor-needed", "fasciculations/when-to-get-help/#emergency",
        "fasciculations/when-to-get-help/#doctor-advised"}
    assert all(list(item) == ["text", "source"] for item in net)


@pytest.mark.parametrize("spread", ["one_area", "widespread"])
def test_special_case_says_try_changes_then_see_a_doctor(spread):
    r = ev(answers(spread=spread, duration="over_3_weeks", lifestyle_tried="no"))
    assert r["level"] == "self_care"
    plain = r["headline"].lower()
    assert "several weeks" in plain and "talk to a doctor" in plain
    assert not plain.startswith("this is very likely harmless")
    tried = [x for x in r["reasons"] if x["id"] == "lifestyle_tried"][0]
    assert "several weeks" in tried["text"] and "talk to a doctor" in tried["text"]


def test_ordinary_self_care_headline_is_the_level_headline():
    level = [lv for lv in triage_core.get_condition(CID)["levels"] if lv["id"] == "self_care"][0]
    assert ev(answers())["headline"] == level["headline"]
    assert ev(widespread(lifestyle_tried="no"))["headline"] != level["headline"]


def test_area_changes_wording_only():
    eyelid = ev(answers(area="eyelid"))
    other = ev(answers(area="other"))
    assert eyelid["level"] == other["level"] == "self_care"
    assert "eyelid" in " ".join(x["text"] for x in eyelid["reasons"]).lower()
    assert "area" not in [x["id"] for x in other["reasons"]]


def test_emergency_number_setting():
    default = ev(answers(breathing_difficulty="yes"))["headline"]
    assert "your local emergency number" in default
    assert "Call 112 " in ev(answers(breathing_difficulty="yes"), {"emergency_number": "112"})["headline"]
    with pytest.raises(triage_core.TriageInputError, match="unknown setting"):
        ev(answers(), {"colour": "red"})
    with pytest.raises(triage_core.TriageInputError):
        ev(answers(), {"emergency_number": 999})


def test_every_shown_statement_has_a_source():
    for a in [answers(), widespread(), widespread(lifestyle_tried="no", triggers=TRIGGERS),
              answers(**{RED_FLAGS[0]: "unsure"})]:
        r = ev(a)
        for part in ("reasons", "advice", "safety_net"):
            for item in r[part]:
                assert item["text"] and item["source"]


def test_results_hold_no_floats_and_are_fresh_copies():
    r = ev(answers(triggers=["stress"]))
    r["advice"].clear()
    r["reasons"][0]["text"] = "changed"
    again = ev(answers(triggers=["stress"]))
    assert again["advice"] and again["reasons"][0]["text"] != "changed"

    def no_floats(v):
        if isinstance(v, dict):
            return all(no_floats(x) for x in v.values())
        if isinstance(v, list):
            return all(no_floats(x) for x in v)
        return not isinstance(v, float)
    assert no_floats(again)


@pytest.mark.parametrize("a,level,title", [
    (answers(sudden_weakness="yes"), "emergency", "Get help now"),
    (answers(wasting="unsure"), "doctor_needed", "See a doctor"),
    (answers(triggers=["medication"]), "doctor_advised", "Talk to a doctor"),
    (answers(), "self_care", "Look after yourself"),
])
def test_rules_version_level_title_and_timeframe(a, level, title):
    r = ev(a)
    assert r["rules_version"] == "2.0.0"
    assert (r["level"], r["level_title"]) == (level, title)
    assert list(r["timeframe"]) == ["text", "source"] and r["timeframe"]["source"] == "about/#policy-timeframes"
    assert r["timeframe"]["text"]


def test_timeframes_follow_the_spec():
    frames = {lv["id"]: lv["timeframe"]["text"].lower() for lv in triage_core.get_condition(CID)["levels"]}
    assert "now" in frames["emergency"] and "do not wait" in frames["emergency"]
    assert "few days" in frames["doctor_needed"] and "today" in frames["doctor_needed"]
    assert "next few weeks" in frames["doctor_advised"]
    assert "do not need an appointment" in frames["self_care"]


def test_answers_are_what_was_asked_in_flow_order_with_the_texts_seen():
    r = ev(answers(spread="widespread", duration="over_3_weeks", lifestyle_tried="nothing_to_change",
                   triggers=["medication", "stress"], area="calf"), {"emergency_number": "112"})
    assert [x["question"] for x in r["answers"]] == RED_FLAGS + ["weakness", "wasting", "spread", "duration",
                                                                 "lifestyle_tried", "triggers"]
    for item in r["answers"]:
        assert list(item) == ["question", "question_text", "answer", "answer_label"]
        q = triage_core.get_question(CID, item["question"])
        assert item["question_text"] == q["text"]
        labels = {o["id"]: o["label"] for o in q["options"]}
        if item["question"] == "triggers":
            assert item["answer"] == ["stress", "medication"]
            assert item["answer_label"] == [labels["stress"], labels["medication"]]
        else:
            assert item["answer_label"] == labels[item["answer"]]
    none = ev(answers(triggers=[]))["answers"][-1]
    assert none["answer"] == [] and none["answer_label"] == ["None of these"]
    stopped = ev(answers(swallowing_difficulty="unsure"))["answers"]
    assert [(x["question"], x["answer"], x["answer_label"]) for x in stopped] == [
        ("breathing_difficulty", "no", "No"), ("swallowing_difficulty", "unsure", "I'm not sure")]


def test_nothing_to_change_counts_as_having_tried():
    r = ev(answers(duration="over_3_weeks", lifestyle_tried="nothing_to_change"))
    assert r["level"] == "doctor_advised"
    assert r["unsure"] == []    # it counts as "yes", but it is not a "not sure" answer
    reason = [x for x in r["reasons"] if x["id"] == "lifestyle_tried"][0]
    assert reason["source"] == "about/#policy-nothing-to-change"


def test_medicine_result_sends_to_a_doctor_or_pharmacist_and_keeps_the_do_not_stop_advice():
    r = ev(answers(triggers=["medication"]))
    assert r["level"] == "doctor_advised"
    assert r["reasons"][0]["id"] == "medication" and r["reasons"][0]["source"] == "about/#policy-medicine-check"
    assert "pharmacist" in r["reasons"][0]["text"]
    assert "do not stop" in r["advice"][0]["text"].lower()
    assert "harmless" not in json.dumps(r).lower()


@pytest.mark.parametrize("a", [answers(breathing_difficulty="unsure"), answers(weakness="yes"),
                               answers(triggers=["medication"]), widespread(),
                               answers(duration="over_3_weeks", lifestyle_tried="yes")])
def test_no_result_above_self_care_says_harmless(a):
    r = ev(a)
    level = [lv for lv in triage_core.get_condition(CID)["levels"] if lv["id"] == r["level"]][0]
    assert r["level"] != "self_care"
    assert "harmless" not in (json.dumps(r) + json.dumps(level)).lower()
