"""Check an answer set against a condition's questions before anything is decided from it.

Partial sets are fine here (the flow decides what is still needed); anything malformed is a
TriageInputError that names every problem, so no level is ever guessed from bad input.
"""

from .errors import TriageInputError
from .text import kind, quote

MAX_LISTED = 5


def problems(condition, answers) -> list:
    """Every problem with an answer set, in a fixed order (unknown ids first, then by question)."""
    if not isinstance(answers, dict):
        return ["answers must be an object of question ids and answers, got " + kind(answers)]
    found = []
    unknown = []
    for key in answers:
        if not isinstance(key, str):
            unknown.append("question ids must be strings, got " + kind(key))
        elif key not in condition.questions:
            unknown.append("unknown question id " + quote(key))
    found.extend(sorted(unknown))
    for qid in condition.order:
        if qid in answers:
            found.extend(_check_one(condition, qid, answers[qid]))
    return found


def _check_one(condition, qid, value) -> list:
    if condition.questions[qid]["type"] != "multiple_choice":
        if not isinstance(value, str):
            return [quote(qid) + ": expected one option id as a string, got " + kind(value)]
        if value not in condition.options[qid]:
            return [quote(qid) + ": " + quote(value) + " is not an option (choose one of: " +
                    _listing(condition, qid) + ")"]
        return []
    if not isinstance(value, list):
        return [quote(qid) + ": expected a list of option ids, got " + kind(value)]
    found = []
    seen = []
    for item in value:
        if not isinstance(item, str):
            found.append(quote(qid) + ": expected option ids as strings, got " + kind(item))
        elif item not in condition.options[qid]:
            found.append(quote(qid) + ": " + quote(item) + " is not an option (choose from: " +
                         _listing(condition, qid) + ")")
        elif item in seen:
            found.append(quote(qid) + ": " + quote(item) + " is given more than once")
        else:
            seen.append(item)
    return found


def _listing(condition, qid) -> str:
    return ", ".join(condition.option_order[qid])


def checked(condition, answers) -> dict:
    """Return a private copy of a valid answer set, or raise TriageInputError naming the problems."""
    found = problems(condition, answers)
    if found:
        raise TriageInputError(summary(found))
    copy = {}
    for qid in answers:
        value = answers[qid]
        copy[qid] = list(value) if isinstance(value, list) else value
    return copy


def summary(found) -> str:
    """Join problems into one line, listing at most a few."""
    text = "; ".join(found[:MAX_LISTED])
    if len(found) > MAX_LISTED:
        text += "; and %d more problem(s)" % (len(found) - MAX_LISTED)
    return text


def effective(condition, answers) -> dict:
    """Answers as the rules read them: an option with `counts_as` reads as its target."""
    values = {}
    for qid in answers:
        value = answers[qid]
        if isinstance(value, str):
            value = condition.options[qid][value].get("counts_as", value)
        values[qid] = value
    return values
