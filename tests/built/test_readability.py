"""Plain language: every page's main-content prose reads at Flesch-Kincaid grade 8 or lower.

Measured with textstat 0.7.4 (pinned: it counts syllables offline with pyphen). The prose is taken
from the built page's <article> element (on the light pages, the checker and its step-by-step
version: <main class="sa-main">). Each block (paragraph, heading, list item, table cell) is
treated as its own sentence, so a heading or a list item without a full stop does not run into the
next sentence. Code, scripts, styles, navigation and permalink characters are dropped.
"""
import html.parser
import re

import pytest

textstat = pytest.importorskip("textstat")

MAX_GRADE = 8.0
ARTICLE_PAGES = [
    "fasciculations/index.html",
    "fasciculations/how-it-happens.html",
    "fasciculations/recovery.html",
    "fasciculations/causes.html",
    "fasciculations/when-to-get-help.html",
]
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "td", "th",
          "blockquote", "figcaption", "div", "ul", "ol", "dl", "table", "tr", "br"}
SKIP = {"script", "style", "code", "pre", "nav", "noscript", "svg", "template", "button"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source"}


class ArticleProse(html.parser.HTMLParser):
    """Collects the prose inside the first <article> (or the light page's main), one string per
    block."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # nesting depth inside <article>, 0 = outside
        self.skip = 0           # nesting depth inside a skipped element
        self.done = False
        self.blocks = []
        self.current = []

    def _flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        if self.depth == 0:
            classes = (dict(attrs).get("class") or "").split()
            if tag == "article" or (tag == "main" and "sa-main" in classes):
                self.depth = 1
            return
        if tag not in VOID:
            self.depth += 1
        classes = (dict(attrs).get("class") or "").split()
        if self.skip or tag in SKIP or "headerlink" in classes:
            if tag not in VOID:
                self.skip += 1
            return
        if tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self.done or self.depth == 0 or tag in VOID:
            return
        self.depth -= 1
        if self.skip:
            self.skip -= 1
            return
        if tag in BLOCKS or self.depth == 0:
            self._flush()
        if self.depth == 0:
            self.done = True

    def handle_data(self, data):
        if self.depth and not self.skip and not self.done:
            self.current.append(data)


def article_prose(path) -> str:
    parser = ArticleProse()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    assert parser.blocks, f"no <article> prose found in {path}"
    sentences = []
    for block in parser.blocks:
        block = block.replace("¶", "").strip()
        if not block:
            continue
        if not re.search(r"[.!?:;]$", block):
            block += "."
        sentences.append(block)
    return " ".join(sentences)


def resolve(site_dir, page):
    """Accept both directory URLs (page/index.html) and flat files (page.html)."""
    flat = site_dir / page
    pretty = site_dir / page.replace(".html", "") / "index.html"
    if page.endswith("/index.html"):
        return flat
    return pretty if pretty.exists() else flat


@pytest.mark.parametrize("page", ARTICLE_PAGES)
def test_article_reads_at_grade_8_or_lower(site_dir, page):
    path = resolve(site_dir, page)
    assert path.exists(), f"{page} was not built"
    prose = article_prose(path)
    words = textstat.lexicon_count(prose)
    assert words > 100, f"{page}: only {words} words of prose found; the extractor may be broken"
    grade = textstat.flesch_kincaid_grade(prose)
    ease = textstat.flesch_reading_ease(prose)
    print(f"{page}: Flesch-Kincaid grade {grade}, reading ease {ease}, {words} words")
    assert grade <= MAX_GRADE, f"{page}: Flesch-Kincaid grade {grade} is above {MAX_GRADE}"


def test_every_page_reads_at_grade_8_or_lower(site_dir):
    """Not only the article: Home, About, Download, For partners, the checker and each of its
    step-by-step pages. Benchmark pages and the self-host bundle's copy are not the site's."""
    pages = [p for p in sorted(site_dir.rglob("*.html"))
             if not p.relative_to(site_dir).parts[0].startswith(("bench", "bundle"))
             and p.name != "checker-offline.html" and p.name != "404.html"]
    grades = {}
    for path in pages:
        prose = article_prose(path)
        if textstat.lexicon_count(prose) >= 50:    # too short to grade (a redirect, say)
            grades[str(path.relative_to(site_dir))] = textstat.flesch_kincaid_grade(prose)
    for page, grade in grades.items():
        print(f"{page}: Flesch-Kincaid grade {grade}")     # shown with pytest -s
    assert len(grades) >= 30, f"only {len(grades)} pages were graded"
    assert {"index.html", "about/index.html", "checker/index.html", "partners/index.html"} <= set(grades)
    too_hard = {page: grade for page, grade in grades.items() if grade > MAX_GRADE}
    assert too_hard == {}, f"above grade {MAX_GRADE}: {too_hard}"


def test_extractor_drops_code_scripts_and_permalinks(tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        "<nav>Skip me</nav><article><h1>Title<a class='headerlink' href='#t'>¶</a></h1>"
        "<p>One short line<script>var x = 1;</script> here.</p><pre><code>code()</code></pre>"
        "<ul><li>A list item</li></ul></article><footer>Not me</footer>", encoding="utf-8")
    assert article_prose(page) == "Title. One short line here. A list item."


def test_extractor_reads_the_light_pages_main(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<header><p>Site name</p></header><main class='sa-main md-typeset'><h1>Check</h1>"
                    "<p>Answer a few questions.</p></main><footer>Not me</footer>", encoding="utf-8")
    assert article_prose(page) == "Check. Answer a few questions."
