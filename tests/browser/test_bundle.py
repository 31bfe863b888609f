"""The self-host bundle: unzipped and served by a plain static server (as a clinic's intranet
would), the checker runs to a result, also under the Content Security Policy its README gives,
and it fetches nothing from anywhere else."""
import http.server
import re
import zipfile

import pytest

from checker_steps import PATHS, result_level, wait_ready, walk
from support import StaticServer

pytestmark = pytest.mark.browser

BUNDLE = "download/checker-bundle.zip"


class PlainHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def readme_csp(folder) -> str:
    """The Content-Security-Policy lines the README tells a host to allow."""
    text = (folder / "README.txt").read_text(encoding="utf-8")
    block = text.split("Content-Security-Policy", 1)[1].split("\n\n", 1)[0]
    return " ".join(line.strip() for line in block.splitlines() if line.startswith("    "))


@pytest.fixture(scope="module")
def unpacked(site_dir, tmp_path_factory):
    dest = tmp_path_factory.mktemp("partner-host")
    with zipfile.ZipFile(site_dir / BUNDLE) as zf:
        names = zf.namelist()
        assert all(n.startswith("fasciculations-checker/") and ".." not in n for n in names)
        zf.extractall(dest)
    return dest


def test_bundle_contents(unpacked):
    folder = unpacked / "fasciculations-checker"
    for rel in ("index.html", "README.txt", "LICENSE", "LICENSE-CONTENT",
                "assets/runtime/pyscript/core.js", "assets/runtime/micropython/micropython.wasm",
                "assets/runtime/pyscript/LICENSE", "assets/checker/py/triage_core/conditions/fasciculations.json",
                "assets/checker/py/checker_ui/app.py", "assets/checker/py/checker.tar.gz"):
        assert (folder / rel).is_file(), rel
    readme = (folder / "README.txt").read_text(encoding="utf-8")
    assert re.search(r"Version \S+ \(rules version \S+\), made on \d{4}-\d\d-\d\d", readme)
    assert "'wasm-unsafe-eval'" in readme_csp(folder)


@pytest.mark.parametrize("level", ["emergency", "self_care"])
def test_served_by_plain_static_server_runs_checker(make_page, unpacked, level):
    with StaticServer(unpacked, handler=PlainHandler) as host:
        page = make_page()
        page.goto(host.origin + "/fasciculations-checker/")
        wait_ready(page)
        walk(page, PATHS[level])
        assert result_level(page) == level
        assert page.log.foreign_requests(host.origin) == []
        assert page.log.console_errors == []
        assert page.context.cookies() == []


def test_runs_under_the_csp_the_readme_gives(make_page, unpacked):
    csp = readme_csp(unpacked / "fasciculations-checker") + "; default-src 'self'"

    class CSPHandler(PlainHandler):
        def end_headers(self):
            self.send_header("Content-Security-Policy", csp)
            super().end_headers()

    with StaticServer(unpacked, handler=CSPHandler) as host:
        page = make_page()
        page.goto(host.origin + "/fasciculations-checker/index.html#breathing_difficulty=no&swallowing_difficulty=no"
                  "&speech_difficulty=no&sudden_weakness=no&weakness=yes")
        wait_ready(page)
        assert result_level(page) == "doctor_needed"
        assert page.log.console_errors == []


def test_a_host_that_adds_content_encoding_still_runs_the_checker(make_page, unpacked):
    """The README asks hosts to send checker.tar.gz as it is. One that labels it
    `Content-Encoding: gzip` (Apache's AddEncoding) has the browser unpack it on the way, so it
    arrives as a plain tar: boot.js takes that as it is, and the checker runs."""

    class EncodingHandler(PlainHandler):
        def end_headers(self):
            if self.path.endswith(".gz"):
                self.send_header("Content-Encoding", "gzip")
            super().end_headers()

    with StaticServer(unpacked, handler=EncodingHandler) as host:
        page = make_page()
        page.goto(host.origin + "/fasciculations-checker/")
        wait_ready(page)
        walk(page, PATHS["emergency"])
        assert result_level(page) == "emergency"
        assert page.log.console_errors == []
