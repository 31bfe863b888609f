"""Small text helpers that give the same output on CPython and MicroPython."""

LIMIT = 40


def quote(value, limit=LIMIT) -> str:
    """Quote a string for a one-line message: printable ASCII kept, the rest escaped as JSON does
    (\\uXXXX, surrogate pairs above U+FFFF, which is also how MicroPython's json reads them), long
    text cut."""
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    out = []
    for ch in text[:limit]:
        code = ord(ch)
        if ch == "'" or ch == "\\":
            out.append("\\" + ch)
        elif 32 <= code < 127:
            out.append(ch)
        elif code <= 0xFFFF:
            out.append("\\u%04x" % code)
        else:
            code -= 0x10000
            out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
    return "'" + "".join(out) + ("...'" if cut else "'")


def kind(value) -> str:
    """Name a value's type the way a JSON author thinks of it."""
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return "a " + type(value).__name__


def is_text(value) -> bool:
    """A non-empty string that is not only spaces."""
    return isinstance(value, str) and value.strip() != ""
