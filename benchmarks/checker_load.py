"""Cold-start benchmark of the checker page, side by side in one run (figures, not a test).

Compares, each in a fresh browser context, the median of several runs:
  - our checker page (PyScript + MicroPython, first question in the HTML),
  - a plain PyScript + Pyodide page running the same core (built here in a temp folder),
  - a static HTML page (the step-by-step checker's first page).
Prints time to the first answerable question, time until Python is ready, requests and
uncompressed bytes, and ratios against the static page.

Usage: .venv/bin/python benchmarks/checker_load.py [--runs 5] [--site DIR]
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

from site_build import browser_files  # noqa: E402

# Records when the first question is in the DOM and visible, and when Python says it is ready.
PROBE = """
((questionSelector) => {
  window.__bench = {};
  const mark = () => {
    const b = window.__bench;
    if (b.question === undefined) {
      const q = document.querySelector(questionSelector);
      if (q && q.getClientRects().length) b.question = performance.now();
    }
    if (b.ready === undefined) {
      const r = document.querySelector('[data-state=ready], [data-bench-ready]');
      if (r) b.ready = performance.now();
    }
  };
  new MutationObserver(mark).observe(document, {subtree: true, childList: true, attributes: true});
  document.addEventListener('readystatechange', mark);
})(%s);
"""

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


def measure(browser, url: str, wait_ready: bool, question_selector: str) -> dict:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.add_init_script(PROBE % json.dumps(question_selector))
    sizes = []
    page.on("requestfinished", lambda r: sizes.append(r))
    page.goto(url, wait_until="load")
    if wait_ready:
        page.wait_for_function("window.__bench.ready !== undefined", timeout=60000)
    page.wait_for_function("window.__bench.question !== undefined", timeout=60000)
    page.wait_for_timeout(300)  # let late requests (search index, chunks) finish
    bench = page.evaluate("window.__bench")
    total = 0
    for r in sizes:
        try:
            total += len(r.response().body())
        except Exception:
            pass
    ctx.close()
    return {"question": bench.get("question"), "ready": bench.get("ready"),
            "requests": len(sizes), "bytes": total}


def summarise(samples):
    def med(key):
        vals = [s[key] for s in samples if s[key] is not None]
        return statistics.median(vals) if vals else None
    return {k: med(k) for k in ("question", "ready", "requests", "bytes")}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--site", type=pathlib.Path)
    ap.add_argument("--static-path", default="checker/static/",
                    help="the static page to compare with (site-relative)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(pathlib.Path(tmp) / "site")
        pyodide_path = make_pyodide_page(site)
        pages = [
            ("checker (PyScript + MicroPython)", "checker/", True, "form[data-question]"),
            ("PyScript + Pyodide, same core", pyodide_path, True, "[data-bench-question]"),
            ("static HTML (step-by-step checker)", args.static_path, False, "article h1"),
        ]
        with StaticServer(site) as srv, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            results = {}
            for name, path, ready, selector in pages:
                samples = [measure(browser, srv.origin + "/" + path, ready, selector)
                           for _ in range(args.runs)]
                results[name] = summarise(samples)
            browser.close()
    static = results["static HTML (step-by-step checker)"]
    print("Cold start, median of %d runs (Chromium headless, 127.0.0.1)" % args.runs)
    print("%-38s %12s %12s %9s %12s" % ("page", "question ms", "python ms", "requests", "bytes"))
    for name, r in results.items():
        print("%-38s %12s %12s %9d %12d" % (
            name, "%.0f" % r["question"], "-" if r["ready"] is None else "%.0f" % r["ready"],
            r["requests"], r["bytes"]))
    checker = results["checker (PyScript + MicroPython)"]
    pyodide = results["PyScript + Pyodide, same core"]
    print("ratios: checker/static question time %.2f; pyodide/checker ready time %.1f; "
          "pyodide/checker bytes %.1f" % (checker["question"] / static["question"],
                                          pyodide["ready"] / checker["ready"],
                                          pyodide["bytes"] / checker["bytes"]))
    print("targets: question <= 150 ms: %s; python ready <= 500 ms: %s; bytes < 1 MB: %s" % (
        checker["question"] <= 150, checker["ready"] <= 500, checker["bytes"] < 1_000_000))


if __name__ == "__main__":
    main()
