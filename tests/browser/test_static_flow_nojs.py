"""With JavaScript turned off, a person reaches every urgency level through the step-by-step
checker, starting from the checker page, at the site root and under a sub-path."""
import pytest

import triage_core
from site_build import static_flow

pytestmark = pytest.mark.browser

CONDITION = "fasciculations"


STATES = static_flow.enumerate_states(CONDITION)


def shortest_paths():
    """For each level, the answers on the shortest way to it, as (question id, option id) pairs,
    and the expected result."""
    found = {}
    for state in STATES:
        if state["kind"] == "result":
            found.setdefault(state["result"]["level"], (state["key"], state["result"]))
    return found


def link_labels():
    """(question id, option id) -> the link's text, as the question pages show it."""
    found = {}
    for state in STATES:
        if state["kind"] == "question":
            for option in state["question"]["options"]:
                found[(state["question"]["id"], option["id"])] = option["label"]
    return found


PATHS = shortest_paths()
LABELS = link_labels()
LEVELS = [level["id"] for level in triage_core.get_condition(CONDITION)["levels"]]


def test_every_level_has_a_path():
    assert sorted(PATHS) == sorted(LEVELS)
    assert set(LEVELS) == {"emergency", "doctor_needed", "doctor_advised", "self_care"}


@pytest.mark.parametrize("level", LEVELS)
def test_reach_level_without_javascript(make_page, server, base_url, level):
    page = make_page(java_script_enabled=False)
    assert page.goto(base_url + "checker/", wait_until="load").status == 200
    start = page.locator(".triage-nojs a", has_text="step-by-step")
    start.wait_for(state="visible", timeout=5000)
    # The live checker's question is hidden: without JavaScript it could not go on.
    assert page.locator("[data-triage-stage]").is_hidden()
    start.click()
    page.wait_for_load_state("load")
    assert page.url == base_url + static_flow.STATIC_DIR

    key, expected = PATHS[level]
    for qid, oid in key:
        section = page.locator("[data-question]")
        assert section.get_attribute("data-question") == qid
        label = LABELS[(qid, oid)]
        link = section.get_by_role("link", name=label, exact=True)
        assert link.count() == 1
        link.click()
        page.wait_for_load_state("load")

    result = page.locator("[data-level]")
    result.wait_for(state="visible", timeout=5000)
    assert result.get_attribute("data-level") == level
    assert page.locator("[data-question]").count() == 0
    # Level title, headline, the timeframe beside it, and the answers that led here.
    assert result.locator(".care-card__label").inner_text().strip().endswith(expected["level_title"])
    assert result.locator("h2").inner_text().strip()[:25] == expected["headline"][:25]
    assert result.locator("h2 + .triage-timeframe").inner_text().startswith("When: " + expected["timeframe"]["text"])
    shown = [(r.locator("dt").inner_text().strip(), r.locator("dd").inner_text().strip())
             for r in result.locator(".triage-answers .triage-answer").all()]
    assert shown == [(a["question_text"], a["answer_label"]) for a in expected["answers"]]
    assert len(shown) == len(key)

    # Start again leads back to the first question.
    page.get_by_role("link", name="Start again", exact=True).click()
    page.wait_for_load_state("load")
    assert page.url == base_url + static_flow.STATIC_DIR

    assert page.log.console_errors == []
    assert page.log.foreign_requests(server.origin) == []
    assert page.context.cookies() == []


def test_back_goes_to_the_previous_question(make_page, server, base_url):
    page = make_page(java_script_enabled=False, viewport={"width": 375, "height": 740})
    page.goto(base_url + static_flow.STATIC_DIR, wait_until="load")
    first = page.locator("[data-question]").get_attribute("data-question")
    page.locator("a.triage-link-option[data-option]").filter(
        has_not=page.locator("xpath=self::*[@href[contains(., 'result-')]]")).first.click()
    page.wait_for_load_state("load")
    assert page.locator("[data-question]").get_attribute("data-question") != first
    # Options are large targets and the page fits a phone screen.
    box = page.locator("a.triage-link-option").first.bounding_box()
    assert box["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
    page.get_by_role("link", name="Back", exact=True).click()
    page.wait_for_load_state("load")
    assert page.locator("[data-question]").get_attribute("data-question") == first
    assert page.log.console_errors == []
    assert page.log.foreign_requests(server.origin) == []


def test_printed_result_has_no_relative_paths(make_page, server):
    """A step-by-step result page's links are relative: on paper they would mean nothing, so only
    the section names print (the live checker prints full addresses)."""
    page = make_page(java_script_enabled=False)
    names = static_flow.name_states(STATES)
    url = static_flow.page_url(names[PATHS["doctor_advised"][0]])
    page.goto(server.origin + "/" + url, wait_until="load")
    page.emulate_media(media="print")
    sources = page.locator("[data-level] a.triage-source")
    assert sources.count() > 0
    assert sources.evaluate_all("els => els.map(a => getComputedStyle(a, '::after').content)") == \
        ["none"] * sources.count()
    assert page.locator(".sa-header nav").count() == 1 and page.locator(".sa-header nav").is_hidden()
    assert page.locator(".triage-alt").is_hidden()
    assert page.locator("[data-level]").is_visible()
