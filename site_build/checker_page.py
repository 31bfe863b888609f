"""What a checker page needs: its first question (HTML first), settings and PyScript config.

The first question is rendered at build time by the same view code the browser runs, so the
page can be answered before Python has loaded, and without a flash of different markup.
"""
import json

from site_build import browser_files, minify

STATIC_FLOW_URL = "checker/static/"
CHECKER_ASSETS = browser_files.ROOT / "overrides" / "assets" / "checker"
BOOT_JS = CHECKER_ASSETS / "boot.js"
# The light page's styles, in cascade order: the page shell, the checker, the care cards.
PAGE_CSS = (CHECKER_ASSETS / "shell.css", CHECKER_ASSETS / "checker.css",
            browser_files.ROOT / "docs" / "assets" / "site.css")
# Theme files that only ever reach a page inlined, so they are not published as files of their own.
INLINE_ONLY = ("assets/checker/boot.js", "assets/checker/shell.css", "assets/checker/checker.css",
               "assets/checker/embed.css")


def without_inline_only(files):
    """Drop the theme files that only ever reach a page inlined."""
    for path in INLINE_ONLY:
        file = files.get_file_from_path(path)
        if file is not None:
            files.remove(file)
    return files


def json_for_html(value) -> str:
    """JSON that is safe inside a script or custom element (no `<`, `>` or `&` to end it early)."""
    return (json.dumps(value, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026"))


def root_of(page_url: str) -> str:
    """Relative path from a page (directory URLs) back to the site root."""
    return "../" * page_url.count("/")


def inline_css() -> str:
    """Every style the light pages use (light.html: the checker and its step-by-step version),
    to inline in their heads: no stylesheet request stands between the HTML and the page on
    screen."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in PAGE_CSS)
    return minify.css(text).replace("</", "<\\/")


def inline_boot() -> str:
    """boot.js, to inline as the head's first script: no request before the parser goes on."""
    return minify.js(BOOT_JS.read_text(encoding="utf-8")).replace("</", "<\\/")


# The page's PyScript script only has PyScript start MicroPython: boot.js, a PyScript plugin,
# starts the checker from PyScript's ready hook, before this would run.
MPY_SCRIPT = "\n# The checker is started by boot.js, from PyScript's ready hook.\n"


def checker_context(condition_id: str, site, titles: dict, base: str, root: str,
                    link_target: str = "", static_flow: str = STATIC_FLOW_URL, site_name: str = "") -> dict:
    """What partials/checker.html, checker-boot.html and checker-scripts.html need.

    `site` is the plugin's settings (site_build.config.TriageSiteConfig); `base` is where source
    links point (the site root from this page, or the published site for a standalone page);
    `root` is where the runtime and Python files are, relative to the page; `static_flow` the
    condition's step-by-step pages, relative to `base`; `site_name` ends each step's page title."""
    import triage_core
    from checker_ui import views

    condition = triage_core.get_condition(condition_id)
    first = triage_core.next_question(condition_id, {})
    settings = {"base": base, "titles": titles, "site_name": site_name,
                "emergency_number": site.emergency_number, "fhir_base": site.published_url}
    return {
        "condition": condition_id,
        "title": condition["title"],
        "urgent_notice": condition["urgent_notice"],
        "first_question": views.question_html(first, 1, len(condition["questions"]), None, base,
                                              titles, can_go_back=False, target=link_target),
        "settings_json": json_for_html(settings),
        "pyscript_config": json_for_html(browser_files.pyscript_config(root)),
        "pyscript_off_config": json_for_html({"plugins": browser_files.PYSCRIPT_PLUGINS_OFF}),
        "runtime_json": json_for_html({"core": browser_files.core_url(root),
                                       "entry": browser_files.ENTRY,
                                       "python": browser_files.archive_url(root),
                                       "preload": browser_files.preloads(root)}),
        "static_flow": base + static_flow,
        "link_target": link_target,
        "css": inline_css(),
        "boot_js": inline_boot(),
        "mpy_script": MPY_SCRIPT,
    }
