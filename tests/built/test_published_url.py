"""A build with no published address (the default: a fork's or a local build) passes strict mode,
says in its log what the missing value affects, and still gives the offline file and the
bundle working source links: to each source's summary in the page itself."""
import os
import re
import subprocess
import sys
import zipfile

import pytest

from support import ROOT


@pytest.fixture(scope="module")
def unpublished(tmp_path_factory):
    dest = tmp_path_factory.mktemp("unpublished") / "site"
    env = {k: v for k, v in os.environ.items() if k != "PUBLISHED_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return dest, proc.stdout + proc.stderr


def test_the_default_published_url_is_empty():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r'^\s*published_url: !ENV \[PUBLISHED_URL, ""\]\s*$', config, re.M)


def test_the_build_says_what_a_missing_address_affects(unpublished):
    _site, log = unpublished
    line = next(line for line in log.splitlines() if "published_url is empty" in line)
    assert line.startswith("INFO")
    for affected in ("offline file", "bundle", "partners page", "PUBLISHED_URL"):
        assert affected in line


@pytest.mark.parametrize("which", ["offline", "bundle"])
def test_sources_link_to_their_summaries_in_the_page(unpublished, which):
    site, _log = unpublished
    if which == "offline":
        text = (site / "download" / "checker-offline.html").read_text(encoding="utf-8")
    else:
        with zipfile.ZipFile(site / "download" / "checker-bundle.zip") as zf:
            text = zf.read("fasciculations-checker/index.html").decode("utf-8")
    sources = re.findall(r'<a class="triage-source" href="([^"]*)"', text)
    assert sources
    ids = set(re.findall(r'id="([^"]*)"', text))
    assert [h for h in sources if not (h.startswith("#") and h[1:] in ids)] == []
    assert 'target="_blank"' not in "".join(re.findall(r'<a class="triage-source"[^>]*>', text))
    # The checker's Python, which draws every later question and result, gets the same base.
    assert '"base": "#"' in text


@pytest.mark.browser
def test_a_source_link_in_the_offline_checker_opens_its_summary(unpublished, make_page):
    """From file://, with the checker's Python drawing the result: the link goes to the summary in
    the same file, and the checker does not take its #fragment for answers."""
    from checker_steps import PATHS, RESULT, result_level, walk, wait_ready
    site, _log = unpublished
    page = make_page()
    page.goto((site / "download" / "checker-offline.html").as_uri())
    wait_ready(page)
    walk(page, PATHS["emergency"])
    assert result_level(page) == "emergency"
    link = page.locator(RESULT + " a.triage-source").first
    source = link.get_attribute("href")
    here = page.url
    assert source.startswith(here + "#")
    link.click()
    target = page.locator(":target")
    assert target.evaluate("el => el.tagName") == "DT"
    assert "#" + target.get_attribute("id") == source[len(here):]
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('[data-triage-notice]').textContent") == ""
    assert result_level(page) == "emergency"
    assert [u for u in page.log.requests if not u.startswith(("file:", "data:", "blob:"))] == []
