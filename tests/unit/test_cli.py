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
    assert list(result) == ["condition", "rules_version", "level", "level_title", "headline", "timeframe",
                            "reasons", "unsure", "answers", "advice", "safety_net"]


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
                        "missing answers the flow needs: swallowing_difficulty, speech_difficulty, "
                        "sudden_weakness, weakness, wasting, spread, duration, triggers"),
    "repeated key": (["evaluate", "fasciculations", "--answers",
                      '{"breathing_difficulty": "yes", ' + json.dumps(answers())[1:-1] + "}"],
                     "--answers gives the key 'breathing_difficulty' more than once"),
    "repeated nested key": (["evaluate", "fasciculations", "--answers",
                             json.dumps(answers())[:-1] + ', "x": {"a": 1, "a": 2}}'],
                            "--answers gives the key 'a' more than once"),
    "--answers twice": (["evaluate", "fasciculations", "--answers", json.dumps(answers(breathing_difficulty="yes")),
                         "--answers", json.dumps(answers())], "--answers is given more than once"),
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
    assert "fasciculations 2.0.0: 13122 combinations" in p.stdout and "all invariants hold" in p.stdout


SPEC_CASES = {
    "sudden weakness yes": (answers(sudden_weakness="yes"), "emergency"),
    "sudden weakness unsure": (answers(sudden_weakness="unsure"), "emergency"),
    "one area, over 3 weeks, nothing to change": (
        answers(duration="over_3_weeks", lifestyle_tried="nothing_to_change"), "doctor_advised"),
    "one area, under a week, a medicine": (answers(triggers=["medication"]), "doctor_advised"),
    "widespread, over 3 weeks, not yet, no medicine": (widespread(lifestyle_tried="no", triggers=["stress"]),
                                                       "self_care"),
}


@pytest.mark.parametrize("name", list(SPEC_CASES))
def test_command_line_gives_the_spec_level(name):
    a, level = SPEC_CASES[name]
    p = evaluate(json.dumps(a))
    assert p.returncode == 0, p.stderr
    result = json.loads(p.stdout)
    assert result["level"] == level
    assert result["timeframe"]["text"] and result["level_title"]
    if name.startswith("widespread"):
        headline = result["headline"].lower()
        assert "try the changes" in headline and "talk to a doctor" in headline


def test_command_line_matches_the_engine_for_every_combination_the_verifier_walks():
    """One process evaluates every combination the verifier walks, through the CLI's own main()."""
    code = (
        "import io, json, sys, contextlib\n"
        "from triage_core import catalog, engine\n"
        "from triage_core.cli import main\n"
        "from triage_core.verify import level_questions, level_options, _choices\n"
        "import itertools\n"
        "c = catalog.get('fasciculations')\n"
        "rel = level_questions(c)\n"
        "named = {'triggers': level_options(c, 'triggers')}\n"
        "n = 0\n"
        "for combo in itertools.product(*[_choices(c, q, named) for q in rel]):\n"
        "    a = dict(zip(rel, combo), spread='widespread')\n"
        "    out = io.StringIO()\n"
        "    with contextlib.redirect_stdout(out):\n"
        "        assert main(['evaluate', 'fasciculations', '--answers', json.dumps(a)]) == 0\n"
        "    assert json.loads(out.getvalue()) == engine.evaluate(c, a)\n"
        "    n += 1\n"
        "print(n)\n")
    p = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "13122"


@pytest.mark.parametrize("command", ["verify", "flow"])
@pytest.mark.parametrize("what", ["missing", "folder", "deep"])
def test_rules_file_that_cannot_be_read_is_one_line_and_exit_2(tmp_path, command, what):
    path = tmp_path / "rules.json"
    if what == "folder":
        path.mkdir()
    elif what == "deep":
        path.write_text("[" * 100000 + "]" * 100000)
    p = run(command, "--rules", str(path))
    assert p.returncode == 2 and p.stdout == ""
    assert len(p.stderr.splitlines()) == 1 and p.stderr.startswith("error: --rules")
    assert "Traceback" not in p.stderr


def test_rules_nested_too_deeply_to_check_is_one_line(tmp_path, rules_doc):
    rules_doc["decision"][0]["when"] = "WHEN"
    when = '{"not": ' * 990 + '{"answer": "weakness", "in": ["yes"]}' + "}" * 990
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(rules_doc).replace('"WHEN"', when))
    p = run("verify", "--rules", str(path))
    assert p.returncode == 2 and len(p.stderr.splitlines()) == 1 and "nested too deeply" in p.stderr


@pytest.mark.parametrize("args", [["flow", "fasciculations", "--mermaid"], ["verify", "fasciculations"],
                                  ["evaluate", "fasciculations", "--answers", json.dumps(answers())]])
def test_a_broken_or_closed_stdout_is_one_line_not_a_traceback(args):
    p = subprocess.Popen([sys.executable, "-m", "triage_core", *args], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    p.stdout.close()    # the reader goes away before anything is written
    err = p.stderr.read().decode()
    assert p.wait(timeout=120) == 2
    assert err.splitlines() == ["error: could not write the output (Broken pipe)"]
    closed = subprocess.run(" ".join([sys.executable, "-m", "triage_core"] + ["'%s'" % a for a in args]) + " >&-",
                            shell=True, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert closed.returncode == 2 and closed.stderr.splitlines() == ["error: standard output is closed"]


def test_verify_a_broken_rules_file_fails(tmp_path, rules_doc):
    rules_doc["decision"][0]["when"]["any"].pop(2)      # speech no longer an emergency in the table
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
    assert "lifestyle_tried (only if duration is over_3_weeks)" in p.stdout
    m = run("flow", "fasciculations", "--mermaid")
    assert m.returncode == 0 and m.stdout.startswith("flowchart TD\n")
    assert 'q0 -- "yes or unsure" --> emergency' in m.stdout
