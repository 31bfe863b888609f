"""Every page carries a Content-Security-Policy that keeps it on this site.

"Nothing leaves the device" is then enforced by the browser, not only observed by our tests: a
page may load, fetch and send to its own origin only, and no form can be submitted anywhere.
GitHub Pages cannot send headers, so the policy is a `<meta>` right after the charset, before
anything it governs. Inline scripts are allowed by their SHA-256 hashes, worked out from the
finished page, so no other inline script can run. Pages that run Python also need
'wasm-unsafe-eval' (MicroPython is WebAssembly) and 'unsafe-eval' (PyScript builds functions
from strings); article pages get neither. The offline file has its own policy (offline.py).
"""
import base64
import hashlib
import re

BASE = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],    # inline styles can only reach 'self' anyway
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
}
PYTHON = ["'unsafe-eval'", "'wasm-unsafe-eval'"]
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
# Types a browser runs as JavaScript; others (JSON, PyScript's "mpy") are data to it.
RUNS = {"", "text/javascript", "application/javascript", "module"}


def inline_scripts(html: str) -> list:
    """The text of each inline script the browser would run, as written in the page."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs, body = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") in RUNS:
            found.append(body)
    return found


def runs_python(html: str) -> bool:
    return "<mpy-config" in html or '<script type="mpy"' in html


def policy(html: str) -> str:
    """The policy for this finished page."""
    rules = {name: list(values) for name, values in BASE.items()}
    for body in inline_scripts(html):
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = "'sha256-%s'" % digest
        if source not in rules["script-src"]:
            rules["script-src"].append(source)
    if runs_python(html):
        rules["script-src"].extend(PYTHON)
    return "; ".join(name + " " + " ".join(values) for name, values in rules.items())


def with_policy(html: str) -> str:
    """The page with its policy added after the charset; unchanged if it has no charset meta
    (nothing to anchor to) or already states a policy."""
    match = CHARSET.search(html)
    if match is None or 'http-equiv="Content-Security-Policy"' in html:
        return html
    meta = '\n<meta http-equiv="Content-Security-Policy" content="%s">' % policy(html)
    return html[:match.end()] + meta + html[match.end():]
