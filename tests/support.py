"""Test support shared by fixtures, browser tests and benchmarks: the strict build, a static
HTTP server on 127.0.0.1 (root and GitHub-Pages-style sub-path), Chromium flags, page logs."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import sys
import threading

ROOT = pathlib.Path(__file__).resolve().parent.parent
SUB_PATH = "/twitch-site/"
# Chromium keeps only the last --disable-features, so ours repeats the list Playwright passes
# (playwright 1.65, chromiumSwitches) and adds the omnibox popup: headless Chromium 156 loads that
# browser page (chrome://omnibox-popup.top-chrome) in a renderer of its own for every new context,
# about 250 ms of CPU on this 2-core machine right while the page under test loads. A reader's
# browser loads it once per window, not with every page. Puppeteer turns it off too.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable", "LensOverlay", "MediaRouter", "PaintHolding",
    "ThirdPartyStoragePartitioning", "AvoidCorsURLLoaderRestartOnRedirect", "TcpPortRandomizationWin",
    "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled", "PreconnectToSearch",
    "msForceBrowserSignIn", "msEdgeUpdateLaunchServicesPreferredVersion",
)
BROWSER_UI_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + BROWSER_UI_FEATURES),
    # Anything that tries to leave the machine fails to resolve: privacy is tested, not assumed.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


# The published address the suite builds with, as the deploy workflow sets PUBLISHED_URL (a
# name under the reserved .example domain: nothing is ever fetched from it).
TEST_PUBLISHED_URL = "https://published.example/twitch-site/"


def build_site(dest: pathlib.Path, config: str = "mkdocs.yml") -> pathlib.Path:
    """Run the real strict build, as the README and CI do."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.setdefault("PUBLISHED_URL", TEST_PUBLISHED_URL)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError("mkdocs build --strict failed:\n" + proc.stdout + proc.stderr)
    return dest


def built_page(site_dir: pathlib.Path, md_path: str) -> pathlib.Path:
    """The HTML file MkDocs builds for a Markdown page (directory URLs or not)."""
    stem = md_path[:-3]
    if stem == "index" or stem.endswith("/index"):
        candidates = [stem + ".html"]
    else:
        candidates = [stem + "/index.html", stem + ".html"]
    for c in candidates:
        if (site_dir / c).exists():
            return site_dir / c
    raise AssertionError(f"{md_path} was not built (looked for {candidates})")


def built_pages(site_dir: pathlib.Path) -> list:
    """Site-relative URLs of every page a person can open (not assets, not benchmark pages)."""
    pages = []
    for f in sorted(site_dir.rglob("index.html")):
        rel = f.parent.relative_to(site_dir).as_posix()
        if rel.startswith("assets") or rel.startswith("bench"):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def copy_project(dest: pathlib.Path) -> pathlib.Path:
    """A copy of the project as git sees it (tracked and new files), sharing node_modules, for
    tests that change a file and run the real build on the copy."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for rel in listed:
        if rel and (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / rel, dest / rel)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def build_copy(copy: pathlib.Path, dest: pathlib.Path) -> subprocess.CompletedProcess:
    """The strict build of a project copy, its own packages first on the path."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(copy))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
                          cwd=copy, env=env, capture_output=True, text=True)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site at / and under SUB_PATH; anything else under the sub-path's parent 404s."""

    def translate_path(self, path):
        if path.startswith(SUB_PATH):
            path = "/" + path[len(SUB_PATH):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


class StaticServer:
    """A plain static HTTP server on 127.0.0.1 with an ephemeral port."""

    def __init__(self, directory: pathlib.Path, handler=SiteHandler):
        handler_cls = functools.partial(handler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler_cls)
        self.origin = "http://127.0.0.1:%d" % self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# A partner's page with the embed snippet for one condition, recording the result events it gets.
PARTNER_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Partner clinic</title>
<link rel="icon" href="data:,"></head>
<body>
<script>
  window.events = [];
  document.addEventListener("triage:result", function (e) { window.events.push(e.detail); });
</script>
<div id="box" data-triage-checker="%(cid)s" data-share-result="level">
  <a id="fallback" href="%(site)s/%(cid)s/checker/">Check your symptoms</a>
</div>
<script src="%(site)s/embed.js" async></script>
</body></html>
"""


def partner_page(site_origin: str, condition_id: str) -> str:
    """A partner site's page embedding the checker of `condition_id` from `site_origin`."""
    return PARTNER_PAGE % {"cid": condition_id, "site": site_origin}


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise RuntimeError("No Chromium found: run the tests with scripts/test.sh, which installs one")
    return path


LOCAL_SCHEMES = ("file:", "data:", "blob:")


def refuse_network(page):
    """Abort every request of the page's context that is not file:, data: or blob:, as a
    device with no network would; what was refused is kept in `page.refused`."""
    page.refused = []

    def route(r):
        if r.request.url.startswith(LOCAL_SCHEMES):
            r.continue_()
        else:
            page.refused.append(r.request.url)
            r.abort()

    page.context.route("**/*", route)
    return page


class PageLog:
    """Every request, console error and page error a page produced, for privacy and health checks."""

    def __init__(self, page):
        self.requests = []
        self.console_errors = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(m.text))
        page.on("pageerror", lambda e: self.console_errors.append(str(e)))

    def foreign_requests(self, origin: str):
        return [u for u in self.requests
                if not (u.startswith(origin + "/") or u.startswith("data:") or u.startswith("blob:"))]
