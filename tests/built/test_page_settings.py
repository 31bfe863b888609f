"""Site settings in the pages' text: `{emergency_number}`, `{reviewed}` and `{review_due}` become
the values in the triage-site plugin's settings (the review dates of the page's condition).

The pure filling is tested directly; one real build of a project copy set up for one country
(and reviewed on another day) checks that the article, the checker and the step-by-step pages
all say the same number and the same dates, and another that a misspelt placeholder fails the
strict build.
"""
import datetime
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_build.page_settings import condition_problem, fill, long_date
from support import build_copy, built_page, copy_project

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
    assert problems == ["{emergency_numbr} is not a site setting "
                        "(known: {emergency_number}, {review_due}, {reviewed})"]


@pytest.mark.parametrize("extra", [{}, {"emergency_number": ""}, {"emergency_number": "  "},
                                   {"emergency_number": None}])
def test_names_a_setting_the_site_leaves_unset(extra):
    text, problems = fill("Call {emergency_number}.", extra)
    assert text == "Call {emergency_number}."
    assert problems == ["{emergency_number} is used, but emergency_number is not set in mkdocs.yml"]


@pytest.mark.parametrize("name, value", [("emergency_number", 999), ("reviewed", "soon"),
                                         ("review_due", "2027-13-01"), ("reviewed", ["2026-11-25"])])
def test_names_a_setting_in_the_wrong_form(name, value):
    text, problems = fill("On {%s}." % name, {name: value})
    assert text == "On {%s}." % name
    assert problems == ["{%s}: %s in mkdocs.yml has the wrong form (%r)" % (name, name, value)]


def test_dates_are_written_out_in_words():
    text, problems = fill("Reviewed {reviewed}, due {review_due}.",
                          {"reviewed": "2026-11-25", "review_due": datetime.date(2027, 1, 5)})
    assert (text, problems) == ("Reviewed 25 November 2026, due 5 January 2027.", [])
    assert long_date(" 2026-02-01 ") == "1 February 2026"


PIECES = st.one_of(st.text(), st.sampled_from(["{emergency_number}", "{reviewed}", "{review_due}",
                                               "{emergency_numbr}", "{word}", "{ #id }", "{", "}"]))


@given(st.lists(PIECES).map("".join), st.text(alphabet="0123456789 +", min_size=1).filter(str.strip))
def test_any_text_either_fills_or_says_why(text, number):
    filled, problems = fill(text, {"emergency_number": number})
    assert "{emergency_number}" not in filled.replace(number, "")
    names = set(re.findall(r"\{([a-z]+(?:_[a-z]+)*)\}", text))
    # Unset here: the dates. Flagged as unknown: other snake-case names. Single words pass.
    expected = {n for n in names if n in ("reviewed", "review_due") or ("_" in n and n != "emergency_number")}
    assert len(problems) == len(expected)


CONDITIONS = {"fasciculations": {"name": "Fasciculation", "alternate_name": "Muscle twitching"}}


def test_pages_with_structured_data_name_their_folders_condition():
    assert condition_problem("fasciculations/causes.md", {"schema": "MedicalWebPage"}, CONDITIONS) is None
    assert condition_problem("about.md", {}, {}) is None       # no structured data, nothing to name
    for src, conditions in (("cramps/index.md", CONDITIONS), ("fasciculations/index.md", {})):
        problem = condition_problem(src, {"schema": "MedicalWebPage"}, conditions)
        assert problem and "conditions.%s" % src.split("/")[0] in problem


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def page_text(site, md: str) -> str:
    return text_of(built_page(site, md).read_text(encoding="utf-8"))


def test_the_built_site_says_its_setting_everywhere(site_dir):
    for md in PAGES_WITH_NUMBER:
        assert GENERIC in page_text(site_dir, md), md
    leftovers = [p for p in site_dir.rglob("*.html") if "{emergency_number}" in p.read_text(encoding="utf-8")
                 and p.name != "checker-offline.html"]   # the offline file's rules fill it in the browser
    assert leftovers == []


@pytest.fixture(scope="module")
def one_country_site(tmp_path_factory):
    """A strict build of a copy set up for Australia (000)."""
    tmp = tmp_path_factory.mktemp("australia")
    copy = copy_project(tmp / "project")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed = text.replace('emergency_number: "%s"' % GENERIC, 'emergency_number: "000"')
    changed = re.sub(r'reviewed: "[0-9-]+"', 'reviewed: "2027-01-05"', changed)
    assert changed.count('"000"') == 1 and '"2027-01-05"' in changed
    config.write_text(changed, encoding="utf-8")
    proc = build_copy(copy, tmp / "site")
    assert proc.returncode == 0, proc.stderr
    return tmp / "site"


def test_one_setting_changes_article_checker_and_step_by_step_pages(one_country_site):
    for md in PAGES_WITH_NUMBER:
        text = page_text(one_country_site, md)
        assert "Call 000" in text or "call 000" in text, md
        assert "999" not in text and "your local emergency number" not in text, md
    checker = page_text(one_country_site, "checker.md")
    assert "call 000" in checker and "999" not in checker
    emergency = text_of((one_country_site / "checker" / "static" / "result-emergency-breathing-difficulty-yes" / "index.html")
                        .read_text(encoding="utf-8"))
    assert "Call 000" in emergency and "999" not in emergency


def test_one_review_date_changes_about_article_pages_and_structured_data(one_country_site):
    about = page_text(one_country_site, "about.md")
    assert "Last reviewed: 5 January 2027;" in about
    for md in ("fasciculations/index.md", "fasciculations/causes.md"):
        page = built_page(one_country_site, md).read_text(encoding="utf-8")
        assert "Page last reviewed: 5 January 2027." in text_of(page)
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        assert ld["lastReviewed"] == "2027-01-05"


def test_a_misspelt_placeholder_fails_the_build(tmp_path):
    copy = copy_project(tmp_path / "project")
    page = copy / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{emergency_number}", "{emergency_numbr}"),
                    encoding="utf-8")
    proc = build_copy(copy, tmp_path / "site")
    assert proc.returncode != 0
    assert "index.md: {emergency_numbr} is not a site setting" in proc.stderr
