"""MkDocs hook: the "For partners" page's live parts.

- Puts the rules changelog (triage_core/conditions/CHANGELOG.md) where the page has
  `<!-- rules-changelog -->`, its headings moved down under the page's own, so it is never
  copied by hand.
- Puts the official emergency numbers a partner may set (site_build/emergency_numbers.py) where
  the page has `<!-- emergency-numbers -->`.
- Writes the site's published address into the code to copy (`https://our-site.example/`), and
  its origin into the CSP lines.
"""
import logging
import re

from site_build import browser_files, emergency_numbers, standalone

log = logging.getLogger("mkdocs.hooks.partners")

PAGE = "partners.md"
MARKER = "<!-- rules-changelog -->"
NUMBERS_MARKER = "<!-- emergency-numbers -->"
CHANGELOG = browser_files.ROOT / "triage_core" / "conditions" / "CHANGELOG.md"
PLACEHOLDER = "https://our-site.example/"


def changelog_markdown() -> str:
    """The changelog's entries (from its first `##` heading: its title and the note to rules
    authors are left out), with headings one level down to sit under the page's own."""
    if not CHANGELOG.is_file():
        import triage_core
        version = triage_core.get_condition(standalone.CONDITION)["version"]
        log.info("no %s yet: the partners page names the current rules version only", CHANGELOG)
        return "The rules are at version %s. No changes since then have been recorded." % version
    lines = []
    started = False
    for line in CHANGELOG.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        started = started or bool(m and len(m.group(1)) == 2)
        if not started:
            continue        # the file's title and its note to rules authors
        if m:
            line = "#" * (len(m.group(1)) + 1) + " " + m.group(2)
        lines.append(line)
    return "\n".join(lines).strip()


def on_page_markdown(markdown, page, config, files, **kwargs):
    if page.file.src_uri != PAGE:
        return markdown
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, changelog_markdown())
    if NUMBERS_MARKER in markdown:
        markdown = markdown.replace(NUMBERS_MARKER, emergency_numbers.markdown())
    site = standalone.published_url(config)
    if site:
        origin = re.match(r"^https?://[^/]+", site).group(0)
        markdown = markdown.replace(PLACEHOLDER, site).replace(PLACEHOLDER.rstrip("/"), origin)
    return markdown
