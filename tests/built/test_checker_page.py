"""The checker pages as built: a light page whose first frame waits for nothing but its own
HTML (styles and boot.js inline, no theme files, no runtime requests from the markup), and a
runtime list that names every file PyScript will fetch, so boot.js can request them at once."""
import gzip
import html.parser
import io
import json
import re
import tarfile

import pytest

from site_build import browser_files

CHECKER_PAGES = ["checker/index.html", "embed/index.html"]
DATA_TYPES = ("application/json", "application/ld+json", "mpy")


class Head(html.parser.HTMLParser):
    """Every <script> (attributes and inline text), <link> and <style> of a page."""

    def __init__(self):
        super().__init__()
        self.scripts = []
        self.links = []
        self.styles = []
        self.in_head = False
        self._text = None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "script":
            d["_in_head"] = self.in_head
            self.scripts.append(d)
            self._text = d
        elif tag == "style":
            self.styles.append({"_text": ""})
            self._text = self.styles[-1]
        elif tag == "link":
            self.links.append(d)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if tag in ("script", "style"):
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text["_text"] = self._text.get("_text", "") + data


def parse(site_dir, rel):
    found = Head()
    found.feed((site_dir / rel).read_text(encoding="utf-8"))
    return found


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_first_frame_waits_for_no_file(site_dir, rel):
    """No stylesheet, no theme file, no classic script to fetch, no preload and no module from
    the markup: the first question paints as soon as the HTML is parsed."""
    page = parse(site_dir, rel)
    assert [l for l in page.links if l.get("rel") in ("stylesheet", "preload", "modulepreload")] == []
    html_text = (site_dir / rel).read_text(encoding="utf-8")
    assert "assets/stylesheets/" not in html_text and "assets/javascripts/" not in html_text
    for script in page.scripts:
        kind = script.get("type", "text/javascript")
        if kind in DATA_TYPES:
            continue
        assert kind != "module", script
        assert "src" not in script or "defer" in script, script
    css = "".join(s["_text"] for s in page.styles)
    for rule in (".sa-main", ".triage-option", ".level-tier-1"):
        assert rule in css, rule


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_boot_script_comes_first(site_dir, rel):
    """boot.js, inline, is the head's first script: early answers and the fallback are in place
    before anything else, and it is what starts the runtime."""
    page = parse(site_dir, rel)
    first = page.scripts[0]
    assert first["_in_head"] and "src" not in first
    assert "window.triageWhenReady" in first["_text"] and "triage-runtime" in first["_text"]


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_runtime_list_names_the_whole_chain(site_dir, rel):
    """core.js, its chunks, the interpreter, the wasm and the Python archive, each a file in the
    site, each once."""
    page = site_dir / rel
    data = next(s for s in parse(site_dir, rel).scripts if s.get("id") == "triage-runtime")
    runtime = json.loads(data["_text"])
    assert runtime["core"].endswith("/pyscript/core.js")
    assert (page.parent / runtime["core"]).resolve().is_file()
    hrefs = [href for href, _kind in runtime["preload"]]
    assert len(set(hrefs)) == len(hrefs)
    names = {href.rsplit("/", 1)[-1]: kind for href, kind in runtime["preload"]}
    assert names["micropython.mjs"] == "module"
    assert names["micropython.wasm"] == "fetch"
    assert any(n.startswith("core-") and kind == "module" for n, kind in names.items())
    assert [kind for href, kind in runtime["preload"] if "/checker/py/" in href] == ["fetch"]
    assert names[browser_files.ARCHIVE] == "fetch"
    # The checker cannot start before it has the archive: it is asked for before the big wasm.
    assert hrefs[0].endswith("/" + browser_files.ARCHIVE)
    for href, _kind in runtime["preload"]:
        assert (page.parent / href).resolve().is_file(), href


@pytest.mark.parametrize("rel", CHECKER_PAGES)
def test_python_comes_in_one_archive(site_dir, rel):
    """boot.js fetches one archive and unpacks it, not a file per module; PyScript is given no
    `files`, or it would unpack the same again with MicroPython's tarfile before the checker
    could start. The page's script only makes PyScript start MicroPython; boot.js imports the
    entry module."""
    text = (site_dir / rel).read_text(encoding="utf-8")
    config = json.loads(re.search(r"<mpy-config>(.*?)</mpy-config>", text, re.S).group(1))
    assert "files" not in config
    data = next(s for s in parse(site_dir, rel).scripts if s.get("id") == "triage-runtime")
    runtime = json.loads(data["_text"])
    assert runtime["python"].endswith("/" + browser_files.PY_DIR + "/" + browser_files.ARCHIVE)
    assert ((site_dir / rel).parent / runtime["python"]).resolve().is_file()
    assert runtime["entry"].replace(".", "/") + ".mpy" in browser_files.page_files()
    script = re.search(r'<script type="mpy">(.*?)</script>', text, re.S).group(1)
    assert [line for line in script.splitlines() if line.strip() and not line.startswith("#")] == []


def test_archive_holds_what_the_page_imports(site_dir):
    """Each module's bytecode and the rules, folders listed before what is in them (boot.js's
    unpacker makes a folder only when it meets its entry), the same bytes on every build, and
    beside it the readable source of each module."""
    folder = site_dir / browser_files.PY_DIR
    data = (folder / browser_files.ARCHIVE).read_bytes()
    assert data == browser_files.archive()  # rebuilt here, in another process: byte for byte
    assert data[4:8] == bytes(4)  # no build time in the gzip header
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(data))) as tar:
        members = tar.getmembers()
        files = {m.name: tar.extractfile(m).read() for m in members if m.isfile()}
    assert sorted(files) == sorted(browser_files.page_files())
    seen = []
    for member in members:
        parent = member.name.rpartition("/")[0]
        assert not parent or parent in seen, member.name
        seen.append(member.name)
    for name, body in files.items():
        if name.endswith(".mpy"):
            assert body[:1] == b"M", name  # MicroPython bytecode, not source
            assert (folder / (name[:-4] + ".py")).is_file(), name
        else:
            assert body == (folder / name).read_bytes(), name


def test_inlined_files_are_not_published_again(site_dir):
    """boot.js and the light pages' styles reach pages only inlined; the site does not carry
    unused copies."""
    for rel in ("assets/checker/boot.js", "assets/checker/shell.css", "assets/checker/checker.css",
                "assets/checker/embed.css"):
        assert not (site_dir / rel).exists(), rel
