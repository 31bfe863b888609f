"""Lets a page template leave out Material's inline scripts (MkDocs hook).

Material writes small inline scripts into every page: its storage helpers in the head and a tab
restorer after the content. A page that runs no theme JavaScript (the checker, the embed page)
needs neither, and each one holds up the HTML parser until all stylesheets have loaded, which
delays the moment PyScript can start. Our overrides of those two partials include Material's own
copy, reachable here as "material/<path>", unless the page template sets `theme_js = false`.
"""
import pathlib

import material
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader

MATERIAL_TEMPLATES = pathlib.Path(material.__file__).resolve().parent / "templates"


def on_env(env, config, files, **kwargs):
    env.loader = ChoiceLoader([
        env.loader, PrefixLoader({"material": FileSystemLoader(str(MATERIAL_TEMPLATES))})])
    return env
