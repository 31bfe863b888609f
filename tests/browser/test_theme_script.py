"""Deferred (site_build/theme_script.py), Material's bundle still runs on an article page on a
phone: it marks the page as having JavaScript and shows the back-to-top button when the reader
scrolls back up."""
import pytest

pytestmark = pytest.mark.browser


def test_material_runs_deferred(make_page, base_url):
    page = make_page(viewport={"width": 375, "height": 667})
    page.goto(base_url + "fasciculations/when-to-get-help/", wait_until="load")
    assert "no-js" not in page.evaluate("document.documentElement.className")
    top = page.locator(".md-top")
    assert top.is_hidden()
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    top.wait_for(state="visible", timeout=3000)
    assert page.log.console_errors == []
