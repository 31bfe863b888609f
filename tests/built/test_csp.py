"""Every built page states a Content-Security-Policy that keeps it on this site: nothing may be
loaded from, fetched from or sent to another origin, no form may be submitted, and only the
site's own inline scripts (by hash) may run. Only pages that run Python may compile code."""
import base64
import hashlib
import html.parser
import re
import zipfile

import pytest

from site_build.csp import policy, with_policy


class Head(html.parser.HTMLParser):
    """The page's policy, what comes before it, and the text of each script a browser runs."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.policies, self.before, self.runs = [], [], []
        self._script = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(a["content"])
        elif not self.policies:
            self.before.append((tag, a))
        if tag == "script" and "src" not in a and (a.get("type") or "") in ("", "module", "text/javascript"):
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.runs.append("".join(self._script))
            self._script = None


def directives(text):
    return {part.split()[0]: part.split()[1:] for part in text.split(";") if part.strip()}


def site_pages(site_dir):
    return [p for p in sorted(site_dir.rglob("*.html")) if not p.relative_to(site_dir).parts[0].startswith("bench")]


def test_every_page_keeps_to_its_own_origin(site_dir):
    pages = site_pages(site_dir)
    assert len(pages) >= 35
    for path in pages:
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        name = str(path.relative_to(site_dir))
        assert len(head.policies) == 1, name
        # Nothing the policy governs comes before it.
        assert [t for t, _ in head.before if t not in ("html", "head", "meta")] == [], name
        rules = directives(head.policies[0])
        if path.name == "checker-offline.html":
            continue    # a saved file has no origin: its own stricter policy (test_download)
        assert rules["default-src"] == ["'none'"], name
        for directive in ("connect-src", "img-src", "style-src"):
            assert rules[directive][0] == "'self'" and not any(
                re.match(r"https?:|\*|blob:", s) for s in rules[directive]), (name, directive)
        assert rules["form-action"] == ["'none'"] and rules["base-uri"] == ["'none'"], name
        scripts = rules["script-src"]
        assert "'unsafe-inline'" not in scripts, name
        for body in head.runs:
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            assert "'sha256-%s'" % digest in scripts, (name, body[:60])
        python = "<mpy-config" in path.read_text(encoding="utf-8")
        assert ("'wasm-unsafe-eval'" in scripts) == python, name
        assert ("'unsafe-eval'" in scripts) == python, name


def test_checker_pages_run_python_and_article_pages_do_not(site_dir):
    checker = directives(head_policy(site_dir / "checker" / "index.html"))
    article = directives(head_policy(site_dir / "fasciculations" / "index.html"))
    assert "'wasm-unsafe-eval'" in checker["script-src"]
    assert "'wasm-unsafe-eval'" not in article["script-src"] and "'unsafe-eval'" not in article["script-src"]


def head_policy(path):
    head = Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head.policies[0]


def test_self_host_bundle_brings_the_policy_with_it(site_dir):
    """Whatever headers a partner's server sends, the bundle's page keeps to its host."""
    with zipfile.ZipFile(site_dir / "download" / "checker-bundle.zip") as zf:
        text = zf.read("fasciculations-checker/index.html").decode("utf-8")
    head = Head()
    head.feed(text)
    rules = directives(head.policies[0])
    assert rules["default-src"] == ["'none'"] and rules["connect-src"] == ["'self'"]
    assert "'wasm-unsafe-eval'" in rules["script-src"] and "'unsafe-inline'" not in rules["script-src"]
    assert head.runs and all("'sha256-%s'" % base64.b64encode(hashlib.sha256(b.encode()).digest()).decode()
                             in rules["script-src"] for b in head.runs)


@pytest.mark.parametrize("script, hashed", [
    ("<script>run()</script>", True),
    ('<script type="module">run()</script>', True),
    ('<script type="application/json">{"a": 1}</script>', False),
    ('<script type="mpy">print(1)</script>', False),
    ('<script src="a.js"></script>', False),
])
def test_only_scripts_the_browser_runs_are_hashed(script, hashed):
    page = '<!doctype html><html><head><meta charset="utf-8">%s</head></html>' % script
    assert ("'sha256-" in policy(page)) == hashed


def test_policy_is_added_once_after_the_charset():
    page = '<!doctype html><html><head><meta charset="utf-8"><script>go()</script></head></html>'
    once = with_policy(page)
    assert with_policy(once) == once
    assert once.index("Content-Security-Policy") < once.index("<script>")
    assert with_policy("<p>no head</p>") == "<p>no head</p>"
