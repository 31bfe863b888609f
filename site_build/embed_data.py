"""MkDocs hook: write what the embed scripts must know into them, from its one source.

embed.js (the partner's loader) and assets/checker/embed-frame.js (the frame's side) each hold
the marker `/*@embed-data@*/{}`; the build replaces it with JSON: every installed condition (its
embed page's address and title, from the pages' front matter and the rules), each one's level
ids (from the rules) and, for the frame, the official emergency numbers
(site_build/emergency_numbers.py). A script without the marker fails the build, so no list is
ever typed into a script by hand.
"""
import json
import re

from mkdocs.exceptions import PluginError

from site_build import emergency_numbers

MARKER = "/*@embed-data@*/{}"
LOADER = "embed.js"
FRAME = "assets/checker/embed-frame.js"
EMBED_TEMPLATE = "embed.html"
FRONT = re.compile(r"\A---\n(.*?)\n---", re.S)
CHECKER = re.compile(r"^checker:\s*['\"]?([a-z0-9_]+)['\"]?\s*$", re.M)
TEMPLATE = re.compile(r"^template:\s*['\"]?([\w.-]+)['\"]?\s*$", re.M)


def embed_pages(files) -> dict:
    """{condition id: site-relative URL of its embed page}."""
    found = {}
    for f in files.documentation_pages():
        m = FRONT.match(f.content_string)
        if not m:
            continue
        checker, template = CHECKER.search(m.group(1)), TEMPLATE.search(m.group(1))
        if checker and template and template.group(1) == EMBED_TEMPLATE:
            found[checker.group(1)] = f.url
    return found


def levels(condition_id: str) -> list:
    import triage_core
    return [level["id"] for level in triage_core.get_condition(condition_id)["levels"]]


def loader_data(pages: dict) -> dict:
    import triage_core
    return {"conditions": {cid: {"path": url, "title": triage_core.get_condition(cid)["title"],
                                 "levels": levels(cid)}
                           for cid, url in sorted(pages.items())}}


def frame_data(pages: dict) -> dict:
    return {"levels": {cid: levels(cid) for cid in sorted(pages)},
            "emergency_numbers": emergency_numbers.numbers()}


def filled(source: str, data: dict, name: str) -> str:
    if source.count(MARKER) != 1:
        raise PluginError("%s must hold the marker %s exactly once" % (name, MARKER))
    return source.replace(MARKER, json.dumps(data, sort_keys=True, separators=(",", ":")))


def accepted(pages: dict, installed) -> dict:
    """The embed pages of the installed conditions: what embed.js and the frame accept. An
    installed condition without an embed page, or an embed page for no installed condition,
    stops the build, so no condition is ever silently left out of the lists."""
    missing = sorted(set(installed) - set(pages))
    unknown = sorted(set(pages) - set(installed))
    if missing or unknown:
        raise PluginError("the embed lists must name every installed condition: %s" % "; ".join(
            ["%s has no embed page (a page with template: %s and checker: %s)" % (cid, EMBED_TEMPLATE, cid)
             for cid in missing] +
            ["%s has an embed page (%s) but no rules" % (cid, pages[cid]) for cid in unknown]))
    return pages


def on_files(files, config, **kwargs):
    import triage_core
    from mkdocs.structure.files import File

    pages = accepted(embed_pages(files), triage_core.condition_ids())
    for path, data in ((LOADER, loader_data(pages)), (FRAME, frame_data(pages))):
        original = files.get_file_from_path(path)
        if original is None:
            raise PluginError("%s is missing from the theme" % path)
        text = filled(original.content_string, data, path)
        files.remove(original)
        files.append(File.generated(config, path, content=text))
    return files
