"""The build's storage check (site_build/runtime_storage.py) on the runtime `npm ci` installed,
and on scripts with a storage use planted in them: a PyScript upgrade that starts keeping data
in another way, or under another IndexedDB name, must fail the build."""
import pytest

from site_build import checker_page, runtime_storage

BOOT = checker_page.BOOT_JS.read_text(encoding="utf-8")


def test_the_pinned_runtime_keeps_nothing_but_what_boot_js_stands_in_for():
    scripts = runtime_storage.shipped_scripts()
    assert any(name.startswith("pyscript/core-") for name in scripts)
    assert "micropython/micropython.mjs" in scripts
    assert runtime_storage.problems(scripts, BOOT) == []
    # The one use there is: PyScript's IDBMap, which boot.js's stand-in answers for.
    core = "".join(text for name, text in scripts.items() if name.startswith("pyscript/core-"))
    assert "indexedDB.open(" in core and '"@pyscript.fs"' in core
    assert runtime_storage.boot_prefix(BOOT) == "IDBMap/"


@pytest.mark.parametrize("planted", [
    'localStorage.setItem("k", 1)',
    'window.sessionStorage.getItem("k")',
    'caches.open("v1")',
    'document.cookie = "a=1"',
    'cookieStore.set("a", "1")',
    "navigator.storage.getDirectory()",
    'indexedDB.open("pyscript-fs")',
    'const {indexedDB: db} = globalThis; db.open("x")',
])
def test_a_runtime_that_keeps_data_another_way_is_refused(planted):
    scripts = runtime_storage.shipped_scripts()
    name = next(n for n in scripts if n.startswith("pyscript/core-"))
    scripts[name] = scripts[name] + ";" + planted
    problems = runtime_storage.problems(scripts, BOOT)
    assert problems and all(p.startswith(name + " uses ") for p in problems), problems


def test_an_idbmap_with_another_prefix_is_refused():
    """IDBMap's prefix is what boot.js matches: a runtime whose default prefix changed would
    open a store the stand-in does not answer for."""
    scripts = runtime_storage.shipped_scripts()
    name = next(n for n in scripts if n.startswith("pyscript/core-"))
    scripts[name] = scripts[name].replace('prefix:"IDBMap"', 'prefix:"IDBStore"')
    assert runtime_storage.problems(scripts, BOOT)


def test_boot_js_without_the_stand_in_is_refused():
    scripts = runtime_storage.shipped_scripts()
    assert runtime_storage.problems(scripts, BOOT.replace('var PREFIX = "IDBMap/";', ""))
