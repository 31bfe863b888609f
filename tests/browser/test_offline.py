"""The single-file offline checker, opened from file:// as a saved download, with every network
request refused: it starts, reaches each level by clicking, honours a URL fragment, and never
asks for anything outside the file."""
import re
import time

import pytest

from checker_steps import (PATHS, RESULT, START_RECORDER, assert_result_summary, result_level, started_before_pyscript,
                           wait_ready, walk)
from support import LOCAL_SCHEMES as LOCAL, refuse_network

pytestmark = pytest.mark.browser

OFFLINE = "download/checker-offline.html"


@pytest.fixture
def offline_page(make_page, site_dir, tmp_path):
    """A fresh context where every request that is not file:, data: or blob: is aborted."""
    saved = tmp_path / "My downloads" / "checker-offline.html"   # a saved copy, away from the site
    saved.parent.mkdir()
    saved.write_bytes((site_dir / OFFLINE).read_bytes())
    page = refuse_network(make_page())
    page.file_url = saved.as_uri()
    return page


def assert_offline_clean(page):
    assert page.refused == []
    assert [u for u in page.log.requests if not u.startswith(LOCAL)] == []
    assert page.log.console_errors == []


def test_within_size_budget(site_dir):
    size = (site_dir / OFFLINE).stat().st_size
    assert size <= 2_500_000, "offline file is %d bytes" % size


def test_starts_from_pyscripts_ready_hook(offline_page):
    """The offline file loads PyScript itself and hands it to boot.js's plugin, which starts the
    checker before PyScript runs the page's script, as on the site."""
    offline_page.add_init_script(START_RECORDER)
    offline_page.goto(offline_page.file_url)
    record = started_before_pyscript(offline_page)
    assert record["atScript"] == "ready"
    assert record["readied"] == 1
    assert_offline_clean(offline_page)


@pytest.mark.parametrize("level", sorted(PATHS))
def test_reaches_each_level_from_file_url(offline_page, level):
    start = time.monotonic()
    offline_page.goto(offline_page.file_url)
    wait_ready(offline_page)
    print("offline ready in %.2f s" % (time.monotonic() - start))
    walk(offline_page, PATHS[level])
    assert result_level(offline_page) == level
    assert_result_summary(offline_page, PATHS[level])
    # The page loaded itself and nothing else.
    assert [u for u in offline_page.log.requests if u.startswith("file:")] == [offline_page.file_url]
    assert_offline_clean(offline_page)


@pytest.mark.parametrize("fragment, level", [
    ("speech_difficulty=unsure&breathing_difficulty=no&swallowing_difficulty=no", "emergency"),
    ("breathing_difficulty=no&swallowing_difficulty=no&speech_difficulty=no&sudden_weakness=no&weakness=no"
     "&wasting=no&spread=widespread&duration=over_3_weeks&lifestyle_tried=no&triggers=", "self_care"),
    ("breathing_difficulty=no&swallowing_difficulty=no&speech_difficulty=no&sudden_weakness=unsure",
     "emergency"),
])
def test_honours_a_fragment(offline_page, fragment, level):
    offline_page.goto(offline_page.file_url + "#" + fragment)
    wait_ready(offline_page)
    assert result_level(offline_page) == level
    assert_offline_clean(offline_page)


def test_partial_fragment_resumes_and_fragment_changes_are_followed(offline_page):
    offline_page.goto(offline_page.file_url + "#breathing_difficulty=no")
    wait_ready(offline_page)
    offline_page.wait_for_selector("form[data-question=swallowing_difficulty]")
    offline_page.evaluate("location.hash = 'breathing_difficulty=yes'")
    assert result_level(offline_page) == "emergency"
    assert_offline_clean(offline_page)


def test_full_checker_print_link_sources_version(offline_page, site_dir):
    offline_page.goto(offline_page.file_url)
    wait_ready(offline_page)
    walk(offline_page, PATHS["doctor_advised"])
    card = offline_page.locator(RESULT)
    card.wait_for()
    # Print and copy-link are there, as on the site.
    assert card.locator("[data-action=print]").is_visible()
    offline_page.click("[data-action=copy-link]")
    link = offline_page.input_value("#triage-share-link")
    assert link.startswith(offline_page.file_url + "#") and "lifestyle_tried=yes" in link
    # Source links go to the published site, in a new tab; each cited section has a summary.
    hrefs = card.locator("a.triage-source").evaluate_all("els => els.map(e => [e.href, e.target])")
    assert hrefs and all(h.startswith("https://") and t == "_blank" for h, t in hrefs)
    summaries = offline_page.locator(".sa-sources dd")
    assert summaries.count() >= 10
    for text in summaries.all_inner_texts():
        assert len(text.split()) >= 8
    # Disclaimer, version and build date.
    footer = offline_page.locator(".sa-footer")
    assert "not a diagnosis" in footer.inner_text()
    info = footer.locator("[data-version]")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", info.get_attribute("data-build-date"))
    assert info.get_attribute("data-rules-version") in info.inner_text()
    assert_offline_clean(offline_page)


def test_no_unused_pyscript_chunks(site_dir):
    text = (site_dir / OFFLINE).read_text(encoding="utf-8")
    for name in ("py-editor", "py-terminal", "py-game", "codemirror", "xterm", "pyodide_graph", "toml-", "zip-"):
        assert "pyscript/%s" % name not in text.split('type="importmap"')[1].split("</script>")[0]


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page):
    from support import ROOT
    page.add_script_tag(path=str(ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map(v => ({id: v.id, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        AXE_TAGS)


def test_offline_file_is_accessible(offline_page):
    """axe-core (WCAG 2.2 A/AA) at the first question and on a long result."""
    offline_page.goto(offline_page.file_url)
    wait_ready(offline_page)
    assert axe_violations(offline_page) == []
    walk(offline_page, PATHS["doctor_advised"])
    offline_page.wait_for_selector(RESULT)
    assert axe_violations(offline_page) == []
    assert_offline_clean(offline_page)
