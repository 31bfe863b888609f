"""No template, script or shared page names a condition, a level or a red flag by hand.

Whatever the shared files say about a condition comes from its rules at build time
(site_build/texts.py, site_build/embed_data.py, checker_ui/urgency.py). What is forbidden is read
from the installed rules, not listed here: every condition id, every level id (and its
`_`-to-`-` form, as in a CSS class or an anchor), the red-flag wording (each sentence of the
urgent notice and of the red-flag questions' texts), and the sentences of the disclaimer and the
audience note (checker_ui/notices.py: pages say `{disclaimer}` and `{audience}`).

An id is a literal where it is used as a name: quoted, after `#`, `/`, `=` or `--`, before `/`,
a quote or `.json`, or as a YAML value. An id with an `_` is a name wherever it is. Otherwise a
word that happens to be an id ("In an emergency, call ...") is plain English and allowed.
"""
import pathlib
import re

import pytest

import triage_core
from checker_ui import notices

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED_PAGES = ("index.md", "checker.md", "embed.md", "download.md", "partners.md", "about.md")
# A checker page's front matter binds the page to its condition (`checker: <id>`): the one place
# a shared page may name one until the site config's default condition binds it instead.
BINDING = re.compile(r"^checker:\s*\S+\s*$", re.M)
BEFORE = ("\"", "'", "`", "#", "/", "=")
AFTER = ("\"", "'", "`", "/", ".json")
WORD = "A-Za-z0-9_"


def shared_files() -> list:
    """Every template and script under overrides/, the checker's browser code (checker_ui/), the
    site's stylesheets and its shared pages."""
    files = [p for p in (ROOT / "overrides").rglob("*") if p.suffix in (".html", ".js", ".css")]
    files += [p for p in sorted((ROOT / "checker_ui").glob("*.py")) if p.name != "notices.py"]  # defines them
    files += sorted((ROOT / "docs" / "assets").glob("*.css"))
    files += [ROOT / "docs" / name for name in SHARED_PAGES if (ROOT / "docs" / name).is_file()]
    return sorted(files)


def normal(text: str) -> str:
    """Lower case, every run of punctuation and space one space: wording compared as words."""
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split()) + " "


def sentences(text: str) -> list:
    """Each sentence of a text, normalised, of three words or more."""
    return [normal(s) for s in re.split(r"[.?!]", text) if len(normal(s).split()) >= 3]


def red_flag_phrases(condition_id: str) -> list:
    """Each sentence of the urgent notice and of each red-flag question (a question escalating
    to the most urgent level), as normalised wording of three words or more."""
    from triage_core import catalog

    condition = catalog.get(condition_id)
    top = condition.levels[0]["id"]
    texts = [triage_core.get_condition(condition_id)["urgent_notice"]]
    texts += [q["text"] for q in condition.questions.values() if q.get("escalates_to") == top]
    return [phrase for text in texts for phrase in sentences(text)]


def forbidden(condition_ids) -> dict:
    """{"ids": [...], "phrases": [...]} from the installed rules."""
    ids, phrases = [], sentences(notices.DISCLAIMER) + sentences(notices.AUDIENCE)
    for cid in condition_ids:
        ids.append(cid)
        for level in triage_core.get_condition(cid)["levels"]:
            ids += [level["id"], level["id"].replace("_", "-")]
        phrases += red_flag_phrases(cid)
    return {"ids": sorted(set(ids)), "phrases": sorted(set(phrases))}


def _named(text: str, start: int, end: int) -> bool:
    """Is the id at text[start:end] used as a name, not as an English word?"""
    before, after = text[max(0, start - 2):start], text[end:end + 5]
    if before.endswith(BEFORE) or before == "--" or after.startswith(AFTER):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end != -1 else len(text)]
    value = re.match(r"^\s*[\w-]+:\s*(\S+)\s*$", line)     # a YAML `key: value` line
    return value is not None and value.group(1).strip("'\"") == text[start:end]


def literals(text: str, banned: dict) -> list:
    """Each forbidden id or red-flag wording the text names, with what gives it away."""
    text = BINDING.sub("", text)
    found = []
    for name in banned["ids"]:
        for m in re.finditer(r"(?<![%s])%s(?![%s])" % (WORD, re.escape(name), WORD), text):
            if "_" in name or _named(text, m.start(), m.end()):
                found.append("id %r in %r" % (name, text[max(0, m.start() - 30):m.end() + 10]))
    flat = normal(text)
    found += ["copied wording %r" % phrase.strip() for phrase in banned["phrases"] if phrase in flat]
    return found


@pytest.fixture(scope="module")
def installed() -> dict:
    return forbidden(triage_core.condition_ids())


def test_every_installed_condition_gives_something_to_look_for(installed):
    for cid in triage_core.condition_ids():
        assert cid in installed["ids"]
        assert red_flag_phrases(cid), cid


@pytest.mark.parametrize("path", shared_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_shared_file_names_no_condition_level_or_red_flag(path, installed):
    found = literals(path.read_text(encoding="utf-8"), installed)
    assert found == [], "%s says by hand what the rules say: %s" % (path.relative_to(ROOT), found)


# The detector itself, on made-up rules: it must catch each kind of literal and leave prose be.
TOY = {"ids": ["flu", "see_gp", "see-gp", "urgent"], "phrases": [normal("Trouble breathing, or blue lips")]}


@pytest.mark.parametrize("text", [
    '<div data-triage-checker="flu">', "levels: ['urgent']", "a.care-card--urgent {", "#urgent",
    "[when](flu/when-to-get-help.md)", "fhir/Questionnaire-flu.json", "the see_gp level",
    "`see-gp`", "condition: flu", "TROUBLE breathing or blue-lips? call",
])
def test_detector_catches(text):
    assert literals(text, TOY), text


@pytest.mark.parametrize("text", [
    "In an urgent case, call {emergency_number}.", "data-urgent-number", "options.urgent = x",
    "Flu is common.", "checker: flu", "see a GP", "trouble breathing is one sign",
])
def test_detector_leaves_prose_and_other_names(text):
    assert literals(text, TOY) == [], text
