"""WCAG 2.2 Reflow (1.4.10) and Text Spacing (1.4.12): at 320 CSS px wide (a 1280 px screen
zoomed to 400 %) and with a reader's own wider line, paragraph, letter and word spacing, every
page and every state of the checker reads without scrolling sideways and without cut-off text.
axe cannot judge either: both need the page laid out under the reader's settings."""
import pytest

from checker_steps import STATES, reach, wait_ready
from support import built_pages

pytestmark = pytest.mark.browser

NARROW = {"width": 320, "height": 640}

# The spacing 1.4.12 says content must survive, as a reader's style sheet would set it.
SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
                 word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""

# Visible boxes that hide what does not fit (overflow hidden or clip) and have more content than
# room. Left out by design: text hidden for all but screen readers (a 1 px box) and form fields,
# whose text scrolls inside them.
CUT_OFF = """root => [...document.querySelectorAll(root + ', ' + root + ' *')].filter(e => {
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(e.tagName)) return false;
  if (e.getClientRects().length === 0 || (e.clientWidth <= 1 && e.clientHeight <= 1)) return false;
  const s = getComputedStyle(e);
  const hides = v => v === 'hidden' || v === 'clip';
  return (hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
      || (hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1);
}).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ': '
            + (e.textContent || '').trim().slice(0, 40))"""


def problems(page) -> dict:
    """Sideways scroll and cut-off text on the page as it is now. On Material pages only the
    content is judged: the theme shortens the site name in its header on purpose (the same name
    is the page's own heading or in the menu)."""
    root = ".md-content" if page.locator(".md-content").count() else "body"
    found = {}
    sideways = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if sideways > 1:
        found["scrolls sideways by px"] = sideways
    cut = page.evaluate(CUT_OFF, root)
    if cut:
        found["cut off"] = cut[:5]
    return found


def open_spaced(make_page, url):
    page = make_page(viewport=NARROW)
    page.goto(url)
    page.add_style_tag(content=SPACING)
    return page


def test_the_check_finds_planted_faults(make_page, server):
    """The canary: a line too long to wrap and a box that clips its text are both reported, so
    an empty result below means something."""
    page = open_spaced(make_page, server.origin + "/about/")
    assert problems(page) == {}
    page.evaluate("""document.querySelector('article').insertAdjacentHTML('beforeend',
        '<p style="white-space: nowrap">' + 'word '.repeat(80) + '</p>'
        + '<div style="height: 1em; overflow: hidden">One line<br>and a second</div>')""")
    found = problems(page)
    assert found["scrolls sideways by px"] > 100
    assert any("One line" in item for item in found["cut off"])


def test_every_built_page(make_page, server, site_dir):
    failures = {}
    pages = built_pages(site_dir)
    assert len(pages) >= 30  # the article, About, Download, For partners, the step-by-step flow
    for path in pages:
        page = open_spaced(make_page, server.origin + "/" + path)
        page.locator("h1").first.wait_for()
        found = problems(page)
        if found:
            failures[path] = found
        page.context.close()
    assert failures == {}


@pytest.mark.parametrize("path", ["checker/", "embed/"])
@pytest.mark.parametrize("state", STATES)
def test_checker_states(make_page, server, path, state):
    """The running checker, in its own page and as partners embed it: each question type and
    each result with the share box open (the longest line it shows is the link)."""
    page = open_spaced(make_page, server.origin + "/" + path)
    wait_ready(page)
    reach(page, state)
    assert problems(page) == {}
