"""Embedding on a partner's site, as partners and attackers meet it: the partner page is on
another SITE (http://localhost:PORT framing http://127.0.0.1:PORT2/embed/), in Chromium with
default settings.

The frame takes options only from its real parent, by a hello/options handshake, never from its
address; the emergency number must be an official one and is shown with the partner's origin;
without opt-in the parent sees one constant message and one fixed height, whatever the answers;
auto height and the result event are opt-in and exact; stray messages are ignored; the fallback
link survives blocking; hostile values change and run nothing; nothing is asked of any other
host or stored in cookies.

Tests marked `cross_site_python` start the checker's Python inside the cross-site frame: they need
PyScript to start without IndexedDB, which a cross-site frame may not open (issue 17, point 1).
The others check what the frame does before Python starts, or open /embed/ on its own site."""
import html
import json
import pathlib
import re
import time
import urllib.parse

import pytest

from checker_steps import PATHS, RESULT, assert_result_summary, result_level, wait_ready, walk
from site_build import emergency_numbers
from support import SiteHandler, StaticServer

pytestmark = pytest.mark.browser
cross_site_python = pytest.mark.cross_site_python

FIXED_HEIGHT = 640
HELLO = {"type": "triage:hello"}
FOREIGN = "0906 123 4567"
DEFAULT_NUMBER = "your local emergency number"

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

# A page that frames /embed/ itself, without the loader: it may answer the hello with options of
# its own (`reply`), and a frame of its own may post look-alike options to the checker.
FRAMING_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Some site</title>
<link rel="icon" href="data:,"></head>
<body>
<script>
  window.raw = [];
  var reply = %(reply)s;
  window.addEventListener("message", function (e) {
    window.raw.push({origin: e.origin, data: JSON.parse(JSON.stringify(e.data))});
    if (reply && e.data && e.data.type === "triage:hello") {
      e.source.postMessage({type: "triage:options", options: reply}, "*");
    }
  });
</script>
<iframe id="box" src="%(src)s" style="width:100%%;height:640px"></iframe>
%(extra)s
</body></html>
"""


def other_site(origin: str) -> str:
    """The same server under another site's name: localhost and 127.0.0.1 are different sites."""
    return origin.replace("http://127.0.0.1:", "http://localhost:")


@pytest.fixture
def partner(tmp_path, server):
    """A partner site on another site (localhost); `make(attrs)` writes a page with the snippet."""
    with StaticServer(tmp_path) as host:
        host.origin = other_site(host.origin)

        def make(attrs: str = "", name: str = "partner.html") -> str:
            (tmp_path / name).write_text(PARTNER_PAGE % {"attrs": attrs, "site": server.origin},
                                         encoding="utf-8")
            return host.origin + "/" + name

        def framing(src: str, reply=None, extra: str = "", name: str = "framing.html") -> str:
            (tmp_path / name).write_text(FRAMING_PAGE % {"src": src, "reply": json.dumps(reply),
                                                         "extra": extra}, encoding="utf-8")
            return host.origin + "/" + name
        host.make = make
        host.framing = framing
        host.directory = tmp_path
        assert urllib.parse.urlsplit(host.origin).hostname == "localhost"
        assert urllib.parse.urlsplit(server.origin).hostname == "127.0.0.1"
        yield host


def embed_frame(page, selector="#box iframe"):
    handle = page.wait_for_selector(selector, state="attached", timeout=5000)
    frame = None
    for _ in range(50):
        frame = handle.content_frame()
        if frame is not None and "/embed/" in frame.url:
            break
        page.wait_for_timeout(100)
    frame.wait_for_selector("[data-triage-checker-app]", state="attached", timeout=5000)
    return frame


def open_partner(page, url, ready=True):
    """The partner page, its frame once it said hello, and (if `ready`) once Python runs."""
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    frame = embed_frame(page)
    page.wait_for_function("document.getElementById('box').getAttribute('data-triage-state') === 'ready'",
                           timeout=5000)
    if ready:
        wait_ready(frame)
    return frame


def frame_height(page, selector="#box iframe") -> int:
    return page.evaluate("s => document.querySelector(s).getBoundingClientRect().height", selector)


def content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.querySelector('[data-triage-embed]')"
                          ".getBoundingClientRect().bottom + 8)")


def settle(page, frame, timeout=5000):
    """Wait until the iframe's height matches the content it holds."""
    page.wait_for_function(
        "h => Math.abs(document.querySelector('#box iframe').getBoundingClientRect().height - h) <= 1",
        arg=content_height(frame), timeout=timeout)


def messages(page) -> list:
    return page.evaluate("window.raw")


def assert_private(page, server, partner, python=True):
    """Nothing asked of another host, no cookies, and (once Python runs in the frame) no errors.
    Before the storage fix, Python's start fails in a cross-site frame with console errors, which
    the tests of what happens before Python (python=False) do not judge."""
    allowed = (server.origin + "/", partner.origin + "/", "data:", "blob:")
    assert [u for u in page.log.requests if not u.startswith(allowed)] == []
    assert page.context.cookies() == []
    if python:
        assert page.log.console_errors == []


def page_text(frame) -> str:
    return frame.evaluate("document.body.innerText")


# ------------------------------------------------------------------ before Python: the handshake

def test_options_come_by_handshake_not_the_address(make_page, server, partner):
    page = make_page(viewport={"width": 1000, "height": 700})
    frame = open_partner(page, partner.make(
        'data-accent="#1a5e20" data-compact="true" data-emergency-number="1 1 2" '
        'data-source-links="this-tab"'), ready=False)
    # Nothing optional is in the frame's address.
    assert frame.url == server.origin + "/embed/"
    iframe = page.locator("#box iframe")
    assert iframe.get_attribute("title") == "Muscle twitching checker"
    assert iframe.get_attribute("loading") == "lazy"
    assert set(iframe.get_attribute("sandbox").split()) == {
        "allow-scripts", "allow-same-origin", "allow-forms", "allow-popups",
        "allow-popups-to-escape-sandbox", "allow-modals", "allow-top-navigation-by-user-activation",
        "allow-downloads"}
    assert page.locator("#fallback").is_hidden()
    # The options, applied from the parent's answer: the number with who gave it.
    shown = "112 (number provided by %s)" % partner.origin
    frame.wait_for_function("s => document.querySelector('[data-triage-emergency-text]').textContent === s",
                            arg=shown, timeout=3000)
    assert frame.get_attribute("[data-triage-checker-app]", "data-emergency-number") == shown
    assert frame.get_attribute("[data-triage-checker-app]", "data-link-target") == "_top"
    assert frame.get_attribute("html", "data-compact") == ""
    button = frame.locator("form[data-question] button[type=submit]")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(26, 94, 32)"
    # The partner saw one message, the hello, and the frame keeps one height.
    assert messages(page) == [{"origin": server.origin, "data": HELLO}]
    assert frame_height(page) == FIXED_HEIGHT
    assert_private(page, server, partner, python=False)


@pytest.mark.parametrize("number", [FOREIGN, "+44 999", "9999", "112 ", "12345"])
def test_a_non_official_number_from_a_real_partner_is_ignored(make_page, server, partner, number):
    page = make_page()
    frame = open_partner(page, partner.make('data-emergency-number="%s" data-compact="true"' % number),
                         ready=False)
    # The handshake happened (compact applied), but the number is not an official one.
    frame.wait_for_selector("html[data-compact]", state="attached", timeout=3000)
    if number.strip() not in emergency_numbers.NUMBERS:
        assert DEFAULT_NUMBER in frame.inner_text("[data-triage-emergency-text]")
        assert "provided by" not in page_text(frame)
        assert number.strip() not in page_text(frame)
    else:
        assert frame.inner_text("[data-triage-emergency-text]").startswith(number.strip() + " (number")


def test_the_allow_list_is_the_build_s_one_list(site_dir):
    frame_js = (site_dir / "assets" / "checker" / "embed-frame.js").read_text(encoding="utf-8")
    found = json.loads(re.search(r"var DATA = (\{.*?\});", frame_js).group(1))
    assert found["emergency_numbers"] == emergency_numbers.numbers()
    for number in ("000", "111", "112", "119", "911", "999"):
        assert emergency_numbers.official(number) == number
    assert emergency_numbers.official(FOREIGN) is None
    assert emergency_numbers.official("+44 999") is None


@pytest.mark.parametrize("level", ["emergency", "self_care"])
def test_spoofing_link_opened_directly_shows_no_foreign_number(make_page, server, level):
    """/embed/ opened on its own takes no options from its address; it is the checker as on
    /checker/, with the site's own number, and reads the link's answers as /checker/ does."""
    page = make_page()
    answers = "&".join("%s=%s" % (q, ",".join(v) if isinstance(v, list) else v) for q, v in PATHS[level])
    query = urllib.parse.urlencode({"emergency": FOREIGN, "partner": "http://evil.example",
                                    "share": "level", "accent": "1a5e20", "links": "this-tab",
                                    "compact": "1"})
    page.goto(server.origin + "/embed/?" + query + "#" + answers)
    wait_ready(page)
    assert result_level(page) == level
    text = page.evaluate("document.body.innerText")
    assert FOREIGN not in text and "0906" not in text and "provided by" not in text
    if level == "emergency":
        assert text.count(DEFAULT_NUMBER) >= 3
    assert page.evaluate("document.body.getAttribute('style')") is None
    assert page.get_attribute("html", "data-compact") is None
    assert page.locator("[data-triage-shared]").is_hidden()


def test_options_from_anyone_but_the_parent_are_ignored(make_page, server, partner):
    """A page framing /embed/ without the loader, and a frame of its own posting look-alike
    options to the checker: the checker waits for its parent, and when none answers it runs
    with no options at all and ignores the link's answers."""
    forged = {"type": "triage:options", "options": {"emergency": "999", "accent": "1a5e20",
                                                    "compact": True, "share": "level"}}
    (pathlib.Path(partner.directory) / "sibling.html").write_text(
        "<!doctype html><title>x</title><script>setInterval(function () {"
        " parent.frames[0].postMessage(%s, '*'); }, 20);</script>" % json.dumps(forged))
    page = make_page()
    page.goto(partner.framing(server.origin + "/embed/#breathing_difficulty=yes",
                              extra='<iframe src="sibling.html"></iframe>'))
    frame = embed_frame(page, "#box")
    page.wait_for_function("window.raw.length > 0")
    page.wait_for_timeout(2500)   # past the frame's wait for its parent
    assert messages(page) == [{"origin": server.origin, "data": HELLO}]
    assert DEFAULT_NUMBER in frame.inner_text("[data-triage-emergency-text]")
    assert frame.get_attribute("html", "data-compact") is None
    assert frame.evaluate("document.body.getAttribute('style')") is None
    assert frame.locator("[data-triage-shared]").is_hidden()
    assert frame.get_attribute("[data-triage-checker-app]", "data-read-fragment") == "no"


def test_a_framing_page_that_answers_gets_only_what_is_allowed(make_page, server, partner):
    page = make_page()
    page.goto(partner.framing(server.origin + "/embed/", reply={
        "emergency": FOREIGN, "accent": "ffff00", "links": "javascript:alert(1)",
        "compact": "yes", "share": "answers", "autoHeight": "true"}))
    frame = embed_frame(page, "#box")
    page.wait_for_timeout(1000)
    assert frame.get_attribute("[data-triage-checker-app]", "data-read-fragment") is None  # answered
    assert DEFAULT_NUMBER in frame.inner_text("[data-triage-emergency-text]")
    assert FOREIGN not in page_text(frame)
    assert frame.get_attribute("html", "data-compact") is None
    assert frame.get_attribute("html", "data-auto-height") is None
    assert frame.evaluate("document.body.getAttribute('style')") is None
    assert frame.get_attribute("[data-triage-checker-app]", "data-link-target") == "_blank"
    assert messages(page) == [{"origin": server.origin, "data": HELLO}]


def test_fixed_height_and_one_message_before_python(make_page, server, partner):
    """Without auto height the frame keeps one height, whatever its content's, and scrolls
    inside (here on a phone, where the content is taller); the partner hears only the hello."""
    page = make_page(viewport={"width": 375, "height": 667})
    frame = open_partner(page, partner.make(), ready=False)
    page.wait_for_timeout(800)
    assert frame_height(page) == FIXED_HEIGHT
    assert content_height(frame) > FIXED_HEIGHT + 50
    assert frame.evaluate("document.documentElement.scrollHeight > window.innerHeight")
    assert messages(page) == [{"origin": server.origin, "data": HELLO}]
    assert page.evaluate("window.events") == []


def test_messages_from_other_origins_or_frames_are_ignored(make_page, server, partner):
    page = make_page()
    url = partner.make('data-share-result="level" data-auto-height="true"')
    frame = open_partner(page, url, ready=False)
    (pathlib.Path(partner.directory) / "other.html").write_text("<!doctype html><title>x</title>")
    page.evaluate("""site => {
        for (const [id, src] of [["same-origin-other", site + "/about/"], ["partner-frame", "/other.html"]]) {
            const f = document.createElement("iframe"); f.id = id; f.src = src; document.body.appendChild(f);
        }}""", server.origin)
    page.wait_for_function("document.getElementById('same-origin-other').contentDocument === null")
    fake_result = {"type": "triage:result", "condition": "fasciculations", "level": "emergency"}
    fake_resize = {"type": "triage:resize", "height": 5}
    page.wait_for_timeout(300)
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


def test_resize_messages_are_ignored_without_opt_in(make_page, server, partner):
    page = make_page()
    frame = open_partner(page, partner.make(), ready=False)
    frame.evaluate("parent.postMessage({type: 'triage:resize', height: 1200}, '*')")
    page.wait_for_timeout(300)
    assert frame_height(page) == FIXED_HEIGHT


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
    "data-auto-height": "yes please",
    "data-style": "background:url(http://evil.example/x)",
    "data-src": "http://evil.example/",
    "data-onload": "window.pwned=1",
}


def hostile_attrs(accent: str) -> str:
    attrs = dict(HOSTILE, **{"data-accent": accent}) if accent != "hotpink" else HOSTILE
    return " ".join('%s="%s"' % (k, html.escape(v)) for k, v in attrs.items())


@pytest.mark.parametrize("accent", ["#ffff00", "#777777", "#e0e0e0", "1a237e", "#1a237eff", "hotpink"])
def test_hostile_or_unreadable_options_change_nothing(make_page, server, partner, accent):
    page = make_page()
    frame = open_partner(page, partner.make(hostile_attrs(accent)), ready=False)
    page.wait_for_timeout(500)
    assert frame.url == server.origin + "/embed/"
    assert frame.evaluate("document.body.getAttribute('style')") is None
    assert frame.get_attribute("html", "data-compact") is None
    assert frame.get_attribute("html", "data-auto-height") is None
    assert frame.get_attribute("[data-triage-checker-app]", "data-link-target") == "_blank"
    assert DEFAULT_NUMBER in frame.inner_text("[data-triage-emergency-text]")
    assert frame.locator("[data-triage-shared]").is_hidden()
    assert page.evaluate("window.pwned") is None and frame.evaluate("window.pwned") is None
    assert page.dialogs == []
    assert messages(page) == [{"origin": server.origin, "data": HELLO}]
    assert_private(page, server, partner, python=False)


def test_hostile_values_in_the_frame_address_change_nothing(make_page, server):
    """Someone can also open /embed/ with any address: it reads no options from it."""
    page = make_page()
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    query = urllib.parse.urlencode({
        "partner": "http://evil.example", "share": "level", "accent": "1a5e20",
        "emergency": "<script>window.pwned=1</script>", "links": "javascript:alert(1)", "compact": "1"})
    page.goto(server.origin + "/embed/?" + query)
    wait_ready(page)
    assert page.evaluate("document.body.getAttribute('style')") is None
    assert page.get_attribute("html", "data-compact") is None
    assert page.locator("[data-triage-shared]").is_hidden()
    walk(page, PATHS["emergency"])
    assert DEFAULT_NUMBER in page.locator(RESULT).inner_text()
    assert page.evaluate("window.pwned") is None and page.dialogs == []


def test_copy_link_in_the_embed_points_at_the_checker_page(make_page, server):
    page = make_page()
    page.goto(server.origin + "/embed/")
    wait_ready(page)
    walk(page, PATHS["self_care"])
    page.click(RESULT + " [data-action=copy-link]")
    link = page.input_value(RESULT + " .triage-share input")
    assert link.startswith(server.origin + "/checker/#breathing_difficulty=no&")
    other = make_page()
    other.goto(link)
    wait_ready(other)
    assert result_level(other) == "self_care"


def test_partners_page_lists_every_option(site_dir):
    text = (site_dir / "partners" / "index.html").read_text(encoding="utf-8")
    loader = (site_dir / "embed.js").read_text(encoding="utf-8")
    for attr in ("data-accent", "data-compact", "data-emergency-number", "data-source-links",
                 "data-share-result", "data-auto-height"):
        assert attr in text
        camel = re.sub(r"-(\w)", lambda m: m.group(1).upper(), attr[5:])
        assert "data." + camel in loader
    assert "frame-src" in text and "wasm-unsafe-eval" in text and "triage:result" in text
    assert "triage:hello" in text and "number provided by" in text
    for number in emergency_numbers.numbers():
        assert "<code>%s</code>" % number in text
    assert json.dumps({"type": "triage:result"})[1:-1] in html.unescape(text)


# ------------------------------------------------- with Python running in the cross-site frame

@cross_site_python
def test_heights_and_messages_are_the_same_for_every_level(make_page, server, partner):
    """The height probe: without opt-in, the partner sees the same height and the same
    messages (the hello, nothing else) at every level."""
    seen = {}
    for level in sorted(PATHS):
        page = make_page(viewport={"width": 1000, "height": 700})
        frame = open_partner(page, partner.make())
        walk(frame, PATHS[level])
        assert result_level(frame) == level
        page.wait_for_timeout(400)
        seen[level] = (frame_height(page), json.dumps(messages(page)), page.evaluate("window.events"))
        assert frame.locator("[data-triage-shared]").is_hidden()
        assert_private(page, server, partner)
    assert len(set(json.dumps(v) for v in seen.values())) == 1, seen
    assert seen["emergency"][0] == FIXED_HEIGHT


@cross_site_python
def test_auto_height_opt_in_follows_the_content(make_page, server, partner):
    page = make_page(viewport={"width": 1000, "height": 700})
    frame = open_partner(page, partner.make('data-auto-height="true"'))
    settle(page, frame)
    first = frame_height(page)
    assert frame.evaluate("document.documentElement.scrollHeight <= window.innerHeight + 1")
    walk(frame, PATHS["doctor_advised"])
    assert result_level(frame) == "doctor_advised"
    settle(page, frame)
    tall = frame_height(page)
    assert tall > first + 200
    frame.click("[data-action=restart]")
    frame.wait_for_selector("form[data-question=breathing_difficulty]")
    settle(page, frame)
    assert frame_height(page) < tall - 200
    # Resize messages carry a height and nothing else; no result was posted (no opt-in).
    raw = messages(page)
    assert raw[0] == {"origin": server.origin, "data": HELLO}
    assert all(m["origin"] == server.origin for m in raw)
    assert all(set(m["data"]) == {"type", "height"} and m["data"]["type"] == "triage:resize" for m in raw[1:])
    assert page.evaluate("window.events") == []
    assert_private(page, server, partner)


@cross_site_python
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
    assert_result_summary(frame, PATHS[level])
    page.wait_for_function("window.events.length > 0")
    assert page.evaluate("window.events") == [{"condition": "fasciculations", "level": level}]
    assert messages(page) == [
        {"origin": server.origin, "data": HELLO},
        {"origin": server.origin, "data": {"type": "triage:result", "condition": "fasciculations", "level": level}}]
    assert frame_height(page) == FIXED_HEIGHT
    assert_private(page, server, partner)


@cross_site_python
def test_no_result_posted_without_opt_in(make_page, server, partner):
    page = make_page()
    frame = open_partner(page, partner.make('data-share-result="answers"'))
    walk(frame, PATHS["doctor_needed"])
    assert result_level(frame) == "doctor_needed"
    page.wait_for_timeout(300)
    assert messages(page) == [{"origin": server.origin, "data": HELLO}]
    assert page.evaluate("window.events") == []
    assert frame.locator("[data-triage-shared]").is_hidden()


@cross_site_python
def test_partner_number_reaches_the_result_with_its_origin(make_page, server, partner):
    page = make_page()
    frame = open_partner(page, partner.make(
        'data-accent="#1a5e20" data-emergency-number="112" data-source-links="this-tab"'))
    walk(frame, PATHS["emergency"])
    card = frame.locator(RESULT).inner_text()
    assert "112 (number provided by %s)" % partner.origin in card
    assert DEFAULT_NUMBER not in card
    targets = frame.locator(RESULT + " a.triage-source").evaluate_all("els => els.map(e => e.target)")
    assert targets and set(targets) == {"_top"}
    assert_private(page, server, partner)


@cross_site_python
@pytest.mark.parametrize("number", [FOREIGN, "+44 999"])
def test_a_non_official_number_never_reaches_the_result(make_page, server, partner, number):
    page = make_page()
    frame = open_partner(page, partner.make('data-emergency-number="%s"' % number))
    walk(frame, PATHS["emergency"])
    card = frame.locator(RESULT).inner_text()
    assert number not in card and "provided by" not in card and DEFAULT_NUMBER in card


@cross_site_python
def test_a_framing_page_that_does_not_answer_gets_no_answers_from_the_link(make_page, server, partner):
    page = make_page()
    page.goto(partner.framing(server.origin + "/embed/#breathing_difficulty=yes"))
    frame = embed_frame(page, "#box")
    wait_ready(frame)
    assert frame.get_attribute("form[data-question]", "data-question") == "breathing_difficulty"
    assert frame.locator(RESULT).count() == 0


class SlowOptionsHandler(SiteHandler):
    """Holds back embed-frame.js, so PyScript is ready long before the options are applied."""

    def do_GET(self):
        if self.path.split("?")[0].endswith("/embed-frame.js"):
            time.sleep(2.0)
        super().do_GET()


@cross_site_python
def test_python_waits_for_the_embed_options(make_page, site_dir, tmp_path):
    """PyScript loads without waiting for the page, but the checker starts only once the frame
    has its partner's options: a late options script still sets the number shown."""
    with StaticServer(site_dir, SlowOptionsHandler) as slow, StaticServer(tmp_path) as host:
        (tmp_path / "partner.html").write_text(
            PARTNER_PAGE % {"attrs": 'data-emergency-number="999"', "site": slow.origin},
            encoding="utf-8")
        page = make_page()
        frame = open_partner(page, other_site(host.origin) + "/partner.html")
        walk(frame, PATHS["emergency"])
        assert "999 (number provided by" in frame.locator(RESULT).inner_text()
        assert page.log.console_errors == []
