"""One standalone checker page, shared by the offline file and the self-host bundle.

Both are the same checker as `<id>/checker/` (same partial, same Python, same runtime); they
differ only in how the runtime reaches the browser: embedded in the file (offline) or as files
next to the page (bundle). Links to the article go to the published site (the plugin's
`published_url`), and a
short summary of every section the checker cites is printed in the page, so it still explains
itself with no network.
"""
import datetime
import html.parser
import json
import os
import pathlib
import re

from mkdocs.exceptions import PluginError

from site_build import browser_files, checker_page, texts

ROOT = browser_files.ROOT
TEMPLATE = "standalone.html"
# Statements the page glue cites itself (checker_ui.views), besides the rules' own sources.
VIEW_SOURCES = ("about/#policy-unsure", "about/#disclaimer", "about/#policy-adults")
SUMMARY_WORDS = 45


def published_url(given: str, site_url: str) -> str:
    """Where the site is published: the plugin's `published_url`, else `site_url`; '' when unknown."""
    url = (given or site_url or "").strip()
    if url and not url.endswith("/"):
        url += "/"
    if url and not re.match(r"^https?://", url):
        raise PluginError("published_url must start with http:// or https://: %r" % url)
    return url


def package_version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    m = re.search(r'^\[project\][^\[]*?^version\s*=\s*"([^"]+)"', text, re.M | re.S)
    return m.group(1) if m else "0"


def build_date() -> datetime.date:
    """Today (UTC), or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.datetime.now(datetime.timezone.utc).date()


def version_info(condition_id: str) -> dict:
    import triage_core
    rules = triage_core.get_condition(condition_id)["version"]
    package = package_version()
    return {"rules": rules, "package": package, "label": "%s-rules%s" % (package, rules),
            "date": build_date().isoformat()}


# -- which sections the checker cites, and a short summary of each --------------------------------

def cited_sources(condition_id: str) -> list:
    """Every `source` in the rules, plus the ones the views add, in a stable reading order."""
    path = ROOT / "triage_core" / "conditions" / ("%s.json" % condition_id)
    found = set(VIEW_SOURCES)

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "source" and isinstance(value, str):
                    found.add(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda s: (s.startswith("about/"), s))


class _Blocks(html.parser.HTMLParser):
    """The article body of a built page as a flat list of headings and text blocks."""
    BLOCK = {"p", "li", "dd", "dt", "td"}
    HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
    SKIP = {"script", "style", "noscript", "button", "form"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.in_article = 0
        self.current = None
        self.depth = 0
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "article":
            self.in_article += 1
        if not self.in_article:
            return
        if tag in self.SKIP:
            self.skip += 1
            return
        if self.current is None:
            if tag in self.HEADINGS:
                self.current = {"kind": "h", "level": self.HEADINGS[tag], "id": d.get("id"), "text": "",
                                "tag": tag}
            elif tag in self.BLOCK:
                css = d.get("class") or ""
                self.current = {"kind": "label" if "care-card__label" in css else "p", "text": "",
                                "tag": tag}
            if self.current is not None:
                self.depth = 0
        if self.current is not None and tag == self.current["tag"]:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        if tag in self.SKIP and self.skip:
            self.skip -= 1
            return
        if self.current is not None and tag == self.current["tag"]:
            self.depth -= 1
            if self.depth <= 0:
                self.current["text"] = " ".join(self.current["text"].split())
                self.blocks.append(self.current)
                self.current = None

    def handle_data(self, data):
        if self.current is not None and not self.skip:
            self.current["text"] += data


def _shorten(texts: list, words: int = SUMMARY_WORDS) -> str:
    """Whole sentences from the start of a section, up to about `words` words."""
    sentences = []
    for text in texts:
        if text and text[-1] not in ".!?:\u201d\"":
            text += "."
        sentences.extend(s for s in re.split(r"(?<=[.!?])\s+", text) if s)
    out, count = [], 0
    for sentence in sentences:
        n = len(sentence.split())
        if out and count + n > words:
            break
        out.append(sentence)
        count += n
    return " ".join(out)


def summaries(site_dir: pathlib.Path, titles: dict, cited: list) -> list:
    """[{source, title, page, text}] for each cited section, read from the built pages."""
    pages = {}
    out = []
    for source in cited:
        url, _, anchor = source.partition("#")
        if url not in pages:
            path = site_dir / url / "index.html"
            if not path.is_file():
                raise PluginError("the checker cites %s, but %s was not built" % (source, path))
            parser = _Blocks()
            parser.feed(path.read_text(encoding="utf-8"))
            pages[url] = parser.blocks
        blocks = pages[url]
        if anchor:
            start = next((i for i, b in enumerate(blocks) if b["kind"] == "h" and b["id"] == anchor), None)
            if start is None:
                raise PluginError("the checker cites %s, but that page has no section #%s" % (source, anchor))
            level = blocks[start]["level"]
        else:
            start = next((i for i, b in enumerate(blocks) if b["kind"] == "h"), -1)
            level = 1
        texts = []
        for block in blocks[start + 1:]:
            if block["kind"] == "h" and (block["level"] <= level or not anchor):
                break
            if block["kind"] == "p":
                texts.append(block["text"])
        out.append({"source": source, "title": titles.get(source) or source,
                    "page": titles.get(url) or url, "text": _shorten(texts)})
    return out


# -- the page -------------------------------------------------------------------------------------

# Where a standalone page's source links go when the site's address is not known: "#" + the
# source, the id of that source's summary in the page itself.
IN_PAGE = "#"


def source_base(site) -> str:
    """Where a standalone page links its sources: the published site, else its own summaries."""
    return site.published_url or IN_PAGE


def missing_url_note() -> str:
    return ("the triage-site plugin's published_url is empty (set PUBLISHED_URL to the site's address when building; the "
            "deploy workflow does). Without it, the offline file and the self-host bundle link each "
            "source to its summary in the page instead of the website and do not say where the latest "
            "version is, the partners page shows %s in the code to copy, and the FHIR resources get local "
            "urn: names instead of their web addresses." % "https://our-site.example/")


def checker_context(condition_id: str, site, titles: dict, base: str, root: str, link_target: str,
                    static_flow: str, site_name: str = "") -> dict:
    """The checker page's context for a standalone page: sources link to `base` (the published
    site, or IN_PAGE for the page's own summaries, in the same tab), the runtime sits at `root`
    next to the page."""
    if base == IN_PAGE:
        link_target = ""
    return checker_page.checker_context(condition_id, site, titles, base, root, link_target, static_flow,
                                        site_name)


def render(config, site, condition_id: str, mode: str, checker: dict, site_dir: pathlib.Path, titles: dict,
           **extra) -> str:
    """Render overrides/standalone.html for `mode` ('offline' or 'bundle') of one condition."""
    env = config["theme"].get_env()
    template = env.get_template(TEMPLATE)
    extra.setdefault("steps", [])  # the step-by-step sections: only the offline file has them
    return template.render(
        config=config, mode=mode, checker=checker, published=site.published_url,
        triage_site=site, version=version_info(condition_id),
        sources=summaries(site_dir, titles, cited_sources(condition_id)),
        triage_texts=texts.site_texts(site.emergency_number), **extra)


FILL = re.compile(r'(<(span|code) data-download-fill="([a-z0-9-]+)">)(.*?)(</\2>)', re.S)


def fill_page(path: pathlib.Path, values: dict):
    """Put build results (checksums, sizes, version, date) into the Download page's placeholders:
    `<span data-download-fill="offline-sha256">...</span>` in docs/download.md."""
    if not path.is_file():
        return
    from html import escape
    text = path.read_text(encoding="utf-8")
    text = FILL.sub(lambda m: m.group(1) + escape(values[m.group(3)]) + m.group(5)
                    if m.group(3) in values else m.group(0), text)
    path.write_text(text, encoding="utf-8")
