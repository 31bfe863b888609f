"""The helpers the browser glue relies on: condition metadata, questions, status."""
import pytest

import triage_core
from engine_cases import CID, LEVELS, RED_FLAGS, TRIGGERS, WARNING_SIGNS, answers, widespread

ORDER = RED_FLAGS + WARNING_SIGNS + ["spread", "area", "duration", "lifestyle_tried", "triggers"]


def test_get_condition():
    c = triage_core.get_condition(CID)
    assert c["id"] == CID and c["version"] == "2.0.0" and c["title"]
    assert [lv["id"] for lv in c["levels"]] == LEVELS
    assert c["questions"] == ORDER
    for lv in c["levels"]:
        assert lv["title"] and lv["headline"] and lv["source"] and lv["what_to_do"]
        assert all(list(item) == ["text", "source"] for item in lv["what_to_do"])
    assert "999" in triage_core.get_condition(CID, {"emergency_number": "999"})["levels"][0]["headline"]


@pytest.mark.parametrize("qid", ORDER)
def test_get_question_shape(qid):
    q = triage_core.get_question(CID, qid)
    keys = ["id", "type", "text", "hint", "why", "source", "options"]
    assert list(q) == keys + (["none_label"] if q["type"] == "multiple_choice" else [])
    assert q["id"] == qid and q["text"] and q["why"] and q["source"]
    assert isinstance(q["hint"], str)
    assert all(list(o) == ["id", "label"] and o["label"] for o in q["options"])


def test_question_options_in_spec_order():
    opts = lambda qid: [o["id"] for o in triage_core.get_question(CID, qid)["options"]]  # noqa: E731
    assert opts("weakness") == ["yes", "no", "unsure"]
    assert opts("spread") == ["one_area", "widespread"]
    assert opts("area") == ["eyelid", "calf", "thumb", "other"]
    assert opts("duration") == ["under_1_week", "1_to_3_weeks", "over_3_weeks"]
    assert opts("lifestyle_tried") == ["yes", "nothing_to_change", "no"]
    assert opts("triggers") == TRIGGERS
    assert triage_core.get_question(CID, "weakness")["type"] == "yes_no_unsure"
    assert triage_core.get_question(CID, "spread")["type"] == "single_choice"
    assert triage_core.get_question(CID, "triggers")["type"] == "multiple_choice"


def test_get_question_returns_a_copy():
    q = triage_core.get_question(CID, "spread")
    q["options"].clear()
    assert triage_core.get_question(CID, "spread")["options"]


@pytest.mark.parametrize("bad", ["nope", "", None, 3, ["spread"]])
def test_unknown_question(bad):
    with pytest.raises(triage_core.TriageInputError, match="unknown question id"):
        triage_core.get_question(CID, bad)


@pytest.mark.parametrize("bad", ["nope", "../fasciculations", "Fasciculations", "", None, 7, "a/b"])
def test_unknown_condition_everywhere(bad):
    for call in (lambda: triage_core.evaluate(bad, answers()), lambda: triage_core.next_question(bad, {}),
                 lambda: triage_core.get_condition(bad), lambda: triage_core.status(bad, {}),
                 lambda: triage_core.answers_from_fragment(bad, ""),
                 lambda: triage_core.fragment_from_answers(bad, {})):
        with pytest.raises(triage_core.TriageInputError, match="unknown condition"):
            call()


def test_status_partial_and_complete():
    s = triage_core.status(CID, {"breathing_difficulty": "no"})
    assert s == {"complete": False, "asked": ["breathing_difficulty"], "next": "swallowing_difficulty",
                 "missing": ORDER[1:6] + ["spread", "duration", "triggers"]}
    s = triage_core.status(CID, widespread())
    assert s["complete"] is True and s["next"] is None and s["missing"] == []
    assert s["asked"] == RED_FLAGS + WARNING_SIGNS + ["spread", "duration", "lifestyle_tried", "triggers"]
    assert triage_core.status(CID, answers(speech_difficulty="yes"))["asked"] == RED_FLAGS[:3]
    assert triage_core.status(CID, answers(sudden_weakness="unsure"))["asked"] == RED_FLAGS


def test_status_with_a_gap_resumes_at_the_gap():
    a = answers()
    del a["swallowing_difficulty"]
    s = triage_core.status(CID, a)
    assert s["next"] == "swallowing_difficulty" and s["missing"] == ["swallowing_difficulty"]
    assert s["asked"] == ["breathing_difficulty"]


def test_next_question_is_a_full_question():
    assert triage_core.next_question(CID, {}) == triage_core.get_question(CID, "breathing_difficulty")
    q = triage_core.next_question(CID, {q: "no" for q in RED_FLAGS}, {"emergency_number": "000"})
    assert q["id"] == "weakness"
