"""A rules change that breaks a clinical invariant fails the site build.

Each test copies the project (as git sees it) to a temporary folder, breaks the rules file in
one way, and runs the real strict build there; the copy's packages come first on the path.
"""
import json

from support import build_copy, copy_project

RULES = "triage_core/conditions/fasciculations.json"


def build_with(tmp_path, break_rules):
    copy = copy_project(tmp_path / "project")
    rules = json.loads((copy / RULES).read_text())
    break_rules(rules)
    (copy / RULES).write_text(json.dumps(rules))
    return build_copy(copy, tmp_path / "site")


def question(rules, qid):
    return next(q for q in rules["questions"] if q["id"] == qid)


def test_unbroken_copy_builds(tmp_path):
    proc = build_with(tmp_path, lambda rules: None)
    assert proc.returncode == 0, proc.stderr
    assert "13122 combinations" in proc.stderr


def test_unsure_that_no_longer_counts_as_yes(tmp_path):
    def drop_counts_as(rules):
        option = next(o for o in question(rules, "breathing_difficulty")["options"] if o["id"] == "unsure")
        del option["counts_as"]
    proc = build_with(tmp_path, drop_counts_as)
    assert proc.returncode != 0
    assert "break clinical invariants" in proc.stderr
    assert "breathing_difficulty" in proc.stderr


def test_source_link_to_a_missing_section(tmp_path):
    def bad_anchor(rules):
        question(rules, "weakness")["source"] = "fasciculations/when-to-get-help/#no-such-section"
    proc = build_with(tmp_path, bad_anchor)
    assert proc.returncode != 0
    assert "#no-such-section" in proc.stderr


def test_invalid_rules_document(tmp_path):
    def duplicate_option(rules):
        options = question(rules, "spread")["options"]
        options.append(dict(options[0]))
    proc = build_with(tmp_path, duplicate_option)
    assert proc.returncode != 0
    assert "rules for 'fasciculations' are invalid" in proc.stderr
    assert "questions[6].options[2]: duplicate option id 'one_area'" in proc.stderr
