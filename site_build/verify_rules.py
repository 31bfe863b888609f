"""MkDocs hook: the build refuses rules that break a clinical invariant.

Rules are checked twice: at config time every rules file must compile (all problems listed),
and after the build the verifier proves the invariants over every level-relevant combination
and that every `source` link lands on an anchor the built site really has.
"""
import logging
import time

from mkdocs.exceptions import PluginError

from triage_core import catalog
from triage_core.anchors import site_anchors
from triage_core.errors import RulesError
from triage_core.verify import verify

log = logging.getLogger("mkdocs.hooks.verify_rules")


def _conditions():
    conditions = []
    for cid in catalog.condition_ids():
        catalog.forget_condition(cid)  # re-read on every (re)build, so `serve` sees rule edits
        try:
            conditions.append(catalog.get(cid))
        except RulesError as error:
            raise PluginError("rules for %r are invalid:\n  %s" % (cid, "\n  ".join(error.errors)))
    return conditions


def on_config(config, **kwargs):
    _conditions()
    return config


def on_post_build(config, **kwargs):
    anchors = site_anchors(config["site_dir"])
    for condition in _conditions():
        started = time.time()
        report = verify(condition, anchors)
        if report["failures"]:
            raise PluginError("rules for %r break clinical invariants:\n  %s" % (
                condition.id, "\n  ".join(report["failures"])))
        log.info("verified %s %s: %d combinations, %d evaluations in %.1f s", condition.id,
                 condition.version, report["combinations"], report["evaluations"], time.time() - started)
