"""Every condition's outputs reach a result in Chromium, on a build with two conditions (the
published one and the headache test pack, whose levels are its own: tests/second_condition.py):
its checker page, its step-by-step pages with JavaScript off, its offline file opened from disk
with the network refused, its bundle served by a plain static server, and its embed from a
partner on another site, with the result event. The conditions come from the build's mkdocs.yml.

The answers are the first option of each question, so no test knows a condition's questions.
"""
import json
import re
import zipfile

import pytest

import second_condition
import site_config
from checker_steps import QUESTION, RESULT, wait_ready
from support import StaticServer, partner_page, refuse_network

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def two(tmp_path_factory):
    """(project copy, built site, server) for the two-condition build."""
    project, site = second_condition.build_two_conditions(tmp_path_factory.mktemp("two-browser"))
    with StaticServer(site) as server:
        yield project, site, server


def conditions(project) -> list:
    return site_config.condition_ids(project)


def levels(project, cid) -> list:
    rules = json.loads((project / "triage_core" / "conditions" / (cid + ".json")).read_text(encoding="utf-8"))
    return [level["id"] for level in rules["levels"]]


def first_answers_to_result(where, timeout=5000) -> str:
    """Answer each question with its first option until a result shows; its level."""
    for _ in range(40):
        if where.locator(RESULT).count():
            return where.locator(RESULT).get_attribute("data-level")
        form = where.locator(QUESTION)
        qid = form.get_attribute("data-question")
        form.locator("input").first.check()
        form.locator("button[type=submit]").click()
        where.wait_for_function(
            "q => document.querySelector('[data-triage-stage] .triage-result[data-level]') || "
            "(document.querySelector('[data-triage-stage] form[data-question]') || {}).getAttribute"
            "('data-question') !== q", arg=qid, timeout=timeout)
    raise AssertionError("no result after 40 answers")


def test_each_checker_page_reaches_one_of_its_levels(make_page, two):
    project, site, server = two
    for cid in conditions(project):
        page = make_page()
        page.goto("%s/%s/checker/" % (server.origin, cid))
        wait_ready(page)
        assert page.get_attribute("[data-triage-checker-app]", "data-condition") == cid
        assert first_answers_to_result(page) in levels(project, cid)
        assert page.log.console_errors == []


def test_each_step_by_step_flow_reaches_a_result_without_javascript(make_page, two):
    project, site, server = two
    for cid in conditions(project):
        page = make_page(java_script_enabled=False)
        page.goto("%s/%s/checker/static/" % (server.origin, cid))
        for _ in range(40):
            if page.locator(".triage-result[data-level]").count():
                break
            page.locator("a.triage-link-option").first.click()
        assert page.locator(".triage-result[data-level]").get_attribute("data-level") in levels(project, cid)
        assert page.url.startswith("%s/%s/checker/static/" % (server.origin, cid))


def test_each_offline_file_reaches_a_result_from_disk(make_page, two, tmp_path):
    project, site, server = two
    for cid in conditions(project):
        saved = tmp_path / cid / "checker-offline.html"
        saved.parent.mkdir()
        saved.write_bytes((site / "download" / cid / "checker-offline.html").read_bytes())
        page = refuse_network(make_page())
        page.goto(saved.as_uri())
        wait_ready(page, timeout=20000)
        assert page.get_attribute("[data-triage-checker-app]", "data-condition") == cid
        assert first_answers_to_result(page) in levels(project, cid)
        assert page.refused == [] and page.log.console_errors == []


def test_each_bundle_reaches_a_result_on_a_plain_host(make_page, two, tmp_path):
    project, site, server = two
    for cid in conditions(project):
        with zipfile.ZipFile(site / "download" / cid / "checker-bundle.zip") as zf:
            zf.extractall(tmp_path / cid)
        with StaticServer(tmp_path / cid) as host:
            page = make_page()
            page.goto("%s/%s-checker/" % (host.origin, cid))
            wait_ready(page, timeout=20000)
            assert page.get_attribute("[data-triage-checker-app]", "data-condition") == cid
            assert first_answers_to_result(page) in levels(project, cid)
            assert [u for u in page.log.requests if not u.startswith((host.origin + "/", "data:", "blob:"))] == []


def test_each_embed_reaches_a_result_on_a_partner_on_another_site(make_page, two, tmp_path):
    """The partner is localhost, the site 127.0.0.1: two sites, as on the web."""
    project, site, server = two
    for cid in conditions(project):
        (tmp_path / ("partner-%s.html" % cid)).write_text(partner_page(server.origin, cid),
                                                           encoding="utf-8")
    with StaticServer(tmp_path) as host:
        partner = host.origin.replace("http://127.0.0.1:", "http://localhost:")
        for cid in conditions(project):
            page = make_page()
            page.goto("%s/partner-%s.html" % (partner, cid))
            handle = page.wait_for_selector("#box iframe", state="attached", timeout=5000)
            frame = None
            for _ in range(50):
                frame = handle.content_frame()
                if frame is not None and re.search(r"/embed/", frame.url):
                    break
                page.wait_for_timeout(100)
            frame.wait_for_selector("[data-triage-checker-app]", state="attached", timeout=5000)
            wait_ready(frame, timeout=20000)
            assert frame.get_attribute("[data-triage-checker-app]", "data-condition") == cid
            level = first_answers_to_result(frame)
            assert level in levels(project, cid)
            page.wait_for_function("window.events.length > 0", timeout=5000)
            assert page.evaluate("window.events") == [{"condition": cid, "level": level}]
            assert page.locator("#fallback").is_hidden()
