"""Conditions over answers, as used by the flow (ask_if, stop_if) and the decision rules.

A condition is one of:
  {"answer": QUESTION_ID, "in": [OPTION_ID, ...]}   true when the answer is one of these
                                                     (for a multiple choice: any selected one is)
  {"all": [CONDITION, ...]}, {"any": [CONDITION, ...]}, {"not": CONDITION}

Answers reach this module with `counts_as` already applied, so "unsure" reads as "yes".
An unanswered question makes a test unknown (None); all/any/not follow three-valued logic,
so the flow can tell "not asked" from "no".
"""


def check(condition, values):
    """Return True, False, or None when the result depends on a missing answer."""
    if "all" in condition:
        result = True
        for part in condition["all"]:
            found = check(part, values)
            if found is False:
                return False
            if found is None:
                result = None
        return result
    if "any" in condition:
        result = False
        for part in condition["any"]:
            found = check(part, values)
            if found is True:
                return True
            if found is None:
                result = None
        return result
    if "not" in condition:
        found = check(condition["not"], values)
        return None if found is None else not found
    value = values.get(condition["answer"])
    if value is None:
        return None
    wanted = condition["in"]
    if isinstance(value, list):
        for item in value:
            if item in wanted:
                return True
        return False
    return value in wanted


def references(condition) -> list:
    """Question ids a condition reads, in the order written."""
    if "all" in condition or "any" in condition:
        parts = condition.get("all") or condition.get("any") or []
        found = []
        for part in parts:
            for qid in references(part):
                if qid not in found:
                    found.append(qid)
        return found
    if "not" in condition:
        return references(condition["not"])
    return [condition["answer"]]


def mentions(condition) -> list:
    """(question id, [option ids]) for every test a condition makes, in the order written."""
    if "all" in condition or "any" in condition:
        found = []
        for part in condition.get("all") or condition.get("any") or []:
            found.extend(mentions(part))
        return found
    if "not" in condition:
        return mentions(condition["not"])
    return [(condition["answer"], list(condition["in"]))]


def describe(condition) -> str:
    """Plain description for reviewers, e.g. "spread is widespread and duration is over_3_weeks"."""
    if "all" in condition:
        return " and ".join(_wrap(part) for part in condition["all"])
    if "any" in condition:
        return " or ".join(_wrap(part) for part in condition["any"])
    if "not" in condition:
        return "not (" + describe(condition["not"]) + ")"
    return condition["answer"] + " is " + " or ".join(condition["in"])


def _wrap(part) -> str:
    text = describe(part)
    return "(" + text + ")" if ("all" in part or "any" in part) else text
