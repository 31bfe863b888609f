"""Prove the clinical invariants of a condition over every combination of level-relevant answers.

Pure: takes a compiled condition (and optionally the set of anchors the built site has) and
returns a report; the command line does the timing and printing. Which questions matter to the
level, which are red flags and which options count as others all come from the rules data.
"""

import random

from .answers import effective
from .engine import build, decide, evaluate, run, status
from .logic import references

SEED = 20261125
MAX_COMBINATIONS = 200000


class Failures:
    """Keeps the first example of each kind of failure and counts the rest."""

    def __init__(self):
        self.first = {}
        self.keys = []
        self.count = {}

    def add(self, key, message):
        if key not in self.first:
            self.first[key] = message
            self.keys.append(key)
            self.count[key] = 0
        self.count[key] += 1

    def messages(self) -> list:
        out = []
        for key in self.keys:
            extra = self.count[key] - 1
            out.append(self.first[key] + (" (and %d more combination(s))" % extra if extra else ""))
        return out


def level_questions(condition) -> list:
    """Questions that can change the level: read by a decision rule or a stop, or deciding
    whether such a question is asked. Everything else may change wording only."""
    relevant = []
    for step in condition.flow:
        if "stop_if" in step:
            for qid in references(step["stop_if"]):
                if qid not in relevant:
                    relevant.append(qid)
    for rule in condition.decision:
        if "when" in rule:
            for qid in references(rule["when"]):
                if qid not in relevant:
                    relevant.append(qid)
    for qid in condition.order:
        if "escalates_to" in condition.questions[qid] and qid not in relevant:
            relevant.append(qid)
    grew = True
    while grew:
        grew = False
        for step in condition.flow:
            if "ask_if" in step and (step["question"] in relevant or "stop_if" in step):
                for qid in references(step["ask_if"]):
                    if qid not in relevant:
                        relevant.append(qid)
                        grew = True
    return [qid for qid in condition.order if qid in relevant]


def _choices(condition, qid) -> list:
    options = condition.option_order[qid]
    if condition.questions[qid]["type"] != "multiple_choice":
        return list(options)
    if len(options) > 20:
        return [None] * (2 ** len(options))
    subsets = [[]]
    for oid in options:
        subsets = subsets + [s + [oid] for s in subsets]
    return subsets


def _variants(condition, qid) -> list:
    """Answers to try for a wording-only question: every option, and for a multiple choice
    none, each one alone and all of them."""
    options = condition.option_order[qid]
    if condition.questions[qid]["type"] != "multiple_choice":
        return list(options)
    return [[]] + [[oid] for oid in options] + [list(options)]


def _show(condition, answers, qids) -> str:
    parts = []
    for qid in qids:
        if qid in answers:
            value = answers[qid]
            parts.append(qid + "=" + (",".join(value) if isinstance(value, list) else value))
    return "{" + ", ".join(parts) + "}"


def _concern(condition, qid, oid) -> int:
    return condition.options[qid][oid].get("concern", 0)


def verify(condition, anchors=None) -> dict:
    """Check every invariant; return {"failures": [...], "combinations": n, "evaluations": n}."""
    fails = Failures()
    rank = condition.level_rank
    relevant = level_questions(condition)
    wording = [qid for qid in condition.order if qid not in relevant]
    _check_declarations(condition, relevant, fails)
    size = 1
    for qid in relevant:
        size *= len(_choices(condition, qid))
    if size > MAX_COMBINATIONS:
        fails.add(("too_big",), "%d combinations of level-relevant answers (%s) is too many to check; "
                  "the limit is %d" % (size, ", ".join(relevant), MAX_COMBINATIONS))
        return {"failures": fails.messages(), "combinations": 0, "evaluations": 0}

    combos = [{}]
    for qid in relevant:
        combos = [dict(c, **{qid: choice}) for c in combos for choice in _choices(condition, qid)]
    rng = random.Random(SEED)
    levels = {}
    reached = {"level": [], "question": {}, "rule": []}
    evaluations = 0

    def key(answers):
        return tuple((qid, tuple(answers[qid]) if isinstance(answers[qid], list) else answers[qid])
                     for qid in relevant)

    for combo in combos:
        full = dict(combo)
        for qid in wording:
            full[qid] = rng.choice(_variants(condition, qid))
        result, walked = _walk_and_compare(condition, full, relevant, fails, reached)
        evaluations += 2 + len(walked)
        levels[key(full)] = result["level"]
        shown = _show(condition, full, relevant)
        for qid in wording:
            for variant in _variants(condition, qid):
                changed = dict(full, **{qid: variant})
                other, asked, _stop = run(condition, changed)
                evaluations += 1
                _mark(reached, condition, changed, asked)
                if other["level"] != result["level"]:
                    fails.add(("wording", qid), "answer %r changes the level from %r to %r, but it is "
                              "meant to change wording only (answers %s)"
                              % (qid, result["level"], other["level"], shown))
        _check_escalation(condition, full, result, relevant, fails, shown)

    for combo in combos:
        here = levels[key(combo)]
        shown = _show(condition, combo, relevant)
        for qid in relevant:
            current = combo[qid]
            if isinstance(current, list):
                continue
            for oid in condition.option_order[qid]:
                other = levels[key(dict(combo, **{qid: oid}))]
                target = condition.options[qid][oid].get("counts_as")
                if target is not None and current == oid:
                    same = levels[key(dict(combo, **{qid: target}))]
                    if same != here:
                        fails.add(("counts_as", qid, oid), "%r = %r gives %r, but %r (which it counts as) "
                                  "gives %r (answers %s)" % (qid, oid, here, target, same, shown))
                if _concern(condition, qid, oid) > _concern(condition, qid, current) and rank[other] > rank[here]:
                    fails.add(("monotonic", qid, current, oid), "raising %r from %r to %r lowers the level from "
                              "%r to %r (answers %s)" % (qid, current, oid, here, other, shown))
                if condition.questions[qid]["type"] == "yes_no_unsure" and current == "unsure" and oid == "yes" \
                        and other != here:
                    fails.add(("unsure", qid), "%r = 'unsure' gives %r but 'yes' gives %r; unsure must count "
                              "exactly as yes (answers %s)" % (qid, here, other, shown))

    _check_reached(condition, reached, fails)
    if anchors is not None:
        for where, source in condition.sources():
            if source not in anchors:
                fails.add(("anchor", where), "%s: source %r is not an anchor in the built site" % (where, source))
    return {"failures": fails.messages(), "combinations": len(combos), "evaluations": evaluations}


def _level_refs(condition, relevant) -> list:
    """(location, question id) for every place an answer can move the level from."""
    found = []
    for i, step in enumerate(condition.flow):
        if "stop_if" in step:
            found.extend(("flow[%d].stop_if" % i, qid) for qid in references(step["stop_if"]))
        if "ask_if" in step and (step["question"] in relevant or "stop_if" in step):
            found.extend(("flow[%d].ask_if" % i, qid) for qid in references(step["ask_if"]))
    for i, rule in enumerate(condition.decision):
        if "when" in rule:
            found.extend(("decision[%d].when" % i, qid) for qid in references(rule["when"]))
    return found


def _check_declarations(condition, relevant, fails):
    for where, qid in _level_refs(condition, relevant):
        if condition.questions[qid].get("affects_level") is False:
            fails.add(("declared", qid, where), "%s reads %r, which is marked affects_level: false" % (where, qid))
    for qid in relevant:
        if condition.questions[qid].get("affects_level") is False:
            fails.add(("declared", qid), "%r is marked affects_level: false but can change the level" % qid)


def _walk_and_compare(condition, full, relevant, fails, reached):
    """Evaluate the complete set three ways: flow-restricted, the bare decision table over all
    answers, and one question at a time through the flow. All must agree."""
    shown = _show(condition, full, relevant)
    result, asked, stop = run(condition, full)
    table = build(condition, full, {})
    if table["level"] != result["level"]:
        fails.add(("table", result["level"], table["level"]), "the flow gives %r but the decision table "
                  "gives %r for the complete answers %s" % (result["level"], table["level"], shown))
    elif table["advice"] != result["advice"]:
        fails.add(("advice", result["level"]), "the flow and the decision table give different advice for %s"
                  % shown)
    if stop is not None and stop["ends_with"] != result["level"]:
        fails.add(("ends_with", stop["question"]), "flow step %r ends with %r but the decision rules give %r "
                  "(answers %s)" % (stop["question"], stop["ends_with"], result["level"], shown))
    walked = {}
    while True:
        found = status(condition, walked)["next"]
        if found is None:
            break
        walked[found] = full[found]
    if evaluate(condition, walked) != result:
        fails.add(("walk",), "answering one question at a time gives a different result from the complete "
                  "answers %s" % shown)
    for reason in result["reasons"]:
        if reason["id"] in condition.questions and reason["id"] not in asked:
            fails.add(("reason", reason["id"]), "a reason cites %r, which the flow did not ask (answers %s)"
                      % (reason["id"], shown))
    _mark(reached, condition, full, asked)
    used = {}
    for qid in asked:
        used[qid] = full[qid]
    rule = decide(condition, effective(condition, used))["id"]
    if rule not in reached["rule"]:
        reached["rule"].append(rule)
    if result["level"] not in reached["level"]:
        reached["level"].append(result["level"])
    return result, walked


def _mark(reached, condition, answers, asked):
    for qid in asked:
        chosen = answers[qid]
        seen = reached["question"].setdefault(qid, [])
        for oid in (chosen if isinstance(chosen, list) else [chosen]):
            if oid not in seen:
                seen.append(oid)


def _check_escalation(condition, full, result, relevant, fails, shown):
    """A question with escalates_to must give at least that level whenever it is answered
    with any option above its least concerning one, whether or not the flow reached it."""
    rank = condition.level_rank
    for qid in relevant:
        target = condition.questions[qid].get("escalates_to")
        chosen = full[qid]
        if target is None or isinstance(chosen, list):
            continue
        lowest = min(_concern(condition, qid, oid) for oid in condition.option_order[qid])
        if _concern(condition, qid, chosen) > lowest and rank[result["level"]] > rank[target]:
            kind = "red flag" if rank[target] == 0 else "warning sign"
            fails.add(("escalation", qid, chosen), "%s %r = %r gives %r, expected %r (answers %s)"
                      % (kind, qid, chosen, result["level"], target, shown))


def _check_reached(condition, reached, fails):
    for level in condition.levels:
        if level["id"] not in reached["level"]:
            fails.add(("level", level["id"]), "level %r is never reached" % level["id"])
    for qid in condition.order:
        chosen = reached["question"].get(qid)
        if chosen is None:
            fails.add(("question", qid), "question %r is never asked" % qid)
        for oid in condition.option_order[qid]:
            if oid not in (chosen or []):
                fails.add(("option", qid, oid), "option %r of question %r is never chosen on any path" % (oid, qid))
    for rule in condition.decision:
        if rule["id"] not in reached["rule"]:
            fails.add(("rule", rule["id"]), "decision rule %r never decides any answers" % rule["id"])
