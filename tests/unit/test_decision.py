"""Every row of the decision table and every rule of the flow, from the clinical spec."""
import itertools

import pytest

import triage_core
from engine_cases import CID, RED_FLAGS, TRIGGERS, WARNING_SIGNS, answers, widespread


def level(a):
    return triage_core.evaluate(CID, a)["level"]


@pytest.mark.parametrize("question", RED_FLAGS)
@pytest.mark.parametrize("value", ["yes", "unsure"])
def test_any_red_flag_is_an_emergency(question, value):
    assert level(answers(**{question: value})) == "emergency"
    # even when every later answer is as worrying as it can be
    assert level(widespread(**{question: value}, weakness="yes")) == "emergency"


@pytest.mark.parametrize("question", WARNING_SIGNS)
@pytest.mark.parametrize("value", ["yes", "unsure"])
def test_weakness_or_wasting_needs_a_doctor(question, value):
    assert level(answers(**{question: value})) == "doctor_needed"
    assert level(widespread(**{question: value})) == "doctor_needed"


def test_red_flag_wins_over_weakness():
    assert level(answers(speech_difficulty="unsure", weakness="yes")) == "emergency"


def test_persistent_widespread_after_trying_changes_is_doctor_advised():
    assert level(widespread()) == "doctor_advised"


@pytest.mark.parametrize("spread", ["one_area", "widespread"])
@pytest.mark.parametrize("tried", ["yes", "nothing_to_change"])
def test_persistent_twitching_anywhere_after_trying_or_with_nothing_to_change_is_doctor_advised(spread, tried):
    assert level(answers(spread=spread, duration="over_3_weeks", lifestyle_tried=tried)) == "doctor_advised"


@pytest.mark.parametrize("spread", ["one_area", "widespread"])
@pytest.mark.parametrize("duration", ["under_1_week", "1_to_3_weeks", "over_3_weeks"])
def test_a_medicine_among_the_triggers_is_doctor_advised(spread, duration):
    a = answers(spread=spread, duration=duration, lifestyle_tried="no", triggers=["stress", "medication"])
    assert level(a) == "doctor_advised"
    assert level(dict(a, triggers=["stress"])) == "self_care"


@pytest.mark.parametrize("spread,duration,tried", [
    ("widespread", "over_3_weeks", "no"),
    ("one_area", "over_3_weeks", "no"),
    ("widespread", "1_to_3_weeks", "yes"),
    ("widespread", "under_1_week", "yes"),
    ("one_area", "under_1_week", "no"),
])
def test_otherwise_self_care(spread, duration, tried):
    assert level(answers(spread=spread, duration=duration, lifestyle_tried=tried,
                         triggers=[t for t in TRIGGERS if t != "medication"])) == "self_care"


def spec_level(a) -> str:
    """The spec's five decision rules (version 2.0), written out here."""
    alarm = ("yes", "unsure")
    if any(a[q] in alarm for q in RED_FLAGS):
        return "emergency"
    if any(a[q] in alarm for q in WARNING_SIGNS):
        return "doctor_needed"
    if a["duration"] == "over_3_weeks" and a["lifestyle_tried"] in ("yes", "nothing_to_change"):
        return "doctor_advised"
    if "medication" in a["triggers"]:
        return "doctor_advised"
    return "self_care"


def test_full_table_against_the_spec():
    """Every level-relevant combination (and both spreads), checked against the spec's rules."""
    yn = ["yes", "no", "unsure"]
    count = 0
    for flags in itertools.product(yn, repeat=6):
        for spread, duration, tried, medicine in itertools.product(
                ["one_area", "widespread"], ["under_1_week", "1_to_3_weeks", "over_3_weeks"],
                ["yes", "nothing_to_change", "no"], [False, True]):
            a = dict(zip(RED_FLAGS + WARNING_SIGNS, flags), spread=spread, area="calf", duration=duration,
                     lifestyle_tried=tried, triggers=["stress"] + (["medication"] if medicine else []))
            assert level(a) == spec_level(a), a
            count += 1
    assert count == 3 ** 6 * 2 * 3 * 3 * 2


def test_spread_never_changes_the_level():
    yn = ["yes", "no", "unsure"]
    for flags in itertools.product(yn, repeat=6):
        for duration, tried in itertools.product(["under_1_week", "1_to_3_weeks", "over_3_weeks"],
                                                 ["yes", "nothing_to_change", "no"]):
            a = dict(zip(RED_FLAGS + WARNING_SIGNS, flags), duration=duration, lifestyle_tried=tried,
                     triggers=[], area="thumb")
            assert level(dict(a, spread="one_area")) == level(dict(a, spread="widespread")), a


def walk(a):
    """Answer the flow one question at a time from a complete set; return the ids asked."""
    asked = {}
    while True:
        q = triage_core.next_question(CID, asked)
        if q is None:
            return list(asked)
        asked[q["id"]] = a[q["id"]]


def test_flow_order_when_nothing_is_wrong():
    assert walk(answers()) == RED_FLAGS + WARNING_SIGNS + ["spread", "area", "duration", "triggers"]


@pytest.mark.parametrize("i", range(4))
@pytest.mark.parametrize("value", ["yes", "unsure"])
def test_first_red_flag_ends_the_flow(i, value):
    assert walk(answers(**{RED_FLAGS[i]: value})) == RED_FLAGS[:i + 1]


@pytest.mark.parametrize("i", range(2))
@pytest.mark.parametrize("value", ["yes", "unsure"])
def test_first_warning_sign_ends_the_flow(i, value):
    assert walk(answers(**{WARNING_SIGNS[i]: value})) == RED_FLAGS + WARNING_SIGNS[:i + 1]


def test_area_only_for_one_area():
    assert "area" in walk(answers(spread="one_area"))
    assert "area" not in walk(widespread())


@pytest.mark.parametrize("spread,duration,asked", [
    ("widespread", "over_3_weeks", True),
    ("widespread", "1_to_3_weeks", False),
    ("one_area", "over_3_weeks", True),
    ("one_area", "under_1_week", False),
])
def test_lifestyle_tried_whenever_over_3_weeks(spread, duration, asked):
    a = answers(spread=spread, duration=duration, lifestyle_tried="no")
    assert ("lifestyle_tried" in walk(a)) is asked


def test_triggers_always_asked_once_reached_and_last():
    for a in (answers(), widespread(), widespread(lifestyle_tried="no")):
        assert walk(a)[-1] == "triggers"


def test_next_question_is_none_when_complete_and_ignores_extras():
    assert triage_core.next_question(CID, answers()) is None
    assert triage_core.next_question(CID, {"breathing_difficulty": "yes", "triggers": ["stress"]}) is None


def test_answers_the_flow_would_not_ask_are_checked_then_ignored():
    a = widespread(area="thumb")
    assert level(a) == "doctor_advised"
    with pytest.raises(triage_core.TriageInputError, match="'area'"):
        triage_core.evaluate(CID, widespread(area="knee"))


def test_missing_answers_are_listed():
    with pytest.raises(triage_core.TriageInputError) as err:
        triage_core.evaluate(CID, {"breathing_difficulty": "no", "weakness": "no"})
    assert str(err.value) == ("missing answers the flow needs: swallowing_difficulty, "
                              "speech_difficulty, sudden_weakness, wasting, spread, duration, triggers")


def test_missing_conditional_answer_is_listed_once_its_condition_is_known():
    a = widespread()
    del a["lifestyle_tried"]
    with pytest.raises(triage_core.TriageInputError, match="needs: lifestyle_tried$"):
        triage_core.evaluate(CID, a)
