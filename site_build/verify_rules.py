"""The build refuses rules that break a clinical invariant.

Rules are checked twice: at config time every rules file must compile (all problems listed),
and after the build the verifier proves the invariants over every level-relevant combination
and that every `source` link lands on an anchor the built site really has.
"""
import logging
import os
import time

from mkdocs.exceptions import PluginError

from triage_core import catalog
from triage_core.anchors import site_anchors
from triage_core.errors import RulesError
from triage_core.verify import verify

log = logging.getLogger("mkdocs.plugins.triage_site.verify_rules")


def rules_path(condition_id: str) -> str:
    return os.path.relpath(os.path.join(catalog.conditions_dir(), condition_id + ".json"))


def load(condition_ids) -> list:
    """The compiled conditions, read afresh (so `serve` sees rule edits); invalid rules stop the
    build with every problem listed."""
    conditions = []
    for cid in condition_ids:
        catalog.forget_condition(cid)
        try:
            conditions.append(catalog.get(cid))
        except RulesError as error:
            raise PluginError("rules for %r are invalid:\n  %s" % (cid, "\n  ".join(error.errors)))
    return conditions


def verify_built(site_dir, condition_ids):
    """Prove each condition's invariants, its sources against the anchors of the built site."""
    anchors = site_anchors(site_dir)
    for condition in load(condition_ids):
        started = time.time()
        report = verify(condition, anchors)
        if report["failures"]:
            raise PluginError("rules for %r break clinical invariants (%s):\n  %s" % (
                condition.id, rules_path(condition.id), "\n  ".join(report["failures"])))
        log.info("verified %s %s: %d combinations, %d evaluations in %.1f s", condition.id,
                 condition.version, report["combinations"], report["evaluations"], time.time() - started)
