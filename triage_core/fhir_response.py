"""A reader's answers as a FHIR R4 QuestionnaireResponse, built in the browser on request.

Kept apart from `fhir` (the export) so the checker ships only this small part. Runs under
MicroPython: plain dicts and lists, every list in the condition's own order.
"""

LEVEL_LINK_ID = "level"


def canonical(base, kind, condition_id) -> str:
    """The address of an exported resource: <base>fhir/<Kind>-<id>.json, or a local URN when
    no published address is known (a preview from the command line)."""
    if base:
        return base + "fhir/" + kind + "-" + condition_id + ".json"
    return "urn:triage-core:fhir:" + kind + "-" + condition_id


def questionnaire_response(condition, answers, level_id, authored, base="", shown=None) -> dict:
    """The QuestionnaireResponse for the answers to the questions the flow asked.

    `condition` is the compiled Condition; `answers` {question id: option id or list};
    `level_id` the level the checker showed; `authored` an ISO date or dateTime string; `shown`
    {question id: the question as `engine.question` gives it}, so texts carry the site's settings.
    The rules version travels in `questionnaire` (url|version). A multiple choice answered with
    none of its options has no item (FHIR has no empty answer)."""
    system = canonical(base, "CodeSystem", condition.id)
    items = []
    for qid in condition.order:
        if qid not in answers:
            continue
        value = answers[qid]
        chosen = value if isinstance(value, list) else [value]
        found = []
        for oid in condition.option_order[qid]:
            if oid in chosen:
                found.append({"valueCoding": {"system": system, "code": oid,
                                              "display": _label(condition, shown, qid, oid)}})
        if found:
            text = ((shown or {}).get(qid) or condition.questions[qid])["text"]
            items.append({"linkId": qid, "text": text, "answer": found})
    items.append({"linkId": LEVEL_LINK_ID, "answer": [{"valueString": level_id}]})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": canonical(base, "Questionnaire", condition.id) + "|" + condition.version,
        "status": "completed",
        "authored": authored,
        "item": items,
    }


def _label(condition, shown, qid, oid) -> str:
    question = (shown or {}).get(qid)
    if question is not None:
        for option in question["options"]:
            if option["id"] == oid:
                return option["label"]
    return condition.options[qid][oid]["label"]
