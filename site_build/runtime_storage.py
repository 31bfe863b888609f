"""The runtime we ship may keep nothing on the reader's device: checked at every build.

PyScript 0.7.31 uses one storage API, IndexedDB, and only through its IDBMap class, whose stores
are all named "IDBMap/<name>" (its `prefix` option, never set by PyScript itself). boot.js hands
any request for such a name a stand-in that opens nothing. This check makes sure that stays
true for whatever runtime `npm ci` installed: any other storage API, or an IndexedDB open that
does not go through IDBMap's prefix, fails the build instead of writing to the reader's device
unnoticed after an upgrade.
"""
import re

from site_build import browser_files

# The prefix boot.js intercepts, and IDBMap's default for it.
IDBMAP_PREFIX = "IDBMap"
_BOOT_SHIM = re.compile(r'var PREFIX = "([^"]*)";')
# Each way a page can keep something in the browser, by the name code reaches it through.
STORAGE_APIS = {
    "localStorage": r"\blocalStorage\b",
    "sessionStorage": r"\bsessionStorage\b",
    "Cache Storage": r"\bcaches\s*\.|\bCacheStorage\b",
    "cookies": r"\bdocument\s*\.\s*cookie\b|\bcookieStore\b",
    "the storage manager": r"\bnavigator\s*\.\s*storage\b",
    "Web SQL": r"\bopenDatabase\s*\(",
    "the file system API": r"\b(?:webkit)?requestFileSystem\b|\bgetDirectory\s*\(",
    "IndexedDB": r"\bindexedDB\b",
}
# IDBMap's own open: `indexedDB.open(`${this.#prefix}/${name}`)`, minified.
_IDBMAP_OPEN = re.compile(r"indexedDB\.open\(`\$\{this\.#\w+\}/\$\{\w+\}`\)")
_IDBMAP_DEFAULT = re.compile(r'prefix\s*:\s*"%s"' % IDBMAP_PREFIX)


def storage_uses(text: str) -> list:
    """Each use of a storage API in a script that is not IDBMap's prefixed open, as
    'API: ...context...'. Empty for a script that can keep nothing."""
    found = []
    for api, pattern in STORAGE_APIS.items():
        for m in re.finditer(pattern, text):
            if api == "IndexedDB" and _IDBMAP_OPEN.match(text, m.start()) and _IDBMAP_DEFAULT.search(text):
                continue
            found.append("%s: ...%s..." % (api, text[max(0, m.start() - 40):m.end() + 40]))
    return found


def boot_prefix(boot_js: str) -> str:
    """The store-name prefix boot.js's stand-in answers for."""
    m = _BOOT_SHIM.search(boot_js)
    return m.group(1) if m else ""


def problems(scripts: dict, boot_js: str) -> list:
    """Why a runtime ({name: text}) and boot.js would let the checker keep something."""
    out = ["%s uses %s" % (name, use) for name, text in sorted(scripts.items()) for use in storage_uses(text)]
    if boot_prefix(boot_js) != IDBMAP_PREFIX + "/":
        out.append("boot.js's IndexedDB stand-in answers for %r, not PyScript's %r"
                   % (boot_prefix(boot_js), IDBMAP_PREFIX + "/"))
    return out


def shipped_scripts() -> dict:
    """{name: text} for every script of the runtime the site, bundle and offline file ship (a
    missing one is reported by the copy)."""
    return {rel: src.read_text(encoding="utf-8") for src, rel in browser_files.runtime_files()
            if src.suffix in (".js", ".mjs") and src.is_file()}
