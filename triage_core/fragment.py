"""Answers in a URL fragment: form-encoded pairs, multiple choices comma-separated.

"triggers=" (empty) means none apply; a missing key means not answered yet. Only ASCII is
decoded from %XX escapes; anything else stays escaped, so it can never match an id and the
result is the same on every interpreter.
"""

from .answers import checked, problems, summary
from .errors import TriageInputError
from .text import kind, quote

HEX = "0123456789ABCDEFabcdef"
# The longest fragment read, in characters. A full answer set is about 200; a longer link is
# refused before any of it is decoded, so a crafted link cannot hold up the page.
MAX_LENGTH = 2048
SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~"


def decode(text: str) -> str:
    """Undo form encoding in one pass over the text. Built on split and slices from the start of
    each piece, never on indexing by position: MicroPython keeps text as UTF-8, so text[i] walks
    from the start for non-ASCII text, and a loop of them is quadratic."""
    pieces = text.split("%")
    out = [pieces[0].replace("+", " ")]
    for piece in pieces[1:]:
        pair = piece[:2]
        if len(pair) != 2 or pair[0] not in HEX or pair[1] not in HEX:
            raise TriageInputError("link: bad %-escape near " + quote("%" + pair))
        code = int(pair, 16)
        out.append(chr(code) if code < 128 else "%" + pair.upper())
        out.append(piece[2:].replace("+", " "))
    return "".join(out)


def encode(text: str) -> str:
    out = []
    for ch in text:
        if ch in SAFE:
            out.append(ch)
        else:
            for byte in ch.encode("utf-8"):
                out.append("%%%02X" % byte)
    return "".join(out)


def parse(condition, fragment) -> dict:
    """Read answers from a fragment (with or without the leading '#'); partial sets allowed."""
    if not isinstance(fragment, str):
        raise TriageInputError("link: expected text, got " + kind(fragment))
    text = fragment[1:] if fragment.startswith("#") else fragment
    if len(text) > MAX_LENGTH:
        raise TriageInputError("link: longer than %d characters" % MAX_LENGTH)
    answers = {}
    found = []
    for part in text.split("&"):
        if part == "":
            continue
        if "=" not in part:
            found.append("link: " + quote(decode(part)) + " has no '=' (expected name=value)")
            continue
        name, _, value = part.partition("=")
        name = decode(name)
        value = decode(value)
        if name in answers:
            found.append("link: " + quote(name) + " is given more than once")
            continue
        question = condition.questions.get(name)
        if question is not None and question["type"] == "multiple_choice":
            answers[name] = value.split(",") if value != "" else []
        else:
            answers[name] = value
    found.extend(problems(condition, answers))
    if found:
        raise TriageInputError(summary(found))
    return checked(condition, answers)


def build(condition, answers) -> str:
    """Write a (possibly partial) answer set as a fragment, without '#', in flow order."""
    answers = checked(condition, answers)
    pairs = []
    for qid in condition.order:
        if qid in answers:
            value = answers[qid]
            if isinstance(value, list):
                value = ",".join(encode(item) for item in value)
            else:
                value = encode(value)
            pairs.append(encode(qid) + "=" + value)
    return "&".join(pairs)
