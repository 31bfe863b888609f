"""The inline styles and boot script lose comments and indentation, and nothing else."""
import pathlib
import shutil
import subprocess

import pytest
from hypothesis import given
from hypothesis import strategies as st

from site_build import checker_page, minify

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_css_drops_comments_indentation_and_blank_lines():
    text = "/* The shell. */\nbody {\n  margin: 0; /* no gap */\n\n  color: #111;\n}\n"
    assert minify.css(text) == "body {\nmargin: 0;\ncolor: #111;\n}\n"


def test_js_keeps_code_that_looks_like_a_comment():
    text = ('/* Header\n   comment. */\n(function () {\n  // a whole-line comment\n'
            '  var re = /\\/assets\\//; var url = "http://x"; // trailing, kept\n})();\n')
    assert minify.js(text) == ('(function () {\nvar re = /\\/assets\\//; var url = "http://x"; '
                               '// trailing, kept\n})();\n')


@given(st.text(alphabet="abc{};:#0 \n\t-", max_size=200))
def test_css_without_comments_keeps_every_character_but_spacing(text):
    out = minify.css(text)
    assert "".join(out.split()) == "".join(text.split())
    assert "\n\n" not in out


def test_inlined_boot_script_still_parses():
    """The real boot.js, as the pages carry it, is valid JavaScript (Node's syntax check)."""
    node = shutil.which("node") or "/usr/bin/node"
    if not pathlib.Path(node).exists():
        pytest.fail("node is needed (scripts/setup.sh installs it with the npm packages)")
    boot = checker_page.inline_boot()
    assert "/*" not in boot and "\n//" not in boot
    assert len(boot) < len(checker_page.BOOT_JS.read_text(encoding="utf-8")) * 0.8
    proc = subprocess.run([node, "--check", "-"], input=boot, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    broken = boot.replace("function", "functio", 1)  # the check can fail
    assert subprocess.run([node, "--check", "-"], input=broken, capture_output=True, text=True).returncode != 0


def test_inlined_styles_keep_every_rule():
    """Each selector of the light pages' stylesheets is still in the inline styles."""
    css = checker_page.inline_css()
    assert "/*" not in css
    flat = " ".join(css.split())
    for path in checker_page.PAGE_CSS:
        source = minify._BLOCK.sub("", path.read_text(encoding="utf-8"))
        for selector in source.split("{")[:-1]:
            last = selector.strip().split("}")[-1].strip()
            if last:
                assert " ".join(last.split()) in flat, (path.name, last)
