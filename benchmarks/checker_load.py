"""Cold-start benchmark of the checker page, side by side in one run (figures, not a test).

Loads each page in a fresh browser context, round-robin so that drift on a shared machine hits
every page alike (the heavy Pyodide page in a loop of its own), and prints the median of
several runs:
  - our checker page (PyScript + MicroPython, first question in the HTML),
  - a plain PyScript + Pyodide page running the same core (built here in a temp folder),
  - a bare PyScript + MicroPython page that runs one line (the floor for "Python ready"),
  - the site's step-by-step page (the light page, no script), an article page in the Material
    theme, and a minimal HTML page (floors for the first paint).
"Question" is when the first question is on screen: the first contentful paint, or the first
frame after the question entered the page if that came later. "Python ready" is when the page
marks itself ready. Also requests and uncompressed bytes, and ratios. The browser has the
test suite's flags (tests/support.py): without them headless Chromium loads its omnibox popup
page with every fresh context, in a renderer of its own, while the page under test loads.

With --networks RUNS it also loads the checker, the bare MicroPython page, the step-by-step and
the article page on emulated connections (broadband, slow 4G, 3G, slow 3G), with the files as
they are and gzipped (as GitHub Pages sends them). Each request then pays a round trip, as on a
real network: that is where requesting the runtime's files at once counts, and on the slow
ones the first question in the HTML matters most.

Usage: .venv/bin/python benchmarks/checker_load.py [--runs 7] [--site DIR] [--networks 3]
"""
import argparse
import json
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from support import CHROMIUM_ARGS, StaticServer, chromium_path  # noqa: E402

sys.path.insert(0, str(ROOT / "benchmarks"))
from pages_server import GzipHandler  # noqa: E402

from site_build import browser_files  # noqa: E402

# Records when the first question is in the page and painted, and when Python says it is ready,
# then says "done" on the console. The driver waits for that message instead of polling: a
# Playwright wait injects a script of its own, tens of ms of the main thread in the middle of the
# page's start-up (measured: 76 ms, right before PyScript ran), which no reader's browser pays.
DONE = "bench:done"
PROBE = """
((questionSelector, waitReady) => {
  const b = window.__bench = {};
  const check = () => {
    if (!b.said && b.framed !== undefined && b.fcp !== undefined && (!waitReady || b.ready !== undefined)) {
      b.said = true;
      console.debug(%s);
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') b.fcp = e.startTime;
    check();
  }).observe({type: 'paint', buffered: true});
  const mark = () => {
    if (b.dom === undefined && document.querySelector(questionSelector)) {
      b.dom = performance.now();
      requestAnimationFrame(() => setTimeout(() => { b.framed = performance.now(); check(); }, 0));
    }
    if (b.ready === undefined && document.querySelector('[data-state=ready], [data-bench-ready]')) {
      b.ready = performance.now();
    }
    check();
  };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true,
    attributeFilter: ['data-state', 'data-bench-ready', 'data-bench-question']});
})(%%s, %%s);
""" % json.dumps(DONE)

PYODIDE_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pyodide baseline</title>
<link rel="icon" href="data:,">
<py-config>{config}</py-config>
<mpy-config>{{"plugins": {plugins}}}</mpy-config>
<script type="module" src="runtime/pyscript/core.js"></script>
</head><body>
<main><h1>Pyodide baseline</h1><div id="out"></div></main>
<script type="py">
import triage_core
from pyscript import document
q = triage_core.next_question("fasciculations", {{}})
out = document.getElementById("out")
out.textContent = q["text"]
out.setAttribute("data-bench-question", "")
out.setAttribute("data-bench-ready", "")
</script>
</body></html>
"""


def build_site(dest: pathlib.Path) -> pathlib.Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(dest)],
                   cwd=ROOT, env=env, check=True)
    return dest


def make_pyodide_page(site: pathlib.Path) -> str:
    """A plain PyScript + Pyodide page in the built site, using the same core files."""
    pyodide_src = ROOT / "node_modules" / "pyodide"
    dest = site / "bench-pyodide"
    dest.mkdir(exist_ok=True)
    runtime = dest / "runtime"
    if not runtime.exists():
        shutil.copytree(site / browser_files.RUNTIME_DIR, runtime)
        shutil.copytree(pyodide_src, runtime / "pyodide",
                        ignore=shutil.ignore_patterns("*.map", "*.html", "*.d.ts", "README.md"))
    files = {}
    for _src, rel in browser_files.python_sources():
        files["../" + browser_files.PY_DIR + "/" + rel] = "./" + rel
    config = {"interpreter": "./runtime/pyodide/pyodide.mjs", "files": files,
              "plugins": browser_files.PYSCRIPT_PLUGINS_OFF}
    (dest / "index.html").write_text(PYODIDE_PAGE.format(
        config=json.dumps(config), plugins=json.dumps(browser_files.PYSCRIPT_PLUGINS_OFF)))
    return "bench-pyodide/"


MICROPYTHON_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MicroPython baseline</title>
<link rel="icon" href="data:,">
<py-config>{{"plugins": {plugins}}}</py-config>
<mpy-config>{config}</mpy-config>
<script type="module" src="../{runtime}/pyscript/core.js"></script>
</head><body>
<main><h1>MicroPython baseline</h1><p id="out">Loading</p></main>
<script type="mpy">
from pyscript import document
document.getElementById("out").setAttribute("data-bench-ready", "")
</script>
</body></html>
"""

MINIMAL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Minimal page</title>
<link rel="icon" href="data:,"></head><body><main>
<form data-question><fieldset><legend><h1>Do you have any trouble breathing?</h1></legend>
<label><input type="radio" name="q" value="yes"> Yes</label>
<label><input type="radio" name="q" value="no"> No</label></fieldset>
<button>Continue</button></form></main></body></html>
"""


def make_baseline_pages(site: pathlib.Path) -> tuple:
    """A bare PyScript + MicroPython page (same runtime files, plugins off) and a minimal page."""
    dest = site / "bench-baselines"
    dest.mkdir(exist_ok=True)
    plugins = json.dumps(browser_files.PYSCRIPT_PLUGINS_OFF)
    config = json.dumps({"interpreter": "../" + browser_files.RUNTIME_DIR + "/micropython/micropython.mjs",
                         "plugins": browser_files.PYSCRIPT_PLUGINS_OFF})
    (dest / "micropython.html").write_text(MICROPYTHON_PAGE.format(
        plugins=plugins, config=config, runtime=browser_files.RUNTIME_DIR))
    (dest / "minimal.html").write_text(MINIMAL_PAGE)
    return "bench-baselines/micropython.html", "bench-baselines/minimal.html"


# Requests and uncompressed bytes, read from the page's own Resource Timing entries (no
# per-request callbacks into this process, which would compete for the CPU being measured).
RESOURCES = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource');
  return {requests: 1 + res.length,
          bytes: nav.decodedBodySize + res.reduce((sum, r) => sum + r.decodedBodySize, 0)};
}"""


# Slow connections, as Chromium's network emulation sets them (latency ms, bytes/s down and up).
# Each is run twice: files served as they are, and gzipped as a host like GitHub Pages sends them.
NETWORKS = {
    "broadband (20 Mb/s, 40 ms)": (40, 20e6 / 8),
    "slow 4G (1.6 Mb/s, 150 ms)": (150, 1.6e6 / 8),
    "3G (750 kb/s, 300 ms)": (300, 750e3 / 8),
    "slow 3G (400 kb/s, 400 ms)": (400, 400e3 / 8),
}


def measure(browser, url: str, wait_ready: bool, question_selector, network=None) -> dict:
    ctx = browser.new_context()
    page = ctx.new_page()
    if network:
        latency, rate = network
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": latency,
                                                      "downloadThroughput": rate,
                                                      "uploadThroughput": rate})
    page.add_init_script(PROBE % (json.dumps(question_selector or "body *"), json.dumps(wait_ready)))
    with page.expect_console_message(lambda m: m.text == DONE, timeout=60000):
        page.goto(url, wait_until="commit")
    page.wait_for_timeout(300)  # let late requests finish
    bench = page.evaluate("window.__bench")
    resources = page.evaluate(RESOURCES)
    ctx.close()
    question = None
    if question_selector:
        question = bench["fcp"] if bench["fcp"] >= bench["dom"] else bench["framed"]
    return {"question": question, "ready": bench.get("ready"), **resources}


def summarise(samples):
    def med(key):
        vals = [s[key] for s in samples if s[key] is not None]
        return statistics.median(vals) if vals else None
    return {k: med(k) for k in ("question", "ready", "requests", "bytes")}


def fmt(value, digits=0):
    return "-" if value is None else "%.*f" % (digits, value)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--site", type=pathlib.Path)
    ap.add_argument("--static-path", default="checker/static/",
                    help="the static page to compare with (site-relative)")
    ap.add_argument("--networks", type=int, default=0, metavar="RUNS",
                    help="also load the checker, the step-by-step and the article page on slow connections, "
                         "median of RUNS runs each (about a minute per run)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(pathlib.Path(tmp) / "site")
        pyodide_path = make_pyodide_page(site)
        micropython_path, minimal_path = make_baseline_pages(site)
        pages = [
            ("checker (PyScript + MicroPython)", "checker/", True, "form[data-question]"),
            ("PyScript + Pyodide, same core", pyodide_path, True, "[data-bench-question]"),
            ("bare PyScript + MicroPython page", micropython_path, True, None),
            ("static HTML (step-by-step checker)", args.static_path, False, "main h1"),
            ("article page (Material theme)", "fasciculations/", False, "article h1"),
            ("minimal HTML page", minimal_path, False, "form[data-question]"),
        ]
        samples = {name: [] for name, *_ in pages}
        with StaticServer(site) as srv, StaticServer(site, GzipHandler) as gz, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            # The light pages round-robin; Pyodide (13 MB, seconds of CPU) in a loop of its own,
            # so that it does not slow whichever page happens to follow it.
            light = [p for p in pages if p[1] != pyodide_path]
            for _ in range(args.runs):
                for name, path, ready, selector in light:
                    samples[name].append(measure(browser, srv.origin + "/" + path, ready, selector))
            for name, path, ready, selector in pages:
                if path == pyodide_path:
                    samples[name] = [measure(browser, srv.origin + "/" + path, ready, selector)
                                     for _ in range(args.runs)]
            slow = {}
            for network_name, network in NETWORKS.items() if args.networks else ():
                for name, path, ready, selector in (pages[0], pages[2], pages[3], pages[4]):
                    for served, host in (("as is", srv), ("gzip", gz)):
                        slow[(network_name, name, served)] = summarise([
                            measure(browser, host.origin + "/" + path, ready, selector, network)
                            for _ in range(args.networks)])
            version = browser.version
            browser.close()
    results = {name: summarise(s) for name, s in samples.items()}
    print("Cold start, median of %d runs, round-robin (headless Chromium %s, 127.0.0.1)" % (args.runs, version))
    print("%-38s %12s %12s %9s %12s" % ("page", "question ms", "python ms", "requests", "bytes"))
    for name, r in results.items():
        print("%-38s %12s %12s %9d %12d" % (name, fmt(r["question"]), fmt(r["ready"]),
                                            r["requests"], r["bytes"]))
    checker = results["checker (PyScript + MicroPython)"]
    pyodide = results["PyScript + Pyodide, same core"]
    bare = results["bare PyScript + MicroPython page"]
    static = results["static HTML (step-by-step checker)"]
    minimal = results["minimal HTML page"]
    print("ratios: checker/static question %.2f, checker/minimal question %.2f; checker/bare-MicroPython "
          "ready %.2f (%+.0f ms); pyodide/checker ready %.1f, bytes %.1f" % (
              checker["question"] / static["question"], checker["question"] / minimal["question"],
              checker["ready"] / bare["ready"], checker["ready"] - bare["ready"],
              pyodide["ready"] / checker["ready"], pyodide["bytes"] / checker["bytes"]))
    print("targets: question <= 150 ms: %s; python ready <= 500 ms: %s (stretch 350 ms: %s); "
          "bytes < 1 MB: %s" % (checker["question"] <= 150, checker["ready"] <= 500,
                                checker["ready"] <= 350, checker["bytes"] < 1_000_000))
    if slow:
        print()
        print("Emulated connections, files as they are and gzipped, median of %d runs" % args.networks)
        print("%-28s %-36s %-6s %12s %12s" % ("connection", "page", "files", "question ms", "python ms"))
        for (network_name, name, served), r in slow.items():
            print("%-28s %-36s %-6s %12s %12s" % (network_name, name, served, fmt(r["question"]),
                                                  fmt(r["ready"])))
        print("checker/bare-MicroPython ready: " + "; ".join(
            "%s %s %.2f (%+.0f ms)" % (network_name.split(" (")[0], served, r["ready"] / bare_r["ready"],
                                       r["ready"] - bare_r["ready"])
            for (network_name, name, served), r in slow.items()
            if name == pages[0][0]
            for bare_r in [slow[(network_name, pages[2][0], served)]]))


if __name__ == "__main__":
    main()
