"""MkDocs hook: the theme's JavaScript bundle loads with `defer` on the article pages.

Material ends each page with `<script src=".../bundle.<hash>.min.js">`, a script that holds the
parser where it stands: Chromium marks it "in body, parser blocking" and Lighthouse's phone
model then waits for its 35 KB (gzipped) before the first paint. Nothing on the page needs it
before then (it adds the back-to-top button and keeps the contents in view as the page scrolls),
and a deferred script still runs before DOMContentLoaded, in order, with the whole page parsed,
where Material's code looks for it. Measured with Lighthouse 12.2.3 (mobile, gzipped,
benchmarks/lighthouse.py): first paint on Home and an article 1.2-1.27 s deferred against
1.46-1.62 s as Material writes it.
"""
import re

# Material's bundle, wherever the page sits (the address is relative to it). Scripts that
# already say async, defer or type=module are left as they are, as is every other script.
BUNDLE = re.compile(r'<script src="((?:[^"]*/)?assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def defer_theme_bundle(html: str) -> str:
    """The page with Material's bundle script deferred; any other page unchanged."""
    return BUNDLE.sub(r'<script defer src="\1"></script>', html)


def on_post_page(output, page, config, **kwargs):
    return defer_theme_bundle(output)


def on_post_template(output_content, template_name, config, **kwargs):
    """Static templates (404.html) carry the bundle too."""
    return defer_theme_bundle(output_content) if template_name.endswith(".html") else output_content
