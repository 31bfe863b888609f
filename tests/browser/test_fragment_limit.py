"""A crafted link cannot hold up the page: a 1 MB fragment gets the invalid-link message within
200 ms of reaching a running checker (it is refused on its length, before any decoding), and a
page opened with one starts as usual and says the link could not be read. Before, decoding was
quadratic under MicroPython: 50,000 characters froze the page for 6.3 s."""
import pytest

from checker_steps import QUESTION, RESULT, current_question, wait_ready

pytestmark = pytest.mark.browser

MEGABYTE = 1 << 20

# Time from the checker being told of the new fragment (the hashchange event, caught by a
# listener added before the page's own: FIRST_LISTENER) to the notice on screen, measured in the page. Chromium's own work to
# set a 1 MB fragment (several hundred ms here, before the event) is not the checker's.
FIRST_LISTENER = "window.addEventListener('hashchange', () => { window.__hashAt = performance.now(); });"
TIMED = """size => new Promise(resolve => {
  const notice = document.querySelector('[data-triage-notice]');
  notice.textContent = ''; notice.hidden = true;
  window.__hashAt = null;
  new MutationObserver((records, observer) => {
    if (!notice.hidden && notice.textContent) {
      observer.disconnect();
      const started = window.__hashAt;
      resolve({ms: started === null ? null : performance.now() - started, text: notice.textContent});
    }
  }).observe(notice, {attributes: true, childList: true, characterData: true, subtree: true});
  location.hash = 'breathing_difficulty=' + '%C3%A9'.repeat(Math.floor(size / 6));
})"""


@pytest.mark.parametrize("path", ["checker/", "embed/"])
def test_a_megabyte_fragment_is_refused_within_200_ms(page, server, path):
    page.add_init_script(FIRST_LISTENER)
    page.goto(server.origin + "/" + path)
    wait_ready(page)
    page.evaluate(TIMED, 3000)  # once to warm up the path through Python
    # Up to three tries, from a short address each time: the machine is shared, and one slow
    # turn of its scheduler is not the page's.
    timings = []
    for _ in range(3):
        page.evaluate("history.replaceState(null, '', location.pathname)")
        found = page.evaluate(TIMED, MEGABYTE)
        assert "could not be read" in found["text"] and "longer than 2048 characters" in found["text"]
        assert found["ms"] is not None, found
        timings.append(found["ms"])
        if found["ms"] < 200:
            break
    assert min(timings) < 200, timings
    assert current_question(page) == "breathing_difficulty"
    assert page.locator(RESULT).count() == 0
    assert page.log.console_errors == []


def test_a_page_opened_with_a_long_fragment_starts_and_says_so(page, server):
    """Opened with a 100 KB link (headless Chromium itself takes many seconds to open a page at
    a 1 MB address, before the checker sees it), the checker starts and refuses the link."""
    page.goto(server.origin + "/checker/#" + "spread=one_area&" * (100_000 // 16))
    wait_ready(page)
    notice = page.locator("[data-triage-notice]")
    assert notice.is_visible() and "longer than 2048 characters" in notice.inner_text()
    page.wait_for_selector(QUESTION + "[data-question=breathing_difficulty]")
    assert page.log.console_errors == []
