"""One site: the article pages (Material) and the light pages (checker, step-by-step, offline
file) share the palette, type, header and footer colours, in light and dark by the reader's
system setting; Home and every article page lead to the checker; Home's emergency line is an
urgent callout; the 404 page is in the site's style and leads Home and to the checker."""
import re

import pytest

from checker_steps import static_result_page
from checker_ui import notices
from support import built_pages

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
MATERIAL_PAGES = ["", "fasciculations/", "fasciculations/causes/", "404.html"]
LIGHT_PAGES = ["checker/", "checker/static/", "embed/"]
# What each kind of page paints its parts with, to compare across the two kinds.
LOOK = """() => {
  const style = (sel, prop) => { const el = document.querySelector(sel); return el && getComputedStyle(el)[prop]; };
  const header = document.querySelector('.md-header, .sa-header');
  const footer = document.querySelector('.md-footer-meta, .sa-site-footer, footer');
  const link = document.querySelector('.md-content a[href]:not(.md-button):not([class*="button"]), .sa-main p a[href]');
  return {
    background: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.body).color,
    font: getComputedStyle(document.body).fontFamily,
    header: header && getComputedStyle(header).backgroundColor,
    headerText: header && getComputedStyle(header).color,
    footer: footer && getComputedStyle(footer).backgroundColor,
    footerText: footer && footer.innerText.replace(/\\s+/g, ' '),
    link: link && getComputedStyle(link).color,
    h1Weight: style('h1', 'fontWeight'),
  };
}"""


def article_pages(site_dir) -> list:
    """Pages with structured data (schema.org): the condition's articles."""
    found = []
    for path in built_pages(site_dir):
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        if 'type="application/ld+json"' in html:
            found.append(path)
    return found


def look(make_page, url, scheme):
    page = make_page(viewport=PHONE, color_scheme=scheme)
    page.goto(url)
    got = page.evaluate(LOOK)
    page.context.close()
    return got


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_article_and_checker_pages_look_alike(make_page, server, scheme):
    """The same background, text colour, font, header, footer, link colour and heading weight
    on the Material pages and the light pages."""
    looks = {path: look(make_page, server.origin + "/" + path, scheme) for path in MATERIAL_PAGES + LIGHT_PAGES}
    first = looks[""]
    assert all(first.values()), first
    for path, got in looks.items():
        for key in ("background", "text", "font", "link", "h1Weight"):
            assert got[key] == first[key], (path, key, got[key], first[key])
        if path != "embed/":               # the embed has no header or footer of its own
            for key in ("header", "headerText", "footer"):
                assert got[key] == first[key], (path, key, got[key], first[key])
            assert notices.DISCLAIMER.partition("{")[0].strip() in got["footerText"], (path, "the one disclaimer")


def luminance(rgb: str) -> float:
    r, g, b = (int(v) / 255 for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("path", MATERIAL_PAGES + LIGHT_PAGES + [static_result_page()])
def test_dark_mode_follows_the_system_setting(make_page, server, path):
    light = look(make_page, server.origin + "/" + path, "light")
    dark = look(make_page, server.origin + "/" + path, "dark")
    assert luminance(light["background"]) > 0.9 and luminance(light["text"]) < 0.3, light
    assert luminance(dark["background"]) < 0.15 and luminance(dark["text"]) > 0.8, dark


@pytest.mark.parametrize("path", ["fasciculations/when-to-get-help/", static_result_page()])
def test_printout_takes_the_light_colours_in_dark_mode(make_page, server, path):
    """Paper is white: printed from a device in dark mode, the text is still dark."""
    page = make_page(viewport=PHONE, color_scheme="dark")
    page.goto(server.origin + "/" + path)
    page.emulate_media(media="print", color_scheme="dark")
    got = page.evaluate(LOOK)
    assert luminance(got["text"]) < 0.3 and luminance(got["background"]) > 0.9, got
    card = page.locator(".care-card").first.evaluate("c => getComputedStyle(c).color")
    assert luminance(card) < 0.3, card


def test_offline_file_follows_the_system_setting(make_page, site_dir, tmp_path):
    saved = tmp_path / "checker-offline.html"
    saved.write_bytes((site_dir / "download" / "checker-offline.html").read_bytes())
    site = look(make_page, saved.as_uri(), "dark")
    assert luminance(site["background"]) < 0.15 and luminance(site["text"]) > 0.8, site


def test_no_theme_toggle_and_nothing_stored(make_page, server):
    """Dark mode comes from CSS alone: no palette toggle (Material's stores the choice)."""
    page = make_page(color_scheme="dark")
    page.goto(server.origin + "/fasciculations/")
    assert page.locator("[data-md-component=palette]").count() == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes('palette'))") == []


def test_check_your_symptoms_on_home_and_every_article(make_page, base_url, site_dir):
    """A "Check your symptoms" button after each page's introduction (before its first
    section), leading to the checker (also when the site lives under a sub-path); on Home and
    the condition's overview, on a phone's first screen."""
    pages = [""] + article_pages(site_dir)
    assert len(pages) >= 5
    for path in pages:
        page = make_page(viewport=PHONE)
        page.goto(base_url + path)
        button = page.get_by_role("link", name="Check your symptoms", exact=True)
        assert button.count() == 1, path
        box = button.bounding_box()
        assert box["height"] >= 44, (path, box)
        assert button.evaluate("b => { const h = document.querySelector('article h2');"
                               " return !h || !!(b.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING); }")
        if path.count("/") <= 1:
            assert box["y"] + box["height"] <= PHONE["height"], (path, box)
        button.click()
        page.wait_for_selector("[data-triage-checker-app]")
        assert page.url.startswith(base_url) and page.url.endswith("checker/"), (path, page.url)
        page.context.close()


def test_home_emergency_line_is_an_urgent_callout(make_page, server):
    page = make_page(viewport=PHONE)
    page.goto(server.origin + "/")
    callout = page.locator(".site-urgent")
    assert callout.count() == 1
    text = callout.inner_text()
    assert "Get medical help now" in text and "{emergency_number}" not in text
    assert re.search(r"\d{3}", text), text                   # the number to call is filled in
    box = callout.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]       # seen without scrolling
    border = callout.evaluate("e => getComputedStyle(e).borderLeftColor")
    assert border == "rgb(176, 0, 32)"                       # the palette's urgent red


def test_404_page_in_the_sites_style(make_page, server):
    page = make_page(viewport=PHONE)
    page.goto(server.origin + "/404.html")
    assert page.locator("h1").inner_text() == "Page not found"
    drawn, article = page.evaluate(LOOK), look(make_page, server.origin + "/fasciculations/causes/", "light")
    assert notices.DISCLAIMER.partition("{")[0].strip() in drawn.pop("footerText")
    article.pop("footerText")    # an article's footer also links the next page
    assert drawn == article
    home = page.get_by_role("link", name="Go to the home page")
    checker = page.locator("article").get_by_role("link", name="Check your symptoms")
    assert home.get_attribute("href") and checker.get_attribute("href")
    checker.click()
    page.wait_for_selector("[data-triage-checker-app]")
    page.go_back()
    page.get_by_role("link", name="Go to the home page").click()
    page.wait_for_selector(".site-urgent")
