"""Screenshots for a person to review the site's look: Home, an article, the checker at its first
question and a result, the step-by-step checker's result and the 404 page, each at 375 px (a
phone, 375 x 667) and 1280 px wide, in light and dark colours.

Builds the site (strict) into a temporary folder, serves it on 127.0.0.1 and drives Chromium with
the test suite's flags. The pictures go to screenshots/ (not committed), named
<page>-<width>-<scheme>.png; with --full, whole pages rather than the first screen. Beside them,
sheet-<width>.png puts every page's light and dark pictures side by side, to see at a glance
whether it all looks like one site.

Usage: .venv/bin/python scripts/screenshots.py [--out screenshots] [--full] [--site DIR]
"""
import argparse
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from checker_steps import PATHS, RESULT, static_result_page, wait_ready, walk  # noqa: E402
from support import CHROMIUM_ARGS, StaticServer, build_site, chromium_path  # noqa: E402

SIZES = {375: 667, 1280: 800}
SCHEMES = ("light", "dark")


def shots():
    """(name, site-relative address, what to do once loaded) for each picture."""
    def checker_result(page):
        wait_ready(page)
        walk(page, PATHS["emergency"])
        page.wait_for_selector(RESULT)

    return [
        ("home", "", None),
        ("article", "fasciculations/", None),
        ("when-to-get-help", "fasciculations/when-to-get-help/", None),
        ("checker", "checker/", wait_ready),
        ("result", "checker/", checker_result),
        ("step-by-step-result", static_result_page("self_care"), None),
        ("not-found", "404.html", None),
    ]


def take(site: pathlib.Path, out: pathlib.Path, full: bool) -> list:
    from playwright.sync_api import sync_playwright
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with StaticServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        for width, height in SIZES.items():
            for scheme in SCHEMES:
                context = browser.new_context(viewport={"width": width, "height": height},
                                              color_scheme=scheme,
                                              device_scale_factor=1)
                for name, path, then in shots():
                    page = context.new_page()
                    page.goto(server.origin + "/" + path)
                    if then:
                        then(page)
                    page.evaluate("document.fonts.ready")
                    target = out / ("%s-%d-%s.png" % (name, width, scheme))
                    page.screenshot(path=str(target), full_page=full)
                    saved.append(target)
                    page.close()
                context.close()
        for width in SIZES:
            saved.append(contact_sheet(browser, out, width))
        browser.close()
    return saved


def contact_sheet(browser, out: pathlib.Path, width: int) -> pathlib.Path:
    """One picture with each page's light and dark screenshots at `width` side by side."""
    cells = "".join(
        "<figure><figcaption>%s</figcaption>%s</figure>" % (name, "".join(
            '<img src="%s-%d-%s.png">' % (name, width, scheme) for scheme in SCHEMES))
        for name, _, _ in shots())
    sheet = out / ("sheet-%d.html" % width)
    sheet.write_text("<!doctype html><style>body{margin:8px;font:14px sans-serif;display:flex;"
                     "flex-wrap:wrap;gap:12px}figure{margin:0}img{display:inline-block;width:%dpx;"
                     "margin-right:4px;border:1px solid #888;vertical-align:top}</style>%s"
                     % (min(width, 375) if width <= 375 else 480, cells), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1600 if width <= 375 else 2000, "height": 600})
    page.goto(sheet.as_uri())
    target = out / ("sheet-%d.png" % width)
    page.screenshot(path=str(target), full_page=True)
    page.close()
    sheet.unlink()
    return target


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "screenshots")
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screen")
    parser.add_argument("--site", type=pathlib.Path, help="a built site to use instead of building")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or build_site(pathlib.Path(tmp) / "site")
        for path in take(site, args.out, args.full):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
