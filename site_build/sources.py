"""Names for the article sections the checker cites, read from the Markdown headings.

Headings carry stable ids (`## Title {#id}`) because the rules link to them; the checker names
each link by its page and section so a reader knows where it leads before following it.
"""
import re

HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*\{#([A-Za-z0-9_-]+)[^}]*\}\s*$")
TITLE = re.compile(r"^#\s+(.+?)\s*(?:\{[^}]*\})?\s*$")
FRONT_TITLE = re.compile(r"^title:\s*(.+?)\s*$")


def _strip_front_matter(text: str):
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            return text[4:end], text[end + 4:]
    return "", text


def section_titles(url: str, markdown: str) -> dict:
    """Map 'page/url/' and 'page/url/#id' to readable names for one page's Markdown."""
    front, body = _strip_front_matter(markdown)
    page_title = None
    for line in body.splitlines():
        m = TITLE.match(line)
        if m:
            page_title = m.group(1)
            break
    if page_title is None:
        for line in front.splitlines():
            m = FRONT_TITLE.match(line)
            if m:
                page_title = m.group(1).strip("'\"")
    titles = {url: page_title or url}
    for line in body.splitlines():
        m = HEADING.match(line)
        if m and len(m.group(1)) > 1:
            titles["%s#%s" % (url, m.group(3))] = m.group(2)
    return titles


def site_titles(files) -> dict:
    """Titles for every documentation page in a MkDocs Files collection."""
    titles = {}
    for f in files.documentation_pages():
        titles.update(section_titles(f.url, f.content_string))
    return titles
