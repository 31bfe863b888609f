"""Every built result card and care card carries its level and the style tier of the level's
rank, and says the urgency in words: from the rules, whatever the level ids."""
import html
import re

import triage_core
from checker_ui import urgency
from site_build import static_flow

CARD = re.compile(r'<(?:section|div) class="([^"]*\bcare-card\b[^"]*)" data-level="([a-z0-9_]+)"')


def cards(path):
    return CARD.findall(path.read_text(encoding="utf-8"))


def expected_tier(condition_id, level_id):
    levels = [lv["id"] for lv in triage_core.get_condition(condition_id)["levels"]]
    return "level-tier-%d" % urgency.tier(levels.index(level_id) + 1, len(levels))


def test_step_by_step_results_are_styled_and_told_by_rank(site_dir):
    found = {}
    checker = (site_dir / static_flow.STATIC_DIR / ".." / "index.html").read_text(encoding="utf-8")
    condition_id = re.search(r'data-condition="([a-z0-9_]+)"', checker).group(1)
    for page in (site_dir / static_flow.STATIC_DIR.strip("/")).rglob("index.html"):
        text = page.read_text(encoding="utf-8")
        for classes, level in cards(page):
            assert expected_tier(condition_id, level) in classes.split(), (page, classes)
            meta = {lv["id"]: lv for lv in triage_core.get_condition(condition_id)["levels"]}[level]
            assert html.escape(urgency.words(meta["rank"], meta["level_count"])) in text
            found[level] = True
    assert sorted(found) == sorted(lv["id"] for lv in triage_core.get_condition(condition_id)["levels"])


def test_article_care_cards_carry_the_tier_of_their_level(site_dir):
    for condition_id in triage_core.condition_ids():
        marked = []
        for page in (site_dir / condition_id).rglob("*.html"):
            for classes, level in cards(page):
                assert expected_tier(condition_id, level) in classes.split(), (page, classes)
                marked.append(level)
        assert marked, "no care card on %s's pages" % condition_id
