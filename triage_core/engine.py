"""Walk the flow and decide the level, reading everything from a compiled condition.

The engine knows no condition, question or level by name. Functions taking a `Condition`
are shared with the verifier; the public functions in __init__ take a condition id.
"""

from .answers import checked, effective
from .errors import TriageInputError
from .logic import check
from .text import kind, quote

UNSURE = "unsure"  # the option id a yes_no_unsure question uses for "not sure" (see rules.YES_NO_UNSURE)


def walk(condition, values):
    """Follow the flow over effective answers.

    Returns (asked, missing, stop): questions answered along the path before the first gap,
    questions the flow still needs (assuming no missing answer would end it), and the step
    that ended the flow early (or None).
    """
    seen = {}
    asked = []
    missing = []
    for step in condition.flow:
        qid = step["question"]
        if "ask_if" in step and check(step["ask_if"], seen) is not True:
            continue
        if qid not in values:
            missing.append(qid)
            continue
        seen[qid] = values[qid]
        if not missing:
            asked.append(qid)
        if "stop_if" in step and check(step["stop_if"], seen) is True:
            return asked, missing, (None if missing else step)
    return asked, missing, None


def decide(condition, values):
    """The first decision rule whose `when` holds (the last rule is the default)."""
    for rule in condition.decision:
        if "when" not in rule or check(rule["when"], values) is True:
            return rule
    return condition.decision[-1]


def fill(condition, text, settings):
    """Put site settings (e.g. the emergency number) into a text."""
    if "{" not in text:
        return text
    for placeholder in condition.placeholders:
        name = placeholder["id"]
        text = text.replace("{" + name + "}", settings.get(name, placeholder["default"]))
    return text


def check_settings(condition, settings) -> dict:
    """Settings are optional text values for the condition's placeholders."""
    if settings is None:
        return {}
    if not isinstance(settings, dict):
        raise TriageInputError("settings must be an object, got " + kind(settings))
    names = [p["id"] for p in condition.placeholders]
    keys = [k for k in settings if isinstance(k, str)]
    if len(keys) != len(settings):
        raise TriageInputError("setting names must be strings")
    for key in sorted(keys):
        if key not in names:
            raise TriageInputError("unknown setting " + quote(key))
        if not isinstance(settings[key], str) or settings[key].strip() == "":
            raise TriageInputError("setting " + quote(key) + " must be non-empty text")
    return settings


def statement(condition, item, settings, with_id=True) -> dict:
    out = {}
    if with_id:
        out["id"] = item["id"]
    out["text"] = fill(condition, item["text"], settings)
    out["source"] = item["source"]
    return out


def build(condition, answers, settings) -> dict:
    """The result for answers already reduced to what the flow asked (or, for the verifier, all)."""
    values = effective(condition, answers)
    rule = decide(condition, values)
    level = condition.level(rule["level"])
    reasons = []
    for item in rule.get("reasons", []):
        if "question" not in item:
            reasons.append(statement(condition, item, settings))
            continue
        qid = item["question"]
        chosen = answers.get(qid)
        reason = condition.options[qid][chosen].get("reason") if isinstance(chosen, str) else None
        if reason is not None:
            reasons.append({"id": qid, "text": fill(condition, reason["text"], settings),
                            "source": reason["source"]})
    unsure = []
    for qid in condition.order:
        chosen = answers.get(qid)
        if chosen == UNSURE and "counts_as" in condition.options[qid][chosen]:
            unsure.append(qid)
    timeframe = level.get("timeframe")
    return {
        "condition": condition.id,
        "rules_version": condition.version,
        "level": level["id"],
        "level_title": fill(condition, level["title"], settings),
        "headline": fill(condition, rule.get("headline", level["headline"]), settings),
        "timeframe": None if timeframe is None else statement(condition, timeframe, settings, with_id=False),
        "reasons": reasons,
        "unsure": unsure,
        "answers": summary(condition, answers, settings),
        "advice": _advice(condition, level["id"], answers, settings),
        "safety_net": [statement(condition, item, settings, with_id=False)
                       for item in condition.safety_net if level["id"] in item["levels"]],
    }


def summary(condition, answers, settings) -> list:
    """What was asked and answered, in flow order, with the texts the reader saw: the record a
    reader can print or show a doctor. A multiple choice is one entry with a list of labels
    (its "none" label when nothing was chosen)."""
    out = []
    for qid in condition.order:
        if qid not in answers:
            continue
        question = condition.questions[qid]
        chosen = answers[qid]
        if isinstance(chosen, list):
            picked = [oid for oid in condition.option_order[qid] if oid in chosen]
            label = [fill(condition, condition.options[qid][oid]["label"], settings) for oid in picked]
            if not picked:
                label = [fill(condition, question["none_label"], settings)]
            chosen = picked
        else:
            label = fill(condition, condition.options[qid][chosen]["label"], settings)
        out.append({"question": qid, "question_text": fill(condition, question["text"], settings),
                    "answer": chosen, "answer_label": label})
    return out


def _advice(condition, level_id, answers, settings) -> list:
    advice = condition.advice
    if advice is None or level_id not in advice["levels"]:
        return []
    chosen = answers.get(advice["question"], [])
    if isinstance(chosen, str):
        chosen = [chosen]
    items = {}
    for item in advice["items"]:
        items[item["id"]] = item
    found = [statement(condition, items[oid], settings)
             for oid in condition.option_order[advice["question"]] if oid in chosen]
    return found or [statement(condition, advice["none"], settings)]


def progress(condition, answers):
    """Validate a (possibly partial) answer set and walk the flow over it."""
    answers = checked(condition, answers)
    asked, missing, stop = walk(condition, effective(condition, answers))
    return answers, asked, missing, stop


def run(condition, answers, settings=None):
    """Evaluate a complete answer set; return (result, questions asked, step that ended the flow)."""
    settings = check_settings(condition, settings)
    answers, asked, missing, stop = progress(condition, answers)
    if missing:
        raise TriageInputError("missing answers the flow needs: " + ", ".join(missing))
    used = {}
    for qid in asked:
        used[qid] = answers[qid]
    return build(condition, used, settings), asked, stop


def evaluate(condition, answers, settings=None) -> dict:
    return run(condition, answers, settings)[0]


def status(condition, answers) -> dict:
    answers, asked, missing, stop = progress(condition, answers)
    return {
        "complete": not missing,
        "asked": asked,
        "next": missing[0] if missing else None,
        "missing": missing,
    }


def question(condition, qid, settings=None) -> dict:
    settings = check_settings(condition, settings)
    if not isinstance(qid, str) or qid not in condition.questions:
        raise TriageInputError("unknown question id " + quote(str(qid)))
    data = condition.questions[qid]
    out = {
        "id": qid,
        "type": data["type"],
        "text": fill(condition, data["text"], settings),
        "hint": fill(condition, data.get("hint", ""), settings),
        "why": fill(condition, data["why"], settings),
        "source": data["source"],
        "options": [{"id": o["id"], "label": fill(condition, o["label"], settings)} for o in data["options"]],
    }
    if data["type"] == "multiple_choice":
        out["none_label"] = fill(condition, data["none_label"], settings)
    return out


def metadata(condition, settings=None) -> dict:
    settings = check_settings(condition, settings)
    return {
        "id": condition.id,
        "title": fill(condition, condition.title, settings),
        "version": condition.version,
        "levels": [{
            "id": level["id"],
            "rank": rank + 1,
            "level_count": len(condition.levels),
            "title": fill(condition, level["title"], settings),
            "headline": fill(condition, level["headline"], settings),
            "timeframe": (None if "timeframe" not in level
                          else statement(condition, level["timeframe"], settings, with_id=False)),
            "source": level["source"],
            "what_to_do": [statement(condition, item, settings, with_id=False) for item in level["what_to_do"]],
        } for rank, level in enumerate(condition.levels)],
        "questions": list(condition.order),
        "urgent_notice": fill(condition, urgent_notice(condition), settings),
    }


def urgent_notice(condition) -> str:
    """The line a checker page shows before anything is asked: the rules' own `urgent_notice`, or
    else the red-flag questions (those escalating to the most urgent level), in flow order."""
    if "urgent_notice" in condition.document:
        return condition.document["urgent_notice"]
    top = condition.levels[0]["id"]
    flags = [condition.questions[qid]["text"] for qid in condition.order
             if condition.questions[qid].get("escalates_to") == top]
    return " ".join(flags + ["If so, do not use this checker."])
