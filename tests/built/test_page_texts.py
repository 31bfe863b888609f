"""The shared pages say what the rules and the site's notices say, written in by the build."""
import html
import re

import pytest
from support import built_page

import triage_core
from checker_ui import notices
from site_build import texts


def page_text(site_dir, md):
    raw = built_page(site_dir, md).read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


@pytest.fixture(scope="module")
def condition(site_dir):
    checker = built_page(site_dir, "checker.md").read_text(encoding="utf-8")
    return re.search(r'data-condition="([a-z0-9_]+)"', checker).group(1)


@pytest.mark.parametrize("md", ["index.md", "checker.md"])
def test_red_flag_line_is_the_rules_urgent_notice(site_dir, condition, md):
    assert triage_core.get_condition(condition)["urgent_notice"] in page_text(site_dir, md)


@pytest.mark.parametrize("md", ["index.md", "download.md", "about.md", "checker.md"])
def test_every_page_gives_the_one_disclaimer(site_dir, md):
    text = page_text(site_dir, md)
    first, _, rest = notices.DISCLAIMER.partition("{emergency_number}")
    assert first in text and "{" not in text.split(first)[1][:80]


def test_partners_snippet_names_the_default_condition_and_no_placeholder_is_left(site_dir, condition):
    """(The table of every condition's levels is tested in test_every_condition.py.)"""
    text = page_text(site_dir, "partners.md")
    assert 'data-triage-checker="%s"' % condition in text
    assert not re.search(r"\{(condition_[a-z_]+|urgent_[a-z]+|disclaimer|audience)\}", text)


@pytest.mark.parametrize("source, pages, expected", [
    ("cond/when/#top", (), "cond/when.md#top"),
    ("cond/#how", {"cond/index.md"}, "cond/index.md#how"),
    ("cond/when/", {"cond/when/index.md"}, "cond/when/index.md"),
])
def test_a_rules_source_names_its_markdown_file(source, pages, expected):
    assert texts.source_page(source, pages) == expected


def test_links_are_relative_to_the_page():
    assert texts.relative_link("checker.md", "cond/when.md#top") == "cond/when.md#top"
    assert texts.relative_link("sub/page.md", "cond/when.md#top") == "../cond/when.md#top"
