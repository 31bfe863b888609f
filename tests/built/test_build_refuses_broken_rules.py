"""A rules change that breaks a clinical invariant fails the site build.

Each test copies the project (as git sees it) to a temporary folder, breaks the rules file in
one way, and runs the real strict build there; the copy's packages come first on the path.
"""
import json
import os
import shutil
import subprocess
import sys

import pytest

from support import ROOT

RULES = "triage_core/conditions/fasciculations.json"


@pytest.fixture(scope="module")
def project_files():
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    return [f for f in listed if f and (ROOT / f).is_file()]


def build_with(tmp_path, project_files, break_rules):
    copy = tmp_path / "project"
    for rel in project_files:
        dest = copy / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / rel, dest)
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    rules = json.loads((copy / RULES).read_text())
    break_rules(rules)
    (copy / RULES).write_text(json.dumps(rules))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(copy))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                          cwd=copy, env=env, capture_output=True, text=True)


def question(rules, qid):
    return next(q for q in rules["questions"] if q["id"] == qid)


def test_unbroken_copy_builds(tmp_path, project_files):
    proc = build_with(tmp_path, project_files, lambda rules: None)
    assert proc.returncode == 0, proc.stderr
    assert "2916 combinations" in proc.stderr


def test_unsure_that_no_longer_counts_as_yes(tmp_path, project_files):
    def drop_counts_as(rules):
        option = next(o for o in question(rules, "breathing_difficulty")["options"] if o["id"] == "unsure")
        del option["counts_as"]
    proc = build_with(tmp_path, project_files, drop_counts_as)
    assert proc.returncode != 0
    assert "break clinical invariants" in proc.stderr
    assert "breathing_difficulty" in proc.stderr


def test_source_link_to_a_missing_section(tmp_path, project_files):
    def bad_anchor(rules):
        question(rules, "weakness")["source"] = "fasciculations/when-to-get-help/#no-such-section"
    proc = build_with(tmp_path, project_files, bad_anchor)
    assert proc.returncode != 0
    assert "#no-such-section" in proc.stderr


def test_invalid_rules_document(tmp_path, project_files):
    def duplicate_option(rules):
        options = question(rules, "spread")["options"]
        options.append(dict(options[0]))
    proc = build_with(tmp_path, project_files, duplicate_option)
    assert proc.returncode != 0
    assert "rules for 'fasciculations' are invalid" in proc.stderr
    assert "questions[5].options[2]: duplicate option id 'one_area'" in proc.stderr
