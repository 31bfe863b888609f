"""Embedding on a partner's site: a partner page on ANOTHER loopback origin pastes the snippet and
loads embed.js from the site's origin. The frame fits its content, the result event is opt-in and
exact, stray messages are ignored, the fallback link survives blocking, hostile option values
change and run nothing, and nothing beyond the two origins is asked for or stored."""
import html
import json
import pathlib
import re
import time
import urllib.parse

import pytest

from checker_steps import PATHS, RESULT, result_level, wait_ready, walk
from support import SiteHandler, StaticServer

pytestmark = pytest.mark.browser

PARTNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner clinic</title>
<link rel="icon" href="data:,"></head>
<body>
<h1>Partner clinic</h1>
<script>
  window.events = []; window.raw = [];
  window.addEventListener("message", function (e) {
    window.raw.push({origin: e.origin, data: JSON.parse(JSON.stringify(e.data))});
  });
  document.addEventListener("triage:result", function (e) { window.events.push(e.detail); });
</script>
<div id="box" data-triage-checker="fasciculations" %(attrs)s>
  <a id="fallback" href="%(site)s/checker/">Check your symptoms</a>
</div>
<script src="%(site)s/embed.js" async></script>
<p>Footer of the partner page.</p>
</body></html>
"""


@pytest.fixture
def partner(tmp_path, server):
    """A partner site on its own origin; `make(attrs)` writes a page with the snippet."""
    with StaticServer(tmp_path) as host:
        def make(attrs: str = "", name: str = "partner.html") -> str:
            (tmp_path / name).write_text(PARTNER_PAGE % {"attrs": attrs, "site": server.origin},
                                         encoding="utf-8")
            return host.origin + "/" + name
        host.make = make
        host.directory = tmp_path
        assert host.origin != server.origin
        yield host


def open_partner(page, url):
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    handle = page.wait_for_selector("#box iframe", state="attached", timeout=5000)
    frame = handle.content_frame()
    wait_ready(frame)
    return frame


def frame_height(page) -> int:
    return page.evaluate("document.querySelector('#box iframe').getBoundingClientRect().height")


def content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.querySelector('[data-triage-embed]')"
                          ".getBoundingClientRect().bottom + 8)")


def settle(page, frame, timeout=5000):
    """Wait until the iframe's height matches the content it holds."""
    page.wait_for_function(
        "h => Math.abs(document.querySelector('#box iframe').getBoundingClientRect().height - h) <= 1",
        arg=content_height(frame), timeout=timeout)


def assert_private(page, server, partner):
    allowed = (server.origin + "/", partner.origin + "/", "data:", "blob:")
    assert [u for u in page.log.requests if not u.startswith(allowed)] == []
    assert page.context.cookies() == []
    assert page.log.console_errors == []


def test_snippet_embeds_checker_and_height_follows_content(make_page, server, partner):
    page = make_page(viewport={"width": 1000, "height": 700})
    frame = open_partner(page, partner.make())
    assert frame.url.startswith(server.origin + "/embed/?")
    iframe = page.locator("#box iframe")
    assert iframe.get_attribute("title")
    assert iframe.get_attribute("loading") == "lazy"
    assert set(iframe.get_attribute("sandbox").split()) == {
        "allow-scripts", "allow-same-origin", "allow-forms", "allow-popups",
        "allow-popups-to-escape-sandbox", "allow-modals", "allow-downloads"}
    # Once the frame is up, the fallback link is hidden.
    assert page.locator("#fallback").is_hidden()
    settle(page, frame)
    first = frame_height(page)
    # No scroll bar inside the frame.
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    walk(frame, PATHS["doctor_advised"])
    assert result_level(frame) == "doctor_advised"
    settle(page, frame)
    tall = frame_height(page)
    assert tall > first + 200
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    frame.click("[data-action=restart]")
    frame.wait_for_selector("form[data-question=breathing_difficulty]")
    settle(page, frame)
    assert frame_height(page) < tall - 200
    # Resize messages carry a height and nothing else; no result was posted (no opt-in).
    raw = page.evaluate("window.raw")
    assert raw and all(m["origin"] == server.origin for m in raw)
    assert all(set(m["data"]) == {"type", "height"} and m["data"]["type"] == "triage:resize" for m in raw)
    assert page.evaluate("window.events") == []
    assert frame.locator("[data-triage-shared]").is_hidden()
    assert_private(page, server, partner)


@pytest.mark.parametrize("level", ["emergency", "self_care"])
def test_result_event_with_opt_in(make_page, server, partner, level):
    page = make_page()
    frame = open_partner(page, partner.make('data-share-result="level"'))
    notice = frame.locator("[data-triage-shared]")
    assert notice.is_visible()
    host = urllib.parse.urlsplit(partner.origin).netloc
    assert host in notice.inner_text() and "not told your answers" in notice.inner_text()
    walk(frame, PATHS[level])
    assert result_level(frame) == level
    page.wait_for_function("window.events.length > 0")
    assert page.evaluate("window.events") == [{"condition": "fasciculations", "level": level}]
    results = [m for m in page.evaluate("window.raw") if m["data"].get("type") == "triage:result"]
    assert results == [{"origin": server.origin,
                        "data": {"type": "triage:result", "condition": "fasciculations", "level": level}}]
    assert_private(page, server, partner)


def test_no_result_posted_without_opt_in(make_page, server, partner):
    page = make_page()
    frame = open_partner(page, partner.make('data-share-result="answers"'))
    walk(frame, PATHS["doctor_needed"])
    assert result_level(frame) == "doctor_needed"
    page.wait_for_timeout(300)
    assert [m for m in page.evaluate("window.raw") if m["data"].get("type") != "triage:resize"] == []
    assert page.evaluate("window.events") == []
    assert frame.locator("[data-triage-shared]").is_hidden()


def test_messages_from_other_origins_or_frames_are_ignored(make_page, server, partner):
    page = make_page()
    url = partner.make('data-share-result="level"')
    frame = open_partner(page, url)
    (pathlib.Path(partner.directory) / "other.html").write_text("<!doctype html><title>x</title>")
    page.evaluate("""site => {
        for (const [id, src] of [["same-origin-other", site + "/about/"], ["partner-frame", "/other.html"]]) {
            const f = document.createElement("iframe"); f.id = id; f.src = src; document.body.appendChild(f);
        }}""", server.origin)
    page.wait_for_function("document.getElementById('same-origin-other').contentDocument === null")
    fake_result = {"type": "triage:result", "condition": "fasciculations", "level": "emergency"}
    fake_resize = {"type": "triage:resize", "height": 5}
    before = frame_height(page)
    # The partner page itself, a frame on the checker's origin that is not the checker, and a
    # frame on the partner's origin all post look-alike messages.
    page.evaluate("m => window.postMessage(m, '*')", fake_result)
    posted = 0
    for f in page.frames:
        if f.url.startswith(server.origin + "/about/") or f.url.endswith("/other.html"):
            f.wait_for_load_state()
            f.evaluate("([a, b]) => { parent.postMessage(a, '*'); parent.postMessage(b, '*'); }",
                       [fake_result, fake_resize])
            posted += 1
    assert posted == 2
    # Our own frame, but with values off the allow-list.
    frame.evaluate("""() => {
        parent.postMessage({type: "triage:result", condition: "fasciculations", level: "<b>x</b>"}, "*");
        parent.postMessage({type: "triage:result", condition: "other", level: "emergency"}, "*");
        parent.postMessage({type: "triage:resize", height: "5px"}, "*");
        parent.postMessage("triage:result", "*");
    }""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.events") == []
    assert abs(frame_height(page) - before) <= 1


def test_fallback_link_remains_when_script_is_blocked(make_page, server, partner):
    page = make_page()
    page.route(server.origin + "/embed.js", lambda r: r.abort())
    page.goto(partner.make())
    page.wait_for_timeout(800)
    assert page.locator("#box iframe").count() == 0
    link = page.locator("#fallback")
    assert link.is_visible() and link.get_attribute("href") == server.origin + "/checker/"


def test_fallback_link_remains_when_frame_is_blocked(make_page, server, partner):
    page = make_page()
    page.route(re.compile(re.escape(server.origin) + r"/embed/.*"), lambda r: r.abort())
    page.goto(partner.make())
    page.wait_for_selector("#box iframe", state="attached")
    page.wait_for_timeout(1500)
    assert page.locator("#fallback").is_visible()


HOSTILE = {
    "data-accent": 'red;} body{display:none} </style><script>window.pwned=1</script>',
    "data-emergency-number": '<img src=x onerror="window.pwned=1">',
    "data-source-links": "javascript:window.pwned=1",
    "data-share-result": "level&partner=http://evil.example",
    "data-compact": '"><script>window.pwned=1</script>',
    "data-style": "background:url(http://evil.example/x)",
    "data-src": "http://evil.example/",
    "data-onload": "window.pwned=1",
}


@pytest.mark.parametrize("accent", ["#ffff00", "#777777", "#e0e0e0", "1a237e", "#1a237eff", "hotpink"])
def test_hostile_or_unreadable_options_change_nothing(make_page, server, partner, accent):
    attrs = dict(HOSTILE, **{"data-accent": accent}) if accent != "hotpink" else HOSTILE
    page = make_page()
    frame = open_partner(page, partner.make(" ".join('%s="%s"' % (k, html.escape(v)) for k, v in attrs.items())))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(frame.url).query)
    assert set(query) == {"partner"}
    assert query["partner"] == [partner.origin]
    assert frame.evaluate("document.body.getAttribute('style')") is None
    assert frame.get_attribute("html", "data-compact") is None
    assert frame.get_attribute("[data-triage-checker-app]", "data-link-target") == "_blank"
    walk(frame, PATHS["emergency"])
    card = frame.locator(RESULT)
    assert "your local emergency number" in card.inner_text()
    assert frame.locator("[data-triage-shared]").is_hidden()
    assert page.evaluate("window.pwned") is None and frame.evaluate("window.pwned") is None
    assert page.dialogs == []
    assert page.evaluate("window.events") == []
    assert_private(page, server, partner)


def test_hostile_values_in_the_frame_address_change_nothing(make_page, server, partner):
    """Someone can also open /embed/ with any address: the frame checks every value again."""
    page = make_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    query = urllib.parse.urlencode({
        "partner": "http://evil.example", "share": "level", "accent": "ffff00",
        "emergency": "<script>window.pwned=1</script>", "links": "javascript:alert(1)", "compact": "yes"})
    page.goto(server.origin + "/embed/?" + query)
    wait_ready(page)
    assert page.evaluate("document.body.getAttribute('style')") is None
    assert page.get_attribute("html", "data-compact") is None
    assert page.get_attribute("[data-triage-checker-app]", "data-link-target") == "_blank"
    assert page.locator("[data-triage-shared]").is_hidden()
    walk(page, PATHS["emergency"])
    assert "your local emergency number" in page.locator(RESULT).inner_text()
    assert page.evaluate("window.pwned") is None and page.dialogs == []


def test_good_options_apply(make_page, server, partner):
    page = make_page()
    frame = open_partner(page, partner.make(
        'data-accent="#1a5e20" data-compact="true" data-emergency-number="+44 999" data-source-links="this-tab"'))
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(frame.url).query)
    assert query == {"partner": [partner.origin], "accent": ["1a5e20"], "compact": ["1"],
                     "emergency": ["+44 999"], "links": ["this-tab"]}
    assert "allow-top-navigation-by-user-activation" in page.get_attribute("#box iframe", "sandbox")
    button = frame.locator("form[data-question] button[type=submit]")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(26, 94, 32)"
    restart = frame.locator("form[data-question] button[data-action=restart]")
    restart.hover()
    assert restart.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(26, 94, 32)"
    page.mouse.move(0, 0)
    assert frame.get_attribute("html", "data-compact") == ""
    assert frame.locator(".triage-embed-intro p").first.is_hidden()
    assert "+44 999" in frame.locator("[data-triage-emergency-text]").inner_text()
    walk(frame, PATHS["emergency"])
    card = frame.locator(RESULT)
    assert "+44 999" in card.inner_text()
    targets = card.locator("a.triage-source").evaluate_all("els => els.map(e => e.target)")
    assert targets and set(targets) == {"_top"}
    assert_private(page, server, partner)


class SlowOptionsHandler(SiteHandler):
    """Holds back embed-frame.js, so PyScript is ready long before the options are applied."""

    def do_GET(self):
        if self.path.split("?")[0].endswith("/embed-frame.js"):
            time.sleep(2.0)
        super().do_GET()


def test_python_waits_for_the_embed_options(make_page, site_dir, tmp_path):
    """PyScript loads without waiting for the page, but the checker starts only once boot.js
    says the deferred scripts have run: a late options script still sets the number shown."""
    with StaticServer(site_dir, SlowOptionsHandler) as slow, StaticServer(tmp_path) as host:
        (tmp_path / "partner.html").write_text(
            PARTNER_PAGE % {"attrs": 'data-emergency-number="+44 999"', "site": slow.origin},
            encoding="utf-8")
        page = make_page()
        frame = open_partner(page, host.origin + "/partner.html")
        walk(frame, PATHS["emergency"])
        assert "+44 999" in frame.locator(RESULT).inner_text()
        assert page.log.console_errors == []


def test_partners_page_lists_every_option(site_dir):
    text = (site_dir / "partners" / "index.html").read_text(encoding="utf-8")
    loader = (site_dir / "embed.js").read_text(encoding="utf-8")
    for attr in ("data-accent", "data-compact", "data-emergency-number", "data-source-links",
                 "data-share-result"):
        assert attr in text
        camel = re.sub(r"-(\w)", lambda m: m.group(1).upper(), attr[5:])
        assert "data." + camel in loader
    assert "frame-src" in text and "wasm-unsafe-eval" in text and "triage:result" in text
    assert json.dumps({"type": "triage:result"})[1:-1].replace(" ", " ") in html.unescape(text)
