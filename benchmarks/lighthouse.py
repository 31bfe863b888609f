"""Lighthouse on the site's pages, mobile and desktop, served gzipped as GitHub Pages serves them
(figures, not a test).

Builds the site (or takes --site), serves it from 127.0.0.1 with benchmarks/pages_server.py
(Content-Encoding: gzip for text, scripts and wasm; GitHub Pages' MIME types) and runs the
pinned Lighthouse (node_modules/.bin/lighthouse, package.json) with the Chromium the tests use,
on Home, every article page, the checker (its first question, and a result reached through the
checker's share-link address, which shows the result on load), the step-by-step checker's
first page and Download. Prints the four category scores per page and form factor, the median
of --runs runs, beside the mobile performance figures issue 18 started from, then the metrics
behind performance and any audit that kept a category below 100.

Usage: .venv/bin/python benchmarks/lighthouse.py [--site DIR] [--runs 3] [--form-factor mobile]
       [--page checker] [--json out.json]
"""
import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))
from pages_server import GzipHandler  # noqa: E402
from support import StaticServer, build_site, chromium_path  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
FORM_FACTORS = ("mobile", "desktop")
# Lighthouse starts its own Chromium (chrome-launcher); these are added to its own flags.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
# Mobile performance per page kind when issue 18 was filed (Lighthouse 12.2.3, 2026-12).
BASELINE = {"home": 96, "article": 92, "checker": 76, "checker-result": None, "step-by-step": 94,
            "download": 92}
METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP",
           "total-blocking-time": "TBT", "cumulative-layout-shift": "CLS", "speed-index": "SI"}


def result_fragment(condition_id: str) -> str:
    """The share-link fragment of a complete answer set that reaches the condition's least
    urgent level (the longest result): the first step-by-step path there, with the questions
    the step-by-step pages skip answered as they answer them, checked with the engine."""
    import triage_core
    from site_build import static_flow
    last_level = triage_core.get_condition(condition_id)["levels"][-1]["id"]
    multi = static_flow.level_options(condition_id)
    state = next(s for s in static_flow.enumerate_states(condition_id)
                 if s["kind"] == "result" and s["result"]["level"] == last_level)
    answers, question = static_flow.fill_skipped(condition_id, static_flow.answers_of(state["key"], multi),
                                                 static_flow.skipped_questions(condition_id))
    if question is not None or triage_core.evaluate(condition_id, answers)["level"] != last_level:
        raise RuntimeError("no complete answer set found for %s's level %s" % (condition_id, last_level))
    return triage_core.fragment_from_answers(condition_id, answers)


def site_pages(site: pathlib.Path) -> list:
    """(label, kind, site-relative address) of every page the issue lists: each condition's
    article pages (docs/<id>/*.md), and the checker at checker/ with a result of its condition
    (the one the built page names)."""
    import triage_core
    pages = [("Home", "home", "")]
    for cid in triage_core.condition_ids():
        for md in sorted((ROOT / "docs" / cid).glob("*.md")):
            rel = cid + "/" + ("" if md.stem == "index" else md.stem + "/")
            pages.append((rel, "article", rel))
    checker = (site / "checker" / "index.html").read_text(encoding="utf-8")
    condition = re.search(r'data-condition="([^"]+)"', checker).group(1)
    pages += [
        ("checker: first question", "checker", "checker/"),
        ("checker: a result", "checker-result", "checker/#" + result_fragment(condition)),
        ("step-by-step", "step-by-step", "checker/static/"),
        ("Download", "download", "download/"),
    ]
    return pages


def run_lighthouse(url: str, form_factor: str, categories=CATEGORIES) -> dict:
    """One Lighthouse run; returns its JSON report (the lhr)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "report.json"
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=" + str(out),
               "--chrome-flags=" + CHROME_FLAGS,
               "--only-categories=" + ",".join(categories)]
        if form_factor == "desktop":
            cmd.append("--preset=desktop")
        env = dict(os.environ, CHROME_PATH=chromium_path())
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError("lighthouse failed on %s (%s):\n%s" % (url, form_factor, proc.stderr[-3000:]))
        report = json.loads(out.read_text())
    if report.get("runtimeError"):
        raise RuntimeError("lighthouse: %s on %s" % (report["runtimeError"], url))
    return report


def scores(report: dict) -> dict:
    return {c: round(report["categories"][c]["score"] * 100)
            for c in report["categories"] if report["categories"][c]["score"] is not None}


def failing_audits(report: dict, category: str) -> list:
    """Audits that cost a category points (weight > 0, score < 1), with their titles."""
    audits = report["audits"]
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            out.append("%s (%s)" % (ref["id"], audit.get("displayValue") or audit["score"]))
    return out


def metrics(report: dict) -> dict:
    return {short: report["audits"][aid].get("numericValue") for aid, short in METRICS.items()
            if aid in report["audits"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", type=pathlib.Path, help="a built site (default: build one now)")
    ap.add_argument("--runs", type=int, default=1, help="runs per page and form factor (median)")
    ap.add_argument("--form-factor", choices=FORM_FACTORS, action="append",
                    help="mobile or desktop (default both)")
    ap.add_argument("--page", action="append", help="only pages whose label contains this")
    ap.add_argument("--json", type=pathlib.Path, help="also write every run's scores here")
    args = ap.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit("no %s: run bash scripts/setup.sh (npm ci installs the pinned Lighthouse)" % LIGHTHOUSE)
    form_factors = args.form_factor or list(FORM_FACTORS)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(pathlib.Path(tmp) / "site")
        pages = [p for p in site_pages(site) if not args.page or any(f in p[0] for f in args.page)]
        with StaticServer(site, GzipHandler) as srv:
            for form_factor in form_factors:
                for label, kind, path in pages:
                    runs = [run_lighthouse(srv.origin + "/" + path, form_factor) for _ in range(args.runs)]
                    per_run = [scores(r) for r in runs]
                    median = {c: statistics.median(s[c] for s in per_run) for c in CATEGORIES}
                    order = sorted(range(len(runs)), key=lambda i: per_run[i]["performance"])
                    typical = runs[order[len(order) // 2]]
                    rows.append({"page": label, "kind": kind, "form_factor": form_factor,
                                 "runs": per_run, "median": median, "metrics": metrics(typical),
                                 "failing": {c: failing_audits(typical, c) for c in CATEGORIES
                                             if median[c] < 100}})
                    print_row(rows[-1], flush=True)
    print()
    print("Lighthouse %s, median of %d run(s), served gzipped from 127.0.0.1 (simulated throttling: "
          "mobile = slow 4G and 4x CPU slowdown)" % (lighthouse_version(), args.runs))
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def print_row(row, flush=False):
    m = row["metrics"]
    print("  %-8s %-34s %s  %s" % (row["form_factor"], row["page"],
                                   " ".join("%3d" % row["median"][c] for c in CATEGORIES),
                                   " ".join("%s %.0f" % (k, v) if k != "CLS" else "%s %.3f" % (k, v)
                                            for k, v in m.items())), flush=flush)


def print_table(rows):
    print("| form factor | page | performance | accessibility | best practices | SEO | issue 18 baseline (mobile performance) | FCP ms | LCP ms | TBT ms | CLS |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        base = BASELINE.get(row["kind"]) if row["form_factor"] == "mobile" else None
        m = row["metrics"]
        print("| %s | %s | %s | %s | %s | %s | %s | %.0f | %.0f | %.0f | %.3f |" % (
            row["form_factor"], row["page"], *("%g" % row["median"][c] for c in CATEGORIES),
            "-" if base is None else base, m["FCP"], m["LCP"], m["TBT"], m["CLS"]))
    below = [(r["form_factor"], r["page"], c, a) for r in rows for c, a in r["failing"].items()]
    for form_factor, page, category, audits in below:
        print("below 100: %s %s %s: %s" % (form_factor, page, category, ", ".join(audits) or "-"))


def lighthouse_version() -> str:
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


if __name__ == "__main__":
    main()
