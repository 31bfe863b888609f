"""The FHIR export, checked by engines nobody here wrote.

- Every exported Questionnaire and CodeSystem validates with the `fhir.resources` R4B models.
- The `fhirpath` npm package, run by Node, fills each Questionnaire the way a form does (an item
  is asked when its enableWhen / enableWhenExpression holds) for every combination the verifier
  walks, and computes the `level` item's calculatedExpression: the questions asked and the level
  must agree with triage_core on every one.
- The QuestionnaireResponse builder gives valid responses, and the same under MicroPython.

Conditions: every installed one, the headache fixture (its own level ids) and the cough fixture
here (a multiple choice read by a decision rule, under `not`, and by an ask_if; ask_ifs that
enableWhen cannot say). The cough fixture is made to stress the export, not to pass the clinical
verifier: its flow and decision table disagree on purpose, so only the flow's answers count.
"""
import itertools
import json
import pathlib
import subprocess

import pytest

import triage_core
from triage_core import catalog, engine, fhir, fhir_response
from triage_core.verify import level_questions
from test_micropython_parity import MICROPYTHON, NODE_DIR, node, parity_runner, run_under_micropython

try:  # rules 2.0's verifier walks only the options of a multiple choice that a rule names
    from triage_core.verify import level_options
except ImportError:
    level_options = None

from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"
SETTINGS = {"base": "https://example.org/site/", "publisher": "Test publisher", "date": "2026-11-25"}


@pytest.fixture(params=["installed", "headache.json", "cough_multi.json"])
def conditions(request, register) -> list:
    if request.param == "installed":
        return [catalog.get(cid) for cid in catalog.condition_ids()]
    cid = register(json.loads((FIXTURES / request.param).read_text(encoding="utf-8")))
    return [catalog.get(cid)]


def _subsets(options) -> list:
    subsets = [[]]
    for oid in options:
        subsets = subsets + [s + [oid] for s in subsets]
    return subsets


def combinations(condition) -> list:
    """The verifier's combinations of level-relevant answers (every option of a single choice,
    every subset of the options of a multiple choice that can move the level), each completed
    with the other questions' options, and a multiple choice's other options, in turn."""
    relevant = level_questions(condition)
    combos = [{}]
    extra = {}
    for qid in condition.order:
        options = condition.option_order[qid]
        multiple = condition.questions[qid]["type"] == "multiple_choice"
        named = options
        if multiple and qid in relevant and level_options is not None:
            named = level_options(condition, qid)
        if qid in relevant:
            choices = _subsets(named) if multiple else list(options)
            combos = [dict(c, **{qid: choice}) for c in combos for choice in choices]
        rest = [oid for oid in options if oid not in named or qid not in relevant]
        if rest:
            extra[qid] = itertools.cycle(([[]] + [[oid] for oid in rest] + [rest]) if multiple else rest)
    for combo in combos:
        for qid, cycle in extra.items():
            more = next(cycle)
            if isinstance(more, list):
                chosen = combo.get(qid, []) + more
                combo[qid] = [oid for oid in condition.option_order[qid] if oid in chosen]
            else:
                combo[qid] = more
    return combos


def as_codes(answers) -> dict:
    return {qid: (value if isinstance(value, list) else [value]) for qid, value in answers.items()}


def test_resources_validate_r4b(conditions):
    for condition in conditions:
        questionnaire = fhir.questionnaire(condition, SETTINGS)
        Questionnaire.model_validate(questionnaire)
        CodeSystem.model_validate(fhir.code_system(condition, SETTINGS))
        assert questionnaire["version"] == condition.version
        assert questionnaire["url"] == "https://example.org/site/fhir/Questionnaire-%s.json" % condition.id
        assert [item["linkId"] for item in questionnaire["item"]] == condition.order + ["level"]


def test_questionnaire_items_follow_the_rules(conditions):
    for condition in conditions:
        questionnaire = fhir.questionnaire(condition, SETTINGS)
        codes = fhir.code_system(condition, SETTINGS)
        defined = [concept["code"] for concept in codes["concept"]]
        for item in questionnaire["item"][:-1]:
            question = condition.questions[item["linkId"]]
            assert [o["valueCoding"]["code"] for o in item["answerOption"]] == condition.option_order[item["linkId"]]
            assert all(o["valueCoding"]["system"] == codes["url"] for o in item["answerOption"])
            assert all(o["valueCoding"]["code"] in defined for o in item["answerOption"])
            assert item.get("repeats", False) == (question["type"] == "multiple_choice")
            help_item = item["item"][0]
            assert help_item["type"] == "display" and help_item["extension"][0]["valueCodeableConcept"][
                "coding"][0]["code"] == "help"
            assert help_item["text"].startswith(engine.fill(condition, question["why"], {}))
        level = questionnaire["item"][-1]
        assert level["readOnly"] is True and level["type"] == "string"
        assert [level_["id"] for level_ in condition.levels] == [
            c["code"] for c in codes["concept"] if {"code": "kind", "valueCode": "level"} in c["property"]]


@pytest.fixture(scope="module")
def node_runner(tmp_path_factory):
    if node() is None:
        pytest.skip("node is not installed")
    if not (ROOT / "node_modules" / "fhirpath").is_dir():
        pytest.skip("node_modules lacks fhirpath (run npm ci)")
    folder = tmp_path_factory.mktemp("fhirpath")

    def run(questionnaire, cases):
        path = folder / "input.json"
        path.write_text(json.dumps({"questionnaire": questionnaire, "cases": cases}))
        proc = subprocess.run([node(), str(NODE_DIR / "fhir_eval.mjs"), str(path)], capture_output=True,
                              text=True, timeout=600, cwd=str(ROOT))
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line) for line in proc.stdout.splitlines()]
    return run


def test_fhirpath_engine_agrees_on_every_combination(conditions, node_runner):
    for condition in conditions:
        combos = combinations(condition)
        questionnaire = fhir.questionnaire(condition, SETTINGS)
        found = node_runner(questionnaire, [{"answers": as_codes(c)} for c in combos])
        assert len(found) == len(combos)
        levels = set()
        for combo, got in zip(combos, found):
            result, asked, _stop = engine.run(condition, combo)
            expected = {"asked": asked, "stable": True, "level": result["level"]}
            assert got == expected, "first disagreement for %s, answers %s: fhirpath %s, triage_core %s" % (
                condition.id, combo, got, expected)
            levels.add(result["level"])
        print("%s: fhirpath agrees with triage_core on %d combinations (levels %s)"
              % (condition.id, len(combos), ", ".join(sorted(levels))))


def test_level_is_empty_until_the_flow_is_complete(conditions, node_runner):
    """A half-filled form shows no level: stopped before any single-choice question the flow
    asks, the level item is empty."""
    for condition in conditions:
        cases = []
        for combo in combinations(condition)[:60]:
            _result, asked, _stop = engine.run(condition, combo)
            for n in range(len(asked)):
                if condition.questions[asked[n]]["type"] != "multiple_choice":
                    cases.append({"answers": as_codes({qid: combo[qid] for qid in asked[:n]})})
        assert cases
        found = node_runner(fhir.questionnaire(condition, SETTINGS), cases)
        for case, got in zip(cases, found):
            assert got["level"] == [], (condition.id, case, got)


def test_questionnaire_response_validates(conditions):
    for condition in conditions:
        for combo in combinations(condition)[::7]:
            result, asked, _stop = engine.run(condition, combo)
            answers = {qid: combo[qid] for qid in asked}
            response = fhir_response.questionnaire_response(
                condition, answers, result["level"], "2026-12-02T10:00:00.000Z", SETTINGS["base"])
            QuestionnaireResponse.model_validate(response)
            assert response["questionnaire"] == fhir.questionnaire(condition, SETTINGS)["url"] + "|" + condition.version
            assert response["item"][-1] == {"linkId": "level", "answer": [{"valueString": result["level"]}]}
            linked = [item["linkId"] for item in response["item"]]
            assert linked == [q for q in asked if as_codes(answers)[q]] + ["level"]


def test_questionnaire_response_is_the_same_under_micropython(tmp_path):
    if node() is None or not MICROPYTHON.exists():
        pytest.skip("node or the MicroPython wasm build is missing")
    condition = catalog.get("fasciculations")
    cases = []
    for combo in combinations(condition)[::97]:
        result, asked, _stop = engine.run(condition, combo)
        cases.append({"call": "fhir_response", "condition": condition.id, "level": result["level"],
                      "answers": {qid: combo[qid] for qid in asked}, "authored": "2026-12-02",
                      "base": SETTINGS["base"]})
    lines = run_under_micropython(cases, tmp_path / "cases.json")
    assert len(lines) == len(cases) > 20
    for case, line in zip(cases, lines):
        assert json.loads(line) == parity_runner.run_case(case)


def test_cli_prints_both_resources(capsys):
    from triage_core.cli import main
    assert main(["fhir", "fasciculations", "--base", "https://example.org/", "--date", "2026-11-25"]) == 0
    questionnaire = json.loads(capsys.readouterr().out)
    assert questionnaire["resourceType"] == "Questionnaire"
    Questionnaire.model_validate(questionnaire)
    assert main(["fhir", "fasciculations", "--codesystem"]) == 0
    codes = json.loads(capsys.readouterr().out)
    assert codes["resourceType"] == "CodeSystem" and codes["url"].startswith("urn:")
    CodeSystem.model_validate(codes)


def test_a_question_called_level_is_refused(rules_doc, register):
    rules_doc["id"] = "clash"
    rules_doc["questions"][0]["id"] = "level"
    for step in rules_doc["flow"]:
        if step["question"] == "breathing_difficulty":
            step["question"] = "level"
            step["stop_if"]["answer"] = "level"
    rules_doc["decision"][0]["when"]["any"][0]["answer"] = "level"
    rules_doc["decision"][0]["reasons"][0]["question"] = "level"
    with pytest.raises(ValueError):
        fhir.questionnaire(catalog.get(register(rules_doc)))


def test_placeholders_take_site_settings():
    """Texts carry the site's settings, as the checker shows them."""
    condition = catalog.get("fasciculations")
    given = dict(SETTINGS, emergency_number="112")
    text = json.dumps([fhir.questionnaire(condition, given), fhir.code_system(condition, given)])
    assert "{emergency_number}" not in text
    assert "112" in text
    with pytest.raises(ValueError):
        fhir.questionnaire(condition, {"colour": "red"})


def test_level_timeframe_goes_into_the_code_system():
    """Rules 2.0 levels may carry a timeframe: the CodeSystem states it when present."""
    condition = catalog.get("fasciculations")
    level = condition.levels[0]
    before = level.get("timeframe")
    level["timeframe"] = {"text": "Now.", "source": "about/#disclaimer"}
    try:
        codes = fhir.code_system(condition, SETTINGS)
    finally:
        if before is None:
            del level["timeframe"]
        else:
            level["timeframe"] = before
    CodeSystem.model_validate(codes)
    first = [c for c in codes["concept"] if c["code"] == condition.levels[0]["id"]][0]
    assert {"code": "timeframe", "valueString": "Now."} in first["property"]
