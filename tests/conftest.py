"""Shared fixtures: one strict build of the site per run, served over HTTP on 127.0.0.1
(at the root and under a sub-path, as GitHub Pages serves a project site), and real
headless Chromium driven by Playwright."""
import pathlib

import pytest

from support import (CHROMIUM_ARGS, ROOT, SUB_PATH, PageLog, SiteHandler, StaticServer,  # noqa: F401
                     build_site, chromium_path)

_SiteHandler = SiteHandler  # older name, kept for tests written against it

try:
    from hypothesis import settings as _hypothesis_settings
except ImportError:  # the browser-only set-up may lack it
    _hypothesis_settings = None
if _hypothesis_settings is not None:
    # A run must pass every time, not most times: property tests draw the same examples on every
    # run and machine (derandomized) and keep no example database between runs.
    _hypothesis_settings.register_profile("deterministic", derandomize=True, database=None)
    _hypothesis_settings.load_profile("deterministic")


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> pathlib.Path:
    """The built site (one strict build per test run)."""
    return build_site(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="session")
def server(site_dir):
    with StaticServer(site_dir) as srv:
        yield srv


@pytest.fixture(scope="session", params=["/", SUB_PATH], ids=["root", "subpath"])
def base_url(request, server) -> str:
    """The site's address, at the root and under a GitHub-Pages-style sub-path."""
    return server.origin + request.param


@pytest.fixture(scope="session")
def playwright():
    """One Playwright per run: its sync API cannot be started twice at once in one thread."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="session")
def browser(playwright):
    b = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
    yield b
    b.close()


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
