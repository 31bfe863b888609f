"""WCAG contrast, computed in Chromium for what a reader sees, in each state a control can be in.

axe-core reports text on a background it cannot work out (a button's own colour, a stack of
see-through layers) only as "needs review", so a button whose text is its own colour passed the
accessibility tests. This measures instead: for every visible element that carries text, the
computed text colour over its effective background (its own and its ancestors' background
colours, composited with their alpha, and the text faded by every ancestor's opacity), against
4.5:1, or 3:1 for large text (24 px, or 18.66 px bold). A background image or gradient behind
text cannot be measured, so it counts as a failure. Keyboard focus must be drawn: a focus
outline needs 3:1 against the background around the control, and so does the edge of a button,
option or text box (its border, or its fill when that is what sets it apart; a button drawn as
an underlined link is told apart by its text, as a link is).

States are forced with the DevTools protocol (CSS.forcePseudoState) on every link, button,
label, summary and focusable element: normal, :hover, :focus, :focus + :focus-visible, and
:active + :hover; transitions are switched off first so a state is measured as it ends, not
half-way. Use `failures(page)` on a page in the state to check.
"""
import json

# Forced pseudo-classes, by the name reported with a failure.
STATES = {
    "normal": [],
    "hover": ["hover"],
    "focus": ["focus"],
    "focus-visible": ["focus", "focus-visible"],
    "active": ["active", "hover"],
}
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
CONTROLS = ("a[href], button, summary, label, input:not([type=hidden]), select, textarea, "
            "[tabindex]:not([tabindex='-1'])")

# Only controls on screen (not in a drawer parked off it) are put in each state.
MARK = """(selector) => {
  let i = 0;
  for (const el of document.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (el.checkVisibility({checkVisibilityCSS: true}) && r.width > 1 && r.height > 1 && r.right > 0 && r.left < innerWidth)
      el.setAttribute('data-contrast-control', String(i++));
  }
  return i;
}"""

MEASURE = r"""([state, selector, canvas]) => {
  const parse = (value) => {
    const m = value.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return {r: 0, g: 0, b: 0, a: 0};
    const mix = (k) => (top[k] * top.a + bottom[k] * bottom.a * (1 - top.a)) / a;
    return {r: mix('r'), g: mix('g'), b: mix('b'), a};
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const base = parse(canvas);
  // The background behind an element: its own and its ancestors' colours, top layer first.
  const background = (el) => {
    const layers = [];
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const cs = getComputedStyle(n);
      if (cs.backgroundImage !== 'none') return {unknown: 'background image on ' + describe(n)};
      const c = parse(cs.backgroundColor);
      if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
    }
    let colour = base;
    for (let k = layers.length - 1; k >= 0; k--) colour = over(layers[k], colour);
    return {colour};
  };
  const opacity = (el) => {
    let o = 1;
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) o *= Number(getComputedStyle(n).opacity);
    return o;
  };
  const describe = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    const cls = (el.getAttribute('class') || '').trim().split(/\s+/).filter(Boolean).slice(0, 2);
    if (cls.length) s += '.' + cls.join('.');
    const text = (el.innerText || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return text ? s + ' "' + text + '"' : s;
  };
  const shown = (el) => {
    if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false;          // visually hidden (clipped) text
    return r.right > 0 && r.left < innerWidth;                  // not a drawer parked off screen
  };
  const ownText = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const hex = (c) => 'rgba(' + [c.r, c.g, c.b].map(Math.round).join(',') + ',' + c.a.toFixed(2) + ')';
  const controls = [...document.querySelectorAll('[data-contrast-control]')];
  const failures = [];
  const fail = (el, problem, extra) => failures.push(Object.assign({state, element: describe(el), problem}, extra || {}));

  // Text: every element with text of its own (in a forced state, only text in or on a control).
  for (const el of document.body.querySelectorAll('*')) {
    const isField = el.matches('input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea, button');
    if (!(ownText(el) || (isField && (el.value || el.innerText || '').trim()))) continue;
    if (['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'OPTION'].includes(el.tagName)) continue;
    if (state !== 'normal' && !el.closest('[data-contrast-control]')) continue;
    if (!shown(el)) continue;
    const cs = getComputedStyle(el);
    const bg = background(el);
    if (bg.unknown) { fail(el, bg.unknown); continue; }
    const fgRaw = parse(cs.color);
    const fg = over(Object.assign({}, fgRaw, {a: fgRaw.a * opacity(el)}), bg.colour);
    const size = parseFloat(cs.fontSize), bold = Number(cs.fontWeight) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    const need = large ? 3 : 4.5;
    const got = ratio(fg, bg.colour);
    if (got < need - 0.005) fail(el, 'text contrast', {ratio: Math.round(got * 100) / 100, need, fg: hex(fg), bg: hex(bg.colour)});
  }

  // Focus: an outline the reader can see against what is around the control.
  if (state === 'focus-visible') {
    for (const el of controls) {
      if (!shown(el) || el.matches('label')) continue;
      const cs = getComputedStyle(el);
      if (cs.outlineStyle === 'auto') continue;                 // the browser's own two-tone ring
      const around = background(el.parentElement || el);
      const width = parseFloat(cs.outlineWidth);
      if (cs.outlineStyle === 'none' || !(width > 0)) {
        if (cs.boxShadow === 'none') fail(el, 'no focus indicator');
        continue;
      }
      if (around.unknown) { fail(el, around.unknown); continue; }
      const ring = over(parse(cs.outlineColor), around.colour);
      const inside = parseFloat(cs.outlineOffset) < 0 ? background(el) : around;
      const got = Math.min(ratio(ring, around.colour), inside.unknown ? 0 : ratio(ring, inside.colour));
      if (got < 3 - 0.005) fail(el, 'focus outline contrast', {ratio: Math.round(got * 100) / 100, need: 3});
    }
  }

  // The edge of a button, an answer option or a text box: its border or its fill, 3:1.
  for (const el of document.querySelectorAll(
      'button, a.md-button, a.triage-link-option, a.site-check__button, .triage-option, ' +
      'input:not([type=checkbox]):not([type=radio]):not([type=hidden]), select, textarea')) {
    if (!shown(el) || (state !== 'normal' && !el.closest('[data-contrast-control]') &&
                       !el.querySelector('[data-contrast-control]'))) continue;
    const cs = getComputedStyle(el);
    const around = background(el.parentElement);
    const own = background(el);
    if (around.unknown || own.unknown) { fail(el, around.unknown || own.unknown); continue; }
    if (ratio(own.colour, around.colour) >= 3) continue;
    // A button drawn as a link (underlined text, no fill, no border) is told apart by its text, as
    // a link is; its text's contrast is measured above.
    if (el.tagName === 'BUTTON' && cs.textDecorationLine.includes('underline') &&
        ratio(own.colour, around.colour) < 1.01 && !(parseFloat(cs.borderTopWidth) > 0)) continue;
    const border = parseFloat(cs.borderTopWidth) > 0 && cs.borderTopStyle !== 'none'
      ? ratio(over(parse(cs.borderTopColor), around.colour), around.colour) : 0;
    if (border < 3 - 0.005) fail(el, 'control edge contrast', {ratio: Math.round(border * 100) / 100, need: 3});
  }
  return failures;
}"""


def _cdp(page):
    session = getattr(page, "_contrast_cdp", None)
    if session is None:
        session = page.context.new_cdp_session(page)
        session.send("DOM.enable")
        session.send("CSS.enable")
        page._contrast_cdp = session
    return session


def add_style(page, css: str):
    """A style sheet added through DevTools, as a person inspecting the page would: the page's
    Content-Security-Policy rightly refuses an injected <style>, and a test should not turn the
    policy off to look at the page."""
    cdp = _cdp(page)
    # A frame has one such sheet ("via inspector"): each call sets its whole text, so keep it all.
    page._contrast_css = getattr(page, "_contrast_css", [])
    if css not in page._contrast_css:
        page._contrast_css.append(css)
    frame = cdp.send("Page.getFrameTree")["frameTree"]["frame"]["id"]
    sheet = cdp.send("CSS.createStyleSheet", {"frameId": frame})["styleSheetId"]
    cdp.send("CSS.setStyleSheetText", {"styleSheetId": sheet, "text": "\n".join(page._contrast_css)})


def failures(page, states=tuple(STATES)) -> list:
    """Every contrast failure on the page as it is now, in each forced state."""
    cdp = _cdp(page)
    add_style(page, NO_TRANSITIONS)
    page.evaluate(MARK, CONTROLS)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": "[data-contrast-control]"})["nodeIds"]
    dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
    # What shows where no element paints a background: the browser's canvas for the scheme.
    canvas = "rgb(18, 18, 18)" if dark and page.evaluate(
        "getComputedStyle(document.documentElement).colorScheme.includes('dark')") else "rgb(255, 255, 255)"
    found, now = [], []
    for state in states:
        if STATES[state] != now:        # each call replaces the node's forced states
            now = STATES[state]
            for node in nodes:
                cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": now})
        found += page.evaluate(MEASURE, [state, CONTROLS, canvas])
    if now:
        for node in nodes:
            cdp.send("CSS.forcePseudoState", {"nodeId": node, "forcedPseudoClasses": []})
    page.evaluate("() => { for (const el of document.querySelectorAll('[data-contrast-control]')) "
                  "el.removeAttribute('data-contrast-control'); }")
    return found


def report(found: list) -> str:
    return json.dumps(found, indent=1)
