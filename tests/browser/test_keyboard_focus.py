"""Keyboard focus is always on screen and always marked (WCAG 2.4.7 Focus Visible, 2.4.11 Focus
Not Obscured). Tabbing through a whole page at phone, small-laptop and desktop widths, every
element that takes focus is at least partly in view, not under the sticky header or inside a
drawer parked off screen, draws a focus indicator, and keeps its text readable on the colours
it takes when focused (WCAG 1.4.3). axe cannot see either: both depend on
where focus goes and what the page looks like at that moment."""
import pytest

from checker_steps import PATHS, RESULT, static_result_page, wait_ready, walk

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 320, "small laptop": 1024, "desktop": 1280}
PAGES = ["", "fasciculations/", "fasciculations/when-to-get-help/", "about/",
         "checker/static/", static_result_page(), "checker/"]
MAX_TABS = 150

# Transitions off, so each check sees where things end up rather than half-way there.
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"
# Material sizes its sticky sidebars to the scroll position in an animation frame after a scroll:
# for that frame the table of contents reaches over the footer's "Next" link, which Tab has just
# scrolled into view. A reader sees the settled page, so each check waits two frames.
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

# Whether a person can see the focused element: a point of it (the centre or near a corner of
# any of its boxes) shows the element itself, a part of it or its label, not something drawn over it.
FOCUSED = r"""() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const points = [];
  for (const r of e.getClientRects()) {  // one box per line of a link that wraps
    points.push([r.left + r.width / 2, r.top + r.height / 2], [r.left + 2, r.top + 2],
                [r.right - 2, r.bottom - 2]);
  }
  const mine = h => h && (h === e || e.contains(h) || (e.labels && [...e.labels].some(l => l.contains(h))));
  const s = getComputedStyle(e);
  // Text on the element's own background, where it paints one (a focused button often does).
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = c => rgb(c).slice(0, 3).map(v => v / 255)
    .map(v => v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const bg = rgb(s.backgroundColor);
  const [hi, lo] = [lum(s.color), lum(s.backgroundColor)].sort((a, b) => b - a);
  return {
    contrast: bg.length === 3 || bg[3] === 1 ? (hi + 0.05) / (lo + 0.05) : null,
    name: e.tagName.toLowerCase() + ' "' + (e.textContent || e.value || e.getAttribute('aria-label') || '').trim().slice(0, 40) + '"',
    seen: points.some(([x, y]) => mine(document.elementFromPoint(x, y))),
    marked: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none',
    key: (window.__focusIds = window.__focusIds || new WeakMap()).get(e)
         || (window.__focusIds.set(e, (window.__focusCount = (window.__focusCount || 0) + 1)), window.__focusCount),
  };
}"""


def tab_through(page) -> list:
    """Press Tab until focus comes back round to where it started; what was wrong on the way."""
    page.add_style_tag(content=NO_MOTION)
    problems, first = [], None
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        page.evaluate(SETTLED)
        info = page.evaluate(FOCUSED)
        if info is None:
            continue
        if info["key"] == first:
            return problems
        first = first or info["key"]
        if not info["seen"]:
            problems.append("out of sight: " + info["name"])
        if not info["marked"]:
            problems.append("no focus indicator: " + info["name"])
        if info["contrast"] is not None and info["contrast"] < 4.5:
            problems.append("text contrast %.1f when focused: %s" % (info["contrast"], info["name"]))
    raise AssertionError("focus did not come round in %d presses of Tab" % MAX_TABS)


def test_the_check_finds_hidden_and_unmarked_focus(make_page, server):
    """The canary: a link parked off screen, a link with its outline taken away and a link with
    white text on a pale background are reported."""
    page = make_page(viewport={"width": WIDTHS["desktop"], "height": 800})
    page.goto(server.origin + "/about/")
    page.evaluate("""document.querySelector('article').insertAdjacentHTML('afterbegin',
        '<a href="#" style="position: fixed; left: -500px">Parked</a>'
        + '<a href="#" class="bare" style="outline: none">Bare</a>'
        + '<a href="#" style="color: #fff; background: #eef0fb">Pale</a>')""")
    problems = tab_through(page)
    assert 'out of sight: a "Parked"' in problems
    assert 'no focus indicator: a "Bare"' in problems
    assert any(p.startswith("text contrast 1.1 when focused") and p.endswith('"Pale"') for p in problems), problems


@pytest.mark.parametrize("width", sorted(WIDTHS))
@pytest.mark.parametrize("path", PAGES)
def test_focus_stays_in_view_and_marked(make_page, server, path, width):
    page = make_page(viewport={"width": WIDTHS[width], "height": 700})
    page.goto(server.origin + "/" + path)
    if path == "checker/":
        wait_ready(page)
    assert tab_through(page) == []


@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_focus_on_a_checker_result(make_page, server, width):
    page = make_page(viewport={"width": WIDTHS[width], "height": 700})
    page.goto(server.origin + "/checker/")
    wait_ready(page)
    walk(page, PATHS["doctor_advised"])
    page.wait_for_selector(RESULT)
    assert tab_through(page) == []
