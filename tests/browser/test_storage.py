"""Storage, as a reader who blocks it meets the checker, and as one who allows it.

With Chromium's "Don't allow sites to save data" (a fresh profile whose preferences block site
data), the checker on the site, framed on a partner's page on another site, in the offline file
(file://) and from the self-host bundle starts and reaches every level. With storage allowed,
after each of those flows every kind of storage is still empty: IndexedDB, Cache Storage,
localStorage, sessionStorage and cookies. About's privacy statement says exactly that."""
import json
import re
import zipfile

import pytest

from checker_steps import PATHS, RESULT, result_level, wait_ready, walk
from support import CHROMIUM_ARGS, ROOT, StaticServer, chromium_path

pytestmark = pytest.mark.browser

# "embed" is framed by a partner on another site; "embed-same-site" by a page on another port of
# the same host, where the browser lets a frame use storage, so "left empty" means something.
PLACES = ["checker", "embed", "embed-same-site", "offline", "bundle"]
LOCAL = ("file:", "data:", "blob:")

# Whatever a page keeps, seen from inside it: a list of names for each store, or "refused: ..."
# when the browser will not let the page use it at all.
STORAGE = """async () => {
  const out = {};
  async function look(name, read) {
    try { out[name] = await read(); } catch (error) { out[name] = "refused: " + error.name; }
  }
  await look("indexedDB", async () => (await indexedDB.databases()).map(d => d.name));
  await look("caches", async () => typeof caches === "undefined" ? [] : await caches.keys());
  await look("localStorage", () => Object.keys(localStorage));
  await look("sessionStorage", () => Object.keys(sessionStorage));
  out.cookie = document.cookie;
  return out;
}"""
EMPTY = {"indexedDB": [], "caches": [], "localStorage": [], "sessionStorage": [], "cookie": ""}

PARTNER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner clinic</title>
<link rel="icon" href="data:,"></head>
<body><h1>Partner clinic</h1>
<iframe src="%s" title="Symptom checker" allow="clipboard-write" style="width: 100%%; height: 1400px; border: 0"></iframe>
</body></html>
"""


def profile(tmp_path, block: bool):
    """A fresh user-data folder; with `block`, set to "Don't allow sites to save data"."""
    folder = tmp_path / ("blocked-profile" if block else "profile")
    (folder / "Default").mkdir(parents=True)
    if block:
        prefs = {"profile": {"default_content_setting_values": {"cookies": 2}}}
        (folder / "Default" / "Preferences").write_text(json.dumps(prefs), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def places(site_dir, server, tmp_path_factory):
    """Where each way of using the checker opens: {place: (url, frame?)}; the partner is
    http://localhost (another site from 127.0.0.1), the bundle on a host of its own."""
    partner_dir = tmp_path_factory.mktemp("partner")
    host_dir = tmp_path_factory.mktemp("bundle-host")
    with zipfile.ZipFile(site_dir / "download" / "checker-bundle.zip") as zf:
        zf.extractall(host_dir)
    saved = tmp_path_factory.mktemp("downloads") / "checker-offline.html"
    saved.write_bytes((site_dir / "download" / "checker-offline.html").read_bytes())
    with StaticServer(partner_dir) as partner, StaticServer(host_dir) as bundle:
        partner_origin = partner.origin.replace("127.0.0.1", "localhost")
        (partner_dir / "partner.html").write_text(PARTNER % (server.origin + "/embed/"), encoding="utf-8")
        yield {
            "checker": (server.origin + "/checker/", False),
            "embed": (partner_origin + "/partner.html", True),
            "embed-same-site": (partner.origin + "/partner.html", True),
            "offline": (saved.as_uri(), False),
            "bundle": (bundle.origin + "/fasciculations-checker/", False),
            "origins": (server.origin, partner_origin, partner.origin, bundle.origin),
        }


@pytest.fixture(scope="module", params=[True, False], ids=["storage-blocked", "storage-allowed"])
def profile_context(request, tmp_path_factory, playwright):
    """One persistent Chromium profile per module and setting, as a reader's browser is."""
    folder = profile(tmp_path_factory.mktemp("chromium"), request.param)
    context = playwright.chromium.launch_persistent_context(
        str(folder), executable_path=chromium_path(), args=CHROMIUM_ARGS)
    context.blocked = request.param
    yield context
    context.close()


def open_place(context, places, place):
    """A new page on `place`, with the checker ready; returns (page, the checker's frame)."""
    page = context.new_page()
    errors, asked = [], []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("request", lambda r: asked.append(r.url))
    page.errors, page.asked = errors, asked
    url, framed = places[place]
    page.goto(url)
    checker = page
    if framed:
        checker = page.wait_for_selector("iframe", state="attached").content_frame()
        assert checker.url.startswith(places["origins"][0] + "/embed/")
    wait_ready(checker)
    return page, checker


@pytest.mark.parametrize("level", sorted(PATHS))
@pytest.mark.parametrize("place", PLACES)
def test_checker_works_and_keeps_nothing(profile_context, places, place, level):
    page, checker = open_place(profile_context, places, place)
    try:
        walk(checker, PATHS[level])
        assert result_level(checker) == level
        checker.click(RESULT + " [data-action=copy-link]")
        stored = checker.evaluate(STORAGE)
        if profile_context.blocked or place == "embed":
            # Storage is really refused here (by the profile, or to a frame from another site
            # by Chromium's defaults): the checker got there without any.
            assert all(stored[name].startswith("refused: ") for name in ("indexedDB", "localStorage"))
            assert stored["cookie"] == ""
        else:
            assert stored == EMPTY
            assert profile_context.cookies() == []
        assert page.errors == []
        allowed = tuple(o + "/" for o in places["origins"]) + LOCAL
        assert [u for u in page.asked if not u.startswith(allowed)] == []
    finally:
        page.close()


def test_the_privacy_statement_says_nothing_is_stored():
    """About says the checker keeps nothing on the device, which the tests above check, and
    names the kinds of storage they look at."""
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    section = about.split("## Privacy", 1)[1].split("\n## ", 1)[0]
    for kind in ("cookies", "local storage", "session storage", "IndexedDB", "Cache Storage"):
        assert re.search(re.escape(kind), section, re.I), kind


@pytest.mark.parametrize("reason, state", [("new Event('error')", "ready"), ("new Error('no interpreter')", "failed")],
                         ids=["storage error event", "error"])
def test_only_an_error_while_starting_stops_the_checker(make_page, server, reason, state):
    """boot.js says the checker could not start when a promise is left rejected with an Error
    (how PyScript fails to load its interpreter), not for a rejected DOM event (how PyScript's
    IndexedDB store reports storage it was refused), which the checker does not need."""
    page = make_page()
    page.add_init_script("document.addEventListener('DOMContentLoaded', () => { Promise.reject(%s); });"
                         % reason)
    page.goto(server.origin + "/checker/")
    page.wait_for_selector("[data-triage-checker-app][data-state=%s]" % state, timeout=10000)
    assert page.locator("[data-triage-fallback]").is_visible() == (state == "failed")
