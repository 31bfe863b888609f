"""A second, toy condition runs through the same engine, helpers and verifier with no engine change."""
import json
import os

import pytest

import triage_core
from engine_cases import FIXTURES
from triage_core import catalog
from triage_core.verify import level_questions, verify


@pytest.fixture
def headache(register):
    return register(json.loads((FIXTURES / "headache.json").read_text()))


def test_flow_and_result(headache):
    assert triage_core.next_question(headache, {})["id"] == "worst_ever"
    assert triage_core.next_question(headache, {"worst_ever": "unsure"}) is None
    r = triage_core.evaluate(headache, {"worst_ever": "unsure"})
    assert r["level"] == "urgent" and r["unsure"] == ["worst_ever"] and r["advice"] == []
    r = triage_core.evaluate(headache, {"worst_ever": "no", "hours": "long", "helps": ["water", "sleep"]})
    assert r["level"] == "rest"
    assert [a["id"] for a in r["advice"]] == ["water", "sleep"]
    assert [x["id"] for x in r["reasons"]] == ["hours"]
    assert r["safety_net"] == [{"text": "If it gets much worse, get help.", "source": "headache/#urgent"}]


def test_helpers_work_for_any_condition(headache):
    assert triage_core.get_condition(headache)["questions"] == ["worst_ever", "hours", "helps"]
    assert triage_core.answers_from_fragment(headache, "#hours=short&helps=") == {"hours": "short", "helps": []}
    assert triage_core.fragment_from_answers(headache, {"helps": ["sleep"]}) == "helps=sleep"
    # "helps" is asked only once "hours" is known, so only "hours" is listed as missing
    with pytest.raises(triage_core.TriageInputError, match="missing answers the flow needs: hours$"):
        triage_core.evaluate(headache, {"worst_ever": "no"})


def test_verifier_runs_on_it(headache):
    condition = catalog.get(headache)
    assert level_questions(condition) == ["worst_ever"]
    report = verify(condition)
    assert report["failures"] == [] and report["combinations"] == 3


def test_listed_with_the_installed_conditions(headache):
    installed = sorted(name[:-5] for name in os.listdir(catalog.conditions_dir()) if name.endswith(".json"))
    assert "headache" not in installed
    assert triage_core.condition_ids() == sorted(installed + ["headache"])


def test_forgotten_after_use():
    with pytest.raises(triage_core.TriageInputError, match="unknown condition 'headache'"):
        triage_core.evaluate("headache", {})


def test_rules_without_the_2_0_fields_stay_valid(headache):
    """Timeframes, must_not_say, safety-net promises and the urgent notice are optional."""
    r = triage_core.evaluate(headache, {"worst_ever": "yes"})
    assert r["timeframe"] is None and r["rules_version"] and r["level_title"]
    assert [a["question"] for a in r["answers"]] == ["worst_ever"]
    question = triage_core.get_question(headache, "worst_ever")["text"]
    # with no urgent_notice of its own, the red-flag questions are the notice
    assert triage_core.get_condition(headache)["urgent_notice"] == question + " If so, do not use this checker."
