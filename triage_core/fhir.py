"""A condition as HL7 FHIR R4 resources: a Questionnaire (SDC) and the CodeSystem of its codes.

Pure: everything comes from the compiled Condition, so any installed condition exports the same
way. The flow becomes `enableWhen` where FHIR's flat list of answer tests can say it exactly, and
an SDC `enableWhenExpression` (FHIRPath) where it cannot; the decision rules become the
FHIRPath `calculatedExpression` of a read-only item `level`. Both use the rules' own meaning:
an option with `counts_as` matches wherever its target does ("not sure" reads as "yes"), a
question not asked is unknown (FHIRPath's empty), and the level appears only once every
question the flow asks has an answer. `settings`: base (the published site, ending in "/"),
publisher, date (YYYY-MM-DD) and the condition's placeholders (such as emergency_number).
"""

from .engine import check_settings, fill
from .fhir_response import LEVEL_LINK_ID, canonical

SDC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/"
ITEM_CONTROL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ENABLE_WHEN_EXPRESSION = SDC + "sdc-questionnaire-enableWhenExpression"
CALCULATED_EXPRESSION = SDC + "sdc-questionnaire-calculatedExpression"
HELP_SUFFIX = "-help"
SETTING_KEYS = ("base", "publisher", "date")


def _split(condition, settings):
    settings = dict(settings or {})
    site = {}
    for key in SETTING_KEYS:
        if key in settings:
            site[key] = settings.pop(key)
    return site, check_settings(condition, settings)


def _name(condition) -> str:
    """A computer-friendly name (FHIR: starts with a capital, letters, digits, _)."""
    name = "".join(part[:1].upper() + part[1:] for part in condition.id.split("_") if part)
    return name if name[:1].isalpha() else "Checker" + name


def _common(condition, kind, site, texts) -> dict:
    out = {
        "resourceType": kind,
        "id": condition.id.replace("_", "-"),
        "url": canonical(site.get("base", ""), kind, condition.id),
        "version": condition.version,
        "name": _name(condition),
        "title": fill(condition, condition.title, texts),
        "status": "active",
    }
    if site.get("date"):
        out["date"] = site["date"]
    if site.get("publisher"):
        out["publisher"] = site["publisher"]
    return out


# -- conditions as formulas ------------------------------------------------------------------

TRUE = {"all": []}


def expanded(condition, qid, wanted) -> list:
    """Option ids that match `wanted` once counts_as is applied, in the question's option order."""
    out = []
    for oid in condition.option_order[qid]:
        option = condition.options[qid][oid]
        if oid in wanted or option.get("counts_as") in wanted:
            out.append(oid)
    return out


def enabled_when(condition, qid):
    """When the flow asks `qid`, as a condition over earlier answers: its own ask_if, and no
    earlier stop has fired. (An earlier stop can only fire where its step was asked; the steps
    before it are already required not to have stopped, so its own ask_if is enough.)"""
    parts = []
    for step in condition.flow:
        if step["question"] == qid:
            if "ask_if" in step:
                parts.append(step["ask_if"])
            break
        if "stop_if" in step:
            fired = step["stop_if"] if "ask_if" not in step else {"all": [step["ask_if"], step["stop_if"]]}
            parts.append({"not": fired})
    return parts[0] if len(parts) == 1 else {"all": parts}


def _is_multiple(condition, qid) -> bool:
    return condition.questions[qid]["type"] == "multiple_choice"


# -- FHIRPath --------------------------------------------------------------------------------

def _codes(qid) -> str:
    return "%resource.item.where(linkId = '" + qid + "').answer.value.code"


def _set(oids) -> str:
    return "(" + " | ".join("'" + oid + "'" for oid in oids) + ")"


def fhirpath(condition, formula) -> str:
    """A condition as FHIRPath over %resource (a QuestionnaireResponse), three-valued like the
    engine: an unanswered question gives empty, and and/or/not() treat empty as unknown.

    A multiple choice with nothing ticked has no answer in FHIR, so it reads as "none chosen"
    only while the question is enabled, and as unknown when the flow did not ask it."""
    if "all" in formula or "any" in formula:
        key = "all" if "all" in formula else "any"
        parts = formula[key]
        if not parts:
            return "true" if key == "all" else "false"
        joined = (" and " if key == "all" else " or ").join(fhirpath(condition, p) for p in parts)
        return "(" + joined + ")"
    if "not" in formula:
        return "(" + fhirpath(condition, formula["not"]) + ").not()"
    qid = formula["answer"]
    oids = expanded(condition, qid, formula["in"])
    if not _is_multiple(condition, qid):
        return "(" + _codes(qid) + " in " + _set(oids) + ")"
    chosen = _codes(qid) + ".exists($this in " + _set(oids) + ")"
    guard = enabled_when(condition, qid)
    if guard == TRUE:
        return "(" + chosen + ")"
    return "iif(" + fhirpath(condition, guard) + ", " + chosen + ")"


def level_expression(condition) -> str:
    """The level id once the questions the flow asks are answered: the first decision rule
    whose `when` holds, the last rule being the default."""
    pending = []
    for qid in condition.order:
        if _is_multiple(condition, qid):
            continue
        guard = enabled_when(condition, qid)
        answered = _codes(qid) + ".exists()"
        pending.append(answered if guard == TRUE else "iif(" + fhirpath(condition, guard) + ", " + answered + ", true)")
    result = "'" + condition.decision[-1]["level"] + "'"
    for rule in reversed(condition.decision[:-1]):
        result = "iif(" + fhirpath(condition, rule["when"]) + ", '" + rule["level"] + "', " + result + ")"
    if not pending:
        return result
    return "iif(" + " and ".join(pending) + ", " + result + ")"


# -- enableWhen, where it can say it ---------------------------------------------------------

def _literals(condition, formula, negate=False):
    """A formula as ("all"|"any", [(question id, option ids)]), pushing `not` inwards, or None
    when enableWhen's flat list of tests cannot express it exactly."""
    if "not" in formula:
        return _literals(condition, formula["not"], not negate)
    if "all" in formula or "any" in formula:
        key = "all" if "all" in formula else "any"
        if negate:
            key = "any" if key == "all" else "all"
        found = []
        kinds = []
        for part in formula["all" if "all" in formula else "any"]:
            inner = _literals(condition, part, negate)
            if inner is None:
                return None
            if len(inner[1]) > 1:
                kinds.append(inner[0])
            found.extend(inner[1])
        if any(k != key for k in kinds):
            return None
        return key, found
    qid = formula["answer"]
    oids = expanded(condition, qid, formula["in"])
    if negate:
        if _is_multiple(condition, qid):
            return None
        oids = [oid for oid in condition.option_order[qid] if oid not in oids]
    return "any", [(qid, oids)]


def enable_when(condition, qid, system):
    """(enableWhen list, enableBehavior or None), or None when an expression is needed."""
    formula = enabled_when(condition, qid)
    if formula == TRUE:
        return [], None
    found = _literals(condition, formula)
    if found is None:
        return None
    key, tests = found
    if key == "all" and any(not oids for _qid, oids in tests):
        return None
    if key == "all" and any(len(oids) != 1 for _qid, oids in tests):
        if len(tests) != 1:
            return None
        key = "any"
    items = []
    for other, oids in tests:
        for oid in oids:
            items.append({"question": other, "operator": "=",
                          "answerCoding": {"system": system, "code": oid}})
    if not items:
        return None
    return items, (None if len(items) == 1 else key)


# -- the resources ---------------------------------------------------------------------------

def questionnaire(condition, settings=None) -> dict:
    """The Questionnaire: one item per question in flow order, then the read-only `level`."""
    site, texts = _split(condition, settings)
    if LEVEL_LINK_ID in condition.questions:
        raise ValueError("a question id %r clashes with the level item's linkId" % LEVEL_LINK_ID)
    system = canonical(site.get("base", ""), "CodeSystem", condition.id)
    out = _common(condition, "Questionnaire", site, texts)
    out["meta"] = {"profile": [SDC + "sdc-questionnaire-behave"]}
    out["subjectType"] = ["Patient"]
    items = []
    for qid in condition.order:
        items.append(_question_item(condition, qid, system, texts))
    items.append({
        "extension": [{"url": CALCULATED_EXPRESSION, "valueExpression": {
            "description": "The level id the checker gives for these answers",
            "language": "text/fhirpath", "expression": level_expression(condition)}}],
        "linkId": LEVEL_LINK_ID,
        "text": "How urgent (level)",
        "type": "string",
        "readOnly": True,
    })
    out["item"] = items
    return out


def _question_item(condition, qid, system, texts) -> dict:
    question = condition.questions[qid]
    help_text = fill(condition, question["why"], texts)
    if question.get("hint"):
        help_text += " " + fill(condition, question["hint"], texts)
    if _is_multiple(condition, qid):
        help_text += " Choose all that apply, or none (" + fill(condition, question["none_label"], texts) + ")."
    item = {"extension": [_control("check-box" if _is_multiple(condition, qid) else "radio-button")],
            "linkId": qid, "text": fill(condition, question["text"], texts), "type": "choice"}
    if _is_multiple(condition, qid):
        item["repeats"] = True
    else:
        item["required"] = True
    found = enable_when(condition, qid, system)
    if found is None:
        item["extension"].append({"url": ENABLE_WHEN_EXPRESSION, "valueExpression": {
            "language": "text/fhirpath", "expression": fhirpath(condition, enabled_when(condition, qid))}})
    elif found[0]:
        item["enableWhen"] = found[0]
        if found[1]:
            item["enableBehavior"] = found[1]
    item["answerOption"] = [{"valueCoding": {"system": system, "code": option["id"],
                                             "display": fill(condition, option["label"], texts)}}
                            for option in question["options"]]
    item["item"] = [{
        "extension": [_control("help")],
        "linkId": qid + HELP_SUFFIX,
        "text": help_text,
        "type": "display",
    }]
    return item


def _control(code) -> dict:
    """SDC's itemControl: radio buttons, check boxes, or a help note."""
    return {"url": ITEM_CONTROL, "valueCodeableConcept": {"coding": [{
        "system": "http://hl7.org/fhir/questionnaire-item-control", "code": code}]}}


def code_system(condition, settings=None) -> dict:
    """Every answer code (option id) and every level id, each once. An id used by more than one
    question keeps the first question's label, and lists every question in its definition."""
    site, texts = _split(condition, settings)
    out = _common(condition, "CodeSystem", site, texts)
    out["caseSensitive"] = True
    out["content"] = "complete"
    out["property"] = [
        {"code": "kind", "description": "answer (an option of a question) or level (a result)", "type": "code"},
        {"code": "rank", "description": "for a level: 1 is the most urgent", "type": "integer"},
        {"code": "timeframe", "description": "for a level: how soon to act", "type": "string"},
    ]
    concepts = []
    where = {}
    for qid in condition.order:
        for option in condition.questions[qid]["options"]:
            oid = option["id"]
            if oid not in where:
                where[oid] = []
                concepts.append({"code": oid, "display": fill(condition, option["label"], texts),
                                 "property": [{"code": "kind", "valueCode": "answer"}]})
            where[oid].append(qid)
    for concept in concepts:
        concept["definition"] = "An answer to: " + ", ".join(where[concept["code"]]) + "."
    for i, level in enumerate(condition.levels):
        lid = level["id"]
        entry = {"code": lid, "display": fill(condition, level["title"], texts),
                 "definition": fill(condition, level["headline"], texts),
                 "property": [{"code": "kind", "valueCode": "level"}, {"code": "rank", "valueInteger": i + 1}]}
        if isinstance(level.get("timeframe"), dict) and level["timeframe"].get("text"):
            entry["property"].append({"code": "timeframe",
                                      "valueString": fill(condition, level["timeframe"]["text"], texts)})
        if lid in where:
            for concept in concepts:
                if concept["code"] == lid:
                    concept["property"] = concept["property"] + entry["property"]
                    concept["definition"] += " Also a level: " + entry["definition"]
        else:
            concepts.append(entry)
    out["count"] = len(concepts)
    out["concept"] = concepts
    return out
