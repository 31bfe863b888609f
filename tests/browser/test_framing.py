"""Framing, as another site does it: a page on http://localhost (another site from 127.0.0.1)
frames our pages. /checker/ and the self-host bundle refuse to run their checker there and offer
a link that opens it in a tab of its own; /embed/ is made for partners' frames and runs. A page
of our own origin may still frame /checker/."""
import zipfile

import pytest

from checker_steps import PATHS, READY, result_level, wait_ready, walk
from support import StaticServer

pytestmark = pytest.mark.browser

FRAMER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Some other site</title>
<link rel="icon" href="data:,"></head>
<body><h1>Some other site</h1>
<iframe src="%s" title="Framed page" style="width: 100%%; height: 1200px; border: 0"></iframe>
</body></html>
"""


@pytest.fixture(scope="module")
def other_site(tmp_path_factory):
    """frame(url) -> the address of a page on another site (http://localhost:...) framing url."""
    folder = tmp_path_factory.mktemp("other-site")
    with StaticServer(folder) as host:
        origin = host.origin.replace("127.0.0.1", "localhost")

        def frame(url, name="framer.html"):
            (folder / name).write_text(FRAMER % url, encoding="utf-8")
            return origin + "/" + name
        host.frame = frame
        yield host


@pytest.fixture(scope="module")
def bundle_origin(site_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("bundle-host")
    with zipfile.ZipFile(site_dir / "download" / "checker-bundle.zip") as zf:
        zf.extractall(folder)
    with StaticServer(folder) as host:
        yield host.origin


def framed(page, url):
    page.goto(url)
    return page.wait_for_selector("iframe", state="attached").content_frame()


@pytest.mark.parametrize("where", ["checker", "bundle"])
def test_another_site_gets_a_link_not_the_checker(make_page, server, other_site, bundle_origin, where):
    target = server.origin + "/checker/" if where == "checker" else bundle_origin + "/fasciculations-checker/"
    page = make_page()
    frame = framed(page, other_site.frame(target + "#breathing_difficulty=yes"))
    app = frame.wait_for_selector("[data-triage-checker-app][data-state=framed]", state="attached")
    assert frame.locator("[data-triage-stage]").is_hidden()
    box = frame.locator("[data-triage-framed]")
    assert box.is_visible()
    link = box.get_by_role("link", name="Open the checker in a new tab")
    assert link.get_attribute("target") == "_blank"
    assert "noopener" in link.get_attribute("rel")
    assert link.evaluate("a => a.href") == target
    # The runtime is never even asked for, and stays so.
    page.wait_for_timeout(1000)
    assert app.get_attribute("data-state") == "framed"
    assert [u for u in page.log.requests if "/assets/runtime/" in u or "/assets/checker/py/" in u] == []
    # The link opens the checker on its own, where it works.
    with page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    wait_ready(tab)
    assert tab.url == target
    walk(tab, PATHS["emergency"])
    assert result_level(tab) == "emergency"


def test_embed_runs_in_another_sites_frame(make_page, server, other_site):
    page = make_page()
    frame = framed(page, other_site.frame(server.origin + "/embed/", "embed.html"))
    wait_ready(frame)
    assert frame.locator("[data-triage-framed]").is_hidden()
    walk(frame, PATHS["self_care"])
    assert result_level(frame) == "self_care"


def test_a_page_of_our_own_origin_may_frame_the_checker(make_page, server):
    page = make_page()
    page.route(server.origin + "/framing-test.html",
               lambda route: route.fulfill(status=200, content_type="text/html",
                                           body=FRAMER % (server.origin + "/checker/")))
    frame = framed(page, server.origin + "/framing-test.html")
    frame.wait_for_selector(READY)
    assert frame.locator("[data-triage-framed]").is_hidden()
    walk(frame, PATHS["emergency"])
    assert result_level(frame) == "emergency"


def test_a_top_level_page_is_not_taken_for_a_frame(page, server):
    page.goto(server.origin + "/checker/")
    wait_ready(page)
    assert page.locator("[data-triage-framed]").is_hidden()
