"""axe-core (pinned in package-lock.json) finds no WCAG 2.2 A/AA violation on any built page,
nor on the checker at its first question, mid-flow and on each result."""
import json

import pytest

from checker_steps import PATHS, QUESTION, STATES, reach, static_result_page, wait_ready, walk
from support import ROOT, built_pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def violations(page):
    # Evaluated by the test driver: the site's Content-Security-Policy rightly refuses an
    # injected <script>, and a test should not have to turn the policy off to look at a page.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    found = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))", TAGS)
    return found


def test_axe_is_pinned():
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/axe-core"]["version"] == "4.14.1"


def test_axe_runs_under_the_sites_policy(make_page, server):
    """The canary: with the page's Content-Security-Policy in force, axe still runs and finds
    a fault put there on purpose (so an empty result below means something)."""
    page = make_page()
    page.goto(server.origin + "/about/")
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    page.evaluate("document.querySelector('article').insertAdjacentHTML('beforeend', '<img src=\"data:,\">')")
    assert "image-alt" in [v["id"] for v in violations(page)]


def test_every_built_page(make_page, server, site_dir):
    failures = {}
    pages = built_pages(site_dir)
    assert len(pages) >= 8
    for path in pages:
        page = make_page()
        page.goto(server.origin + "/" + path)
        if page.locator("[data-triage-checker-app]").count():
            wait_ready(page)
        found = violations(page)
        if found:
            failures[path] = found
        page.context.close()
    assert failures == {}, json.dumps(failures, indent=1)


@pytest.mark.parametrize("state", ["mid"] + STATES)
def test_checker_states(make_page, server, state):
    page = make_page()
    page.goto(server.origin + "/checker/")
    wait_ready(page)
    if state == "mid":
        walk(page, PATHS["self_care"][:6])
        page.wait_for_selector(QUESTION + "[data-question=spread]")
        page.click(QUESTION + " button[type=submit]")  # show the "choose an answer" error too
    else:
        reach(page, state)  # for a result, with the share box open
    assert violations(page) == []


@pytest.mark.parametrize("path", ["fasciculations/when-to-get-help/", static_result_page()])
def test_urgency_labels_stay_boxed_when_colours_are_forced(make_page, server, path):
    """With Windows High Contrast and the like, backgrounds are dropped: the urgency label keeps
    a visible border, so it still reads as a label and not as one more line of text."""
    page = make_page(forced_colors="active")
    page.goto(server.origin + "/" + path)
    labels = page.locator(".care-card__label")
    assert labels.count() >= 1
    for width, color in labels.evaluate_all(
            "els => els.map(e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).borderTopColor])"):
        assert width != "0px" and not (color.startswith("rgba(") and color.endswith(", 0)")), (width, color)
