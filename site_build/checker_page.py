"""MkDocs hook: give the checker page its first question (HTML first), settings and PyScript config.

The first question is rendered at build time by the same view code the browser runs, so the
page can be answered before Python has loaded, and without a flash of different markup.
"""
import json

from site_build import browser_files, sources

STATIC_FLOW_URL = "checker/static/"
_titles = {}


def on_files(files, config, **kwargs):
    _titles.clear()
    _titles.update(sources.site_titles(files))
    return files


def json_for_html(value) -> str:
    """JSON that is safe inside a script or custom element (no `<` to end it early)."""
    return json.dumps(value, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e")


def root_of(page_url: str) -> str:
    """Relative path from a page (directory URLs) back to the site root."""
    return "../" * page_url.count("/")


def checker_context(condition_id: str, page_url: str, config) -> dict:
    import triage_core
    from checker_ui import views

    root = root_of(page_url)
    condition = triage_core.get_condition(condition_id)
    first = triage_core.next_question(condition_id, {})
    settings = {
        "base": root,
        "titles": _titles,
        "emergency_number": config["extra"].get("emergency_number", ""),
    }
    return {
        "condition": condition_id,
        "first_question": views.question_html(first, 1, len(condition["questions"]), None, root,
                                              _titles, can_go_back=False),
        "settings_json": json_for_html(settings),
        "pyscript_config": json_for_html(browser_files.pyscript_config(root)),
        "pyscript_off_config": json_for_html({"plugins": browser_files.PYSCRIPT_PLUGINS_OFF}),
        "root": root,
        "preloads": browser_files.preloads(root),
        "runtime": root + browser_files.RUNTIME_DIR,
        "static_flow": root + STATIC_FLOW_URL,
    }


def on_page_context(context, page, config, nav, **kwargs):
    condition_id = page.meta.get("checker")
    if condition_id:
        context["checker"] = checker_context(condition_id, page.url, config)
    return context
