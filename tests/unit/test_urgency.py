"""Levels are styled and told by rank, for any number of levels and any level ids."""
import json

import pytest

import triage_core
from checker_ui import urgency, views
from engine_cases import FIXTURES
from site_build import care_cards


@pytest.mark.parametrize("count, tiers", [
    (1, [1]), (2, [1, 4]), (3, [1, 2, 4]), (4, [1, 2, 3, 4]), (5, [1, 2, 2, 3, 4]),
    (6, [1, 2, 2, 3, 3, 4]),
])
def test_first_is_tier_1_last_tier_4_the_rest_between(count, tiers):
    assert [urgency.tier(rank, count) for rank in range(1, count + 1)] == tiers


def test_tiers_never_go_down_and_only_the_ends_get_1_and_4():
    for count in range(2, 30):
        tiers = [urgency.tier(rank, count) for rank in range(1, count + 1)]
        assert tiers == sorted(tiers) and tiers[0] == 1 and tiers[-1] == 4
        assert set(tiers[1:-1]) <= {2, 3}


@pytest.mark.parametrize("rank, count", [(0, 4), (5, 4), (True, 4), (1.0, 4)])
def test_a_rank_out_of_range_is_refused(rank, count):
    with pytest.raises(ValueError):
        urgency.tier(rank, count)


def test_words_name_rank_and_ends():
    assert urgency.words(1, 3) == "Urgency level 1 of 3: the most urgent"
    assert urgency.words(2, 3) == "Urgency level 2 of 3"
    assert urgency.words(3, 3) == "Urgency level 3 of 3: the least urgent"


@pytest.fixture
def headache(register):
    """A toy condition whose level ids (urgent, rest) no stylesheet names."""
    return register(json.loads((FIXTURES / "headache.json").read_text()))


def test_result_card_of_any_level_id_carries_its_tier_and_words(headache):
    levels = {lv["id"]: lv for lv in triage_core.get_condition(headache)["levels"]}
    result = triage_core.evaluate(headache, {"worst_ever": "no", "hours": "long", "helps": []})
    html = views.result_html(result, levels[result["level"]], {}, "112")
    assert '<section class="triage-result care-card level-tier-4" data-level="rest"' in html
    assert "Urgency level 2 of 2: the least urgent" in html


def test_care_cards_get_level_and_tier_from_the_rules(headache):
    levels = triage_core.get_condition(headache)["levels"]
    page = ('<div class="care-card care-card--urgent">\n<p class="care-card__label">Now</p></div>'
            '<div class="care-card care-card--rest" id="x">')
    marked, problems = care_cards.mark(page, levels)
    assert problems == []
    assert '<div class="care-card care-card--urgent level-tier-1" data-level="urgent">' in marked
    assert '<div class="care-card care-card--rest level-tier-4" data-level="rest" id="x">' in marked
    assert '<p class="care-card__label">Now</p>' in marked


@pytest.mark.parametrize("card", ['<div class="care-card care-card--see-gp">', '<div class="care-card">',
                                  '<div class="care-card care-card--urgent care-card--rest">'])
def test_a_card_with_no_or_an_unknown_level_is_a_problem(headache, card):
    marked, problems = care_cards.mark(card, triage_core.get_condition(headache)["levels"])
    assert len(problems) == 1 and marked == card
