"""Which `page/#anchor` links a built site provides, read from its HTML (for `verify --site`)."""

import os
import re

ID_ATTR = re.compile(r"""\sid\s*=\s*["']([^"']+)["']""")


def ids_in_html(html: str) -> list:
    return ID_ATTR.findall(html)


def site_anchors(site_dir: str) -> set:
    """Every page ("page/") and anchor ("page/#id") under a built site folder."""
    found = set()
    for folder, _dirs, files in os.walk(site_dir):
        if "index.html" not in files:
            continue
        rel = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        page = "" if rel == "." else rel + "/"
        if page:
            found.add(page)
        with open(os.path.join(folder, "index.html"), encoding="utf-8") as handle:
            for anchor in ids_in_html(handle.read()):
                found.add(page + "#" + anchor)
    return found
