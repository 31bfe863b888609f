"""The triage-site plugin's shape: registered by its entry point, enabled in mkdocs.yml in place of
hooks, its settings checked with every error named by its key, no state kept in modules, and an
engine that imports nothing from the site generator."""
import ast
import datetime
import importlib
import importlib.metadata
import pathlib

import pytest
import yaml

import site_config
from support import ROOT

from site_build.config import TriageSiteConfig

GOOD = {"default_condition": "fasciculations", "emergency_number": "999",
        "conditions": {"fasciculations": {"name": "Fasciculation", "alternate_name": "Muscle twitching",
                                          "reviewed": "2026-11-25", "review_due": "2027-11-25"}}}


def check(settings: dict) -> list:
    config = TriageSiteConfig()
    config.load_dict(settings)
    failed, _ = config.validate()
    return ["%s: %s" % (key, error) for key, error in failed]


def test_the_entry_point_names_the_plugin_class():
    points = [p for p in importlib.metadata.entry_points(group="mkdocs.plugins") if p.name == "triage-site"]
    assert [p.value for p in points] == ["site_build.plugin:TriageSitePlugin"]
    assert points[0].load().__name__ == "TriageSitePlugin"


def test_mkdocs_yml_enables_the_plugin_and_no_hooks():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nhooks:" not in text
    assert site_config.default_condition() in site_config.condition_ids()
    extra = yaml.safe_load(text.split("\nextra:", 1)[1].split("\n\n", 1)[0]) if "\nextra:" in text else {}
    for moved in ("emergency_number", "conditions", "reviewed", "review_due", "published_url"):
        assert moved not in (extra or {}), moved


def test_good_settings_pass_and_dates_read_as_dates_are_kept_as_iso_text():
    assert check(GOOD) == []
    settings = dict(GOOD, conditions={"fasciculations": dict(GOOD["conditions"]["fasciculations"],
                                                             reviewed=datetime.date(2026, 11, 25))})
    config = TriageSiteConfig()
    config.load_dict(settings)
    assert config.validate()[0] == [] and config.conditions["fasciculations"].reviewed == "2026-11-25"


def test_every_error_is_reported_with_its_key():
    bad = {"default_condition": "fasciculations", "emergency_number": "  ", "published_url": "ftp://x",
           "conditions": {"fasciculations": {"name": "", "alternate_name": "Muscle twitching",
                                             "reviewed": "25 Nov 2026", "review_due": "2027-11-25"},
                          "no_such_condition": {"name": "X", "alternate_name": "X", "reviewed": "2026-01-01",
                                                "review_due": "2025-01-01"},
                          "Bad-Id": {}},
           }
    bad["conditions"]["fasciculations"]["reviewd"] = "2026-11-25"
    errors = "\n".join(check(bad))
    for expected in ("emergency_number: expected text", "published_url: must start with http:// or https://",
                     "conditions.fasciculations.name: expected text",
                     "conditions.fasciculations.reviewed: expected a date written YYYY-MM-DD",
                     "conditions.no_such_condition: no rules file",
                     "conditions.no_such_condition.review_due: 2025-01-01 is not after reviewed",
                     "conditions.Bad-Id: 'Bad-Id' is not a condition id",
                     "conditions.fasciculations.reviewd: not a condition setting"):
        assert expected in errors, expected


def test_the_default_condition_must_be_one_of_the_conditions():
    assert check(dict(GOOD, default_condition="cramps")) == [
        "default_condition: 'cramps' is not one of conditions (fasciculations)"]


def modules(folder: str) -> list:
    return sorted(p for p in (ROOT / folder).glob("*.py"))


@pytest.mark.parametrize("folder", ["triage_core", "checker_ui"])
def test_the_engine_imports_nothing_from_the_site_generator(folder):
    offenders = []
    for path in modules(folder):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += ["%s: %s" % (path.name, n) for n in names
                          if n.split(".")[0] in ("mkdocs", "site_build", "material", "yaml")]
    assert offenders == []


def test_no_builder_keeps_state_in_its_module():
    """Per-build values live on the plugin instance: no module of site_build holds an empty dict,
    list or set waiting to be filled (the hooks' old `_titles = {}`, `results = {}`). Caches
    keyed by the content they were made from (`*_cache`) are not state: a rebuild with other
    content gets other entries."""
    offenders = []
    for path in modules("site_build"):
        module = importlib.import_module("site_build." + path.stem)
        offenders += ["%s.%s" % (path.stem, name) for name, value in vars(module).items()
                      if isinstance(value, (dict, list, set)) and not value and not name.startswith("__")
                      and not name.endswith("_cache")]
    assert offenders == []


def test_the_plugin_module_has_only_event_methods_and_pure_helpers():
    from site_build.plugin import TriageSitePlugin
    own = [name for name, value in vars(TriageSitePlugin).items() if callable(value) and not name.startswith("__")]
    assert [name for name in own if not (name.startswith("on_") or name == "_reset")] == []
    tree = ast.parse(pathlib.Path(ROOT / "site_build" / "plugin.py").read_text(encoding="utf-8"))
    assert not [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith("on_")]
