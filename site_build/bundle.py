"""The self-host bundle, `download/<id>/checker-bundle.zip` (and, for the default condition,
`download/checker-bundle.zip`).

For partners and clinics who serve the checker from their own host or intranet: the standalone
checker page, the pinned runtime, the engine, the rules and a short README, in one folder that
any static web server can serve. Same files the site serves (same lists in browser_files).
"""
import io
import pathlib
import zipfile

from site_build import browser_files, csp, standalone

NAME = "checker-bundle.zip"
OUT = "download/" + NAME

README = """{title}: files to host yourself
Version {package} (rules version {rules}), made on {date}.

WHAT THIS IS
This is the symptom checker from {site}, ready to put on your own web
server or intranet. It runs in the visitor's web browser. It sends nothing to
you or to us, and it sets no cookies.

HOW TO USE IT
1. Copy everything in this folder to your web server. Keep the folders as they are.
2. Open index.html through the server, for example https://your-site.example/{folder}
   Opening index.html straight from a disk does not work. For that, use the
   offline file instead: {site}download/

The checker runs when the page is opened on its own, or in a frame of a page
from the same origin (same scheme, host and port). In a frame of any other site
it does not run, and shows a link that opens it in a new tab instead.

To try it on your own computer, run this in the folder, then open
http://127.0.0.1:8000/ in a browser:
    python3 -m http.server 8000

WHAT YOUR SERVER NEEDS
- Plain static files only: no server code and no database.
- Send .wasm files as application/wasm, and .js and .mjs files as text/javascript.
- Send checker.tar.gz as it is: it is already compressed, and the checker
  unpacks it itself. (A Content-Encoding: gzip header on it, as Apache's
  AddEncoding adds, also works, but gains nothing.)
- If you send a Content-Security-Policy header, it must allow the checker to run
  Python in the browser:
    script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval';
    style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'

WHAT IS INSIDE
index.html             the checker page
assets/runtime/        PyScript {pyscript} and MicroPython (each with its licence)
assets/checker/py/     the checker's Python code and its rules, to read; the page loads
                       the same, compiled, from checker.tar.gz
LICENSE, LICENSE-CONTENT

Each piece of advice links to the article it is based on (or, in a build that
does not know our website's address, to a summary in the page). New versions of
the rules are listed at {site}partners/
Code: MIT. Written content: CC BY-SA 4.0. Please keep the notices.
"""


def out_paths(condition_id: str, default: bool) -> list:
    """Site-relative paths of one condition's bundle."""
    return ["download/%s/%s" % (condition_id, NAME)] + ([OUT] if default else [])


def folder(condition_id: str) -> str:
    """The folder everything in the zip is in."""
    return "%s-checker/" % condition_id


def _pyscript_version() -> str:
    import json
    data = json.loads((browser_files.PYSCRIPT_DIST.parent / "package.json").read_text(encoding="utf-8"))
    return data.get("version", "")


def build(config, site, condition_id: str, titles: dict, static_flow: str) -> bytes:
    """The bundle of one condition; `static_flow` is where its step-by-step pages are on the site."""
    import triage_core

    site_dir = pathlib.Path(config["site_dir"])
    base = site.published_url
    checker = standalone.checker_context(condition_id, site, titles, base or standalone.IN_PAGE, "", "_blank",
                                         static_flow, config["site_name"])
    page = csp.with_policy(standalone.render(config, site, condition_id, "bundle", checker, site_dir, titles))
    info = standalone.version_info(condition_id)
    readme = README.format(site=base or "our website ", pyscript=_pyscript_version(), folder=folder(condition_id),
                           title=triage_core.get_condition(condition_id)["title"], **info)
    year, month, day = (int(x) for x in info["date"].split("-"))
    stamp = (year, month, day, 0, 0, 0)
    entries = [("index.html", page.encode("utf-8")), ("README.txt", readme.encode("utf-8")),
               ("LICENSE", (browser_files.ROOT / "LICENSE").read_bytes()),
               ("LICENSE-CONTENT", (browser_files.ROOT / "LICENSE-CONTENT").read_bytes())]
    for src, rel in browser_files.runtime_files():
        entries.append((browser_files.RUNTIME_DIR + "/" + rel, src.read_bytes()))
    for rel, data in browser_files.shipped_python():
        entries.append((browser_files.PY_DIR + "/" + rel, data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in entries:
            info_ = zipfile.ZipInfo(folder(condition_id) + name, stamp)
            info_.compress_type = zipfile.ZIP_DEFLATED
            info_.external_attr = 0o644 << 16
            zf.writestr(info_, data)
    return buf.getvalue()
