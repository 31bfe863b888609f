"""Every condition of a site gets every output, at its own addresses, made from its own rules; the
default condition also keeps the site's first addresses.

Run on two builds: the published site (one condition) and a project copy with a second, small
condition whose levels are not the published ones (tests/second_condition.py). The conditions
come from each build's own mkdocs.yml, their levels and titles from its own rules files.
"""
import html
import json
import re
import urllib.parse
import zipfile

import pytest

import second_condition
import site_config
from support import ROOT
from checker_ui import views


@pytest.fixture(scope="module")
def two_conditions(tmp_path_factory):
    return second_condition.build_two_conditions(tmp_path_factory.mktemp("two-conditions"))


@pytest.fixture(scope="module", params=["published", "two-conditions"])
def built(request, site_dir):
    """(project, built site) for each build."""
    if request.param == "published":
        return ROOT, site_dir
    return request.getfixturevalue("two_conditions")


def rules(project, cid) -> dict:
    return json.loads((project / "triage_core" / "conditions" / (cid + ".json")).read_text(encoding="utf-8"))


def addresses(cid: str) -> dict:
    """Each output of a condition, at the addresses the partners page and README give."""
    return {"checker": "%s/checker/index.html" % cid, "step-by-step": "%s/checker/static/index.html" % cid,
            "embed": "embed/%s/index.html" % cid, "offline": "download/%s/checker-offline.html" % cid,
            "bundle": "download/%s/checker-bundle.zip" % cid,
            "questionnaire": "fhir/Questionnaire-%s.json" % cid, "codes": "fhir/CodeSystem-%s.json" % cid}


TODAYS = {"checker": "checker/index.html", "step-by-step": "checker/static/index.html",
          "embed": "embed/index.html", "offline": "download/checker-offline.html",
          "bundle": "download/checker-bundle.zip"}


def condition_of(path) -> str:
    return re.search(r'data-condition="([^"]+)"', path.read_text(encoding="utf-8")).group(1)


def resolve(page_url: str, href: str) -> str:
    return urllib.parse.urlsplit(urllib.parse.urljoin("http://site.invalid/" + page_url, href)).path.lstrip("/")


def test_every_condition_has_every_output(built):
    project, site = built
    missing = ["%s %s: %s" % (cid, kind, rel) for cid in site_config.condition_ids(project)
               for kind, rel in addresses(cid).items() if not (site / rel).is_file()]
    assert missing == []


def test_the_default_condition_keeps_todays_addresses(built):
    project, site = built
    default = site_config.default_condition(project)
    for kind, rel in TODAYS.items():
        assert (site / rel).is_file(), rel
    for kind in ("offline", "bundle"):
        assert (site / TODAYS[kind]).read_bytes() == (site / addresses(default)[kind]).read_bytes(), kind
    for kind in ("checker", "embed"):
        assert condition_of(site / TODAYS[kind]) == default


def test_each_page_runs_its_own_conditions_checker(built):
    project, site = built
    for cid in site_config.condition_ids(project):
        for kind in ("checker", "embed", "offline"):
            assert condition_of(site / addresses(cid)[kind]) == cid, kind
        page = (site / addresses(cid)["checker"]).read_text(encoding="utf-8")
        flows = {resolve("%s/checker/" % cid, h) for h in re.findall(r'href="([^"]*static/)"', page)}
        assert flows == {"%s/checker/static/" % cid}
        with zipfile.ZipFile(site / addresses(cid)["bundle"]) as zf:
            names = zf.namelist()
            assert all(n.startswith(cid + "-checker/") for n in names)
            assert 'data-condition="%s"' % cid in zf.read(cid + "-checker/index.html").decode("utf-8")


def test_each_checker_says_its_own_rules_urgent_notice_and_title(built):
    project, site = built
    for cid in site_config.condition_ids(project):
        title = rules(project, cid)["title"]
        offline = (site / addresses(cid)["offline"]).read_text(encoding="utf-8")
        assert "<title>%s" % html.escape(title, quote=False) in offline
        step = (site / addresses(cid)["step-by-step"]).read_text(encoding="utf-8")
        assert html.escape(title, quote=False) in step


def test_the_embed_loader_lists_every_condition_with_its_levels(built):
    project, site = built
    loader = (site / "embed.js").read_text(encoding="utf-8")
    data = json.loads(re.search(r"var DATA = (\{.*?\});", loader).group(1))
    ids = site_config.condition_ids(project)
    assert sorted(data["conditions"]) == sorted(ids)
    for cid in ids:
        entry = data["conditions"][cid]
        assert entry["levels"] == [level["id"] for level in rules(project, cid)["levels"]]
        assert condition_of(site / entry["path"] / "index.html") == cid
    frame = (site / "assets" / "checker" / "embed-frame.js").read_text(encoding="utf-8")
    for cid in ids:
        for level in rules(project, cid)["levels"]:
            assert '"%s"' % level["id"] in frame, (cid, level["id"])


def test_the_partners_page_lists_each_conditions_id_and_levels(built):
    project, site = built
    page = html.unescape((site / "partners" / "index.html").read_text(encoding="utf-8"))
    for cid in site_config.condition_ids(project):
        row = re.search(r"<tr>\s*<td>[^<]*</td>\s*<td><code>%s</code></td>(.*?)</tr>" % re.escape(cid), page, re.S)
        assert row, cid
        ids = [level["id"] for level in rules(project, cid)["levels"]]
        codes = re.findall(r"<code>([^<]+)</code>", row.group(1))
        assert codes[:len(ids)] == ids
        assert json.loads(codes[len(ids)]) == {"condition": cid, "level": ids[-1]}
        assert '<div data-triage-checker="%s">' % site_config.default_condition(project) in page


def test_a_choose_a_checker_page_only_with_more_than_one_condition(built):
    project, site = built
    ids = site_config.condition_ids(project)
    chooser = site / "checkers" / "index.html"
    assert chooser.is_file() == (len(ids) > 1)
    if len(ids) > 1:
        links = {resolve("checkers/", h) for h in re.findall(r'href="([^"]+)"', chooser.read_text(encoding="utf-8"))}
        assert {"%s/checker/" % cid for cid in ids} <= links
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "checkers/" in {resolve("", h) for h in re.findall(r'href="([^"]+)"', home)}


def test_review_dates_and_structured_data_come_from_the_pages_condition(two_conditions):
    project, site = two_conditions
    conditions = site_config.settings(project)["conditions"]
    default = site_config.default_condition(project)
    for cid, settings in conditions.items():
        page = (site / cid / "index.html").read_text(encoding="utf-8")
        ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
        assert ld["lastReviewed"] == settings["reviewed"]
        assert ld["about"]["name"] == settings["name"]
        fhir = json.loads((site / addresses(cid)["questionnaire"]).read_text(encoding="utf-8"))
        assert fhir["date"] == settings["reviewed"]
    assert conditions["headache"]["reviewed"] != conditions[default]["reviewed"]
    assert "Reviewed 4 March 2026." in (site / "headache" / "index.html").read_text(encoding="utf-8")
    about = (site / "about" / "index.html").read_text(encoding="utf-8")
    day = conditions[default]["reviewed"]
    from site_build.page_settings import long_date
    assert "Last reviewed: %s;" % long_date(day) in about


def test_the_step_by_step_pages_give_the_engines_level_for_every_condition(two_conditions):
    """Every result page of every condition's step-by-step flow says the level the engine gives
    for the answers on the way there (the rules read from the copy, registered for the test)."""
    import triage_core
    from site_build import static_flow
    from triage_core import catalog

    project, site = two_conditions
    checked = 0
    for cid in site_config.condition_ids(project):
        if cid not in triage_core.condition_ids():
            catalog.load_condition(rules(project, cid))
        try:
            states = static_flow.enumerate_states(cid)
            names = static_flow.name_states(states)
            levels = {level["id"]: level["title"] for level in rules(project, cid)["levels"]}
            for state in states:
                url = static_flow.page_url(names[state["key"]], static_dir="%s/checker/static/" % cid)
                text = html.unescape((site / url / "index.html").read_text(encoding="utf-8"))
                if state["kind"] == "result":
                    assert views.result_title(levels[state["result"]["level"]]) in text, url
                    checked += 1
                else:
                    assert state["question"]["text"].split("{")[0][:30] in text, url
        finally:
            if cid == second_condition.ID:
                catalog.forget_condition(cid)
    assert checked >= 3


def test_the_download_page_offers_every_conditions_files(built):
    project, site = built
    ids = site_config.condition_ids(project)
    page = (site / "download" / "index.html").read_text(encoding="utf-8")
    links = {resolve("download/", h) for h in re.findall(r'href="([^"]+)"', page)}
    assert {"download/checker-offline.html", "download/checker-bundle.zip"} <= links
    if len(ids) > 1:
        for cid in ids:
            assert {addresses(cid)["offline"], addresses(cid)["bundle"]} <= links, cid
