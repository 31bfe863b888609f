"""What a result contains and in which order."""
import pytest

import triage_core
from engine_cases import CID, RED_FLAGS, TRIGGERS, answers, widespread

KEYS = ["condition", "level", "headline", "reasons", "unsure", "advice", "safety_net"]


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
    assert ev(answers(wasting="unsure"))["unsure"] == ["wasting"]
    assert ev(answers(wasting="yes"))["unsure"] == []


def test_doctor_advised_reasons_and_advice_in_trigger_order():
    r = ev(widespread(triggers=["nerve_recovery", "caffeine", "stress"]))
    assert r["level"] == "doctor_advised"
    assert [x["id"] for x in r["reasons"]] == ["spread", "duration", "lifestyle_tried"]
    assert [x["id"] for x in r["advice"]] == ["stress", "caffeine", "nerve_recovery"]
    assert r["safety_net"]


def test_every_trigger_has_its_own_advice():
    r = ev(answers(triggers=list(reversed(TRIGGERS))))
    assert [x["id"] for x in r["advice"]] == TRIGGERS
    assert len({x["text"] for x in r["advice"]}) == len(TRIGGERS)


@pytest.mark.parametrize("trigger,source,words", [
    ("caffeine", "fasciculations/causes/#caffeine", ["caffeine", "cut"]),
    ("exercise", "fasciculations/recovery/#after-exercise", ["waste", "energy"]),
    ("nerve_recovery", "fasciculations/recovery/#nerve-recovery", ["check-up"]),
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
    assert r["advice"][0]["source"] == "fasciculations/causes/"


@pytest.mark.parametrize("a", [answers(breathing_difficulty="yes", triggers=["stress"]),
                               answers(weakness="yes", triggers=["stress"])])
def test_no_advice_or_safety_net_when_a_doctor_or_emergency_is_needed(a):
    r = ev(a)
    assert r["advice"] == [] and r["safety_net"] == []


def test_safety_net_for_self_care_covers_every_change_that_matters():
    net = ev(answers())["safety_net"]
    text = " ".join(item["text"].lower() for item in net)
    for word in ["weak", "thinner", "speaking", "swallowing", "breathing", "several weeks", "spreads"]:
        assert word in text
    assert {item["source"] for item in net} == {
        "fasciculations/when-to-get-help/#doctor-needed", "fasciculations/when-to-get-help/#emergency",
        "fasciculations/when-to-get-help/#doctor-advised"}
    assert all(list(item) == ["text", "source"] for item in net)


def test_special_case_says_try_changes_then_see_a_doctor():
    r = ev(widespread(lifestyle_tried="no"))
    assert r["level"] == "self_care"
    plain = r["headline"].lower()
    assert "several weeks" in plain and "talk to a doctor" in plain
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
