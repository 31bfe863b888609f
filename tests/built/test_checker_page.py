"""The checker pages as built: nothing holds up the HTML parser, and the whole runtime chain is
requested from the head, so Python can start as soon as the page is parsed and styled."""
import html.parser

import pytest

from site_build import browser_files

CHECKER_PAGES = ["checker/index.html", "embed/index.html"]
DATA_TYPES = ("application/json", "application/ld+json", "mpy")


class Scripts(html.parser.HTMLParser):
    """Every <script> (attributes and inline text) and every preload link of a page."""

    def __init__(self):
        super().__init__()
        self.scripts = []
        self.preloads = []
        self.stylesheets = 0

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "script":
            d["_after_stylesheet"] = self.stylesheets > 0
            self.scripts.append(d)
        elif tag == "link" and d.get("rel") in ("preload", "modulepreload"):
            self.preloads.append((d["href"], d["rel"]))
        elif tag == "link" and d.get("rel") == "stylesheet":
            self.stylesheets += 1

    def handle_data(self, data):
        if self.scripts and self.lasttag == "script":
            self.scripts[-1]["_text"] = self.scripts[-1].get("_text", "") + data


def parse(site_dir, rel):
    found = Scripts()
    found.feed((site_dir / rel).read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_no_script_waits_for_the_stylesheets(site_dir, rel):
    """A classic script without defer or async after a stylesheet holds up the parser until
    every stylesheet has loaded; the checker pages have none (Material's inline helpers are left
    out too). The one classic script, boot.js, comes before the stylesheets."""
    blocking = []
    for script in parse(site_dir, rel).scripts:
        kind = script.get("type", "text/javascript")
        if kind in DATA_TYPES or kind == "module":
            continue
        if "src" in script and ("defer" in script or "async" in script):
            continue
        if script["_after_stylesheet"]:
            blocking.append(script.get("src") or script.get("_text", "")[:60])
    assert blocking == []


def test_other_pages_keep_the_theme_helpers(site_dir):
    """Leaving Material's inline scripts out is only for pages that ask for it."""
    for script in parse(site_dir, "index.html").scripts:
        if "__md_scope" in script.get("_text", ""):
            return
    pytest.fail("Material's inline helpers are missing from the home page")


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_head_requests_the_whole_chain(site_dir, rel):
    """core.js, its chunks, the interpreter, the wasm and every Python file are preloaded,
    and each preload names a file that is in the site."""
    page = site_dir / rel
    preloads = parse(site_dir, rel).preloads
    names = {href.rsplit("/", 1)[-1]: kind for href, kind in preloads}
    assert names["core.js"] == "modulepreload"
    assert names["micropython.mjs"] == "modulepreload"
    assert names["micropython.wasm"] == "preload"
    assert any(n.startswith("core-") for n in names)
    for dest in browser_files.page_files():
        assert names[dest.rsplit("/", 1)[-1]] == "preload", dest
    for href, _kind in preloads:
        assert (page.parent / href).resolve().is_file(), href


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_boot_script_runs_before_pyscript(site_dir, rel):
    """boot.js runs first, before any stylesheet: early answers and the fallback are in place
    before anything else is fetched, and PyScript (async) waits for its word to start."""
    scripts = parse(site_dir, rel).scripts
    srcs = [s.get("src", "") for s in scripts]
    boot = next(i for i, s in enumerate(srcs) if s.endswith("assets/checker/boot.js"))
    core = next(i for i, s in enumerate(srcs) if s.endswith("pyscript/core.js"))
    assert boot < core and not scripts[boot]["_after_stylesheet"]
    assert "defer" not in scripts[boot] and "async" not in scripts[boot]
    assert scripts[core].get("type") == "module" and "async" in scripts[core]
