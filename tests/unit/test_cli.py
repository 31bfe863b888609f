"""The command line, run as a real subprocess with this interpreter."""
import json
import pathlib
import subprocess
import sys

import pytest

from engine_cases import answers, widespread

ROOT = pathlib.Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "triage_core", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def evaluate(raw, condition="fasciculations"):
    return run("evaluate", condition, "--answers", raw)


def test_evaluate_prints_one_json_object():
    p = evaluate(json.dumps(widespread(triggers=["stress"])))
    assert p.returncode == 0 and p.stderr == ""
    assert p.stdout.count("\n") == 1
    result = json.loads(p.stdout)
    assert result["level"] == "doctor_advised"
    assert list(result) == ["condition", "level", "headline", "reasons", "unsure", "advice", "safety_net"]


def test_emergency_number_option():
    p = run("evaluate", "fasciculations", "--answers", json.dumps(answers(breathing_difficulty="yes")),
            "--emergency-number", "911")
    assert p.returncode == 0 and "Call 911 " in json.loads(p.stdout)["headline"]


BAD = {
    "unknown condition": (["evaluate", "migraine", "--answers", "{}"], "unknown condition 'migraine'"),
    "unknown question": (["evaluate", "fasciculations", "--answers", json.dumps(answers(colour="red"))],
                         "unknown question id 'colour'"),
    "option not allowed": (["evaluate", "fasciculations", "--answers", json.dumps(answers(spread="all"))],
                           "'spread': 'all' is not an option"),
    "triggers not a list": (["evaluate", "fasciculations", "--answers", json.dumps(answers(triggers="stress"))],
                            "'triggers': expected a list of option ids, got a string"),
    "number not string": (["evaluate", "fasciculations", "--answers", json.dumps(answers(weakness=1))],
                          "'weakness': expected one option id as a string, got a number"),
    "boolean not string": (["evaluate", "fasciculations", "--answers", json.dumps(answers(weakness=True))],
                           "got true/false"),
    "duplicate triggers": (["evaluate", "fasciculations", "--answers",
                            json.dumps(answers(triggers=["diet", "diet"]))], "'diet' is given more than once"),
    "malformed JSON": (["evaluate", "fasciculations", "--answers", "{'spread': 1"], "not valid JSON"),
    "not an object": (["evaluate", "fasciculations", "--answers", "[1, 2]"], "must be an object"),
    "null": (["evaluate", "fasciculations", "--answers", "null"], "got null"),
    "missing answers": (["evaluate", "fasciculations", "--answers", json.dumps({"breathing_difficulty": "no"})],
                        "missing answers the flow needs: swallowing_difficulty, speech_difficulty, weakness, "
                        "wasting, spread, duration, triggers"),
    "no --answers": (["evaluate", "fasciculations"], "--answers"),
    "newline in value": (["evaluate", "fasciculations", "--answers", json.dumps(answers(spread="a\nb\u2028c"))],
                         "'a\\u000ab\\u2028c' is not an option"),
}


@pytest.mark.parametrize("name", list(BAD))
def test_bad_input_is_one_line_on_stderr_and_exit_2(name):
    args, message = BAD[name]
    p = run(*args)
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr.endswith("\n") and p.stderr.count("\n") == 1 and len(p.stderr.splitlines()) == 1
    assert message in p.stderr


def test_verify_passes_and_reports_figures():
    p = run("verify", "fasciculations")
    assert p.returncode == 0, p.stderr
    assert "2916 combinations" in p.stdout and "all invariants hold" in p.stdout


def test_verify_a_broken_rules_file_fails(tmp_path, rules_doc):
    rules_doc["decision"][0]["when"]["any"].pop()       # speech no longer an emergency in the table
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(rules_doc))
    p = run("verify", "--rules", str(path))
    assert p.returncode == 1
    assert "FAIL fasciculations: red flag 'speech_difficulty' = 'yes' gives 'self_care', expected " \
           "'emergency'" in p.stderr


def test_verify_an_invalid_rules_file_lists_problems(tmp_path, rules_doc):
    rules_doc["levels"][0]["id"] = "doctor_needed"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(rules_doc))
    p = run("verify", "--rules", str(path))
    assert p.returncode == 1 and "RULES levels[1]: duplicate level id 'doctor_needed'" in p.stderr


def test_verify_site_anchors(tmp_path):
    p = run("verify", "fasciculations", "--site", str(tmp_path))
    assert p.returncode == 1
    assert "source 'fasciculations/when-to-get-help/#emergency' is not an anchor in the built site" in p.stderr


def test_flow_outline_and_mermaid():
    p = run("flow", "fasciculations")
    assert p.returncode == 0
    assert " 1. breathing_difficulty:" in p.stdout and "yes or unsure -> stop: emergency" in p.stdout
    assert "lifestyle_tried (only if spread is widespread and duration is over_3_weeks)" in p.stdout
    m = run("flow", "fasciculations", "--mermaid")
    assert m.returncode == 0 and m.stdout.startswith("flowchart TD\n")
    assert 'q0 -- "yes or unsure" --> emergency' in m.stdout
