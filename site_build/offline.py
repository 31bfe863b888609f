"""The single-file offline checker, `download/<id>/checker-offline.html` (and, for the default
condition, `download/checker-offline.html`).

Saved and opened by double-click (file://), a page may not fetch or import `file:` URLs, so
everything the checker runs is inside the one HTML file:
- JavaScript modules (PyScript core, MicroPython's loader) as `data:` URLs behind an import map,
  keyed by made-up addresses under https://offline.invalid/ (a name that never resolves);
- MicroPython's wasm (gzipped) and the checker's Python (the site's own archive of bytecode and
  rules), base64, handed to PyScript by a wrapped `fetch` that answers only for those two
  addresses and refuses everything else.
The step-by-step checker (no JavaScript needed) is in the file too, as sections linked by
#fragment (site_build/offline_flow.py), so no fallback points at the website.
Only the PyScript chunks the checker loads are included. The page's own Content Security Policy
forbids network access, so a saved copy cannot leak anything even if the code tried.
"""
import base64
import gzip
import hashlib
import pathlib
import re

from mkdocs.exceptions import PluginError

from site_build import browser_files, checker_page, offline_flow, standalone

NAME = "checker-offline.html"
OUT = "download/" + NAME
BUDGET = 2_500_000
PREFIX = "https://offline.invalid/"
# Laid out as on the site, so that the PyScript config and the archive's address come from the
# same functions as the site's pages.
RUNTIME_URL = PREFIX + browser_files.RUNTIME_DIR + "/"
# Chunks PyScript imports at start-up even with every plugin switched off (measured); the
# others (editor, terminal, game, toml, zip, ...) are left out.
DYNAMIC_CHUNKS_USED = ("error-",)


def out_paths(condition_id: str, default: bool) -> list:
    """Site-relative paths of one condition's offline file."""
    return ["download/%s/%s" % (condition_id, NAME)] + ([OUT] if default else [])


def _data_url(mime: str, data: bytes) -> str:
    return "data:%s;base64,%s" % (mime, base64.b64encode(data).decode("ascii"))


def _modules() -> dict:
    """{made-up URL: data: URL} for core.js and the chunks it needs, imports rewritten."""
    dist = browser_files.PYSCRIPT_DIST
    names = {p.name for p in dist.glob("*.js")}
    wanted = ["core.js"]
    seen = set()
    out = {}
    rewrite = re.compile(r'(["\'])\./([A-Za-z0-9_.-]+\.js)\1')
    while wanted:
        name = wanted.pop()
        if name in seen:
            continue
        seen.add(name)
        text = (dist / name).read_text(encoding="utf-8")
        text = re.sub(r"//# sourceMappingURL=\S+", "", text)
        for m in re.finditer(r'(?:from|import)\s*["\']\./([A-Za-z0-9_.-]+\.js)["\']', text):
            wanted.append(m.group(1))
        for m in re.finditer(r'import\(\s*["\']\./([A-Za-z0-9_.-]+\.js)["\']\s*\)', text):
            if m.group(1).startswith(DYNAMIC_CHUNKS_USED):
                wanted.append(m.group(1))
        text = rewrite.sub(lambda m: m.group(1) + RUNTIME_URL + "pyscript/" + m.group(2) + m.group(1)
                           if m.group(2) in names else m.group(0), text)
        out[RUNTIME_URL + "pyscript/" + name] = _data_url("text/javascript", text.encode("utf-8"))
    mjs = browser_files.MICROPYTHON_DIR / "micropython.mjs"
    out[RUNTIME_URL + "micropython/micropython.mjs"] = _data_url("text/javascript", mjs.read_bytes())
    return out


SHIM = """<script>
/* Serve the checker's embedded files to PyScript, and nothing else: this saved page never
   uses the network. */
(function () {
  "use strict";
  var WASM = %(wasm_url)s, PYTHON = %(python_url)s;
  function bytes(b64) {
    var bin = atob(b64), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  window.fetch = function (input) {
    var url = typeof input === "string" ? input : (input && input.url) || String(input);
    if (url === WASM) {
      var gz = bytes(document.getElementById("offline-wasm").textContent.trim());
      var body = new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"));
      return Promise.resolve(new Response(body, {headers: {"Content-Type": "application/wasm"}}));
    }
    if (url === PYTHON) {
      var archive = bytes(document.getElementById("offline-python").textContent.trim());
      return Promise.resolve(new Response(archive, {headers: {"Content-Type": "application/gzip"}}));
    }
    return Promise.reject(new TypeError("This saved checker does not use the internet: " + url));
  };
})();
</script>"""


def offline_scripts(checker: dict) -> str:
    python_url = browser_files.archive_url(PREFIX)
    config = browser_files.pyscript_config(PREFIX)
    wasm = gzip.compress((browser_files.MICROPYTHON_DIR / "micropython.wasm").read_bytes(), 9, mtime=0)
    j = checker_page.json_for_html
    return "\n".join([
        '<script type="application/json" id="triage-settings">%s</script>' % checker["settings_json"],
        '<script type="text/plain" id="offline-python">%s</script>'
        % base64.b64encode(browser_files.archive()).decode("ascii"),
        '<script type="text/plain" id="offline-wasm">%s</script>' % base64.b64encode(wasm).decode("ascii"),
        SHIM % {"wasm_url": j(RUNTIME_URL + "micropython/micropython.wasm"), "python_url": j(python_url)},
        "<script>\n%s</script>" % checker["boot_js"],
        "<py-config>%s</py-config>" % checker["pyscript_off_config"],
        "<mpy-config>%s</mpy-config>" % j(config),
        '<script type="importmap">%s</script>' % j({"imports": _modules()}),
        '<script type="module">import * as pyscript from %s; triagePlugIn(pyscript, %s, %s);</script>'
        % (j(browser_files.core_url(PREFIX)), j(browser_files.ENTRY), j(python_url)),
        '<script type="mpy">%s</script>' % checker["mpy_script"],
    ])


def build(config, site, condition_id: str, titles: dict, static_flow: str) -> bytes:
    """The offline file of one condition; `static_flow` is where its step-by-step pages are on
    the site (relative to the published address)."""
    site_dir = pathlib.Path(config["site_dir"])
    base = standalone.source_base(site)
    checker = standalone.checker_context(condition_id, site, titles, base, "", "_blank", static_flow,
                                         config["site_name"])
    # The step-by-step checker is inside the file: every link to it (JavaScript off, slow, could
    # not start) goes to its first section, not to the website.
    checker["static_flow"] = "#" + offline_flow.START_ID
    steps = offline_flow.sections(condition_id, site.emergency_number, titles, base, checker["link_target"])
    page = standalone.render(config, site, condition_id, "offline", checker, site_dir, titles,
                             offline_scripts=offline_scripts(checker), steps=steps)
    data = page.encode("utf-8")
    if len(data) > BUDGET:
        raise PluginError("the offline file of %r is %d bytes, over its %d-byte budget"
                          % (condition_id, len(data), BUDGET))
    return data


def write(site_dir: pathlib.Path, rel: str, data: bytes) -> str:
    """Write a download and its `.sha256` file; return the digest."""
    out = site_dir / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    out.with_name(out.name + ".sha256").write_text("%s  %s\n" % (digest, out.name), encoding="ascii")
    return digest


def size(n: int) -> str:
    return "%.1f MB" % (n / 1_000_000)
