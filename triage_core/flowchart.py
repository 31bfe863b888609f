"""The question flow as text for clinical reviewers: a plain outline, or a Mermaid flowchart."""

from .logic import check, describe


def _stop_options(condition, step) -> list:
    """Options of the step's own question that end the flow there (assuming earlier answers allow it)."""
    qid = step["question"]
    found = []
    for oid in condition.option_order[qid]:
        value = condition.options[qid][oid].get("counts_as", oid)
        if check(step["stop_if"], {qid: value}) is True:
            found.append(oid)
    return found


def _stop_label(condition, step) -> str:
    options = _stop_options(condition, step)
    return " or ".join(options) if options else describe(step["stop_if"])


def outline(condition) -> str:
    lines = ["%s (%s), rules version %s" % (condition.title, condition.id, condition.version), "",
             "Questions, one at a time:"]
    for i, step in enumerate(condition.flow):
        qid = step["question"]
        question = condition.questions[qid]
        when = " (only if %s)" % describe(step["ask_if"]) if "ask_if" in step else ""
        lines.append("%2d. %s%s: %s" % (i + 1, qid, when, question["text"]))
        labels = []
        for option in question["options"]:
            label = option["id"]
            if "counts_as" in option:
                label += " (counts as %s)" % option["counts_as"]
            labels.append(label)
        lines.append("      %s: %s" % ("choose any of" if question["type"] == "multiple_choice" else "options",
                                       ", ".join(labels)))
        if "stop_if" in step:
            lines.append("      %s -> stop: %s" % (_stop_label(condition, step), step["ends_with"]))
    lines.append("")
    lines.append("Decision, first matching rule wins:")
    for i, rule in enumerate(condition.decision):
        when = describe(rule["when"]) if "when" in rule else "otherwise"
        lines.append("%2d. %s -> %s: %s" % (i + 1, rule["id"], rule["level"], when))
    lines.append("")
    lines.append("Levels, most urgent first: " + ", ".join(level["id"] for level in condition.levels))
    return "\n".join(lines) + "\n"


def _label(text) -> str:
    return '"' + text.replace('"', "#quot;") + '"'


def mermaid(condition) -> str:
    lines = ["flowchart TD"]
    for i, step in enumerate(condition.flow):
        question = condition.questions[step["question"]]
        lines.append("  q%d{%s}" % (i, _label(step["question"] + ": " + question["text"])))
    lines.append("  decide[[%s]]" % _label("Decision rules, first match wins"))
    for level in condition.levels:
        lines.append("  %s([%s])" % (level["id"], _label(level["id"] + ": " + level["title"])))
    steps = condition.flow
    for i, step in enumerate(steps):
        after = "q%d" % (i + 1) if i + 1 < len(steps) else "decide"
        if "stop_if" in step:
            lines.append("  q%d -- %s --> %s" % (i, _label(_stop_label(condition, step)), step["ends_with"]))
            lines.append("  q%d -- %s --> %s" % (i, _label("otherwise"), after))
        else:
            lines.append("  q%d --> %s" % (i, after))
        if i + 1 < len(steps) and "ask_if" in steps[i + 1]:
            skip = "q%d" % (i + 2) if i + 2 < len(steps) else "decide"
            lines.append("  q%d -. %s .-> %s" % (i, _label("skip unless " + describe(steps[i + 1]["ask_if"])), skip))
    for rule in condition.decision:
        when = describe(rule["when"]) if "when" in rule else "otherwise"
        lines.append("  decide -- %s --> %s" % (_label(rule["id"] + ": " + when), rule["level"]))
    return "\n".join(lines) + "\n"
