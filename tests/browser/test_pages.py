"""Every page renders in real headless Chromium, at the root and under a sub-path, on desktop
and phone widths: its heading shows, nothing errors, and nothing is fetched from another host."""
import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "", "fasciculations/", "fasciculations/how-it-happens/", "fasciculations/recovery/",
    "fasciculations/causes/", "fasciculations/when-to-get-help/", "checker/", "about/",
    "download/", "partners/", "checker/static/",
]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 740}}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("path", PAGES)
def test_page_renders(make_page, server, base_url, path, viewport):
    page = make_page(viewport=VIEWPORTS[viewport])
    response = page.goto(base_url + path, wait_until="load")
    assert response.status == 200
    heading = page.locator("main h1").first
    heading.wait_for(state="visible", timeout=5000)
    assert heading.inner_text().strip()
    # Nothing on the page is wider than the screen.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, "page scrolls sideways by %dpx" % overflow
    assert page.log.console_errors == []
    assert page.log.foreign_requests(server.origin) == []
    assert page.context.cookies() == []
