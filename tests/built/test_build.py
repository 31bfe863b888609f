"""The built site: every page present, nothing loaded from another host, runtime self-hosted."""
import html.parser
import re

import pytest

PAGES = [
    "index.html",
    "fasciculations/index.html",
    "fasciculations/how-it-happens/index.html",
    "fasciculations/recovery/index.html",
    "fasciculations/causes/index.html",
    "fasciculations/when-to-get-help/index.html",
    "checker/index.html",
    "about/index.html",
]

# Attributes through which a page makes the browser fetch something (not plain <a> links).
FETCHING = {
    "script": ["src"], "link": ["href"], "img": ["src", "srcset"], "iframe": ["src"],
    "source": ["src", "srcset"], "video": ["src", "poster"], "audio": ["src"],
    "embed": ["src"], "object": ["data"], "track": ["src"], "input": ["src"],
}
FOREIGN = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


class ResourceCollector(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []
        self.styles = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "link" and d.get("rel") in ("canonical", "alternate", "author", "license"):
            return
        for attr in FETCHING.get(tag, []):
            if d.get(attr):
                self.urls.extend(u.strip().split(" ")[0] for u in d[attr].split(","))
        if d.get("style"):
            self.styles.append(d["style"])
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.styles.append(data)


def all_html(site_dir):
    return sorted(site_dir.rglob("*.html"))


@pytest.mark.parametrize("page", PAGES)
def test_page_is_built(site_dir, page):
    assert (site_dir / page).is_file(), page


def test_no_page_fetches_from_another_host(site_dir):
    offenders = []
    for f in all_html(site_dir):
        c = ResourceCollector()
        c.feed(f.read_text(encoding="utf-8"))
        offenders += ["%s: %s" % (f.relative_to(site_dir), u) for u in c.urls if FOREIGN.match(u)]
        offenders += ["%s: css url %s" % (f.relative_to(site_dir), u) for s in c.styles
                      for u in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", s)]
    assert offenders == []


def test_stylesheets_fetch_nothing_from_another_host(site_dir):
    offenders = []
    for f in site_dir.rglob("*.css"):
        text = f.read_text(encoding="utf-8", errors="replace")
        offenders += ["%s: %s" % (f.relative_to(site_dir), u)
                      for u in re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^)'\"]+)", text)]
    assert offenders == []


def test_theme_loads_no_web_fonts(site_dir):
    index = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index
