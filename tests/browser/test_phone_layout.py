"""The checker on a phone's first screen (375 x 667), as a worried reader meets it.

Question 1's answers, and at every step Back and the progress line, are on screen without
scrolling; at a result the intro is gone and the label, headline, timeframe and first thing to
do are on screen for every level; the emergency headline takes at most 3 lines, and when the
site or a partner gives a number to dial, a large "Call <number>" button is on screen too."""
import pytest

import triage_core
from checker_steps import CONDITION, PATHS, QUESTION, RESULT, answer, wait_ready
from checker_ui import views
from test_embed import partner  # noqa: F401  (the partner site fixture)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
EMERGENCY = triage_core.get_condition(CONDITION)["levels"][0]["id"]  # levels: most urgent first

# Whether an element is wholly inside the viewport, as the reader sees it now.
ON_SCREEN = """el => { const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0 && r.top >= -0.5 && r.left >= -0.5 &&
         r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5; }"""
LINES = """el => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))"""


@pytest.fixture
def phone(make_page):
    return make_page(viewport=PHONE)


def on_screen(page, selector) -> bool:
    return page.locator(selector).first.evaluate(ON_SCREEN)


def open_checker(page, server, number=None):
    """The checker page; with `number`, as the build writes a site's number setting into it."""
    if number is not None:
        page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
          document.querySelector('[data-triage-checker-app]').setAttribute('data-emergency-number', %r);
        });""" % number)
    page.goto(server.origin + "/checker/")
    wait_ready(page)


def test_question_one_answers_are_on_the_first_screen(phone, server):
    phone.goto(server.origin + "/checker/")
    assert phone.evaluate("scrollY") == 0
    options = phone.locator(QUESTION + " .triage-option")
    assert options.count() >= 2
    for i in range(options.count()):
        assert options.nth(i).evaluate(ON_SCREEN), "option %d is below the fold" % (i + 1)
    assert on_screen(phone, QUESTION + " .triage-progress")


def test_step_by_step_question_one_answers_are_on_the_first_screen(make_page, server):
    """The same on the step-by-step checker, with JavaScript off."""
    page = make_page(viewport=PHONE, java_script_enabled=False)
    page.goto(server.origin + "/checker/static/")
    options = page.locator("a.triage-link-option")
    assert options.count() >= 2
    for i in range(options.count()):
        assert options.nth(i).evaluate(ON_SCREEN), "option %d is below the fold" % (i + 1)
    assert on_screen(page, ".triage-progress")


def test_back_and_progress_are_on_screen_above_the_options_at_every_step(phone, server):
    open_checker(phone, server)
    for qid, value in PATHS["self_care"]:
        form = QUESTION + "[data-question=%s]" % qid
        phone.wait_for_selector(form)
        assert on_screen(phone, form + " .triage-progress"), qid
        if qid != PATHS["self_care"][0][0]:
            assert on_screen(phone, form + " [data-action=back]"), qid
            back = phone.locator(form + " [data-action=back]").bounding_box()
            first = phone.locator(form + " .triage-option").first.bounding_box()
            assert back["y"] + back["height"] <= first["y"], qid
        answer(phone, qid, value)


@pytest.mark.parametrize("level", sorted(PATHS))
def test_every_result_starts_on_the_first_screen(phone, server, level):
    open_checker(phone, server)
    for qid, value in PATHS[level]:
        answer(phone, qid, value)
    phone.wait_for_selector(RESULT)
    phone.wait_for_timeout(100)
    assert phone.locator(".triage-intro").is_hidden()
    for part in (".care-card__label", "h2", ".triage-timeframe", ".triage-what-to-do > li"):
        assert on_screen(phone, RESULT + " " + part), "%s: %s is off the first screen" % (level, part)


@pytest.mark.parametrize("number", ["", "999", "112 (number provided by https://clinic.example)"],
                         ids=["described", "number", "partner"])
def test_emergency_result_headline_and_call_button(phone, server, number):
    """A description of the number gives a short headline and says which number once, below; a
    number to dial gives a "Call <number>" tel: link, on the first screen."""
    open_checker(phone, server, number or None)
    for qid, value in PATHS[EMERGENCY]:
        answer(phone, qid, value)
    phone.wait_for_selector(RESULT)
    phone.wait_for_timeout(100)
    headline = phone.locator(RESULT + " h2")
    assert headline.evaluate(LINES) <= 3
    dial = views.dial_number(number)
    call = phone.locator(RESULT + " a.triage-call__button")
    if dial:
        assert call.get_attribute("href") == "tel:" + dial
        assert call.inner_text().strip() == "Call " + dial
        assert call.evaluate(ON_SCREEN)
        assert call.bounding_box()["height"] >= 48
        assert dial in headline.inner_text()
    else:
        assert call.count() == 0
        assert "(" not in headline.inner_text()  # the examples are not in the headline
        assert "999" in phone.inner_text(RESULT + " .triage-call-note")
    for part in (".care-card__label", "h2"):
        assert on_screen(phone, RESULT + " " + part)


def test_no_call_button_on_a_level_that_does_not_say_to_call(phone, server):
    open_checker(phone, server, "999")
    for qid, value in PATHS["self_care"]:
        answer(phone, qid, value)
    phone.wait_for_selector(RESULT)
    assert phone.locator(RESULT + " a[href^='tel:']").count() == 0


def test_a_partners_number_gives_the_call_button_in_the_embed(make_page, server, partner):
    """A partner's checked number (embed-frame.js) is the number to dial; who gave it is said
    below the headline, not in it."""
    from test_embed import open_partner
    page = make_page(viewport=PHONE)
    frame = open_partner(page, partner.make('data-emergency-number="112"'))
    for qid, value in PATHS[EMERGENCY]:
        answer(frame, qid, value)
    frame.wait_for_selector(RESULT)
    call = frame.locator(RESULT + " a.triage-call__button")
    assert call.get_attribute("href") == "tel:112"
    assert call.inner_text().strip() == "Call 112"
    headline = frame.inner_text(RESULT + " h2")
    assert "112" in headline and "provided by" not in headline
    assert "provided by " + partner.origin in frame.inner_text(RESULT + " .triage-call-note")
