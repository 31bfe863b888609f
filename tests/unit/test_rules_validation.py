"""Rules validation returns every problem with its location, and loading refuses invalid rules."""
import json

import pytest

import triage_core
from triage_core import catalog
from triage_core.errors import RulesError
from triage_core.rules import is_source, validate


def test_real_rules_are_valid(rules_doc):
    assert validate(rules_doc) == []


def test_not_an_object():
    assert validate([]) == ["document: must be an object, got a list"]


def test_all_problems_listed_with_locations(rules_doc):
    rules_doc["questions"][3]["options"][1]["id"] = "yes"
    rules_doc["questions"][5]["options"][0]["concern"] = -1
    rules_doc["levels"][2]["source"] = "/about#x"
    rules_doc["flow"][7]["ask_if"] = {"answer": "triggers", "in": ["stress"]}
    rules_doc["decision"][0]["when"]["any"][0]["in"] = ["unsure"]
    rules_doc["decision"][1]["level"] = "urgent"
    rules_doc["advice"]["items"].pop()
    rules_doc["safety_net"][0]["text"] = "Call {emergency_numbr}."
    rules_doc["colour"] = "red"
    errors = validate(rules_doc)
    expected = [
        "document: unknown field 'colour'",
        "levels[2].source: source must be a site link like 'page/#anchor', got '/about#x'",
        "questions[3].options[1]: duplicate option id 'yes'",
        "questions[3].options: a yes_no_unsure question has exactly the options yes, no, unsure",
        "questions[5].options[0].concern: must be a whole number 0 or more",
        "flow[7].ask_if.answer: refers to 'triggers', which is not answered yet at this point",
        "decision[0].when.any[0].in[0]: 'unsure' counts as 'yes'; name 'yes' instead",
        "decision[1].level: unknown level 'urgent'",
        "advice.items: no advice for option 'nerve_recovery'",
        "safety_net[0].text: unknown placeholder {emergency_numbr}",
    ]
    for line in expected:
        assert line in errors, (line, errors)
    assert len(errors) >= len(expected)


def test_flow_problems(rules_doc):
    rules_doc["flow"].append({"question": "spread"})
    rules_doc["flow"][0]["ends_with"] = "nowhere"
    del rules_doc["flow"][1]
    rules_doc["flow"][2]["ends_with"] = "self_care"
    del rules_doc["flow"][2]["stop_if"]
    errors = validate(rules_doc)
    assert "flow[0].ends_with: a step with stop_if must end with a known level" in errors
    assert "flow[2].ends_with: only a step with stop_if ends the flow" in errors
    assert "flow[10].question: 'spread' is already asked earlier in the flow" in errors
    assert "flow: question 'swallowing_difficulty' is never asked" in errors


def test_decision_default_rule(rules_doc):
    rules_doc["decision"][-1]["when"] = {"answer": "spread", "in": ["one_area"]}
    del rules_doc["decision"][0]["when"]
    errors = validate(rules_doc)
    assert "decision[0]: only the last rule may leave out 'when'" in errors
    assert "decision[5]: the last rule is the default and has no 'when'" in errors


def test_counts_as_must_keep_the_same_concern(rules_doc):
    rules_doc["questions"][0]["options"][2]["concern"] = 0
    assert "questions[0].options[2].counts_as: an option that counts as 'yes' must have the same concern rank" \
        in validate(rules_doc)


def test_bad_conditions(rules_doc):
    rules_doc["decision"][0]["when"] = {"answer": "spread", "in": ["one_area"], "extra": 1}
    rules_doc["decision"][1]["when"] = {"any": []}
    rules_doc["decision"][2]["when"] = {"answer": "nope", "in": ["x"]}
    rules_doc["decision"][3]["when"] = {"answer": "spread", "in": ["sideways"]}
    errors = validate(rules_doc)
    assert "decision[0].when: a condition has either answer+in, all, any or not" in errors
    assert "decision[1].when.any: must not be empty" in errors
    assert "decision[2].when.answer: unknown question 'nope'" in errors
    assert "decision[3].when.in[0]: 'sideways' is not an option of 'spread'" in errors


def test_hostile_types_do_not_crash(rules_doc):
    rules_doc["questions"][0] = {"id": ["x"], "type": 3, "options": "yes"}
    rules_doc["flow"][0] = {"question": {"a": 1}}
    rules_doc["decision"][0]["when"] = {"answer": ["spread"], "in": "x"}
    rules_doc["advice"] = {"question": [], "levels": {}, "items": None}
    errors = validate(rules_doc)
    assert "flow[0].question: unknown question '{\\'a\\': 1}'" in errors
    assert any(e.startswith("questions[0].id: must be an id") for e in errors)
    assert "advice.items: must be a list, got null" in errors


@pytest.mark.parametrize("source,ok", [
    ("fasciculations/", True), ("fasciculations/causes/#stress", True), ("about/#policy-unsure", True),
    ("#top", True), ("", False), ("/about/#x", False), ("about#x", False), ("about/#", False),
    ("about/#a/b", False), ("https://example.org/", False), ("about//#x", False), ("About/", False),
])
def test_source_links(source, ok):
    assert is_source(source) is ok


def test_load_condition_raises_with_every_error(rules_doc):
    rules_doc["id"] = "Bad Id"
    rules_doc["version"] = ""
    with pytest.raises(RulesError) as err:
        triage_core.load_condition(rules_doc)
    assert err.value.errors[:2] == ["id: must be an id (a-z, 0-9, _)",
                                    "version: must be a version string such as '1.0.0'"]
    assert isinstance(err.value, ValueError)


def test_broken_rules_file_names_the_file(tmp_path, monkeypatch):
    (tmp_path / "conditions").mkdir()
    (tmp_path / "conditions" / "broken.json").write_text("{not json")
    (tmp_path / "conditions" / "other.json").write_text(json.dumps({"id": "x"}))
    monkeypatch.setattr(catalog, "conditions_dir", lambda: str(tmp_path / "conditions"))
    with pytest.raises(RulesError, match="broken.json: not valid JSON"):
        catalog.get("broken")
    with pytest.raises(RulesError, match="other.json: version"):
        catalog.get("other")
