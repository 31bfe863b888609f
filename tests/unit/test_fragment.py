"""Answers carried in the URL fragment."""
import pytest

import triage_core
from engine_cases import CID, answers, widespread

E = triage_core.TriageInputError


def parse(text):
    return triage_core.answers_from_fragment(CID, text)


def test_round_trip_complete_set():
    a = answers(triggers=["caffeine", "stress"])
    text = triage_core.fragment_from_answers(CID, a)
    assert text == ("breathing_difficulty=no&swallowing_difficulty=no&speech_difficulty=no&sudden_weakness=no"
                    "&weakness=no&wasting=no&spread=one_area&area=eyelid&duration=under_1_week&triggers=caffeine,stress")
    assert parse("#" + text) == a
    assert parse(text) == a


def test_empty_triggers_means_none_and_absent_means_unanswered():
    assert parse("triggers=") == {"triggers": []}
    assert parse("") == {} and parse("#") == {}
    assert triage_core.fragment_from_answers(CID, {"triggers": []}) == "triggers="


def test_partial_set_resumes():
    a = parse("#breathing_difficulty=no&swallowing_difficulty=no")
    assert triage_core.next_question(CID, a)["id"] == "speech_difficulty"


def test_form_encoding_is_decoded():
    assert parse("spread=one%5Farea&triggers=stress%2Ccaffeine") == {"spread": "one_area",
                                                                     "triggers": ["stress", "caffeine"]}


def test_stray_ampersands_are_ignored():
    assert parse("&spread=one_area&&") == {"spread": "one_area"}


@pytest.mark.parametrize("text,message", [
    ("spread=everywhere", "'spread': 'everywhere' is not an option"),
    ("colour=red", "unknown question id 'colour'"),
    ("spread", "has no '='"),
    ("spread=one_area&spread=widespread", "'spread' is given more than once"),
    ("triggers=stress,stress", "'stress' is given more than once"),
    ("triggers=stress,,caffeine", "'' is not an option"),
    ("spread=%zz", "bad %-escape"),
    ("spread=%4", "bad %-escape"),
    ("spread=caf%C3%A9", "'caf%C3%A9' is not an option"),
    ("spread=", "'' is not an option"),
    ("weakness=Yes", "'Yes' is not an option"),
])
def test_invalid_fragments(text, message):
    with pytest.raises(E) as err:
        parse(text)
    assert message in str(err.value)


def test_fragment_lists_several_problems_on_one_line():
    with pytest.raises(E) as err:
        parse("a=1&b=2&spread=x")
    assert str(err.value).count(";") == 2 and "\n" not in str(err.value)


def test_not_text():
    with pytest.raises(E):
        parse(None)


def test_build_validates_and_keeps_flow_order():
    with pytest.raises(E):
        triage_core.fragment_from_answers(CID, {"spread": "nowhere"})
    assert triage_core.fragment_from_answers(CID, {"triggers": ["diet"], "weakness": "unsure"}) == \
        "weakness=unsure&triggers=diet"
    assert parse(triage_core.fragment_from_answers(CID, widespread())) == widespread()


def test_messages_escape_text_the_same_way_on_every_interpreter():
    with pytest.raises(E) as err:
        parse("spread=\U0001f600\u00e9")
    assert "'\\ud83d\\ude00\\u00e9' is not an option" in str(err.value)
