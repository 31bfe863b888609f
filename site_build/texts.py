"""What the site's own pages and templates say about a condition, written in from its one source.

A shared page (checker, download, partners, about, home) never types a condition id, a level id,
a red flag or the disclaimer: it says a placeholder, and the build writes in the value from the
rules (through the engine) or from checker_ui/notices.py:

- `{condition_id}`: the condition's id (for code a partner copies);
- `{condition_levels}`: its level ids, most urgent first, as "`a`, `b` or `c`";
- `{condition_example_level}`: its least urgent level's id (for an example);
- `{urgent_notice}`: its red-flag notice (the rules' `urgent_notice`, or its red-flag questions);
- `{urgent_source}`: a link, relative to the page, to the section its most urgent level cites,
  and `{urgent_page}` the same page without the section;
- `{condition_page}`: a link to the condition's article folder's first page (`<id>/index.md`);
- `{audience}`: who the checker is for (checker_ui/notices.py);
- `{disclaimer}`: the site's disclaimer (it says `{emergency_number}`, filled in afterwards by
  site_build/page_settings.py like any page's).

The condition is the page's own (front matter `checker:`), else the site's default one. Call
`fill_page` before `page_settings.fill`, which reports any other placeholder. `site_texts` gives
the templates the same texts (the Jinja global `triage_texts`). Pure: no MkDocs import.
"""
import html
import posixpath

from checker_ui import notices

PLACEHOLDERS = ("condition_id", "condition_levels", "condition_example_level", "urgent_notice",
                "urgent_source", "urgent_page", "condition_page", "audience", "disclaimer")


def site_texts(emergency_number: str) -> dict:
    """The texts every template may show, whatever the page: {"disclaimer": ...}."""
    return {"disclaimer": notices.disclaimer(emergency_number)}


def or_list(items: list) -> str:
    """"`a`, `b` or `c`": ids as Markdown code, joined the way a sentence lists choices."""
    code = ["`%s`" % item for item in items]
    return code[0] if len(code) == 1 else ", ".join(code[:-1]) + " or " + code[-1]


def source_page(source: str, src_uris=()) -> str:
    """The Markdown file a site link ("page/sub/#anchor") points at, with its anchor: "page/sub.md"
    or "page/sub/index.md" (whichever the site has; the first when it has neither)."""
    page, sep, anchor = source.partition("#")
    page = page.rstrip("/")
    candidates = [page + ".md", page + "/index.md"] if page else ["index.md"]
    found = next((c for c in candidates if c in src_uris), candidates[0])
    return found + (sep + anchor if sep else "")


def relative_link(from_src_uri: str, to_src_uri: str) -> str:
    """A Markdown link from one page's source file to another's (anchors kept)."""
    target, sep, anchor = to_src_uri.partition("#")
    start = posixpath.dirname(from_src_uri) or "."
    return posixpath.relpath(target, start) + sep + anchor


def page_values(condition_id: str, src_uri: str, src_uris=(), settings=None) -> dict:
    """{placeholder: text} for one page about one condition."""
    import triage_core

    meta = triage_core.get_condition(condition_id, settings)
    levels = [level["id"] for level in meta["levels"]]
    urgent = relative_link(src_uri, source_page(meta["levels"][0]["source"], src_uris))
    return {
        "condition_id": condition_id,
        "condition_levels": or_list(levels),
        "condition_example_level": levels[-1],
        "urgent_notice": html.escape(meta["urgent_notice"], quote=False),
        "urgent_source": urgent,
        "urgent_page": urgent.partition("#")[0],
        "condition_page": relative_link(src_uri, condition_id + "/index.md"),
        "audience": html.escape(notices.AUDIENCE, quote=False),
        "disclaimer": html.escape(notices.disclaimer(), quote=False),
    }


def fill_page(markdown: str, condition_id: str, src_uri: str, src_uris=(), settings=None) -> str:
    """The page's Markdown with each of PLACEHOLDERS written in (the rest left as they are)."""
    if not any("{%s}" % name in markdown for name in PLACEHOLDERS):
        return markdown
    for name, value in page_values(condition_id, src_uri, src_uris, settings).items():
        markdown = markdown.replace("{%s}" % name, value)
    return markdown
