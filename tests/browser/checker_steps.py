"""Steps a person takes in the interactive checker, shared by the browser tests."""
import triage_core

CONDITION = "fasciculations"

READY = "[data-triage-checker-app][data-state=ready]"
QUESTION = "[data-triage-stage] form[data-question]"
RESULT = "[data-triage-stage] .triage-result[data-level]"

NO_RED_FLAGS = [("breathing_difficulty", "no"), ("swallowing_difficulty", "no"),
                ("speech_difficulty", "no"), ("sudden_weakness", "no"), ("weakness", "no"), ("wasting", "no")]

# Answers a person gives, in the order asked, to reach each level.
PATHS = {
    "emergency": [("breathing_difficulty", "no"), ("swallowing_difficulty", "yes")],
    "doctor_needed": NO_RED_FLAGS[:4] + [("weakness", "unsure")],
    "doctor_advised": NO_RED_FLAGS + [("spread", "widespread"), ("duration", "over_3_weeks"),
                                      ("lifestyle_tried", "yes"), ("triggers", ["caffeine", "stress"])],
    "self_care": NO_RED_FLAGS + [("spread", "one_area"), ("area", "calf"), ("duration", "under_1_week"),
                                 ("triggers", [])],
}


def static_result_page(level: str = "doctor_advised") -> str:
    """The site-relative address of the first step-by-step result page for a level (page names
    come from the rules, so tests look them up rather than spell them)."""
    from site_build import static_flow
    states = static_flow.enumerate_states(CONDITION)
    names = static_flow.name_states(states)
    key = next(s["key"] for s in states if s["kind"] == "result" and s["result"]["level"] == level)
    return static_flow.page_url(names[key])


def wait_ready(page, timeout=10000):
    page.wait_for_selector(READY, timeout=timeout)


def current_question(page) -> str:
    return page.get_attribute(QUESTION, "data-question")


def answer(page, qid: str, value):
    """Choose an answer to the question on screen and press Continue."""
    assert current_question(page) == qid, "expected %s, saw %s" % (qid, current_question(page))
    form = page.locator(QUESTION)
    for v in (value if isinstance(value, list) else [value]):
        form.locator("input[value='%s']" % v).check()
    form.locator("button[type=submit]").click()


def walk(page, steps):
    for qid, value in steps:
        answer(page, qid, value)


def result_level(page, timeout=5000) -> str:
    return page.locator(RESULT).get_attribute("data-level", timeout=timeout)


def assert_result_summary(page, steps):
    """The result on screen shows the level title, the headline with its timeframe beside it,
    and every answer given, with the question and answer texts the reader saw (as the engine
    gives them for these answers)."""
    expected = triage_core.evaluate(CONDITION, dict(steps))
    card = page.locator(RESULT)
    assert card.locator(".care-card__label").inner_text().strip().endswith(expected["level_title"])
    headline = card.locator("h2#triage-result-heading")
    assert headline.inner_text().strip()[:25] == expected["headline"][:25]
    beside = headline.evaluate("h => h.nextElementSibling.className")
    assert beside == "triage-timeframe"
    assert expected["timeframe"]["text"] in card.locator(".triage-timeframe").inner_text()
    rows = card.locator(".triage-answers .triage-answer")
    assert rows.count() == len(expected["answers"]) == len(steps)
    for i, item in enumerate(expected["answers"]):
        row = rows.nth(i)
        assert row.locator("dt").inner_text().strip() == item["question_text"]
        label = item["answer_label"]
        assert row.locator("dd").inner_text().strip() == (", ".join(label) if isinstance(label, list) else label)


STATES = ["first", "triggers"] + sorted(PATHS)


def reach(page, state: str):
    """Bring the ready checker to a state: its first question, the tick-all-that-apply question
    ("triggers"), or the result for a level with the share box open."""
    if state == "triggers":
        walk(page, PATHS["self_care"][:-1])
        page.wait_for_selector(QUESTION + "[data-question=triggers]")
    elif state in PATHS:
        walk(page, PATHS[state])
        page.wait_for_selector(RESULT)
        page.click(RESULT + " [data-action=copy-link]")
    elif state != "first":
        raise ValueError("unknown checker state %r" % state)


# Records how the checker started: its state when PyScript announced it would run the page's
# script (`mpy:ready` comes right before PyScript sets up its own Python helpers and runs the
# script), how many times it was made ready, and whether the page's script has finished.
START_RECORDER = """
window.__start = {atScript: null, readied: 0, done: false};
document.addEventListener('mpy:ready', () => {
  const app = document.querySelector('[data-triage-checker-app]');
  window.__start.atScript = app && app.getAttribute('data-state');
}, true);
document.addEventListener('mpy:done', () => { window.__start.done = true; }, true);
new MutationObserver((records) => {
  for (const r of records) if (r.target.getAttribute('data-state') === 'ready') window.__start.readied++;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-state']});
"""


def started_before_pyscript(page) -> dict:
    """After `page.add_init_script(START_RECORDER)` and a load: wait until PyScript has run the
    page's script, then return the record."""
    page.wait_for_function("window.__start && window.__start.done", timeout=10000)
    return page.evaluate("window.__start")
