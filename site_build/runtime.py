"""Copy the pinned PyScript runtime and the checker's Python into the built site.

Everything the checker runs is served from the site's own origin; nothing comes from a CDN.
A runtime that could keep anything on the reader's device fails the build (runtime_storage).
"""
import pathlib
import shutil

from mkdocs.exceptions import PluginError

from site_build import browser_files, checker_page, runtime_storage


def publish(site_dir):
    site = pathlib.Path(site_dir)
    stored = runtime_storage.problems(runtime_storage.shipped_scripts(),
                                      checker_page.BOOT_JS.read_text(encoding="utf-8"))
    if stored:
        raise PluginError("the checker would keep data on the reader's device:\n" + "\n".join(stored))
    for src, rel in browser_files.runtime_files():
        if not src.is_file():
            raise PluginError("runtime file missing: %s (run `npm ci`)" % src)
        dest = site / browser_files.RUNTIME_DIR / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
    for rel, data in browser_files.shipped_python():
        dest = site / browser_files.PY_DIR / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
