"""Write what the embed scripts must know into them, from its one source.

embed.js (the partner's loader) and assets/checker/embed-frame.js (the frame's side) each hold
the marker `/*@embed-data@*/{}`; the build replaces it with JSON: the conditions that have an
embed page (its address, given by the plugin, and title, from the rules), each one's level
ids (from the rules) and, for the frame, the official emergency numbers
(site_build/emergency_numbers.py). A script without the marker fails the build, so no list is
ever typed into a script by hand.
"""
import json

from mkdocs.exceptions import PluginError

from site_build import emergency_numbers

MARKER = "/*@embed-data@*/{}"
LOADER = "embed.js"
FRAME = "assets/checker/embed-frame.js"


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


def filled_files(files, config, pages: dict):
    """Replace the two scripts in `files` with their filled copies; `pages` is {condition id:
    site-relative URL of its embed page}."""
    from mkdocs.structure.files import File

    for path, data in ((LOADER, loader_data(pages)), (FRAME, frame_data(pages))):
        original = files.get_file_from_path(path)
        if original is None:
            raise PluginError("%s is missing from the theme" % path)
        text = filled(original.content_string, data, path)
        files.remove(original)
        files.append(File.generated(config, path, content=text))
    return files
