"""The browser's Back and Forward buttons in the checker, as a reader on a phone uses them.

Each step is a history entry: Back walks the questions with each answer kept, Forward walks
them again, and no entry or address holds an answer. A reader who opens "Read more" from a
result and comes back finds the same page, not reloaded (Chromium's back/forward cache keeps it
in memory), and nothing is written to any storage on the way."""
import pytest

from checker_steps import PATHS, QUESTION, RESULT, current_question, result_level, wait_ready, walk
from support import CHROMIUM_ARGS, chromium_path
from test_storage import EMPTY, STORAGE

pytestmark = pytest.mark.browser

# What a history entry may hold: the run of the checker and the step's number, nothing else.
ENTRY_KEYS = ["triageRun", "triageStep"]


@pytest.fixture(scope="module")
def bfcache_browser(playwright):
    """Chromium as a reader has it: Playwright turns the back/forward cache off by default."""
    b = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS,
                                   ignore_default_args=["--disable-back-forward-cache"])
    yield b
    b.close()


@pytest.fixture
def reader(bfcache_browser):
    context = bfcache_browser.new_context(viewport={"width": 375, "height": 667})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    yield page
    context.close()


def open_checker(page, origin):
    page.goto(origin + "/checker/")
    wait_ready(page)


def chosen(page):
    return page.locator(QUESTION + " input:checked").evaluate_all("els => els.map(e => e.value)")


def assert_no_answers_kept(page, steps):
    """Neither the address nor the history entry names an answer."""
    state = page.evaluate("history.state")
    assert sorted(state) == ENTRY_KEYS
    assert "#" not in page.url and "?" not in page.url
    for qid, value in steps:
        for v in (value if isinstance(value, list) else [value]):
            assert qid not in page.url and qid not in str(state)


def test_back_and_forward_walk_the_questions(reader, server):
    steps = PATHS["doctor_advised"]
    open_checker(reader, server.origin)
    start_length = reader.evaluate("history.length")
    walk(reader, steps)
    assert result_level(reader) == "doctor_advised"
    assert reader.evaluate("history.length") == start_length + len(steps)
    assert_no_answers_kept(reader, steps)
    # Back from the result: the last question, its answer still chosen; and so on to the first.
    for qid, value in reversed(steps):
        reader.go_back(wait_until="commit")
        reader.wait_for_selector(QUESTION + "[data-question=%s]" % qid)
        assert sorted(chosen(reader)) == sorted(value if isinstance(value, list) else [value])
        assert_no_answers_kept(reader, steps)
    assert reader.evaluate("history.state.triageStep") == 0
    # Forward walks them again, to the same result.
    for qid, _value in steps:
        reader.wait_for_selector(QUESTION + "[data-question=%s]" % qid)
        reader.go_forward(wait_until="commit")
    assert result_level(reader) == "doctor_advised"
    assert reader.errors == []


def test_a_changed_answer_drops_the_steps_after_it(reader, server):
    open_checker(reader, server.origin)
    walk(reader, PATHS["emergency"])
    reader.go_back(wait_until="commit")
    reader.wait_for_selector(QUESTION + "[data-question=swallowing_difficulty]")
    walk(reader, [("swallowing_difficulty", "no")])
    assert current_question(reader) == "speech_difficulty"
    assert reader.evaluate("history.state.triageStep") == 2
    # The page's own Back button is the browser's Back: the same step, the same answer.
    reader.click(QUESTION + " [data-action=back]")
    reader.wait_for_selector(QUESTION + "[data-question=swallowing_difficulty]")
    assert chosen(reader) == ["no"]
    reader.go_forward(wait_until="commit")
    reader.wait_for_selector(QUESTION + "[data-question=speech_difficulty]")


def test_start_again_forgets_and_back_then_leaves_the_checker(reader, server):
    reader.goto(server.origin + "/about/")
    open_checker(reader, server.origin)
    walk(reader, PATHS["emergency"])
    reader.click(RESULT + " [data-action=restart]")
    reader.wait_for_selector(QUESTION + "[data-question=breathing_difficulty]")
    assert chosen(reader) == []
    reader.go_back(wait_until="commit")
    assert reader.url == server.origin + "/about/"


def test_a_link_with_answers_still_opens_its_result(reader, server):
    """The share link ("Copy link to this result") is unchanged by the history entries."""
    open_checker(reader, server.origin)
    walk(reader, PATHS["doctor_needed"])
    reader.click(RESULT + " [data-action=copy-link]")
    link = reader.input_value(RESULT + " .triage-share input")
    assert "#" in link
    reader.goto(server.origin + "/about/")
    reader.goto(link)
    wait_ready(reader)
    assert result_level(reader) == "doctor_needed"
    # Back within the page from a result a link opened: its last question, answer kept.
    reader.click(RESULT + " [data-action=back]")
    reader.wait_for_selector(QUESTION + "[data-question=weakness]")
    assert chosen(reader) == ["unsure"]


@pytest.mark.parametrize("level", sorted(PATHS))
def test_read_more_and_back_finds_the_same_result(reader, server, level):
    """The page comes back from the back/forward cache: the same document (a mark set before
    leaving is still there), not reloaded, and nothing was stored to make that happen."""
    cdp = reader.context.new_cdp_session(reader)
    cdp.send("Page.enable")
    not_cached = []
    cdp.on("Page.backForwardCacheNotUsed",
           lambda e: not_cached.extend(r["reason"] for r in e["notRestoredExplanations"]))
    open_checker(reader, server.origin)
    walk(reader, PATHS[level])
    headline = reader.inner_text(RESULT + " h2")
    reader.evaluate("window.__sameDocument = true")
    reader.click(RESULT + " .triage-what-to-do + .triage-sources a")
    reader.wait_for_load_state("load")
    assert "/checker/" not in reader.url
    # A moment on the article, as a reader spends (a garbage collection may come meanwhile).
    reader.wait_for_timeout(500)
    reader.go_back(wait_until="commit")
    reader.wait_for_selector(RESULT)
    assert not_cached == []
    assert reader.evaluate("window.__sameDocument === true")
    assert result_level(reader) == level and reader.inner_text(RESULT + " h2") == headline
    assert reader.evaluate("performance.getEntriesByType('navigation')[0].type") != "reload"
    # Still a working checker: Back goes to the last question.
    reader.go_back(wait_until="commit")
    reader.wait_for_selector(QUESTION + "[data-question=%s]" % PATHS[level][-1][0])
    assert reader.evaluate(STORAGE) == EMPTY
    assert reader.context.cookies() == []
    assert reader.errors == []


def test_the_page_title_says_the_step(reader, server):
    """document.title names the question's number or the result's label, then the site."""
    import triage_core
    from checker_ui import views
    site_name = reader.context.request.get(server.origin + "/").text().split("<title>", 1)[1].split("<", 1)[0]
    site_name = site_name.split(" - ")[-1].strip()
    total = len(triage_core.get_condition("fasciculations")["questions"])
    open_checker(reader, server.origin)
    assert reader.title() == "%s \u2014 %s" % (views.step_title(1, total), site_name)
    steps = PATHS["emergency"]
    walk(reader, steps[:1])
    assert reader.title() == "%s \u2014 %s" % (views.step_title(2, total), site_name)
    walk(reader, steps[1:])
    level_title = triage_core.evaluate("fasciculations", dict(steps))["level_title"]
    reader.wait_for_selector(RESULT)
    assert reader.title() == "Result: %s \u2014 %s" % (level_title, site_name)
    reader.go_back(wait_until="commit")
    reader.wait_for_selector(QUESTION)
    assert reader.title() == "%s \u2014 %s" % (views.step_title(2, total), site_name)


def test_the_privacy_statement_says_what_history_keeps():
    """About says what a history entry holds and that the browser may keep the page in memory."""
    from support import ROOT
    about = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    section = about.split("## Privacy", 1)[1].split("\n## ", 1)[0]
    for words in ("history", "holds only its number, not your answer", "back/forward cache",
                  "Nothing is written to your device", "close the tab"):
        assert words in " ".join(section.split()), words
