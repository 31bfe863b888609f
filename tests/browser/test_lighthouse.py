"""Lighthouse (the pinned npm dev dependency) gives 100 for accessibility, best practices and SEO
on a phone, on one page of each kind: Home, an article, the checker's first question and a
result, the step-by-step checker and Download (issue 18, point 8). Those three categories are
pass/fail audits of the page, the same on every run; performance depends on the machine's load
and is a figure of benchmarks/lighthouse.py, not a test. The site is served gzipped, with
GitHub Pages' MIME types, by the benchmark's own server. About 1.5 minutes (6 pages)."""
import pathlib
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "benchmarks"))
import lighthouse  # noqa: E402
from pages_server import GzipHandler  # noqa: E402
from support import StaticServer  # noqa: E402

pytestmark = pytest.mark.browser

CATEGORIES = ("accessibility", "best-practices", "seo")
# One page of each kind the issue lists (an article: the longest one, with the care cards).
KINDS = ("home", "article", "checker", "checker-result", "step-by-step", "download")
ARTICLE = "when-to-get-help/"


def page_of_kind(site_dir, kind):
    pages = [p for p in lighthouse.site_pages(site_dir) if p[1] == kind]
    if kind == "article":
        pages = [p for p in pages if p[2].endswith(ARTICLE)]
    return pages[0]


@pytest.fixture(scope="module")
def gzip_server(site_dir):
    with StaticServer(site_dir, GzipHandler) as srv:
        yield srv


def test_the_result_address_shows_a_result(site_dir, gzip_server, page):
    """The benchmark reaches "a result" through the share-link address: it must show one."""
    _, _, path = page_of_kind(site_dir, "checker-result")
    page.goto(gzip_server.origin + "/" + path)
    level = page.locator("[data-triage-stage] .triage-result[data-level]").get_attribute(
        "data-level", timeout=15000)
    assert "#" in path and level


@pytest.mark.parametrize("kind", KINDS)
def test_lighthouse_scores_100(site_dir, gzip_server, kind):
    if not lighthouse.LIGHTHOUSE.exists():
        pytest.fail("no %s: npm ci installs the pinned Lighthouse" % lighthouse.LIGHTHOUSE)
    label, _, path = page_of_kind(site_dir, kind)
    report = lighthouse.run_lighthouse(gzip_server.origin + "/" + path, "mobile", CATEGORIES)
    scores = lighthouse.scores(report)
    below = {c: lighthouse.failing_audits(report, c) for c in CATEGORIES if scores.get(c) != 100}
    assert not below, "%s (%s): %s" % (label, path, below)
