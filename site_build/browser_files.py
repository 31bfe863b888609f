"""Which files the browser needs to run the checker, and where they go in the built site.

One list serves the runtime copy, the PyScript `files` config and the offline bundle, so the
three cannot disagree.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
PYSCRIPT_DIST = NODE_MODULES / "@pyscript" / "core" / "dist"
MICROPYTHON_DIR = NODE_MODULES / "@micropython" / "micropython-webassembly-pyscript"

RUNTIME_DIR = "assets/runtime"          # under the built site
PY_DIR = "assets/checker/py"            # Python sources, mirrored into PyScript's file system
PYSCRIPT_PLUGINS_OFF = ["!error", "!py-editor", "!py-game", "!py-terminal", "!codemirror",
                        "!donkey", "!deprecations-manager"]
# PyScript chunks for plugins the checker switches off: never copied, never fetched.
UNUSED_CHUNKS = ("codemirror", "xterm", "py-editor", "py-game", "py-terminal", "pyodide_graph",
                 "service-worker", "storage")
# Engine modules the page never imports (command line, verifier): kept out of the download.
NOT_FOR_BROWSER = {"__main__.py", "verify.py", "cli.py"}


def python_sources():
    """(source path, path inside PyScript's file system) for the engine, rules and page glue."""
    out = []
    for package in ("triage_core", "checker_ui"):
        base = ROOT / package
        for path in sorted(base.rglob("*")):
            if path.suffix not in (".py", ".json") or path.name in NOT_FOR_BROWSER:
                continue
            if "__pycache__" in path.parts:
                continue
            out.append((path, path.relative_to(ROOT).as_posix()))
    return out


def runtime_files():
    """(source path, path under RUNTIME_DIR) for the pinned PyScript core and MicroPython."""
    out = []
    for path in sorted(PYSCRIPT_DIST.iterdir()):
        if path.suffix not in (".js", ".css") or any(path.name.startswith(u) for u in UNUSED_CHUNKS):
            continue
        out.append((path, "pyscript/" + path.name))
    for name in ("micropython.mjs", "micropython.wasm"):
        out.append((MICROPYTHON_DIR / name, "micropython/" + name))
    out.append((PYSCRIPT_DIST.parent / "LICENSE", "pyscript/LICENSE"))
    out.append((MICROPYTHON_DIR / "package.json", "micropython/package.json"))
    return out


def pyscript_config(root: str) -> dict:
    """The `<mpy-config>` for a page whose path back to the site root is `root` (e.g. '../')."""
    files = {}
    for _src, dest in python_sources():
        files[root + PY_DIR + "/" + dest] = "./" + dest
    return {
        "interpreter": root + RUNTIME_DIR + "/micropython/micropython.mjs",
        "files": files,
        "plugins": PYSCRIPT_PLUGINS_OFF,
    }
