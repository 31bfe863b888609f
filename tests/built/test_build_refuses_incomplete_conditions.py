"""The strict build stops, naming the file or setting and what is missing, when a condition is not
complete: its settings, rules, pages, nav entries, cited sections or outputs.

Each test copies the project (as git sees it), plants one fault, and runs the real strict build
on the copy (its own packages first on the path).
"""
import json
import re

import pytest

import second_condition
from support import build_copy, copy_project


def build_with(tmp_path, plant):
    copy = copy_project(tmp_path / "project")
    plant(copy)
    return build_copy(copy, tmp_path / "site")


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def failed_saying(proc, *messages):
    assert proc.returncode != 0, proc.stderr
    for message in messages:
        assert message in proc.stderr, (message, proc.stderr[-3000:])


def test_every_settings_error_is_reported_with_its_key(tmp_path):
    def plant(copy):
        config = copy / "mkdocs.yml"
        edit(config, "default_condition: fasciculations", "default_condition: cramps")
        edit(config, 'reviewed: "2026-11-25"', 'reviewed: "25/11/2026"')
        edit(config, "      conditions:\n", "      conditions:\n        hiccups:\n          name: Hiccups\n"
                                            "          alternate_name: Hiccups\n          reviewed: 2026-01-01\n"
                                            "          review_due: 2027-01-01\n")
    proc = build_with(tmp_path, plant)
    failed_saying(proc, "conditions.fasciculations.reviewed: expected a date written YYYY-MM-DD, got '25/11/2026'",
                  "conditions.hiccups: no rules file", "hiccups.json")


def test_a_default_condition_that_is_not_a_condition(tmp_path):
    proc = build_with(tmp_path, lambda copy: edit(copy / "mkdocs.yml", "default_condition: fasciculations",
                                                  "default_condition: cramps"))
    failed_saying(proc, "option 'default_condition': 'cramps' is not one of conditions (fasciculations)")


def test_a_rules_file_with_no_site_settings(tmp_path):
    def plant(copy):
        (copy / "triage_core" / "conditions" / "headache.json").write_text(
            second_condition.PACK.read_text(encoding="utf-8"), encoding="utf-8")
    proc = build_with(tmp_path, plant)
    failed_saying(proc, "triage_core/conditions/headache.json: add conditions.headache under the triage-site plugin")


def test_a_docs_folder_with_no_condition_settings(tmp_path):
    def plant(copy):
        (copy / "docs" / "cramps").mkdir()
        (copy / "docs" / "cramps" / "index.md").write_text("# Cramps\n", encoding="utf-8")
    proc = build_with(tmp_path, plant)
    failed_saying(proc, "docs/cramps/ has pages but no condition settings: add conditions.cramps")


def test_a_conditions_page_missing(tmp_path):
    proc = build_with(tmp_path, lambda copy: (copy / "docs" / "fasciculations" / "when-to-get-help.md").unlink())
    failed_saying(proc, "docs/fasciculations/when-to-get-help.md is missing")


def test_a_conditions_page_not_in_the_nav(tmp_path):
    proc = build_with(tmp_path, lambda copy: edit(
        copy / "mkdocs.yml", "      - When to get help: fasciculations/when-to-get-help.md\n", ""))
    failed_saying(proc, "docs/fasciculations/when-to-get-help.md is not in the nav of mkdocs.yml")


def test_a_hand_written_page_where_the_plugin_writes_one(tmp_path):
    proc = build_with(tmp_path, lambda copy: (copy / "docs" / "checker.md").write_text("# Checker\n"))
    failed_saying(proc, "docs/checker.md: the triage-site plugin makes this page; remove the file")


def test_a_source_on_a_page_that_does_not_exist(tmp_path):
    def plant(copy):
        path = copy / "triage_core" / "conditions" / "fasciculations.json"
        rules = json.loads(path.read_text(encoding="utf-8"))
        rules["levels"][0]["source"] = "fasciculations/no-such-page/#emergency"
        path.write_text(json.dumps(rules), encoding="utf-8")
    proc = build_with(tmp_path, plant)
    failed_saying(proc, "triage_core/conditions/fasciculations.json",
                  "'fasciculations/no-such-page/#emergency' is not an anchor in the built site")


def test_a_condition_without_an_output(tmp_path):
    """A builder that stops writing one condition's file (planted in the copy's code) is caught
    by the plugin's last check, which names the condition and the file."""
    proc = build_with(tmp_path, lambda copy: edit(
        copy / "site_build" / "bundle.py", 'return ["download/%s/%s" % (condition_id, NAME)] + ([OUT] if default else [])',
        "return [OUT] if default else []"))
    failed_saying(proc, "a condition lacks an output:", "fasciculations:",
                  "download/fasciculations/checker-bundle.zip was not built")


@pytest.mark.parametrize("key", ["name", "review_due"])
def test_a_missing_condition_setting(tmp_path, key):
    def plant(copy):
        config = copy / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"\n          %s: [^\n]+" % key, "", text, count=1), encoding="utf-8")
    proc = build_with(tmp_path, plant)
    failed_saying(proc, "conditions.fasciculations.%s: missing" % key)


@pytest.mark.parametrize("page, marker", [("partners.md", "<!-- triage-conditions -->"),
                                          ("download.md", "<!-- triage-downloads -->")])
def test_a_shared_page_without_the_list_of_conditions(tmp_path, page, marker):
    proc = build_with(tmp_path, lambda copy: edit(copy / "docs" / page, marker, ""))
    failed_saying(proc, "%s: %s is missing, so the page would not list every condition" % (page, marker))
