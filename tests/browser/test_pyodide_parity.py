"""The same engine gives the same results under Pyodide (CPython compiled to wasm, as PyScript's
`py` type runs it in Chromium) as under this CPython, over every level-relevant combination."""
import hashlib
import itertools
import json
import shutil

import pytest

import triage_core
from site_build import browser_files
from support import ROOT, StaticServer

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pyodide parity</title>
<link rel="icon" href="data:,">
<mpy-config>{off}</mpy-config>
<py-config>{config}</py-config>
<script type="module" src="runtime/pyscript/core.js"></script></head>
<body><pre id="out"></pre>
<script type="py">
import hashlib
import json
import triage_core
from pyscript import document
with open("sets.json") as f:
    sets = json.load(f)
out = [triage_core.evaluate("fasciculations", a) for a in sets]
digest = hashlib.sha256(json.dumps(out, sort_keys=True).encode()).hexdigest()
document.getElementById("out").textContent = json.dumps({"levels": [r["level"] for r in out], "sha256": digest})
</script></body></html>
"""


def answer_sets():
    yn = ["yes", "no", "unsure"]
    names = ["breathing_difficulty", "swallowing_difficulty", "speech_difficulty", "sudden_weakness", "weakness",
             "wasting", "duration", "lifestyle_tried", "medicine"]
    triggers = [[], ["stress"], ["caffeine"], ["nerve_recovery", "exercise", "diet"]]
    sets = []
    durations = ["under_1_week", "1_to_3_weeks", "over_3_weeks"]
    for i, combo in enumerate(itertools.product(*[yn] * 6, durations, ["yes", "nothing_to_change", "no"],
                                                [False, True])):
        answers = dict(zip(names, combo))
        answers["triggers"] = triggers[i % len(triggers)] + (["medication"] if answers.pop("medicine") else [])
        answers["spread"] = ["one_area", "widespread"][i % 2]
        answers["area"] = ["eyelid", "calf", "thumb", "other"][i % 4]
        sets.append(answers)
    return sets


def test_pyodide_matches_cpython(page, tmp_path):
    pyodide = ROOT / "node_modules" / "pyodide"
    if not (pyodide / "pyodide.asm.wasm").exists():
        pytest.fail("node_modules/pyodide is missing: run scripts/test.sh, which runs npm ci")
    for src, rel in browser_files.runtime_files():
        (tmp_path / "runtime" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, tmp_path / "runtime" / rel)
    shutil.copytree(pyodide, tmp_path / "runtime" / "pyodide",
                    ignore=shutil.ignore_patterns("*.map", "*.html", "*.d.ts", "README.md"))
    files = {"./sets.json": "./sets.json"}
    for src, rel in browser_files.python_sources():
        (tmp_path / "py" / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, tmp_path / "py" / rel)
        files["./py/" + rel] = "./" + rel
    sets = answer_sets()
    (tmp_path / "sets.json").write_text(json.dumps(sets))
    off = json.dumps({"plugins": browser_files.PYSCRIPT_PLUGINS_OFF})
    config = json.dumps({"interpreter": "./runtime/pyodide/pyodide.mjs", "files": files,
                         "plugins": browser_files.PYSCRIPT_PLUGINS_OFF})
    (tmp_path / "index.html").write_text(PAGE.replace("{off}", off).replace("{config}", config))

    with StaticServer(tmp_path) as srv:
        page.goto(srv.origin + "/index.html")
        page.wait_for_function("document.getElementById('out').textContent.length > 0", timeout=90000)
        in_pyodide = json.loads(page.inner_text("#out"))
        assert page.log.foreign_requests(srv.origin) == []
    expected = [triage_core.evaluate("fasciculations", a) for a in sets]
    assert len(in_pyodide["levels"]) == len(sets) == 3 ** 6 * 3 * 3 * 2
    mismatches = [(a, got, want["level"]) for a, got, want in zip(sets, in_pyodide["levels"], expected)
                  if got != want["level"]]
    assert mismatches == []
    # every key of every result, not only the level
    assert in_pyodide["sha256"] == hashlib.sha256(json.dumps(expected, sort_keys=True).encode()).hexdigest()
