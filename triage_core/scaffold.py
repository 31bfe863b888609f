"""`python -m triage_core new <id>`: the starter files for a new condition, as text.

Pure functions: they take the current `mkdocs.yml` text and return every file to write, so the
command line does the I/O and a test can check the texts directly. Only the command line imports
this module; the browser never ships it (it is not reached from `checker_ui.app`).

`mkdocs.yml` is edited as text, not loaded and dumped: a YAML round trip would drop its comments
and the `!ENV` tags. New lines go into the `triage-site` plugin's `conditions:` block and the
`nav:`, indented like the lines around them; nothing else changes.
"""

import datetime
import json
import re

from .errors import TriageInputError
from .rules import compile_rules, is_id

EDIT = "[EDIT: %s]"

# The starter's levels, most urgent first: (id, title, urgency in words, what the card is about).
LEVELS = (
    ("emergency", "Get help now", "immediate", "signs that need medical help straight away"),
    ("doctor_advised", "Talk to a doctor", "talk to a doctor", "signs that need a doctor's appointment"),
    ("self_care", "Look after yourself", "self-care", "what to do when none of the signs above apply"),
)

_NAME_FORBIDDEN = set("{}<>[]#\\\"`")
_PLAIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9 ()',.-]*")
_COMMENT_OR_BLANK = re.compile(r"^\s*(#.*)?$")


def anchor(level_id: str) -> str:
    """The care card's anchor for a level, as the existing pages spell them (`doctor-advised`)."""
    return level_id.replace("_", "-")


def check_request(cid, name) -> str:
    """The name, trimmed; TriageInputError with one line when the id or name cannot be used."""
    if not is_id(cid):
        raise TriageInputError("%r is not a valid condition id: use 1 to 64 lower-case letters, "
                               "digits and _ (for example hiccups or back_pain)" % (cid,))
    name = (name or "").strip()
    if not name or len(name) > 80 or any(c in _NAME_FORBIDDEN or ord(c) < 32 for c in name):
        raise TriageInputError("--name must be a short name on one line (at most 80 characters) "
                               "without { } < > [ ] # \\ \" or `")
    return name


def rules_document(cid: str, name: str) -> dict:
    """A starter rules file: valid and verifiable, every condition-specific text marked [EDIT]."""
    card = "%s/when-to-get-help/#" % cid
    src = {level: card + anchor(level) for level, _t, _u, _a in LEVELS}
    emergency, advised, self_care = (level for level, _t, _u, _a in LEVELS)

    def said(text, level):
        return {"text": text, "source": src[level]}

    return {
        "id": cid,
        "version": "0.1.0",
        "title": "%s checker" % name,
        "placeholders": [{"id": "emergency_number", "default": "your local emergency number"}],
        "levels": [
            {"id": emergency, "title": LEVELS[0][1],
             "headline": "Get medical help now. Call {emergency_number} or go to an emergency department.",
             "timeframe": said("Now. Do not wait, and do not book an appointment.", emergency),
             "source": src[emergency],
             "what_to_do": [said("Call {emergency_number} now, or go straight to an emergency department.",
                                 emergency)],
             "must_not_say": ["harmless"]},
            {"id": advised, "title": LEVELS[1][1],
             "headline": EDIT % ("one sentence: why a doctor should check this"),
             "timeframe": said(EDIT % "how soon, for example: book an appointment in the next few weeks",
                               advised),
             "source": src[advised],
             "what_to_do": [said(EDIT % "what to do, for example who to book and what to tell them",
                                 advised)]},
            {"id": self_care, "title": LEVELS[2][1],
             "headline": EDIT % ("one sentence for when no sign needs a doctor"),
             "source": src[self_care],
             "what_to_do": [said(EDIT % "what people can do for themselves", self_care)]},
        ],
        "questions": [
            {"id": "red_flag", "type": "yes_no_unsure",
             "text": EDIT % "a red-flag question, for example: Do you have any trouble breathing?",
             "why": EDIT % "why this sign needs help straight away",
             "source": src[emergency], "escalates_to": emergency,
             "options": [
                 {"id": "yes", "label": "Yes", "concern": 1,
                  "reason": said(EDIT % "the reason shown, for example: You said you have trouble breathing.",
                                 emergency)},
                 {"id": "no", "label": "No", "concern": 0},
                 {"id": "unsure", "label": "I'm not sure", "concern": 1, "counts_as": "yes",
                  "reason": said("You were not sure, so we count it as a yes.", emergency)}]},
            {"id": "duration", "type": "single_choice",
             "text": "How long have you had it?",
             "why": EDIT % "why the time matters",
             "source": src[advised],
             "options": [
                 {"id": "short", "label": EDIT % "a short time, for example: Less than 3 weeks", "concern": 0},
                 {"id": "long", "label": EDIT % "a long time, for example: 3 weeks or more", "concern": 1,
                  "reason": said(EDIT % "the reason shown, for example: It has lasted 3 weeks or more.",
                                 advised)}]},
            {"id": "tried", "type": "multiple_choice",
             "text": EDIT % "a question whose answers give tips, for example: What have you tried?",
             "why": "We use your answer to choose tips for you.",
             "source": src[self_care], "none_label": "None of these", "affects_level": False,
             "options": [{"id": "first_tip", "label": EDIT % "something people try"},
                         {"id": "second_tip", "label": EDIT % "something else people try"}]},
        ],
        "flow": [
            {"question": "red_flag", "stop_if": {"answer": "red_flag", "in": ["yes"]}, "ends_with": emergency},
            {"question": "duration"},
            {"question": "tried"},
        ],
        "decision": [
            {"id": "red_flag", "level": emergency, "when": {"answer": "red_flag", "in": ["yes"]},
             "reasons": [{"question": "red_flag"}]},
            {"id": "long", "level": advised, "when": {"answer": "duration", "in": ["long"]},
             "reasons": [{"question": "duration"}]},
            {"id": "otherwise", "level": self_care, "reasons": []},
        ],
        "advice": {
            "question": "tried", "levels": [advised, self_care],
            "items": [{"id": "first_tip", "text": EDIT % "a tip for people who tried the first thing",
                       "source": src[self_care]},
                      {"id": "second_tip", "text": EDIT % "a tip for people who tried the second thing",
                       "source": src[self_care]}],
            "none": {"id": "general", "text": EDIT % "a tip for people who tried nothing yet",
                     "source": src[self_care]},
        },
        "safety_net": [
            {"text": EDIT % "when to get help now, for example: If you get trouble breathing, call "
                     "{emergency_number}.", "source": src[emergency], "levels": [advised, self_care],
             "when": {"answer": "red_flag", "in": ["yes"]}, "leads_to": emergency},
        ],
    }


def rules_text(cid: str, name: str) -> str:
    document = rules_document(cid, name)
    compile_rules(document)   # a starter that is not valid is a bug here, not the author's
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def changelog_text(cid: str, today: datetime.date) -> str:
    return ("# %s: clinical rules changelog\n\n"
            "Every change to `%s.json` that can change what a person is asked or told gets an entry\n"
            "here, newest first, with the rules `version` it produced (see AUTHORING.md).\n\n"
            "## %s 0.1.0 (%s)\n\n"
            "- Started from the scaffold (`python -m triage_core new`). %s\n"
            % (cid, cid, cid, today.isoformat(), EDIT % "replace with 1.0.0 and what the first reviewed "
                                                        "version asks and tells"))


def _front_matter(title: str, description: str) -> str:
    return "---\ntitle: %s\ndescription: %s\nschema: MedicalWebPage\n---\n\n" % (
        json.dumps(title, ensure_ascii=False), json.dumps(description, ensure_ascii=False))


def index_page(cid: str, name: str) -> str:
    return (_front_matter(name, EDIT % ("one or two sentences on what these pages say about %s, "
                                        "at least 50 characters" % name))
            + "# %s\n\n" % name
            + EDIT % ("say in plain words what %s is. Write for a reading age of about 12: short "
                      "sentences, everyday words" % name) + "\n\n"
            + "## What it is {#what-it-is}\n\n"
            + EDIT % "what it is, how common it is, and what usually causes it" + "\n\n"
            + "## When to get help {#get-help}\n\n"
            + EDIT % "the signs that need a doctor, most urgent first" + "\n"
            + "Read [when to get help](when-to-get-help.md).\n")


def help_page(cid: str, name: str) -> str:
    """The care cards, one per level, most urgent first, each anchored where the rules cite it."""
    out = [_front_matter("When to get help for %s" % name,
                         EDIT % "one or two sentences on which signs need help and how soon, "
                                "at least 50 characters"),
           "# When to get help for %s\n\n" % name,
           "Read the cards below in order, starting at the top. They go from most urgent to least\n"
           "urgent. Follow the first card that matches you.\n\n"
           "**If you are not sure, count it as a yes.**\n\n"]
    for level, _title, urgency, about in LEVELS:
        out.append('<div class="care-card care-card--%s" markdown>\n\n' % anchor(level))
        out.append("## %s {#%s}\n\n" % (EDIT % ("a heading for the " + about), anchor(level)))
        out.append("Urgency: %s\n{ .care-card__label }\n\n" % urgency)
        if level == LEVELS[0][0]:
            out.append(EDIT % "the signs, as a list" + "\n\n"
                       "If so, get medical help now. Call {emergency_number}, or go to an emergency "
                       "department.\n\n")
        else:
            out.append(EDIT % ("the " + about + ", and what to do") + "\n\n")
        out.append("</div>\n\n")
    return "".join(out).rstrip("\n") + "\n"


# ---------------------------------------------------------------------------- mkdocs.yml as text

def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines, start: int, parent_indent: int) -> int:
    """The index after the last content line of the block under lines[start] (lines indented
    more than `parent_indent`); comments and blank lines after it belong to what follows."""
    end = start + 1
    for i in range(start + 1, len(lines)):
        if _COMMENT_OR_BLANK.match(lines[i]):
            continue
        if _indent(lines[i]) <= parent_indent:
            break
        end = i + 1
    return end


def _first_content(lines, start: int, stop: int):
    for i in range(start, stop):
        if not _COMMENT_OR_BLANK.match(lines[i]):
            return i
    return None


def _find(lines, pattern, start: int, stop: int, indent=None):
    for i in range(start, stop):
        m = re.match(pattern, lines[i])
        if m and (indent is None or _indent(lines[i]) == indent):
            return i
    return None


def _yaml_name(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) and ": " not in name else json.dumps(name, ensure_ascii=False)


def _conditions_block(lines):
    """(line of `conditions:`, its indent, end of its block) under the triage-site plugin."""
    top = _find(lines, r"plugins:\s*(#.*)?$", 0, len(lines), indent=0)
    if top is None:
        raise TriageInputError("mkdocs.yml has no `plugins:` list with the triage-site plugin")
    plugins_end = _block_end(lines, top, 0)
    plugin = _find(lines, r"\s*-\s+triage-site:\s*(#.*)?$", top + 1, plugins_end)
    if plugin is None:
        raise TriageInputError("mkdocs.yml: `plugins:` has no `- triage-site:` entry with its settings")
    dash = _indent(lines[plugin])
    options_end = _block_end(lines, plugin, dash)
    first = _first_content(lines, plugin + 1, options_end)
    at = _find(lines, r"\s*conditions:\s*(#.*)?$", plugin + 1, options_end,
               indent=None if first is None else _indent(lines[first]))
    if at is None:
        raise TriageInputError("mkdocs.yml: the triage-site plugin has no `conditions:` block "
                               "(one entry per condition, see WRITING.md)")
    return at, _indent(lines[at]), _block_end(lines, at, _indent(lines[at]))


def registered_conditions(mkdocs_text: str) -> list:
    """The condition ids under the triage-site plugin's `conditions:` in mkdocs.yml."""
    lines = mkdocs_text.split("\n")
    at, _indent_at, end = _conditions_block(lines)
    first = _first_content(lines, at + 1, end)
    if first is None:
        return []
    keys = [re.match(r"\s*['\"]?([^:'\"#\s]+)['\"]?\s*:", lines[i]) for i in range(at + 1, end)
            if not _COMMENT_OR_BLANK.match(lines[i]) and _indent(lines[i]) == _indent(lines[first])]
    return [key.group(1) for key in keys if key]


def _condition_entry(lines, at, indent, end, cid, name, today):
    first = _first_content(lines, at + 1, end)
    entry = _indent(lines[first]) if first is not None else indent + 2
    field_line = _first_content(lines, first + 1, end) if first is not None else None
    field = _indent(lines[field_line]) if field_line is not None else entry + 2
    due = today.replace(year=today.year + 1) if (today.month, today.day) != (2, 29) else \
        today + datetime.timedelta(days=365)
    pad = " " * field
    return [" " * entry + "%s:" % cid,
            pad + "# %s" % EDIT % ("name: the medical name (structured data); alternate_name: the "
                                   "everyday name readers use; the dates a clinician reviewed these "
                                   "pages and when they are due again"),
            pad + "name: %s" % _yaml_name(name),
            pad + "alternate_name: %s" % _yaml_name(name),
            pad + 'reviewed: "%s"' % today.isoformat(),
            pad + 'review_due: "%s"' % due.isoformat()]


def _nav_entry(lines, cid, name, known):
    """(index to insert at, lines): the condition's section in `nav:`, after the last section
    of a registered condition (or at the end of the nav); none when the site has no `nav:`."""
    top = _find(lines, r"nav:\s*(#.*)?$", 0, len(lines), indent=0)
    if top is None:
        return len(lines), []       # no nav: MkDocs lists every page by itself
    end = _block_end(lines, top, 0)
    if any(re.search(r"(^|[\s:'\"])%s/" % re.escape(cid), lines[i]) for i in range(top + 1, end)):
        raise TriageInputError("mkdocs.yml: the nav already lists pages in %s/" % cid)
    first = _first_content(lines, top + 1, end)
    item = _indent(lines[first]) if first is not None else 2
    sub = item + 4
    insert = end
    starts = [i for i in range(top + 1, end)
              if not _COMMENT_OR_BLANK.match(lines[i]) and _indent(lines[i]) == item]
    for n, start in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else end
        inner = lines[start + 1:stop]
        if any(re.search(r"[\s:]%s/" % re.escape(k), line) for k in known for line in inner):
            insert = _block_end(lines, start, item)
            sub = next(_indent(x) for x in inner if x.strip().startswith("-"))
    pad = " " * sub
    return insert, [" " * item + "- %s:" % _yaml_name(name),
                    pad + "- Overview: %s/index.md" % cid,
                    pad + "- When to get help: %s/when-to-get-help.md" % cid]


def register(mkdocs_text: str, cid: str, name: str, today: datetime.date) -> str:
    """mkdocs.yml with the condition added to the triage-site plugin's `conditions:` and to the
    nav; every other line, comments included, unchanged. TriageInputError when it is there."""
    lines = mkdocs_text.split("\n")
    known = registered_conditions(mkdocs_text)
    if cid in known:
        raise TriageInputError("mkdocs.yml already registers the condition %r" % cid)
    at, indent, end = _conditions_block(lines)
    entry = _condition_entry(lines, at, indent, end, cid, name, today)
    nav_at, nav = _nav_entry(lines, cid, name, known)
    # Insert the later one first so the earlier index stays right.
    for index, new in sorted([(end, entry), (nav_at, nav)], reverse=True):
        lines[index:index] = new
    return "\n".join(lines)


def files(cid: str, name: str, mkdocs_text: str, today: datetime.date) -> dict:
    """Every file the scaffold writes, by path from the project root: the new ones and the
    edited mkdocs.yml."""
    name = check_request(cid, name)
    return {
        "triage_core/conditions/%s.json" % cid: rules_text(cid, name),
        "triage_core/conditions/%s.changelog.md" % cid: changelog_text(cid, today),
        "docs/%s/index.md" % cid: index_page(cid, name),
        "docs/%s/when-to-get-help.md" % cid: help_page(cid, name),
        "mkdocs.yml": register(mkdocs_text, cid, name, today),
    }


def next_steps(cid: str) -> str:
    return """Made the condition %(c)r. Every text to write is marked [EDIT: ...]. Next:
  1. triage_core/conditions/%(c)s.json: the questions, flow, decision rules and texts
     (triage_core/AUTHORING.md).
  2. docs/%(c)s/index.md and docs/%(c)s/when-to-get-help.md: the article and one care card per
     level; the rules' `source` links point at the cards' anchors (WRITING.md).
  3. mkdocs.yml: the condition's names and review dates under the triage-site plugin.
  4. triage_core/conditions/%(c)s.changelog.md: the first reviewed version.
  5. Check: python -m triage_core verify %(c)s
            python -m triage_core flow %(c)s
  6. Build and look: bash scripts/build.sh, then bash scripts/serve.sh
     (the checker is at %(c)s/checker/).
""" % {"c": cid}
