"""Check a rules document and turn it into a `Condition` the engine can run.

`validate` never stops at the first problem: it returns every error with its location, e.g.
"questions[3].options[1]: duplicate option id 'no'". `compile_rules` raises RulesError with all
of them. The shape of a rules document is described in AUTHORING.md.
"""

from .errors import RulesError
from .text import is_text, kind, quote

QUESTION_TYPES = ("yes_no_unsure", "single_choice", "multiple_choice")
YES_NO_UNSURE = ("yes", "no", "unsure")
ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"
SOURCE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-_/"
ANCHOR_CHARS = SOURCE_CHARS.replace("/", "")

FIELDS = {
    "document": ("id", "version", "title", "urgent_notice", "placeholders", "levels", "questions", "flow",
                 "decision", "advice", "safety_net"),
    "placeholder": ("id", "default"),
    "level": ("id", "title", "headline", "timeframe", "source", "what_to_do", "must_not_say"),
    "statement": ("text", "source"),
    "item": ("id", "text", "source"),
    "question": ("id", "type", "text", "hint", "why", "source", "options", "none_label",
                 "escalates_to", "affects_level"),
    "option": ("id", "label", "concern", "counts_as", "reason"),
    "step": ("question", "ask_if", "stop_if", "ends_with"),
    "rule": ("id", "when", "level", "headline", "reasons"),
    "advice": ("question", "levels", "items", "none"),
    "safety": ("text", "source", "levels", "when", "leads_to"),
}


def is_id(value) -> bool:
    """Ids are short lower-case words joined by underscores: safe in URLs, files and HTML."""
    if not isinstance(value, str) or value == "" or len(value) > 64:
        return False
    # strip() removes every allowed character in one call: whatever is left is not allowed.
    # (A loop over characters is some 30 times slower under MicroPython.)
    return value.strip(ID_CHARS) == ""


def is_source(value) -> bool:
    """A site-relative link: "page/sub/" optionally followed by "#anchor"."""
    if not isinstance(value, str) or value == "":
        return False
    page, sep, anchor = value.partition("#")
    if page != "" and (not page.endswith("/") or page.startswith("/") or "//" in page):
        return False
    if page.strip(SOURCE_CHARS) != "":
        return False
    if sep and (anchor == "" or anchor.strip(ANCHOR_CHARS) != ""):
        return False
    return page != "" or sep == "#"


class _Checker:
    """Collects errors while walking a document."""

    def __init__(self):
        self.errors = []

    def add(self, where, message):
        self.errors.append(where + ": " + message)

    def obj(self, value, where, fields) -> bool:
        if not isinstance(value, dict):
            self.add(where, "must be an object, got " + kind(value))
            return False
        allowed = FIELDS[fields]
        unknown = [k for k in value if isinstance(k, str) and k not in allowed]
        for key in sorted(unknown):
            self.add(where, "unknown field " + quote(key))
        return True

    def array(self, value, where, allow_empty=False) -> bool:
        if not isinstance(value, list):
            self.add(where, "must be a list, got " + kind(value))
            return False
        if not value and not allow_empty:
            self.add(where, "must not be empty")
            return False
        return True

    def text(self, value, where, placeholders):
        if not is_text(value):
            self.add(where, "must be non-empty text, got " + kind(value))
            return
        rest = value
        while "{" in rest:
            rest = rest[rest.index("{") + 1:]
            name = rest.partition("}")[0]
            if "}" not in rest or name not in placeholders:
                self.add(where, "unknown placeholder {" + name + "}")
                return

    def source(self, value, where):
        if not is_source(value):
            self.add(where, "source must be a site link like 'page/#anchor', got " +
                     (quote(value) if isinstance(value, str) else kind(value)))

    def statement(self, value, where, placeholders, fields="statement"):
        if self.obj(value, where, fields):
            if fields == "item" and not is_id(value.get("id")):
                self.add(where + ".id", "must be an id (a-z, 0-9, _)")
            self.text(value.get("text"), where + ".text", placeholders)
            self.source(value.get("source"), where + ".source")

    def unique_id(self, value, where, seen, what):
        if not is_id(value):
            self.add(where + ".id", "must be an id (a-z, 0-9, _), got " +
                     (quote(value) if isinstance(value, str) else kind(value)))
            return None
        if value in seen:
            self.add(where, "duplicate " + what + " id " + quote(value))
            return None
        seen.append(value)
        return value


def validate(document) -> list:
    """Return every problem in a rules document as "location: message" strings ([] when valid)."""
    c = _Checker()
    if not c.obj(document, "document", "document"):
        return c.errors
    if not is_id(document.get("id")):
        c.add("id", "must be an id (a-z, 0-9, _)")
    if not is_text(document.get("version")):
        c.add("version", "must be a version string such as '1.0.0'")
    placeholders = _placeholders(c, document.get("placeholders", []))
    c.text(document.get("title"), "title", placeholders)
    if "urgent_notice" in document:
        c.text(document["urgent_notice"], "urgent_notice", placeholders)
    levels = _levels(c, document.get("levels"), placeholders)
    questions = _questions(c, document.get("questions"), levels, placeholders)
    _flow(c, document.get("flow"), questions, levels)
    _decision(c, document.get("decision"), questions, levels, placeholders)
    _advice(c, document.get("advice"), questions, levels, placeholders)
    _safety_net(c, document.get("safety_net", []), questions, levels, placeholders)
    return c.errors


def _placeholders(c, value) -> list:
    names = []
    if c.array(value, "placeholders", allow_empty=True):
        for i, item in enumerate(value):
            where = "placeholders[%d]" % i
            if c.obj(item, where, "placeholder"):
                c.unique_id(item.get("id"), where, names, "placeholder")
                if not is_text(item.get("default")):
                    c.add(where + ".default", "must be non-empty text")
    return names


def _levels(c, value, placeholders) -> list:
    ids = []
    if not c.array(value, "levels"):
        return ids
    for i, level in enumerate(value):
        where = "levels[%d]" % i
        if not c.obj(level, where, "level"):
            continue
        c.unique_id(level.get("id"), where, ids, "level")
        for field in ("title", "headline"):
            c.text(level.get(field), where + "." + field, placeholders)
        c.source(level.get("source"), where + ".source")
        if "timeframe" in level:
            c.statement(level["timeframe"], where + ".timeframe", placeholders)
        if "must_not_say" in level:
            words = level["must_not_say"]
            if c.array(words, where + ".must_not_say"):
                for j, word in enumerate(words):
                    if not is_text(word):
                        c.add(where + ".must_not_say[%d]" % j, "must be non-empty text, got " + kind(word))
        todo = level.get("what_to_do")
        if c.array(todo, where + ".what_to_do"):
            for j, item in enumerate(todo):
                c.statement(item, where + ".what_to_do[%d]" % j, placeholders)
    return ids


def _questions(c, value, levels, placeholders) -> dict:
    """Check questions; return {question id: {option id: option}} for the valid ones."""
    found = {}
    ids = []
    if not c.array(value, "questions"):
        return found
    for i, question in enumerate(value):
        where = "questions[%d]" % i
        if not c.obj(question, where, "question"):
            continue
        qid = c.unique_id(question.get("id"), where, ids, "question")
        qtype = question.get("type")
        if qtype not in QUESTION_TYPES:
            c.add(where + ".type", "must be one of " + ", ".join(QUESTION_TYPES))
        for field in ("text", "why"):
            c.text(question.get(field), where + "." + field, placeholders)
        if "hint" in question:
            c.text(question.get("hint"), where + ".hint", placeholders)
        c.source(question.get("source"), where + ".source")
        if qtype == "multiple_choice":
            c.text(question.get("none_label"), where + ".none_label", placeholders)
        elif "none_label" in question:
            c.add(where + ".none_label", "only a multiple_choice question has a none_label")
        if "escalates_to" in question and question["escalates_to"] not in levels:
            c.add(where + ".escalates_to", "unknown level " + quote(str(question["escalates_to"])))
        if "affects_level" in question and not isinstance(question["affects_level"], bool):
            c.add(where + ".affects_level", "must be true or false")
        options = _options(c, question.get("options"), where, qtype, placeholders)
        if qid is not None and options is not None:
            found[qid] = options
    return found


def _options(c, value, where, qtype, placeholders):
    if not c.array(value, where + ".options"):
        return None
    options = {}
    ids = []
    for j, option in enumerate(value):
        at = where + ".options[%d]" % j
        if not c.obj(option, at, "option"):
            continue
        oid = c.unique_id(option.get("id"), at, ids, "option")
        c.text(option.get("label"), at + ".label", placeholders)
        concern = option.get("concern", 0 if qtype == "multiple_choice" else None)
        if isinstance(concern, bool) or not isinstance(concern, int) or concern < 0:
            c.add(at + ".concern", "must be a whole number 0 or more")
        if "reason" in option:
            c.statement(option["reason"], at + ".reason", placeholders)
        if oid is not None:
            options[oid] = option
    if len(ids) < 2:
        c.add(where + ".options", "needs at least two options")
    if qtype == "yes_no_unsure" and sorted(ids) != sorted(YES_NO_UNSURE):
        c.add(where + ".options", "a yes_no_unsure question has exactly the options yes, no, unsure")
    for j, option in enumerate(value):
        if not isinstance(option, dict) or "counts_as" not in option:
            continue
        at = where + ".options[%d].counts_as" % j
        target = options.get(option["counts_as"]) if isinstance(option["counts_as"], str) else None
        if qtype == "multiple_choice":
            c.add(at, "not allowed in a multiple_choice question")
        elif target is None or target is option:
            c.add(at, "must name another option of this question")
        elif "counts_as" in target:
            c.add(at, "points to an option that itself counts as another")
        elif target.get("concern") != option.get("concern"):
            c.add(at, "an option that counts as " + quote(option["counts_as"]) +
                  " must have the same concern rank")
    return options


def _condition(c, value, where, questions, allowed):
    """Check one condition; `allowed` limits which questions it may read (None: any)."""
    if not isinstance(value, dict):
        c.add(where, "a condition must be an object, got " + kind(value))
        return
    keys = sorted(k for k in value if isinstance(k, str))
    if keys in (["all"], ["any"]):
        parts = value[keys[0]]
        if c.array(parts, where + "." + keys[0]):
            for i, part in enumerate(parts):
                _condition(c, part, where + "." + keys[0] + "[%d]" % i, questions, allowed)
        return
    if keys == ["not"]:
        _condition(c, value["not"], where + ".not", questions, allowed)
        return
    if keys != ["answer", "in"]:
        c.add(where, "a condition has either answer+in, all, any or not")
        return
    qid = value["answer"]
    if not isinstance(qid, str) or qid not in questions:
        c.add(where + ".answer", "unknown question " + quote(str(qid)))
        return
    if allowed is not None and qid not in allowed:
        c.add(where + ".answer", "refers to " + quote(qid) + ", which is not answered yet at this point")
    wanted = value["in"]
    if not c.array(wanted, where + ".in"):
        return
    options = questions[qid]
    for i, oid in enumerate(wanted):
        at = where + ".in[%d]" % i
        if not isinstance(oid, str) or oid not in options:
            c.add(at, quote(str(oid)) + " is not an option of " + quote(qid))
        elif "counts_as" in options[oid]:
            c.add(at, quote(oid) + " counts as " + quote(options[oid]["counts_as"]) +
                  "; name " + quote(options[oid]["counts_as"]) + " instead")
        elif wanted.index(oid) != i:
            c.add(at, "duplicate option " + quote(oid))


def _flow(c, value, questions, levels):
    if not c.array(value, "flow"):
        return
    asked = []
    for i, step in enumerate(value):
        where = "flow[%d]" % i
        if not c.obj(step, where, "step"):
            continue
        qid = step.get("question")
        if not isinstance(qid, str) or qid not in questions:
            c.add(where + ".question", "unknown question " + quote(str(qid)))
            continue
        if qid in asked:
            c.add(where + ".question", quote(qid) + " is already asked earlier in the flow")
            continue
        if "ask_if" in step:
            _condition(c, step["ask_if"], where + ".ask_if", questions, list(asked))
        asked.append(qid)
        if "stop_if" in step:
            _condition(c, step["stop_if"], where + ".stop_if", questions, list(asked))
            if step.get("ends_with") not in levels:
                c.add(where + ".ends_with", "a step with stop_if must end with a known level")
        elif "ends_with" in step:
            c.add(where + ".ends_with", "only a step with stop_if ends the flow")
    for qid in questions:
        if qid not in asked:
            c.add("flow", "question " + quote(qid) + " is never asked")


def _decision(c, value, questions, levels, placeholders):
    if not c.array(value, "decision"):
        return
    ids = []
    for i, rule in enumerate(value):
        where = "decision[%d]" % i
        if not c.obj(rule, where, "rule"):
            continue
        c.unique_id(rule.get("id"), where, ids, "rule")
        last = i == len(value) - 1
        if "when" in rule:
            if last:
                c.add(where, "the last rule is the default and has no 'when'")
            _condition(c, rule["when"], where + ".when", questions, None)
        elif not last:
            c.add(where, "only the last rule may leave out 'when'")
        if rule.get("level") not in levels:
            c.add(where + ".level", "unknown level " + quote(str(rule.get("level"))))
        if "headline" in rule:
            c.text(rule["headline"], where + ".headline", placeholders)
        reasons = rule.get("reasons", [])
        if c.array(reasons, where + ".reasons", allow_empty=True):
            for j, item in enumerate(reasons):
                at = where + ".reasons[%d]" % j
                if isinstance(item, dict) and list(item) == ["question"]:
                    if not isinstance(item["question"], str) or item["question"] not in questions:
                        c.add(at + ".question", "unknown question " + quote(str(item["question"])))
                else:
                    c.statement(item, at, placeholders, "item")


def _advice(c, value, questions, levels, placeholders):
    if value is None:
        return
    if not c.obj(value, "advice", "advice"):
        return
    qid = value.get("question")
    if not isinstance(qid, str) or qid not in questions:
        qid = None
        c.add("advice.question", "unknown question " + quote(str(qid)))
    levels_listed = value.get("levels")
    if c.array(levels_listed, "advice.levels"):
        for i, lid in enumerate(levels_listed):
            if lid not in levels:
                c.add("advice.levels[%d]" % i, "unknown level " + quote(str(lid)))
    items = value.get("items")
    ids = []
    if c.array(items, "advice.items"):
        for i, item in enumerate(items):
            where = "advice.items[%d]" % i
            c.statement(item, where, placeholders, "item")
            if isinstance(item, dict) and is_id(item.get("id")):
                c.unique_id(item["id"], where, ids, "advice")
                if qid in questions and item["id"] not in questions[qid]:
                    c.add(where + ".id", quote(item["id"]) + " is not an option of " + quote(qid))
    if qid in questions:
        for oid in questions[qid]:
            if oid not in ids:
                c.add("advice.items", "no advice for option " + quote(oid))
    c.statement(value.get("none"), "advice.none", placeholders, "item")


def _safety_net(c, value, questions, levels, placeholders):
    if not c.array(value, "safety_net", allow_empty=True):
        return
    for i, item in enumerate(value):
        where = "safety_net[%d]" % i
        c.statement(item, where, placeholders, "safety")
        if not isinstance(item, dict):
            continue
        if c.array(item.get("levels"), where + ".levels"):
            for j, lid in enumerate(item["levels"]):
                if lid not in levels:
                    c.add(where + ".levels[%d]" % j, "unknown level " + quote(str(lid)))
        if "when" in item:
            _condition(c, item["when"], where + ".when", questions, None)
            if item.get("leads_to") not in levels:
                c.add(where + ".leads_to", "an item with 'when' names the level it leads to")
        elif "leads_to" in item:
            c.add(where + ".leads_to", "only an item with 'when' has 'leads_to'")


class Condition:
    """A validated rules document with the lookups the engine needs."""

    def __init__(self, document):
        self.document = document
        self.id = document["id"]
        self.version = document["version"]
        self.title = document["title"]
        self.placeholders = document.get("placeholders", [])
        self.levels = document["levels"]
        self.level_rank = {}
        for i, level in enumerate(self.levels):
            self.level_rank[level["id"]] = i
        self.flow = document["flow"]
        self.order = [step["question"] for step in self.flow]
        self.questions = {}
        self.options = {}
        self.option_order = {}
        for question in document["questions"]:
            qid = question["id"]
            self.questions[qid] = question
            self.option_order[qid] = [option["id"] for option in question["options"]]
            self.options[qid] = {}
            for option in question["options"]:
                self.options[qid][option["id"]] = option
        self.decision = document["decision"]
        self.advice = document.get("advice")
        self.safety_net = document.get("safety_net", [])

    def level(self, level_id):
        return self.levels[self.level_rank[level_id]]

    def sources(self) -> list:
        """Every (location, source) pair in the document, for the site anchor check."""
        found = []
        _collect_sources(self.document, "", found)
        return found


def _collect_sources(value, where, found):
    if isinstance(value, dict):
        for key in sorted(value):
            at = where + "." + key if where else key
            if key == "source" and isinstance(value[key], str):
                found.append((at, value[key]))
            else:
                _collect_sources(value[key], at, found)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _collect_sources(item, where + "[%d]" % i, found)


def compile_rules(document) -> Condition:
    """Validate and compile; raise RulesError listing every problem."""
    errors = validate(document)
    if errors:
        raise RulesError(errors)
    return Condition(document)

