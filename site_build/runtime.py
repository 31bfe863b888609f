"""MkDocs hook: copy the pinned PyScript runtime and the checker's Python into the built site.

Everything the checker runs is served from the site's own origin; nothing comes from a CDN.
"""
import pathlib
import shutil

from mkdocs.exceptions import PluginError

from site_build import browser_files


def _copy(pairs, dest_root: pathlib.Path, transform=None):
    for src, rel in pairs:
        if not src.is_file():
            raise PluginError("runtime file missing: %s (run `npm ci`)" % src)
        dest = dest_root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if transform:
            dest.write_bytes(transform(src))
        else:
            shutil.copyfile(src, dest)


def on_post_build(config, **kwargs):
    site = pathlib.Path(config["site_dir"])
    _copy(browser_files.runtime_files(), site / browser_files.RUNTIME_DIR)
    _copy(browser_files.python_sources(), site / browser_files.PY_DIR, browser_files.compact)
