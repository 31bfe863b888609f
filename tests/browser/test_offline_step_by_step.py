"""The offline file's step-by-step checker is inside the file: opened from file:// with every
network request refused, a reader with JavaScript off, or whose device cannot start the
interactive checker, still reaches each level, and the links to it never leave the file. The
checker's Python takes none of its #step-... fragments for answers."""
import re

import pytest

from checker_steps import PATHS as CLICK_PATHS, READY, RESULT, result_level, walk
from site_build import offline_flow, static_flow
from support import LOCAL_SCHEMES as LOCAL, refuse_network

pytestmark = pytest.mark.browser

CONDITION = "fasciculations"
SHOWN = ".sa-step:target"
# A device where the interactive checker cannot start: no WebAssembly.
NO_WASM = """
WebAssembly.instantiate = WebAssembly.instantiateStreaming = WebAssembly.compile =
  WebAssembly.compileStreaming = () => Promise.reject(new Error("no WebAssembly on this device"));
"""


def shortest_paths():
    found = {}
    for state in static_flow.enumerate_states(CONDITION):
        if state["kind"] == "result":
            found.setdefault(state["result"]["level"], state["key"])
    return found


def link_labels():
    """{(question id, option id): link text} as the step-by-step pages word each answer (a
    multiple choice that can change the level is asked one named option at a time)."""
    labels = {}
    for state in static_flow.enumerate_states(CONDITION):
        if state["kind"] == "question":
            for option in state["question"]["options"]:
                labels[(state["question"]["id"], option["id"])] = option["label"]
    return labels


PATHS = shortest_paths()
LABELS = link_labels()
LEVELS = sorted(PATHS)
# What the checker's notice says ("That link could not be read ..."), shown or not.
NOTICE = "document.querySelector('[data-triage-notice]').textContent"


@pytest.fixture
def offline(make_page, site_dir, tmp_path):
    """open(**context options) -> a page on a saved copy of the offline file, in a context that
    refuses every request outside the file."""
    saved = tmp_path / "checker-offline.html"
    saved.write_bytes((site_dir / "download" / "checker-offline.html").read_bytes())

    def open_page(fragment="", init_script=None, **options):
        page = refuse_network(make_page(**options))
        if init_script:
            page.add_init_script(init_script)
        page.goto(saved.as_uri() + fragment)
        page.file_url = saved.as_uri()
        return page
    return open_page


def walk_steps(page, level):
    """Follow the step-by-step links from the first step to `level`'s result."""
    for qid, oid in PATHS[level]:
        section = page.locator(SHOWN + " [data-question]")
        assert section.get_attribute("data-question") == qid
        section.get_by_role("link", name=LABELS[(qid, oid)], exact=True).click()
    result = page.locator(SHOWN + " [data-level]")
    assert result.get_attribute("data-level") == level
    assert page.locator(SHOWN).count() == 1
    # The interactive checker is out of the way while a step shows.
    assert page.locator("[data-triage-checker-app]").is_hidden()


def assert_stayed_in_the_file(page):
    assert page.refused == []
    assert [u for u in page.log.requests if not u.startswith(LOCAL)] == []
    assert [u for u in page.log.requests if u.startswith("file:")] == [page.file_url]
    assert page.url.startswith(page.file_url + "#" + offline_flow.PREFIX)


@pytest.mark.parametrize("level", LEVELS)
def test_reaches_each_level_with_javascript_off(offline, level):
    page = offline(java_script_enabled=False)
    start = page.locator(".triage-nojs a", has_text="step-by-step")
    assert start.get_attribute("href") == "#" + offline_flow.START_ID
    start.click()
    walk_steps(page, level)
    page.locator(SHOWN).get_by_role("link", name="Start again", exact=True).click()
    assert page.url == page.file_url + "#" + offline_flow.START_ID
    assert_stayed_in_the_file(page)


@pytest.mark.parametrize("level", ["emergency", "self_care"])
def test_reaches_a_level_when_the_checker_cannot_start(offline, level):
    page = offline(init_script=NO_WASM)
    fallback = page.locator("[data-triage-fallback]")
    fallback.wait_for(state="visible", timeout=7000)
    link = fallback.get_by_role("link", name="Use the step-by-step checker")
    assert link.get_attribute("href") == "#" + offline_flow.START_ID
    link.click()
    walk_steps(page, level)
    assert_stayed_in_the_file(page)


def test_every_link_to_the_step_by_step_checker_stays_in_the_file(site_dir):
    text = (site_dir / "download" / "checker-offline.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*)"', text)
    assert [h for h in hrefs if static_flow.STATIC_DIR in h] == []
    ids = set(re.findall(r'id="([^"]*)"', text))
    assert {h[1:] for h in hrefs if h.startswith("#")} <= ids
    assert text.count('id="%s"' % offline_flow.START_ID) == 1
    assert len(ids) == len(re.findall(r'id="([^"]*)"', text)), "an id is used twice"


def test_python_takes_no_step_fragment_for_answers(offline):
    """Opened at a step, or moving between steps, with the interactive checker running: the
    checker starts as usual and shows no "could not be read" notice."""
    page = offline(fragment="#" + offline_flow.START_ID)
    page.wait_for_selector(READY, state="attached", timeout=10000)  # hidden behind the step
    assert page.locator(SHOWN).is_visible()
    page.locator(SHOWN + " a.triage-link-option").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate(NOTICE) == ""
    # Back to the interactive checker: it works, and answers in a fragment are still read.
    page.locator(SHOWN).get_by_role("link", name="interactive checker").click()
    assert page.locator("[data-triage-checker-app]").is_visible()
    page.wait_for_timeout(300)
    assert page.evaluate(NOTICE) == ""
    walk(page, CLICK_PATHS["emergency"])
    assert result_level(page) == "emergency"
    page.evaluate("location.hash = 'breathing_difficulty=no&swallowing_difficulty=no&speech_difficulty=yes'")
    page.wait_for_function("document.querySelector('%s h2').textContent.length > 0" % RESULT)
    assert result_level(page) == "emergency"
    assert page.evaluate(NOTICE) == ""
    assert page.log.console_errors == []



def test_steps_are_accessible(offline):
    """axe-core finds no WCAG 2.2 A/AA violation on the offline file with its first step, and then
    a result step, on screen."""
    from test_accessibility import violations
    page = offline(fragment="#" + offline_flow.START_ID)
    page.wait_for_selector(READY, state="attached", timeout=10000)
    assert violations(page) == []
    walk_steps(page, "emergency")
    assert violations(page) == []
