"""The result as a summary to show a doctor: each level printed to PDF by headless Chromium.

The first page starts with the result (no blank first page) and carries the date and the rules
version; the printout has the level's label, headline and timeframe, every answer given, and
the sections the advice rests on; in print the label is dark text with no background (browsers
leave backgrounds out, which left white text on white, printing faint grey)."""
import datetime

import pytest

import triage_core
from checker_steps import CONDITION, PATHS, RESULT, wait_ready, walk
from pdf_text import pages, squash

pytestmark = pytest.mark.browser

# WCAG relative luminance of a computed rgb()/rgba() colour, and its contrast against white.
CONTRAST_ON_WHITE = """el => {
  const style = getComputedStyle(el);
  const [r, g, b] = style.color.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
    v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return {contrast: 1.05 / (lum + 0.05), background: style.backgroundColor, color: style.color};
}"""


@pytest.fixture(scope="module")
def printed(browser, server):
    """{level: (text of each PDF page, the label's print colours)}, one run of the checker each."""
    out = {}
    context = browser.new_context()
    try:
        for level, steps in PATHS.items():
            page = context.new_page()
            page.goto(server.origin + "/checker/")
            wait_ready(page)
            walk(page, steps)
            page.wait_for_selector(RESULT)
            texts = pages(page.pdf(format="A4"))
            page.emulate_media(media="print")
            label = page.locator(RESULT + " .care-card__label").evaluate(CONTRAST_ON_WHITE)
            out[level] = (texts, label)
            page.close()
    finally:
        context.close()
    return out


@pytest.mark.parametrize("level", sorted(PATHS))
def test_each_level_prints_its_summary(printed, level):
    texts, _label = printed[level]
    steps = PATHS[level]
    result = triage_core.evaluate(CONDITION, dict(steps))
    version = triage_core.get_condition(CONDITION)["version"]
    first, everything = squash(texts[0]), squash("".join(texts))
    # The first page has the result's head: no blank first page.
    today = datetime.date.today()
    dated = "Result from %d %s %d." % (today.day, today.strftime("%B"), today.year)
    for part in (dated, "Rules version %s." % version, result["level_title"], result["headline"],
                 result["timeframe"]["text"]):
        assert squash(part) in first, part
    assert len(texts) <= 4
    # Every answer, as the reader saw it, and the sections the advice rests on.
    for item in result["answers"]:
        label = item["answer_label"]
        shown = ", ".join(label) if isinstance(label, list) else label
        assert squash(item["question_text"]) in everything
        assert squash(shown) in everything
    assert squash("Read more:") in everything
    for statement in result["reasons"] + result["advice"]:
        assert squash(statement["text"]) in everything


@pytest.mark.parametrize("level", sorted(PATHS))
def test_the_label_prints_dark_not_grey(printed, level):
    _texts, label = printed[level]
    assert label["background"] in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)"), label
    assert label["contrast"] >= 7, label
