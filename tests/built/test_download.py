"""The built downloads and partner pages: the offline file and the bundle exist, fit their budget,
and the Download page states their real checksums, version and date; the offline file cannot use
the network; the embed page has no site chrome; the partner page carries the snippet, the CSP lines
and the rules changelog; and the people-facing text of these pages reads at grade 8 or lower."""
import base64
import hashlib
import html
import html.parser
import json
import re
import zipfile

import pytest

OFFLINE = "download/checker-offline.html"
BUNDLE = "download/checker-bundle.zip"


def fills(page_html: str) -> dict:
    return {k: html.unescape(v) for k, v in
            re.findall(r'data-download-fill="([a-z0-9-]+)">(.*?)</', page_html)}


def test_download_page_states_real_checksums_version_and_date(site_dir):
    page = (site_dir / "download" / "index.html").read_text(encoding="utf-8")
    values = fills(page)
    assert set(values) == {"version", "date", "offline-size", "offline-sha256", "bundle-size", "bundle-sha256"}
    for name, key in ((OFFLINE, "offline-sha256"), (BUNDLE, "bundle-sha256")):
        data = (site_dir / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert values[key] == digest
        side = (site_dir / (name + ".sha256")).read_text(encoding="ascii")
        assert side == "%s  %s\n" % (digest, name.rsplit("/", 1)[1])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", values["date"])
    assert re.fullmatch(r"\S+ \(rules \S+\)", values["version"])
    assert re.fullmatch(r"\d+\.\d MB", values["offline-size"])
    # The links on the page lead to the files beside it.
    assert 'href="checker-offline.html"' in page and 'href="checker-bundle.zip"' in page


def test_offline_file_budget_version_and_no_network(site_dir):
    data = (site_dir / OFFLINE).read_bytes()
    assert len(data) <= 2_500_000
    text = data.decode("utf-8")
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in csp and "connect-src data: blob:" in csp
    # Nothing is loaded by address: no src= or stylesheet href= outside data: URLs.
    assert not re.search(r'<(?:script|img|iframe)[^>]+src="(?!data:)', text)
    assert not re.search(r'<link[^>]+rel="(?:stylesheet|preload|modulepreload)"', text)
    version = (site_dir / "download" / "index.html").read_text(encoding="utf-8")
    assert fills(version)["date"] in text
    assert "not a diagnosis" in text


def test_offline_file_runs_the_python_the_site_serves(site_dir):
    """One build of the checker's Python for every way it is used: the offline file carries the
    site's own archive, byte for byte."""
    text = (site_dir / OFFLINE).read_text(encoding="utf-8")
    embedded = re.search(r'<script type="text/plain" id="offline-python">([^<]+)</script>', text).group(1)
    assert base64.b64decode(embedded) == (site_dir / "assets/checker/py/checker.tar.gz").read_bytes()
    # The shim serves it at the address boot.js's plugin is told to fetch; PyScript gets no
    # `files` to unpack it a second time.
    served = json.loads(re.search(r"var WASM = [^,]+, PYTHON = ([^;]+);", text).group(1))
    plugin = re.search(r"triagePlugIn\(pyscript, ([^)]+)\)", text).group(1)
    assert json.loads("[" + plugin + "]") == ["checker_ui.app", served]
    assert served.endswith("/checker.tar.gz")
    config = json.loads(re.search(r"<mpy-config>(.*?)</mpy-config>", text, re.S).group(1))
    assert "files" not in config


def test_bundle_is_a_single_folder_with_readme(site_dir):
    with zipfile.ZipFile(site_dir / BUNDLE) as zf:
        names = zf.namelist()
        assert all(n.startswith("fasciculations-checker/") for n in names)
        readme = zf.read("fasciculations-checker/README.txt").decode("utf-8")
    assert "'wasm-unsafe-eval'" in readme and "python3 -m http.server" in readme
    assert "fasciculations-checker/index.html" in names


def test_embed_page_has_no_site_chrome(site_dir):
    page = (site_dir / "embed" / "index.html").read_text(encoding="utf-8")
    for chrome in ('class="md-header', 'class="md-footer', 'class="md-sidebar', 'class="md-tabs',
                   "bundle.", "search_index"):
        assert chrome not in page
    assert "data-triage-checker-app" in page and '<meta name="robots" content="noindex">' in page
    # Deferred, so the options are applied before boot.js lets Python start (at DOMContentLoaded).
    assert '<script defer src="../assets/checker/embed-frame.js">' in page
    loader = (site_dir / "embed.js").read_bytes()
    assert len(loader) < 10_000
    for forbidden in (b"innerHTML", b"insertAdjacentHTML", b"document.write", b"document.cookie", b"localStorage",
                      b"cssText", b"eval("):
        assert forbidden not in loader
    frame_js = (site_dir / "assets" / "checker" / "embed-frame.js").read_bytes()
    for forbidden in (b"innerHTML", b"insertAdjacentHTML", b"document.write", b"document.cookie", b"'*'"):
        assert forbidden not in frame_js
    # Only the hello, which carries nothing, may go to a parent whose origin is not yet known.
    assert frame_js.count(b'"*"') == 1
    assert b'window.parent.postMessage({type: "triage:hello"}, claimed || "*");' in frame_js


def test_partners_page_snippet_csp_and_changelog(site_dir):
    page = html.unescape((site_dir / "partners" / "index.html").read_text(encoding="utf-8"))
    snippet = re.search(r'<div data-triage-checker="fasciculations">\s*<a href="(\S+)checker/">', page)
    assert snippet
    site = snippet.group(1)
    assert '<script src="%sembed.js" async></script>' % site in page
    origin = re.match(r"https?://[^/]+", site).group(0)
    assert "frame-src %s;" % origin in page
    assert "our-site.example" not in page
    assert "<!-- rules-changelog -->" not in page
    from site_build import partners   # the changelog as the build reads it
    import site_config
    first_line = partners.changelog_markdown(site_config.default_condition()).splitlines()[0].lstrip("#").strip()
    assert first_line and html.unescape(first_line.replace("`", "")) in re.sub(r"<[^>]+>", "", page)


class Prose(html.parser.HTMLParser):
    """Sentences people read in the <article> (or the checker page's own <main>): paragraphs, list
    items, headings (not code or tables)."""
    BLOCKS = {"p", "li", "h1", "h2", "h3", "dt", "dd"}
    SKIP = {"code", "pre", "table", "script", "style", "button"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = self.skip = 0
        self.main = False
        self.blocks, self.current = [], []

    def handle_starttag(self, tag, attrs):
        if tag == "article" or (tag == "main" and "sa-main" in (dict(attrs).get("class") or "")):
            self.main = tag == "main"
            self.inside += 1
        elif self.inside and tag in self.SKIP:
            self.skip += 1
        elif self.inside and tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag == "article" or (tag == "main" and self.main):
            self.inside -= 1
        elif self.inside and tag in self.SKIP:
            self.skip -= 1
        elif self.inside and tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data):
        if self.inside and not self.skip:
            self.current.append(data)

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text if text[-1] in ".!?:" else text + ".")
        self.current = []


@pytest.mark.parametrize("page", ["download/index.html", "partners/index.html", "embed/index.html"])
def test_plain_language(site_dir, page):
    textstat = pytest.importorskip("textstat")
    parser = Prose()
    parser.feed((site_dir / page).read_text(encoding="utf-8"))
    text = " ".join(parser.blocks)
    assert len(text.split()) > 30
    grade = textstat.flesch_kincaid_grade(text)
    assert grade <= 8.0, "%s reads at grade %.1f" % (page, grade)


def test_offline_file_prose_is_plain(site_dir):
    textstat = pytest.importorskip("textstat")
    text = (site_dir / OFFLINE).read_text(encoding="utf-8")
    main = text.split('<main class="sa-main', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<script.*?</script>|<mpy-config>.*?</mpy-config>|<py-config>.*?</py-config>", " ", main, flags=re.S)
    parser = Prose()
    parser.feed("<article>" + main + "</article>")
    grade = textstat.flesch_kincaid_grade(" ".join(parser.blocks))
    assert grade <= 8.0, "offline page reads at grade %.1f" % grade
