"""The "For partners" page's live parts, made from the rules and the site settings.

- `<!-- triage-conditions -->`: a table of every condition a partner can embed: its
  `data-triage-checker` id, its levels (most urgent first) and the address of its frame.
- `<!-- rules-changelog -->`: each condition's changelog (triage_core/conditions/<id>.changelog.md),
  its headings moved down under the page's own, so it is never copied by hand.
- `<!-- emergency-numbers -->`: the official emergency numbers a partner may set
  (site_build/emergency_numbers.py).
- `{default_condition}`: the default condition's id, in the code to copy.
- The site's published address in the code to copy (`https://our-site.example/`), and its origin
  in the CSP lines.
"""
import logging
import re

from site_build import browser_files, emergency_numbers

log = logging.getLogger("mkdocs.plugins.triage_site.partners")

PAGE = "partners.md"
MARKER = "<!-- rules-changelog -->"
NUMBERS_MARKER = "<!-- emergency-numbers -->"
CONDITIONS_MARKER = "<!-- triage-conditions -->"
DEFAULT_ID = "{default_condition}"
PLACEHOLDER = "https://our-site.example/"


def changelog_path(condition_id: str):
    return browser_files.ROOT / "triage_core" / "conditions" / ("%s.changelog.md" % condition_id)


def changelog_markdown(condition_id: str, depth: int = 1) -> str:
    """The changelog's entries (from its first `##` heading: its title and the note to rules
    authors are left out), with headings `depth` levels down to sit under the page's own."""
    import triage_core

    path = changelog_path(condition_id)
    if not path.is_file():
        version = triage_core.get_condition(condition_id)["version"]
        log.info("no %s yet: the partners page names the current rules version only", path)
        return "The rules are at version %s. No changes since then have been recorded." % version
    lines = []
    started = False
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        started = started or bool(m and len(m.group(1)) == 2)
        if not started:
            continue        # the file's title and its note to rules authors
        if m:
            line = "#" * (len(m.group(1)) + depth) + " " + m.group(2)
        lines.append(line)
    return "\n".join(lines).strip()


def changelogs_markdown(condition_ids: list) -> str:
    """One condition: its changelog as it is. More: each under a heading naming the checker."""
    import triage_core

    if len(condition_ids) == 1:
        return changelog_markdown(condition_ids[0])
    parts = []
    for cid in condition_ids:
        parts.append("### %s (`%s`) {#changelog-%s}\n\n%s" % (
            triage_core.get_condition(cid)["title"], cid, cid.replace("_", "-"), changelog_markdown(cid, 2)))
    return "\n\n".join(parts)


def conditions_markdown(embeds: dict) -> str:
    """The table of checkers a partner can embed; `embeds` is {condition id: frame URL}."""
    import triage_core

    rows = ["| Checker | `data-triage-checker` | Levels, most urgent first | Result event `detail` | Frame |",
            "| --- | --- | --- | --- | --- |"]
    for cid, url in embeds.items():
        condition = triage_core.get_condition(cid)
        levels = ", ".join("`%s` (%s)" % (level["id"], level["title"]) for level in condition["levels"])
        event = '`{"condition": "%s", "level": "%s"}`' % (cid, condition["levels"][-1]["id"])
        rows.append("| %s | `%s` | %s | %s | `%s%s` |" % (condition["title"], cid, levels, event, PLACEHOLDER, url))
    return "\n".join(rows)


def page_markdown(markdown: str, published: str, default_condition: str, embeds: dict) -> str:
    """The partners page with its live parts filled in."""
    if CONDITIONS_MARKER in markdown:
        markdown = markdown.replace(CONDITIONS_MARKER, conditions_markdown(embeds))
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, changelogs_markdown(list(embeds)))
    if NUMBERS_MARKER in markdown:
        markdown = markdown.replace(NUMBERS_MARKER, emergency_numbers.markdown())
    markdown = markdown.replace(DEFAULT_ID, default_condition)
    if published:
        origin = re.match(r"^https?://[^/]+", published).group(0)
        markdown = markdown.replace(PLACEHOLDER, published).replace(PLACEHOLDER.rstrip("/"), origin)
    return markdown
