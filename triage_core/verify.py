"""Prove the clinical invariants of a condition over every combination of level-relevant answers.

Pure: takes a compiled condition (and optionally the set of anchors the built site has) and
returns a report; the command line does the timing and printing. Which questions matter to the
level, which are red flags and which options count as others all come from the rules data.
"""

import random

from .answers import effective
from .engine import build, decide, evaluate, run, status
from .logic import check, mentions, references

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


def level_options(condition, qid) -> list:
    """The options of a multiple choice that a level condition names (in option order): only
    these can move the level; the others change wording, which the verifier proves."""
    named = []
    for where, found in _level_refs(condition, level_questions(condition), True):
        for ref, oids in found:
            if ref == qid:
                named.extend(oids)
    return [oid for oid in condition.option_order[qid] if oid in named]


def _choices(condition, qid, named) -> list:
    options = condition.option_order[qid]
    if condition.questions[qid]["type"] != "multiple_choice":
        return list(options)
    options = named[qid]
    if len(options) > 20:
        return [None] * (2 ** len(options))
    subsets = [[]]
    for oid in options:
        subsets = subsets + [s + [oid] for s in subsets]
    return subsets


def _variants(condition, qid, named=None) -> list:
    """Answers to try for a wording-only question (or the wording-only options of a multiple
    choice): every option, and for a multiple choice none, each one alone and all of them."""
    options = condition.option_order[qid]
    if condition.questions[qid]["type"] != "multiple_choice":
        return list(options)
    if named is not None:
        options = [oid for oid in options if oid not in named.get(qid, [])]
    return [[]] + [[oid] for oid in options] + ([list(options)] if len(options) > 1 else [])


def _show(condition, answers, qids) -> str:
    parts = []
    for qid in qids:
        if qid in answers:
            value = answers[qid]
            parts.append(qid + "=" + (",".join(value) if isinstance(value, list) else value))
    return "{" + ", ".join(parts) + "}"


class _Shown:
    """The answers of a combination as text, worked out only when a failure message needs it."""

    def __init__(self, condition, answers, qids):
        self.args = (condition, answers, qids)

    def __str__(self):
        return _show(*self.args)


def _strings(value, found):
    """Every text in a result, however deeply nested."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, dict):
        for key in value:
            _strings(value[key], found)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    return found


def _concern(condition, qid, oid) -> int:
    return condition.options[qid][oid].get("concern", 0)


def verify(condition, anchors=None) -> dict:
    """Check every invariant; return {"failures": [...], "combinations": n, "evaluations": n}.

    Every combination of level-relevant answers is evaluated through the flow and through the
    bare decision table. The costlier checks (one question at a time, wording-only answers, words
    a level must not say) depend only on the answers the flow asked, so they run once for each
    distinct set of asked answers: the same proof, without repeating identical evaluations."""
    fails = Failures()
    rank = condition.level_rank
    relevant = level_questions(condition)
    named = {}
    for qid in relevant:
        if condition.questions[qid]["type"] == "multiple_choice":
            named[qid] = level_options(condition, qid)
    wording = [qid for qid in condition.order if qid not in relevant]
    _check_declarations(condition, relevant, fails)
    _check_sources(condition, fails)
    _check_safety_net_levels(condition, fails)
    size = 1
    for qid in relevant:
        size *= len(_choices(condition, qid, named))
    if size > MAX_COMBINATIONS:
        fails.add(("too_big",), "%d combinations of level-relevant answers (%s) is too many to check; "
                  "the limit is %d" % (size, ", ".join(relevant), MAX_COMBINATIONS))
        return {"failures": fails.messages(), "combinations": 0, "evaluations": 0}

    combos = [{}]
    for qid in relevant:
        combos = [dict(c, **{qid: choice}) for c in combos for choice in _choices(condition, qid, named)]
    rng = random.Random(SEED)
    levels = {}
    reached = {"level": [], "question": {}, "rule": []}
    evaluations = 0
    done = {}

    def key(answers):
        out = []
        for qid in relevant:
            value = answers[qid]
            if isinstance(value, list):
                value = tuple(oid for oid in named[qid] if oid in value)
            out.append(value)
        return out

    for combo in combos:
        full = dict(combo)
        for qid in wording:
            full[qid] = rng.choice(_variants(condition, qid))
        for qid in named:
            full[qid] = combo[qid] + rng.choice(_variants(condition, qid, named))
        shown = _Shown(condition, full, relevant)
        result, asked, stop = run(condition, full)
        evaluations += 2
        _compare_table(condition, full, result, stop, fails, shown)
        _check_escalation(condition, full, result, relevant, fails, shown)
        _check_safety_net(condition, full, result, fails, shown)
        levels[tuple(key(full))] = result["level"]
        path = tuple((qid, tuple(full[qid]) if isinstance(full[qid], list) else full[qid]) for qid in asked)
        if path in done:
            continue
        done[path] = True
        evaluations += _walk_and_compare(condition, full, result, asked, fails, reached, shown)
        _check_words(condition, result, fails, shown)
        for qid in wording + list(named):
            for variant in _variants(condition, qid, named if qid in named else None):
                if qid in named:
                    variant = combo[qid] + variant
                changed = dict(full, **{qid: variant})
                other, other_asked, _stop = run(condition, changed)
                evaluations += 1
                _mark(reached, condition, changed, other_asked)
                _check_words(condition, other, fails, _Shown(condition, changed, relevant))
                _check_safety_net(condition, changed, other, fails, shown)
                if other["level"] != result["level"]:
                    what = ("answer %r" % qid) if qid not in named else ("choosing %s in %r" % (
                        ", ".join(repr(o) for o in variant if o not in named[qid]) or "nothing", qid))
                    fails.add(("wording", qid), "%s changes the level from %r to %r, but it is "
                              "meant to change wording only (answers %s)"
                              % (what, result["level"], other["level"], shown))

    concern = {}
    for qid in relevant:
        for oid in condition.option_order[qid]:
            concern[(qid, oid)] = _concern(condition, qid, oid)
    for combo in combos:
        base = key(combo)
        here = levels[tuple(base)]
        shown = _Shown(condition, combo, relevant)
        for i, qid in enumerate(relevant):
            current = combo[qid]
            if isinstance(current, list):
                continue
            for oid in condition.option_order[qid]:
                other = levels[tuple(base[:i] + [oid] + base[i + 1:])]
                target = condition.options[qid][oid].get("counts_as")
                if target is not None and current == oid:
                    same = levels[tuple(base[:i] + [target] + base[i + 1:])]
                    if same != here:
                        fails.add(("counts_as", qid, oid), "%r = %r gives %r, but %r (which it counts as) "
                                  "gives %r (answers %s)" % (qid, oid, here, target, same, shown))
                if concern[(qid, oid)] > concern[(qid, current)] and rank[other] > rank[here]:
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


def _check_sources(condition, fails):
    """Every statement links to a section of a page, not just the page."""
    for where, source in condition.sources():
        if "#" not in source:
            fails.add(("section", where), "%s: source %r names no section (add a #fragment)" % (where, source))


def _check_safety_net_levels(condition, fails):
    """A safety-net line sends the reader to more care than the level it is shown with."""
    rank = condition.level_rank
    for i, item in enumerate(condition.safety_net):
        target = item.get("leads_to")
        for lid in item["levels"]:
            if target is not None and rank[target] >= rank[lid]:
                fails.add(("net_rank", i, lid), "safety_net[%d] is shown with %r but leads to %r, which is no "
                          "more urgent" % (i, lid, target))


def _check_safety_net(condition, full, result, fails, shown):
    """A safety-net line promises what the decision rules do: whenever the change it names has
    happened, the result is at least as urgent as the level it says the reader needs."""
    rank = condition.level_rank
    values = effective(condition, full)
    for i, item in enumerate(condition.safety_net):
        if "when" not in item or check(item["when"], values) is not True:
            continue
        if rank[result["level"]] > rank[item["leads_to"]]:
            fails.add(("net", i), "safety_net[%d] says this change needs %r, but the rules give %r (answers %s)"
                      % (i, item["leads_to"], result["level"], shown))


def _check_words(condition, result, fails, shown):
    """A level's `must_not_say` words appear nowhere in its results (case ignored)."""
    words = condition.level(result["level"]).get("must_not_say", [])
    if not words:
        return
    texts = _strings(result, [])
    for text in _strings(condition.level(result["level"])["what_to_do"], []):
        texts.append(text)
    lowered = " ".join(texts).lower()
    for word in words:
        if word.lower() in lowered:
            fails.add(("words", result["level"], word), "a %r result says %r, which that level must not say "
                      "(answers %s)" % (result["level"], word, shown))


def _level_refs(condition, relevant, with_options=False) -> list:
    """(location, question id) for every place an answer can move the level from; with
    `with_options`, (location, [(question id, [option ids]), ...]) instead."""
    found = []
    places = []
    for i, step in enumerate(condition.flow):
        if "stop_if" in step:
            places.append(("flow[%d].stop_if" % i, step["stop_if"]))
        if "ask_if" in step and (step["question"] in relevant or "stop_if" in step):
            places.append(("flow[%d].ask_if" % i, step["ask_if"]))
    for i, rule in enumerate(condition.decision):
        if "when" in rule:
            places.append(("decision[%d].when" % i, rule["when"]))
    for where, cond in places:
        if with_options:
            found.append((where, mentions(cond)))
        else:
            found.extend((where, qid) for qid in references(cond))
    return found


def _check_declarations(condition, relevant, fails):
    for where, qid in _level_refs(condition, relevant):
        if condition.questions[qid].get("affects_level") is False:
            fails.add(("declared", qid, where), "%s reads %r, which is marked affects_level: false" % (where, qid))
    for qid in relevant:
        if condition.questions[qid].get("affects_level") is False:
            fails.add(("declared", qid), "%r is marked affects_level: false but can change the level" % qid)


def _compare_table(condition, full, result, stop, fails, shown):
    """The flow-restricted result and the bare decision table over all answers must agree."""
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


def _walk_and_compare(condition, full, result, asked, fails, reached, shown) -> int:
    """Answering one question at a time gives the same result; return the evaluations made."""
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
    return len(walked) + 1


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
        concern = _concern(condition, qid, chosen)
        if concern == 0:
            continue
        lowest = min(_concern(condition, qid, oid) for oid in condition.option_order[qid])
        if concern > lowest and rank[result["level"]] > rank[target]:
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
