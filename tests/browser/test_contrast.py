"""Every text readable (WCAG AA), computed in Chromium (tests/browser/contrast.py): every page of
the site, every state of the checker (each question kind, the error, each level's result, "could
not start", JavaScript off), the step-by-step pages, the offline file and the embed, in light and
dark colours, with each control normal, hovered, focused and pressed. Faults planted on purpose
show the measure catches what axe only lists as "needs review"."""
import pytest

from checker_steps import PATHS, QUESTION, RESULT, reach, static_result_page, wait_ready, walk
from contrast import add_style, failures, report
from site_build import offline_flow, static_flow
from support import built_pages

pytestmark = pytest.mark.browser

SCHEMES = ["light", "dark"]
PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}
CONDITION = "fasciculations"
DESKTOP_PAGES = ("", "fasciculations/when-to-get-help/", "download/", "partners/", "404.html")
# A device where the interactive checker cannot start: no WebAssembly.
NO_WASM = """
WebAssembly.instantiate = WebAssembly.instantiateStreaming = WebAssembly.compile =
  WebAssembly.compileStreaming = () => Promise.reject(new Error("no WebAssembly on this device"));
"""


def open_page(make_page, scheme, url, viewport=PHONE, **options):
    page = make_page(viewport=viewport, color_scheme=scheme, **options)
    page.goto(url)
    return page


def collect(found: dict, where: str, page):
    got = failures(page)
    if got:
        found[where] = got
    page.context.close()


def step_by_step_sample() -> set:
    """One step-by-step page for each question and each level's result: the pages share one
    template and style, and differ in the kind of step and the level's colours."""
    states = static_flow.enumerate_states(CONDITION)
    names = static_flow.name_states(states)
    first = {}
    for state in states:
        what = state["question"]["id"] if state["kind"] == "question" else state["result"]["level"]
        first.setdefault((state["kind"], what), static_flow.page_url(names[state["key"]]))
    return set(first.values())


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page(make_page, server, site_dir, scheme):
    """Each built page and the 404 page on a phone, the step-by-step checker by a page of each
    question and level; on a desktop screen, where Material shows its side navigation and table
    of contents, the Material pages with each kind of content (cards, buttons, code)."""
    found = {}
    sample = step_by_step_sample()
    pages = [p for p in built_pages(site_dir) + ["404.html"]
             if static_flow.STATIC_DIR not in p or p in sample]
    assert len(pages) >= 20 and sample <= set(pages)
    for path in pages:
        page = open_page(make_page, scheme, server.origin + "/" + path)
        light_page = page.locator("[data-triage-checker-app], .triage-static").count() > 0
        if page.locator("[data-triage-checker-app]").count():
            wait_ready(page)
        collect(found, path, page)
        if not light_page and path in DESKTOP_PAGES:
            collect(found, path + " @1280", open_page(make_page, scheme, server.origin + "/" + path, DESKTOP))
    assert found == {}, report(found)


CHECKER_STATES = ["first", "error", "triggers"] + sorted(PATHS)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("where", ["checker/", "embed/"])
def test_checker_states(make_page, server, scheme, where):
    """The interactive checker (on its page and as the embed's page) at the first question, the
    "choose an answer" error, the tick-all question, and each level's result with the share box
    open."""
    found = {}
    for state in CHECKER_STATES:
        page = open_page(make_page, scheme, server.origin + "/" + where)
        wait_ready(page)
        if state == "error":
            page.click(QUESTION + " button[type=submit]")
            page.wait_for_selector(QUESTION + " .triage-error:not([hidden])")
        else:
            reach(page, state)
        collect(found, where + " " + state, page)
    assert found == {}, report(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_checker_cannot_start_and_javascript_off(make_page, server, scheme):
    """Where a stuck reader needs the way out most: "The checker could not start on this
    device" (no WebAssembly), the notices for a slow start and a frame it cannot run in (shown
    by taking away `hidden`: they share the markup and styles, and wait on a clock or a partner),
    and the page with JavaScript off."""
    found = {}
    page = make_page(viewport=PHONE, color_scheme=scheme)
    page.add_init_script(NO_WASM)
    page.goto(server.origin + "/checker/")
    page.locator("[data-triage-fallback]").wait_for(state="visible", timeout=8000)
    collect(found, "could not start", page)

    page = open_page(make_page, scheme, server.origin + "/checker/")
    wait_ready(page)
    page.evaluate("for (const el of document.querySelectorAll('[data-triage-slow], [data-triage-framed]')) el.hidden = false")
    collect(found, "slow and framed notices", page)

    for path in ("checker/", "embed/"):
        page = open_page(make_page, scheme, server.origin + "/" + path, java_script_enabled=False)
        assert page.locator(".triage-nojs").is_visible()
        collect(found, path + " javascript off", page)
    assert found == {}, report(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_disabled_buttons(make_page, server, scheme):
    """No page disables a button today; should one, its text stays readable: every button of a
    result, disabled."""
    page = open_page(make_page, scheme, server.origin + "/checker/")
    wait_ready(page)
    reach(page, "self_care")
    assert page.evaluate("() => { const all = document.querySelectorAll('.triage button');"
                         " for (const b of all) b.disabled = true; return all.length; }") >= 4
    found = failures(page, ["normal", "hover"])
    assert found == [], report(found)


def offline_section(level: str) -> str:
    """The offline file's step-by-step section for the first result page of a level."""
    states = static_flow.enumerate_states(CONDITION)
    names = static_flow.name_states(states)
    key = next(s["key"] for s in states if s["kind"] == "result" and s["result"]["level"] == level)
    return offline_flow.section_id(names[key])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_offline_file(make_page, site_dir, tmp_path, scheme):
    """The saved offline file from file://: the checker, a result, and its step-by-step
    sections (the first step and a result), also with JavaScript off."""
    saved = tmp_path / "checker-offline.html"
    saved.write_bytes((site_dir / "download" / "checker-offline.html").read_bytes())
    url = saved.as_uri()
    found = {}
    page = open_page(make_page, scheme, url)
    wait_ready(page)
    collect(found, "offline first question", page)
    page = open_page(make_page, scheme, url)
    wait_ready(page)
    walk(page, PATHS["emergency"])
    page.wait_for_selector(RESULT)
    collect(found, "offline result", page)
    for fragment in (offline_flow.START_ID, offline_section("doctor_advised")):
        page = open_page(make_page, scheme, url + "#" + fragment, java_script_enabled=False)
        assert page.locator(".sa-step:target").is_visible()
        collect(found, "offline #" + fragment, page)
    page = open_page(make_page, scheme, url, java_script_enabled=False)
    collect(found, "offline javascript off", page)
    assert found == {}, report(found)


# -- planted faults: each must be caught ----------------------------------------------------------

def step_result(make_page, server, scheme="light"):
    return open_page(make_page, scheme, server.origin + "/" + static_result_page())


def named(found, text):
    return [f for f in found if '"%s' % text in f["element"]]


def test_catches_button_text_the_colour_of_the_button(make_page, server):
    """The fault the issue found on every step-by-step result: "Start again" in its own colour.
    The page passes as built, and fails at 1:1 once a rule makes the text the button's colour."""
    page = step_result(make_page, server)
    assert named(failures(page, ["normal"]), "Start again") == []
    add_style(page, ".md-typeset a.md-button--primary { color: var(--accent) !important; }")
    caught = [f for f in named(failures(page, ["normal"]), "Start again") if f["problem"] == "text contrast"]
    assert caught and caught[0]["ratio"] == 1, caught


def test_catches_a_fault_seen_only_on_hover(make_page, server):
    page = step_result(make_page, server)
    add_style(page, ".md-typeset a.md-button--primary:hover { background: var(--site-bg) !important;"
                    " color: var(--site-bg) !important; }")
    found = failures(page, ["normal", "hover"])
    assert {f["state"] for f in named(found, "Start again")} == {"hover"}, found


@pytest.mark.parametrize("scheme", SCHEMES)
def test_catches_a_fault_seen_only_in_one_scheme(make_page, server, scheme):
    """Text fine in light colours but not in dark ones (or the other way round)."""
    page = step_result(make_page, server, scheme)
    add_style(page, "@media (prefers-color-scheme: dark) { .md-typeset .triage-progress,"
                    " .md-typeset h1 { color: #2a3a44 !important; } }")
    found = failures(page, ["normal"])
    assert bool(named(found, "Your result")) == (scheme == "dark"), found


def test_catches_a_focus_outline_that_cannot_be_seen(make_page, server):
    page = step_result(make_page, server)
    add_style(page, ".md-typeset .md-button:focus-visible { outline-color: var(--site-bg) !important; }")
    found = failures(page, ["focus-visible"])
    assert any(f["problem"] == "focus outline contrast" for f in named(found, "Start again")), found


def test_catches_text_on_an_unmeasurable_background(make_page, server):
    page = step_result(make_page, server)
    add_style(page, ".sa-main { background-image: linear-gradient(#fff, #eee); }")
    found = failures(page, ["normal"])
    assert any(f["problem"].startswith("background image") for f in found), found
