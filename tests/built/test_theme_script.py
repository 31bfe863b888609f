"""Material's JavaScript bundle never holds up a page's first paint: every page that loads it
loads it deferred (site_build/theme_script.py), and Material's code still runs."""
import re

import pytest

from site_build.theme_script import defer_theme_bundle

SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"[^\"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js\"[^>]*>")


def test_every_theme_page_defers_the_bundle(site_dir):
    seen = 0
    for page in sorted(site_dir.rglob("*.html")):
        for tag in SCRIPT.findall(page.read_text(encoding="utf-8")):
            seen += 1
            assert re.search(r"\sdefer[\s>]", tag), "%s: %s" % (page.relative_to(site_dir), tag)
    assert seen >= 6  # Home, the articles, Download, About, For partners, 404.html


@pytest.mark.parametrize("html", [
    '<script src="js/app.js"></script>',
    '<script async src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>',
    '<script>var bundle = "assets/javascripts/bundle.a5f9d56c.min.js";</script>',
])
def test_other_scripts_are_left_alone(html):
    assert defer_theme_bundle(html) == html
