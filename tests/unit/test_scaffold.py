"""`python -m triage_core new <id> --name <Name>`: the starter files are valid and verifiable, their
sources land on the new pages' anchors, mkdocs.yml gains the condition with every other line (its
comments included) unchanged, and a bad, taken or repeated request exits 2 with one line and
writes nothing.

The command runs as a real subprocess in a copy of the project whose mkdocs.yml is SAMPLE, a
site config in the triage-site plugin's shape, so these tests do not depend on the live config
(the end-to-end test, tests/browser/test_new_condition.py, scaffolds the real one).
"""
import datetime
import difflib
import json
import os
import pathlib
import subprocess
import sys

import pytest

from site_build import browser_files
from site_build.sources import section_titles
from support import ROOT, copy_project
from triage_core import scaffold
from triage_core.errors import TriageInputError

SAMPLE = """\
site_name: A health site   # comment after a value
theme:
  name: material

# Site settings: the plugin checks them when the config is read.
plugins:
  - triage-site:
      default_condition: fasciculations
      emergency_number: "your local emergency number"
      published_url: !ENV [PUBLISHED_URL, ""]
      conditions:
        # One entry per condition, keyed by its rules id.
        fasciculations:
          name: Fasciculation              # structured-data (schema.org) condition name
          alternate_name: Muscle twitching
          reviewed: "2026-11-25"
          review_due: "2027-11-25"

      # A comment that belongs to what follows the conditions.

markdown_extensions:
  - attr_list
  - md_in_html

nav:
  - Home: index.md
  # The article folders, one per condition.
  - Muscle twitching:
      - Overview: fasciculations/index.md
      - When to get help: fasciculations/when-to-get-help.md
  - Symptom checker: checker.md
  - About this information: about.md

strict: true
"""
TODAY = datetime.date(2026, 12, 5)


def load_yaml(text: str):
    from mkdocs.utils import yaml_load
    return yaml_load(text)


def inserted(old: str, new: str) -> list:
    """The lines `new` adds to `old`; fails if any line of `old` was changed or removed."""
    ops = difflib.SequenceMatcher(a=old.split("\n"), b=new.split("\n"), autojunk=False).get_opcodes()
    assert [op for op in ops if op[0] not in ("equal", "insert")] == []
    return [line for tag, _a1, _a2, b1, b2 in ops if tag == "insert" for line in new.split("\n")[b1:b2]]


# ------------------------------------------------------------------ mkdocs.yml, edited as text

def test_register_adds_the_condition_and_keeps_every_other_line():
    new = scaffold.register(SAMPLE, "hiccups", "Hiccups", TODAY)
    added = inserted(SAMPLE, new)
    assert len(added) == 9
    before, after = load_yaml(SAMPLE), load_yaml(new)
    conditions = after["plugins"][0]["triage-site"]["conditions"]
    assert list(conditions) == ["fasciculations", "hiccups"]
    assert conditions["fasciculations"] == before["plugins"][0]["triage-site"]["conditions"]["fasciculations"]
    assert conditions["hiccups"]["name"] == "Hiccups"
    assert conditions["hiccups"]["alternate_name"] == "Hiccups"
    assert added[1].strip().startswith("# [EDIT:")
    assert conditions["hiccups"]["reviewed"] == "2026-12-05"
    assert conditions["hiccups"]["review_due"] == "2027-12-05"
    # The section comes after the last condition's section, before the shared pages.
    assert [list(item)[0] for item in after["nav"]] == [
        "Home", "Muscle twitching", "Hiccups", "Symptom checker", "About this information"]
    assert after["nav"][2]["Hiccups"] == [{"Overview": "hiccups/index.md"},
                                          {"When to get help": "hiccups/when-to-get-help.md"}]
    for key in before:
        if key not in ("plugins", "nav"):
            assert after[key] == before[key]
    assert scaffold.registered_conditions(new) == ["fasciculations", "hiccups"]


def test_a_second_condition_follows_the_first_new_one_and_names_are_quoted_when_needed():
    one = scaffold.register(SAMPLE, "hiccups", "Hiccups", TODAY)
    two = scaffold.register(one, "back_pain", "Back pain: lower", TODAY)
    after = load_yaml(two)
    assert list(after["plugins"][0]["triage-site"]["conditions"]) == ["fasciculations", "hiccups", "back_pain"]
    assert after["plugins"][0]["triage-site"]["conditions"]["back_pain"]["name"] == "Back pain: lower"
    assert [list(item)[0] for item in after["nav"]][:4] == ["Home", "Muscle twitching", "Hiccups",
                                                          "Back pain: lower"]


@pytest.mark.parametrize("config, message", [
    (SAMPLE.replace("triage-site", "search"), "no `- triage-site:` entry"),
    (SAMPLE.replace("      conditions:\n", "      other:\n"), "no `conditions:` block"),
    (SAMPLE.replace("plugins:", "hooks:"), "no `plugins:`"),
    (SAMPLE.replace("  - About this information: about.md", "  - Hiccups: hiccups/index.md"),
     "the nav already lists pages in hiccups/"),
])
def test_register_refuses_a_config_it_cannot_place_the_condition_in(config, message):
    with pytest.raises(TriageInputError, match=message.replace("(", r"\(")):
        scaffold.register(config, "hiccups", "Hiccups", TODAY)


def test_without_a_nav_only_the_settings_are_added():
    """MkDocs lists every page by itself when mkdocs.yml has no `nav:`."""
    config = SAMPLE[:SAMPLE.index("nav:")] + "strict: true\n"
    new = scaffold.register(config, "hiccups", "Hiccups", TODAY)
    assert len(inserted(config, new)) == 6
    assert "hiccups" in load_yaml(new)["plugins"][0]["triage-site"]["conditions"]
    assert "nav" not in load_yaml(new)


def test_the_site_s_own_config_takes_a_new_condition():
    """The scaffold can register a condition in the project's real mkdocs.yml."""
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    new = scaffold.register(real, "hiccups", "Hiccups", TODAY)
    assert len(inserted(real, new)) == 9
    after = load_yaml(new)
    settings = next(p["triage-site"] for p in after["plugins"] if isinstance(p, dict) and "triage-site" in p)
    assert settings["conditions"]["hiccups"]["name"] == "Hiccups"
    assert {"Overview": "hiccups/index.md"} in next(i["Hiccups"] for i in after["nav"] if "Hiccups" in i)


def test_register_refuses_a_registered_condition():
    with pytest.raises(TriageInputError, match="already registers the condition 'fasciculations'"):
        scaffold.register(SAMPLE, "fasciculations", "Anything", TODAY)


# ------------------------------------------------------------------ the command, in a project copy

def run(copy: pathlib.Path, *args):
    env = dict(os.environ, PYTHONPATH=str(copy))
    return subprocess.run([sys.executable, "-m", "triage_core", *args], cwd=copy, env=env,
                          capture_output=True, text=True, timeout=120)


def snapshot(copy: pathlib.Path) -> dict:
    return {p.relative_to(copy).as_posix(): p.read_bytes()
            for p in sorted(copy.rglob("*")) if p.is_file() and "node_modules" not in p.parts}


class Project(type(pathlib.Path())):
    """A project copy, with how its scaffolding went (`proc`) and its files before (`before`)."""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project copy with SAMPLE as its mkdocs.yml, scaffolded once with `new hiccups`."""
    copy = Project(copy_project(tmp_path_factory.mktemp("scaffold") / "project"))
    (copy / "mkdocs.yml").write_text(SAMPLE, encoding="utf-8")
    before = snapshot(copy)
    proc = run(copy, "new", "hiccups", "--name", "Hiccups")
    copy.proc, copy.before = proc, before
    return copy


WRITTEN = ["triage_core/conditions/hiccups.json", "triage_core/conditions/hiccups.changelog.md",
           "docs/hiccups/index.md", "docs/hiccups/when-to-get-help.md"]


def test_new_writes_the_starter_files_and_says_what_to_edit(project):
    assert project.proc.returncode == 0, project.proc.stderr
    assert project.proc.stderr == ""
    after = snapshot(project)
    assert sorted(set(after) - set(project.before)) == sorted(WRITTEN)
    assert [p for p in project.before if after[p] != project.before[p]] == ["mkdocs.yml"]
    for path in WRITTEN:
        assert path in project.proc.stdout
        assert "[EDIT:" in (project / path).read_text(encoding="utf-8")
    assert "verify hiccups" in project.proc.stdout and "[EDIT: ...]" in project.proc.stdout
    new = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert inserted(SAMPLE, new) == inserted(SAMPLE, scaffold.register(SAMPLE, "hiccups", "Hiccups",
                                                                       datetime.date.today()))


def test_the_starter_rules_verify(project):
    proc = run(project, "verify", "hiccups")
    assert proc.returncode == 0, proc.stderr
    assert "hiccups 0.1.0" in proc.stdout and "all invariants hold" in proc.stdout
    proc = run(project, "flow", "hiccups")
    assert proc.returncode == 0 and "Levels, most urgent first: emergency, doctor_advised, self_care" in proc.stdout


def _sources(value, found):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "source":
                found.append(item)
            else:
                _sources(item, found)
    elif isinstance(value, list):
        for item in value:
            _sources(item, found)
    return found


def test_every_source_lands_on_an_anchor_of_the_new_pages(project):
    rules = json.loads((project / "triage_core/conditions/hiccups.json").read_text(encoding="utf-8"))
    titles = {}
    for page in ("index", "when-to-get-help"):
        url = "hiccups/" if page == "index" else "hiccups/%s/" % page
        titles.update(section_titles(url, (project / ("docs/hiccups/%s.md" % page)).read_text(encoding="utf-8")))
    sources = _sources(rules, [])
    assert sources and all(s.startswith("hiccups/when-to-get-help/#") for s in sources)
    assert [s for s in sources if s not in titles] == []
    # Each level's own source is its care card.
    assert [lv["source"] for lv in rules["levels"]] == [
        "hiccups/when-to-get-help/#emergency", "hiccups/when-to-get-help/#doctor-advised",
        "hiccups/when-to-get-help/#self-care"]


def test_one_care_card_per_level_most_urgent_first(project):
    rules = json.loads((project / "triage_core/conditions/hiccups.json").read_text(encoding="utf-8"))
    page = (project / "docs/hiccups/when-to-get-help.md").read_text(encoding="utf-8")
    cards = [line for line in page.splitlines() if line.startswith('<div class="care-card')]
    levels = [lv["id"].replace("_", "-") for lv in rules["levels"]]
    assert cards == ['<div class="care-card care-card--%s" markdown>' % lv for lv in levels]
    positions = [page.index("{#%s}" % lv) for lv in levels]
    assert positions == sorted(positions)
    assert page.count("{ .care-card__label }") == len(levels)


def test_pages_have_front_matter_with_structured_data(project):
    for page in ("index", "when-to-get-help"):
        text = (project / ("docs/hiccups/%s.md" % page)).read_text(encoding="utf-8")
        front = load_yaml(text.split("---\n")[1])
        assert front["schema"] == "MedicalWebPage"
        assert "Hiccups" in front["title"] and len(front["description"]) >= 50


@pytest.mark.parametrize("args, message", [
    (["new", "hiccups", "--name", "Hiccups"], "condition 'hiccups' cannot be made: "
                                              "triage_core/conditions/hiccups.json already exists"),
    (["new", "fasciculations", "--name", "Twitching"], "triage_core/conditions/fasciculations.json already exists"),
    (["new", "about", "--name", "About"], "docs/about.md already exists"),
    (["new", "assets", "--name", "Assets"], "docs/assets already exists"),
    (["new", "Hiccups", "--name", "Hiccups"], "'Hiccups' is not a valid condition id"),
    (["new", "hic-cups", "--name", "Hiccups"], "'hic-cups' is not a valid condition id"),
    (["new", "../x", "--name", "X"], "'../x' is not a valid condition id"),
    (["new", "a" * 65, "--name", "X"], "is not a valid condition id"),
    (["new", "", "--name", "X"], "'' is not a valid condition id"),
    (["new", "colds", "--name", "  "], "--name must be a short name"),
    (["new", "colds", "--name", "Colds {emergency_number}"], "--name must be a short name"),
    (["new", "colds", "--name", "Colds\nand flu"], "--name must be a short name"),
    (["new", "colds"], "the following arguments are required: --name"),
    (["new", "colds", "--name", "A", "--name", "B"], "--name is given more than once"),
])
def test_a_bad_or_taken_request_exits_2_with_one_line_and_writes_nothing(project, args, message):
    before = snapshot(project)
    proc = run(project, *args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ")
    assert message in proc.stderr
    assert snapshot(project) == before


def test_a_condition_registered_only_in_mkdocs_yml_is_refused_before_any_write(tmp_path):
    copy = copy_project(tmp_path / "project")
    (copy / "mkdocs.yml").write_text(SAMPLE.replace("fasciculations:\n", "colds:\n", 1), encoding="utf-8")
    before = snapshot(copy)
    proc = run(copy, "new", "colds", "--name", "Colds")
    assert proc.returncode == 2 and proc.stderr == "error: mkdocs.yml already registers the condition 'colds'\n"
    assert snapshot(copy) == before


def test_the_scaffold_never_ships_to_the_browser():
    shipped = {rel for _src, rel in browser_files.python_sources()}
    assert "triage_core/engine.py" in shipped
    assert "triage_core/scaffold.py" not in shipped and "triage_core/cli.py" not in shipped
