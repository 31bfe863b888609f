"""A result opened from its link does not make the page jump (Cumulative Layout Shift).

The page shows the first question until Python has read the answers and puts the (much longer)
result in its place. With no tap before it, every element that moves counts as a layout shift:
the footer pushed off the screen once scored 0.5 (Lighthouse desktop: performance 79). The
stage now keeps a screen's height while a result's link opens (boot.js, checker.css)."""
import pathlib
import sys

import pytest

import site_config
from checker_steps import RESULT

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "benchmarks"))
import lighthouse  # noqa: E402

pytestmark = pytest.mark.browser

# The layout shifts no input explains, summed as Chromium reports them.
SHIFTS = """window.__shift = 0; new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
}).observe({type: 'layout-shift', buffered: true});"""
VIEWPORTS = {"desktop": {"width": 1350, "height": 940}, "phone": {"width": 375, "height": 667}}


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_a_result_opened_from_its_link_does_not_shift_the_page(make_page, server, size):
    page = make_page(viewport=VIEWPORTS[size])
    page.add_init_script(SHIFTS)
    page.goto(server.origin + "/checker/#" + lighthouse.result_fragment(site_config.default_condition()))
    page.wait_for_selector(RESULT)
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.1
