"""Comments and indentation out of the styles and script the light pages carry inline.

They come before the first question in every checker page's HTML, so on a slow connection each
byte there delays the question. Deliberately small: it only removes what cannot change meaning
in our own files (comments, leading spaces, blank lines) and keeps every line break, so no two
statements or rules ever run together.
"""
import re

_BLOCK = re.compile(r"/\*.*?\*/", re.S)
_LINE = re.compile(r"^[ \t]*//[^\n]*$", re.M)


def _lines(text: str) -> str:
    kept = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in kept if line) + "\n"


def css(text: str) -> str:
    """A stylesheet without comments, indentation or blank lines."""
    return _lines(_BLOCK.sub("", text))


def js(text: str) -> str:
    """A script without block comments, whole-line `//` comments, indentation or blank lines.
    A `//` after code on the same line is left alone (it may sit inside a string or a regular
    expression), and so is any `/*` inside one: our scripts have none, and a test checks that
    the result still parses."""
    return _lines(_LINE.sub("", _BLOCK.sub("", text)))
