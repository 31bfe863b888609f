"""A new condition gets every output with no code or template edit, as a health editor adds one.

In a copy of the project: `python -m triage_core new hiccups --name Hiccups`, then the strict
build makes every output at the condition's addresses. Then the test pack (tests/packs/hiccups:
4 questions, 3 levels, one of them `see_gp`, which the site's own rules do not have) replaces the
starter rules and pages, the build runs again, and in Chromium the new condition's checker, its
step-by-step pages (JavaScript off), its offline file (from file://, no network), its self-host
bundle (on a plain static server) and its embed (a partner on another site) each reach a result.
The published site keeps its one condition: the pack lives under tests/ only.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

import triage_core
from checker_steps import RESULT, wait_ready, walk
from support import ROOT, StaticServer, build_copy, copy_project, partner_page, refuse_network

pytestmark = pytest.mark.browser

CID = "hiccups"
PACK = ROOT / "tests" / "packs" / CID
# The briefing's addresses for a condition's outputs, beside its article pages.
OUTPUTS = [CID + "/index.html", CID + "/when-to-get-help/index.html",
           CID + "/checker/index.html", CID + "/checker/static/index.html", "embed/%s/index.html" % CID,
           "download/%s/checker-offline.html" % CID, "download/%s/checker-bundle.zip" % CID]
RULES = json.loads((PACK / "hiccups.json").read_text(encoding="utf-8"))
LABELS = {(q["id"], o["id"]): o["label"] for q in RULES["questions"] for o in q["options"]}
# Answers in the order the checker asks them, to reach each of the pack's levels.
PATHS = {
    "emergency": [("chest_pain", "yes")],
    "see_gp": [("chest_pain", "no"), ("duration", "over_2_days"), ("sleep_trouble", "no"), ("tried", ["water"])],
    "self_care": [("chest_pain", "no"), ("duration", "under_2_days"), ("sleep_trouble", "no"), ("tried", [])],
}
# A red flag of the site's own condition, which must not show up in the new one's checker (its
# urgent notice once came from the muscle-twitching rules). The site's name may say "twitching".
OTHER_CONDITION_WORDS = ("swallowing",)


def scaffold(copy):
    env = dict(os.environ, PYTHONPATH=str(copy))
    return subprocess.run([sys.executable, "-m", "triage_core", "new", CID, "--name", "Hiccups"],
                          cwd=copy, env=env, capture_output=True, text=True, timeout=120)


def missing_outputs(site) -> list:
    return [rel for rel in OUTPUTS if not (site / rel).is_file()]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The project copied, scaffolded with `new hiccups` and built (strict)."""
    tmp = tmp_path_factory.mktemp("new-condition")
    copy = copy_project(tmp / "project")
    made = scaffold(copy)
    assert made.returncode == 0, made.stderr
    built = build_copy(copy, tmp / "scaffolded-site")
    return {"copy": copy, "tmp": tmp, "made": made, "built": built, "site": tmp / "scaffolded-site"}


@pytest.fixture(scope="module")
def pack_site(project):
    """The scaffolded copy with the test pack's rules and pages swapped in, built again."""
    copy, tmp = project["copy"], project["tmp"]
    shutil.copyfile(PACK / "hiccups.json", copy / "triage_core" / "conditions" / "hiccups.json")
    for page in (PACK / "docs").glob("*.md"):
        shutil.copyfile(page, copy / "docs" / CID / page.name)
    built = build_copy(copy, tmp / "pack-site")
    assert built.returncode == 0, built.stdout + built.stderr
    return tmp / "pack-site"


@pytest.fixture(scope="module")
def pack_server(pack_site):
    with StaticServer(pack_site) as srv:
        yield srv


@pytest.fixture(scope="module")
def expected():
    """What the engine says for each path, with the pack's rules registered in this process."""
    triage_core.load_condition(RULES)
    try:
        yield {level: triage_core.evaluate(CID, dict(steps)) for level, steps in PATHS.items()}
    finally:
        triage_core.forget_condition(CID)


def assert_result(page, level, expected):
    """The result card on screen: the level, its title and the headline."""
    card = page.locator(RESULT)
    assert card.get_attribute("data-level", timeout=5000) == level
    assert card.locator(".care-card__label").inner_text().strip().endswith(expected[level]["level_title"])
    assert card.locator("h2").first.inner_text().strip()[:25] == expected[level]["headline"][:25]


def assert_about_this_condition(page):
    text = page.evaluate("document.body.innerText").lower()
    assert [w for w in OTHER_CONDITION_WORDS if w in text] == []


# ------------------------------------------------------------------ the scaffold, then the build

def test_scaffold_then_strict_build_makes_every_output(project):
    assert "verify hiccups" in project["made"].stdout
    assert project["built"].returncode == 0, project["built"].stdout + project["built"].stderr
    assert "hiccups 0.1.0" in project["built"].stderr   # the build verified the starter rules
    assert missing_outputs(project["site"]) == []
    # Its article pages name the new condition in their structured data, with its review date.
    from mkdocs.utils import yaml_load
    config = yaml_load((project["copy"] / "mkdocs.yml").read_text(encoding="utf-8"))
    settings = next(p["triage-site"] for p in config["plugins"] if isinstance(p, dict) and "triage-site" in p)
    for page in ("index.html", "when-to-get-help/index.html"):
        html = (project["site"] / CID / page).read_text(encoding="utf-8")
        found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(found.group(1))
        assert data["about"]["name"] == "Hiccups"
        assert data["lastReviewed"] == settings["conditions"][CID]["reviewed"]


def test_the_pack_builds_with_no_code_or_template_edit(project, pack_site):
    """Only rules and pages changed: every code and template file is the project's own."""
    for rel in ("site_build", "overrides", "checker_ui", "triage_core"):
        for path in (ROOT / rel).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".json":
                assert (project["copy"] / path.relative_to(ROOT)).read_bytes() == path.read_bytes(), path
    assert missing_outputs(pack_site) == []


# ------------------------------------------------------------------ every output reaches a result

@pytest.mark.parametrize("level", sorted(PATHS))
def test_checker_reaches_each_level(make_page, pack_server, expected, level):
    page = make_page()
    page.goto(pack_server.origin + "/%s/checker/" % CID)
    wait_ready(page)
    assert_about_this_condition(page)
    walk(page, PATHS[level])
    assert_result(page, level, expected)
    assert page.log.foreign_requests(pack_server.origin) == []
    assert page.log.console_errors == []


# By rank among the pack's 3 levels: the first is tier 1, the last tier 4, the one between 2 or 3.
TIERS = {"emergency": {"level-tier-1"}, "see_gp": {"level-tier-2", "level-tier-3"}, "self_care": {"level-tier-4"}}


@pytest.mark.parametrize("level", sorted(PATHS))
def test_a_level_is_styled_by_its_rank_not_its_id(make_page, pack_server, level):
    """The result card and its care card carry the level's tier class, `see_gp` included, and the
    result says the level's rank in words, not only in colour."""
    page = make_page()
    page.goto(pack_server.origin + "/%s/checker/" % CID)
    wait_ready(page)
    walk(page, PATHS[level])
    result = page.locator(RESULT)
    assert TIERS[level] & set(result.get_attribute("class", timeout=5000).split())
    rank = [lv["id"] for lv in RULES["levels"]].index(level) + 1
    assert "%d of %d" % (rank, len(RULES["levels"])) in result.inner_text()
    page.goto(pack_server.origin + "/%s/when-to-get-help/" % CID)
    card = page.locator(".care-card[data-level=%s]" % level)
    assert card.count() == 1 and TIERS[level] & set(card.get_attribute("class").split())


def walk_static(page, answers: dict, limit: int = 10):
    """Follow the step-by-step pages' links, answering each question the page asks."""
    for _ in range(limit):
        section = page.locator("[data-question]")
        if section.count() == 0:
            return
        qid = section.get_attribute("data-question")
        section.get_by_role("link", name=LABELS[(qid, answers[qid])], exact=True).click()
        page.wait_for_load_state("load")
    raise AssertionError("no result after %d pages" % limit)


def test_step_by_step_without_javascript_reaches_the_new_level(make_page, pack_server):
    page = make_page(java_script_enabled=False)
    page.goto(pack_server.origin + "/%s/checker/" % CID)
    page.locator(".triage-nojs a", has_text="step-by-step").click()
    page.wait_for_load_state("load")
    assert page.url == pack_server.origin + "/%s/checker/static/" % CID
    assert_about_this_condition(page)
    walk_static(page, dict((q, a) for q, a in PATHS["see_gp"] if not isinstance(a, list)))
    assert page.locator("[data-level]").first.get_attribute("data-level") == "see_gp"


def test_offline_file_reaches_a_result_from_file_url(make_page, pack_site, expected, tmp_path):
    saved = tmp_path / "checker-offline.html"
    saved.write_bytes((pack_site / "download" / CID / "checker-offline.html").read_bytes())
    page = refuse_network(make_page())
    page.goto(saved.as_uri())
    wait_ready(page)
    assert_about_this_condition(page)
    walk(page, PATHS["see_gp"])
    assert_result(page, "see_gp", expected)
    assert page.refused == [] and page.log.console_errors == []


def test_bundle_on_a_plain_server_reaches_a_result(make_page, pack_site, expected, tmp_path):
    with zipfile.ZipFile(pack_site / "download" / CID / "checker-bundle.zip") as zf:
        names = zf.namelist()
        assert all(".." not in n and not n.startswith("/") for n in names)
        assert any(n.endswith("conditions/%s.json" % CID) for n in names)
        zf.extractall(tmp_path)
    top = sorted(n for n in names if n.endswith("index.html"))[0].rsplit("index.html", 1)[0]
    with StaticServer(tmp_path) as host:
        page = make_page()
        page.goto(host.origin + "/" + top)
        wait_ready(page)
        assert_about_this_condition(page)
        walk(page, PATHS["see_gp"])
        assert_result(page, "see_gp", expected)
        assert page.log.foreign_requests(host.origin) == []



@pytest.mark.cross_site_python
def test_embed_on_a_partner_site_reaches_a_result_and_tells_the_partner(make_page, pack_server, expected,
                                                                        tmp_path):
    (tmp_path / "partner.html").write_text(partner_page(pack_server.origin, CID), encoding="utf-8")
    with StaticServer(tmp_path) as partner:
        other_site = partner.origin.replace("http://127.0.0.1:", "http://localhost:")
        page = make_page()
        page.goto(other_site + "/partner.html")
        handle = page.wait_for_selector("#box iframe", state="attached", timeout=5000)
        page.wait_for_function("f => f.contentWindow && f.src.indexOf('/embed/') > -1", arg=handle)
        assert handle.get_attribute("src") == pack_server.origin + "/embed/%s/" % CID
        frame = handle.content_frame()
        wait_ready(frame)
        assert_about_this_condition(frame)
        walk(frame, PATHS["see_gp"])
        assert_result(frame, "see_gp", expected)
        page.wait_for_function("window.events.length > 0", timeout=5000)
        assert page.evaluate("window.events") == [{"condition": CID, "level": "see_gp"}]
        assert page.context.cookies() == []
