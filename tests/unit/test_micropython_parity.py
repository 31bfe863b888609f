"""The engine gives the same answers under MicroPython (the browser's interpreter) as under CPython.

Every level-relevant combination is evaluated, with a seeded sample of areas and triggers, plus
partial sets, fragments, question and condition lookups and hostile inputs. One Node process runs
the whole batch under the PyScript MicroPython wasm build.
"""
import itertools
import json
import pathlib
import random
import shutil
import subprocess
import sys

import pytest

from engine_cases import CID, RED_FLAGS, TRIGGERS, WARNING_SIGNS

ROOT = pathlib.Path(__file__).resolve().parents[2]
NODE_DIR = ROOT / "tests" / "node"
MICROPYTHON = ROOT / "node_modules" / "@micropython" / "micropython-webassembly-pyscript" / "micropython.mjs"
ORDER = RED_FLAGS + WARNING_SIGNS + ["spread", "area", "duration", "lifestyle_tried", "triggers"]

sys.path.insert(0, str(NODE_DIR))
import parity_runner  # noqa: E402


def node():
    return shutil.which("node") or ("/usr/bin/node" if pathlib.Path("/usr/bin/node").exists() else None)


def run_under_micropython(batch: list, path: pathlib.Path, timeout: int = 600) -> list:
    """Run a batch of parity_runner calls under MicroPython (wasm, in Node) and return one
    output line per call."""
    path.write_text(json.dumps(batch))
    proc = subprocess.run([node(), str(NODE_DIR / "run_micropython.mjs"), MICROPYTHON.as_uri(), str(ROOT),
                           str(path)], capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[-1] == "__implementation__ micropython"
    return lines[:-1]


def cases() -> list:
    rng = random.Random(1125)
    yn = ["yes", "no", "unsure"]
    out = []
    for combo in itertools.product(yn, yn, yn, yn, yn, yn, ["under_1_week", "1_to_3_weeks", "over_3_weeks"],
                                   ["yes", "nothing_to_change", "no"], [False, True]):
        a = dict(zip(RED_FLAGS + WARNING_SIGNS + ["duration", "lifestyle_tried"], combo))
        a["spread"] = rng.choice(["one_area", "widespread"])
        a["area"] = rng.choice(["eyelid", "calf", "thumb", "other"])
        others = [t for t in TRIGGERS if t != "medication"]
        a["triggers"] = rng.sample(others, rng.randint(0, len(others))) + (["medication"] if combo[-1] else [])
        out.append({"call": "evaluate", "condition": CID, "answers": a})
        if rng.random() < 0.15:
            partial = {k: v for k, v in a.items() if rng.random() < 0.6}
            out.append({"call": "status", "condition": CID, "answers": partial})
            out.append({"call": "next_question", "condition": CID, "answers": partial})
            out.append({"call": "fragment_from_answers", "condition": CID, "answers": a})
            out.append({"call": "answers_from_fragment", "condition": CID,
                        "fragment": "#" + parity_runner.triage_core.fragment_from_answers(CID, partial)})
    out.append({"call": "evaluate", "condition": CID, "answers": {"breathing_difficulty": "yes"},
                "settings": {"emergency_number": "112"}})
    for qid in ORDER + ["nope"]:
        out.append({"call": "get_question", "condition": CID, "question": qid})
    out.append({"call": "get_condition", "condition": CID, "settings": {"emergency_number": "000"}})
    hostile_values = [None, True, 1, 2.5, -0.0, "", "YES", "caf\u00e9", "a\nb", "\u2028", "x" * 200, [], ["stress"],
                      ["stress", "stress"], ["stress", 1], {"a": 1}, "\U0001f600"]
    for _ in range(400):
        a = {q: rng.choice(["yes", "no", "one_area", "over_3_weeks", "calf"]) for q in rng.sample(ORDER, 4)}
        a[rng.choice(ORDER + ["unknown", "Spread", ""])] = rng.choice(hostile_values)
        out.append({"call": rng.choice(["evaluate", "status", "fragment_from_answers"]), "condition": CID,
                    "answers": a})
    for bad in [[], "x", None, 3]:
        out.append({"call": "evaluate", "condition": CID, "answers": bad})
    for condition in ["../etc", "migraine", "", "Fasciculations"]:
        out.append({"call": "evaluate", "condition": condition, "answers": {}})
    out.append({"call": "evaluate", "condition": CID, "answers": {}, "settings": {"colour": "red"}})
    for fragment in ["#spread=one_area&spread=widespread", "triggers=stress,,diet", "weakness=%zz", "a", "#&&",
                     "spread=one%5farea", "spread=%E2%80%A8", "triggers=", "x=1&y=2&z=3&w=4&v=5&u=6&t=7",
                     "weakness=unsure&triggers=nerve_recovery,caffeine", "#" + "%C3%A9" * 30]:
        out.append({"call": "answers_from_fragment", "condition": CID, "fragment": fragment})
    return out


@pytest.fixture(scope="module")
def micropython_lines(tmp_path_factory):
    if node() is None:
        pytest.skip("node is not installed, so MicroPython parity cannot run")
    if not MICROPYTHON.exists():
        pytest.skip("node_modules lacks @micropython/micropython-webassembly-pyscript (run npm ci)")
    batch = cases()
    return batch, run_under_micropython(batch, tmp_path_factory.mktemp("parity") / "cases.json")


def test_every_call_matches_cpython(micropython_lines):
    batch, lines = micropython_lines
    assert len(lines) == len(batch)
    evaluated = 0
    for case, line in zip(batch, lines):
        expected = json.loads(json.dumps(parity_runner.run_case(json.loads(json.dumps(case)))))
        assert json.loads(line) == expected, case
        evaluated += case["call"] == "evaluate" and "ok" in expected
    assert evaluated >= 3 ** 6 * 3 * 3 * 2


def test_hostile_inputs_were_refused_the_same_way(micropython_lines):
    batch, lines = micropython_lines
    errors = [json.loads(line)["error"] for line in lines if "error" in json.loads(line)]
    assert len(errors) > 300
    assert {kind for kind, _message in errors} == {"TriageInputError"}
