"""Print how fast the triage engine is: evaluations per second on CPython, under MicroPython
(the browser's interpreter) in Node and in headless Chromium through PyScript, and how long the
verifier takes. Figures only, not a test.

    python benchmarks/engine_bench.py
"""
import itertools
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import triage_core  # noqa: E402
from triage_core import catalog  # noqa: E402
from triage_core.verify import verify  # noqa: E402

CID = "fasciculations"
MICROPYTHON = ROOT / "node_modules" / "@micropython" / "micropython-webassembly-pyscript" / "micropython.mjs"

# The timed loop, the same under Node and in the browser (MicroPython's millisecond ticks).
TIMED_LOOP = """
triage_core.evaluate("fasciculations", sets[0])
start = time.ticks_ms()
for a in sets:
    triage_core.evaluate("fasciculations", a)
took = time.ticks_diff(time.ticks_ms(), start)
"""

MP_SCRIPT = """
import sys, json, time
sys.path.insert(0, "/bench")
import triage_core
with open("/bench/sets.json") as f:
    sets = json.loads(f.read())
{loop}print("RESULT %d %d" % (len(sets), took))
"""

NODE_SCRIPT = """
import fs from "node:fs";
import path from "node:path";
const [mpModule, root, setsFile, script] = process.argv.slice(2);
const { loadMicroPython } = await import(mpModule);
const out = [];
const mp = await loadMicroPython({ heapsize: 32 * 1024 * 1024, stdout: (l) => out.push(l) });
mp.FS.mkdir("/bench"); mp.FS.mkdir("/bench/triage_core"); mp.FS.mkdir("/bench/triage_core/conditions");
for (const dir of ["", "conditions"]) {
  const from = path.join(root, "triage_core", dir);
  for (const name of fs.readdirSync(from)) {
    if (/\\.(py|json)$/.test(name)) mp.FS.writeFile("/bench/triage_core/" + (dir ? dir + "/" : "") + name,
                                                   fs.readFileSync(path.join(from, name)));
  }
}
mp.FS.writeFile("/bench/sets.json", fs.readFileSync(setsFile));
mp.runPython(fs.readFileSync(script, "utf8"));
console.log(out.join("\\n"));
"""


def answer_sets() -> list:
    yn = ["yes", "no", "unsure"]
    sets = []
    for combo in itertools.product(*[yn] * 6, ["under_1_week", "1_to_3_weeks", "over_3_weeks"],
                                   ["yes", "nothing_to_change", "no"], [[], ["medication"]]):
        a = dict(zip(["breathing_difficulty", "swallowing_difficulty", "speech_difficulty", "sudden_weakness",
                      "weakness", "wasting", "duration", "lifestyle_tried", "triggers"], combo))
        a.update(spread="one_area", area="calf", triggers=["stress", "caffeine"] + a["triggers"])
        sets.append(a)
    return sets


def cpython(sets) -> float:
    triage_core.evaluate(CID, sets[0])
    best = None
    for _ in range(3):
        start = time.perf_counter()
        for a in sets:
            triage_core.evaluate(CID, a)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    return len(sets) / best


def micropython(sets):
    node = shutil.which("node")
    if node is None or not MICROPYTHON.exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        (tmp / "sets.json").write_text(json.dumps(sets))
        (tmp / "bench.py").write_text(MP_SCRIPT.replace("{loop}", TIMED_LOOP))
        (tmp / "bench.mjs").write_text(NODE_SCRIPT)
        proc = subprocess.run([node, str(tmp / "bench.mjs"), MICROPYTHON.as_uri(), str(ROOT),
                               str(tmp / "sets.json"), str(tmp / "bench.py")], capture_output=True, text=True)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            count, ms = map(int, line.split()[1:])
            return count * 1000 / max(ms, 1)
    raise RuntimeError("MicroPython run failed: " + proc.stderr)


BROWSER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>engine bench</title>
<link rel="icon" href="data:,">
<py-config>{off}</py-config>
<mpy-config>{config}</mpy-config>
<script type="module" src="runtime/pyscript/core.js"></script></head>
<body><p id="out">running</p>
<script type="mpy">
import json, time
import triage_core
from pyscript import document
with open("sets.json") as f:
    sets = json.loads(f.read())
{loop}document.getElementById("out").textContent = "RESULT %d %d" % (len(sets), took)
</script></body></html>
"""


def browser(sets):
    """Evaluations per second in headless Chromium, in PyScript's MicroPython as the page runs it."""
    sys.path.insert(0, str(ROOT / "tests"))
    from playwright.sync_api import sync_playwright
    from site_build import browser_files
    from support import CHROMIUM_ARGS, StaticServer, chromium_path

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        for src, rel in browser_files.runtime_files():
            (tmp / "runtime" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, tmp / "runtime" / rel)
        files = {"./sets.json": "./sets.json"}
        for src, rel in browser_files.python_sources():
            (tmp / "py" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, tmp / "py" / rel)
            files["./py/" + rel] = "./" + rel
        (tmp / "sets.json").write_text(json.dumps(sets))
        off = json.dumps({"plugins": browser_files.PYSCRIPT_PLUGINS_OFF})
        config = json.dumps({"interpreter": "./runtime/micropython/micropython.mjs", "files": files,
                             "plugins": browser_files.PYSCRIPT_PLUGINS_OFF})
        (tmp / "index.html").write_text(BROWSER_PAGE.replace("{off}", off).replace("{config}", config)
                                         .replace("{loop}", TIMED_LOOP))
        with StaticServer(tmp) as srv, sync_playwright() as pw:
            b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = b.new_page()
            page.goto(srv.origin + "/index.html")
            page.wait_for_function("document.getElementById('out').textContent.startsWith('RESULT')",
                                   timeout=120000)
            count, ms = map(int, page.inner_text("#out").split()[1:])
            b.close()
    return count * 1000 / max(ms, 1)


def main():
    sets = answer_sets()
    print("CPython %s: %d evaluations/second (%d answer sets, best of 3)" % (
        sys.version.split()[0], cpython(sets), len(sets)))
    rate = micropython(sets)
    if rate is None:
        print("MicroPython: skipped (node or node_modules missing)")
    else:
        print("MicroPython 1.28 wasm (Node): %d evaluations/second" % rate)
    print("MicroPython 1.28 in Chromium (PyScript): %d evaluations/second" % browser(sets))
    start = time.perf_counter()
    report = verify(catalog.get(CID))
    print("verifier: %d combinations, %d evaluations, %d failure(s) in %.2f s" % (
        report["combinations"], report["evaluations"], len(report["failures"]), time.perf_counter() - start))


if __name__ == "__main__":
    main()
