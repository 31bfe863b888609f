"""Site settings in the pages' text: `{emergency_number}` becomes `extra.emergency_number`.

The pure filling is tested directly; one real build of a project copy set up for one country
checks that the article, the checker and the step-by-step pages all say the same number, and
another that a misspelt placeholder fails the strict build.
"""
import pathlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_build.page_settings import fill
from support import build_copy, copy_project

GENERIC = "your local emergency number (for example 999, 911, 112 or 000)"
# Pages that tell people what to call, by their Markdown source.
PAGES_WITH_NUMBER = ["index.md", "fasciculations/index.md", "fasciculations/when-to-get-help.md",
                     "about.md", "download.md"]


def test_fills_every_use_of_a_setting():
    text, problems = fill("Call {emergency_number}. Or {emergency_number}!", {"emergency_number": "000"})
    assert (text, problems) == ("Call 000. Or 000!", [])


@pytest.mark.parametrize("code", ["{type: 'triage:resize'}", "{}", "{ #emergency }", "{: .note }",
                                  "{emergency}", "{Emergency_Number}", "{{ page.title }}", "{0}"])
def test_leaves_code_and_attribute_lists_alone(code):
    assert fill(code, {"emergency_number": "000"}) == (code, [])


def test_names_a_misspelt_placeholder_and_leaves_it_visible():
    text, problems = fill("Call {emergency_numbr}.", {"emergency_number": "000"})
    assert text == "Call {emergency_numbr}."
    assert problems == ["{emergency_numbr} is not a site setting (known: {emergency_number})"]


@pytest.mark.parametrize("extra", [{}, {"emergency_number": ""}, {"emergency_number": "  "},
                                   {"emergency_number": 999}])
def test_names_a_setting_the_site_leaves_unset(extra):
    text, problems = fill("Call {emergency_number}.", extra)
    assert text == "Call {emergency_number}."
    assert problems == ["{emergency_number} is used, but extra.emergency_number is not set in mkdocs.yml"]


@given(st.text(), st.text(alphabet="0123456789 +", min_size=1).filter(str.strip))
def test_any_text_either_fills_or_says_why(text, number):
    filled, problems = fill(text, {"emergency_number": number})
    assert "{emergency_number}" not in filled.replace(number, "")
    unknown = set(re.findall(r"\{([a-z]+(?:_[a-z]+)+)\}", text)) - {"emergency_number"}
    assert len(problems) == len(unknown)


def built_page(site: pathlib.Path, md: str) -> str:
    rel = md[:-len(".md")]
    rel = "index.html" if rel == "index" else (rel[:-len("index")] if rel.endswith("/index") else rel + "/") + "index.html"
    return (site / rel).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_built_site_says_its_setting_everywhere(site_dir):
    for md in PAGES_WITH_NUMBER:
        assert GENERIC in text_of(built_page(site_dir, md)), md
    leftovers = [p for p in site_dir.rglob("*.html") if "{emergency_number}" in p.read_text(encoding="utf-8")
                 and p.name != "checker-offline.html"]   # the offline file's rules fill it in the browser
    assert leftovers == []


@pytest.fixture(scope="module")
def one_country_site(tmp_path_factory):
    """A strict build of a copy set up for Australia (000)."""
    tmp = tmp_path_factory.mktemp("australia")
    copy = copy_project(tmp / "project")
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'emergency_number: "%s"' % GENERIC, 'emergency_number: "000"'), encoding="utf-8")
    proc = build_copy(copy, tmp / "site")
    assert proc.returncode == 0, proc.stderr
    return tmp / "site"


def test_one_setting_changes_article_checker_and_step_by_step_pages(one_country_site):
    for md in PAGES_WITH_NUMBER:
        text = text_of(built_page(one_country_site, md))
        assert "Call 000" in text or "call 000" in text, md
        assert "999" not in text and "your local emergency number" not in text, md
    checker = text_of(built_page(one_country_site, "checker.md"))
    assert "call 000" in checker and "999" not in checker
    emergency = text_of((one_country_site / "checker" / "static" / "result-emergency-breathing-difficulty-yes" / "index.html")
                        .read_text(encoding="utf-8"))
    assert "Call 000" in emergency and "999" not in emergency


def test_a_misspelt_placeholder_fails_the_build(tmp_path):
    copy = copy_project(tmp_path / "project")
    page = copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{emergency_number}", "{emergency_numbr}"),
                    encoding="utf-8")
    proc = build_copy(copy, tmp_path / "site")
    assert proc.returncode != 0
    assert "index.md: {emergency_numbr} is not a site setting" in proc.stderr
