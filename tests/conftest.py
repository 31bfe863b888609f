"""Shared fixtures: one strict build of the site per run, served over HTTP on 127.0.0.1
(at the root and under a sub-path, as GitHub Pages serves a project site), and real
headless Chromium driven by Playwright."""
import functools
import http.server
import os
import pathlib
import shutil
import subprocess
import sys
import threading

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SUB_PATH = "/twitch-site/"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Anything that tries to leave the machine fails to resolve: privacy is tested, not assumed.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
]


def build_site(dest: pathlib.Path, config: str = "mkdocs.yml") -> pathlib.Path:
    """Run the real strict build, as the README and CI do."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise AssertionError("mkdocs build --strict failed:\n" + proc.stdout + proc.stderr)
    return dest


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> pathlib.Path:
    """The built site (one strict build per test run)."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site at / and under SUB_PATH; anything else under the sub-path's parent 404s."""

    def translate_path(self, path):
        if path.startswith(SUB_PATH):
            path = "/" + path[len(SUB_PATH):]
        return super().translate_path(path)

    def log_message(self, *args):
        pass


class StaticServer:
    """A plain static HTTP server on 127.0.0.1 with an ephemeral port."""

    def __init__(self, directory: pathlib.Path, handler=_SiteHandler):
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


@pytest.fixture(scope="session")
def server(site_dir):
    with StaticServer(site_dir) as srv:
        yield srv


@pytest.fixture(scope="session", params=["/", SUB_PATH], ids=["root", "subpath"])
def base_url(request, server) -> str:
    """The site's address, at the root and under a GitHub-Pages-style sub-path."""
    return server.origin + request.param


def chromium_path() -> str:
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        pytest.fail("No Chromium found: run the tests with scripts/test.sh, which installs one")
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


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


@pytest.fixture
def make_page(browser):
    """Open pages in fresh browser contexts (cold, no shared state); each page has `.log`."""
    contexts = []

    def open_page(**context_options):
        ctx = browser.new_context(**context_options)
        contexts.append(ctx)
        p = ctx.new_page()
        p.log = PageLog(p)
        return p

    yield open_page
    for ctx in contexts:
        ctx.close()


@pytest.fixture
def page(make_page):
    return make_page()
