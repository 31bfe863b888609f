"""The pages every condition gets without anyone writing them: its checker, its embed frame and,
with more than one condition, the "Choose a checker" page. Pure functions of the rules and the
site settings, returning (src_uri, Markdown) for the plugin to add to the build.

What a checker page says about its condition comes from the rules (title, urgent notice, the most
urgent level's source) and the site settings (the condition's everyday name), never typed by hand.
"""
import html
import json

# Where each page of a condition is (src_uri, so `<id>/checker.md` is served at `<id>/checker/`).
DEFAULT_CHECKER = "checker.md"
DEFAULT_EMBED = "embed.md"
CHOOSER = "checkers.md"
CHOOSER_TITLE = "Choose a checker"


def checker_src(condition_id: str) -> str:
    return "%s/checker.md" % condition_id


def embed_src(condition_id: str) -> str:
    return "embed/%s.md" % condition_id


def static_dir(condition_id: str, default: bool = False) -> str:
    """Site-relative folder of a condition's step-by-step pages."""
    return "checker/static/" if default else "%s/checker/static/" % condition_id


def _front(title: str, description: str, template: str, condition_id: str) -> str:
    return "\n".join(["---", "title: " + json.dumps(title), "description: " + json.dumps(description),
                      "template: " + template, "checker: " + condition_id, "---", ""])


def topic(settings) -> str:
    """The condition as readers name it, for running text: 'muscle twitching'."""
    name = settings.alternate_name
    return name[:1].lower() + name[1:] if name[1:2].islower() or len(name) == 1 else name


# The checker page's and the embed page's description, by template, for a condition's name.
DESCRIPTIONS = {
    "checker.html": "Answer a few questions about your %s to find out whether you should get medical help. "
                    "It runs on your device, and your answers are never sent anywhere.",
    "embed.html": "The %s symptom checker, for showing inside another website. It runs on your device, "
                  "and your answers are never sent anywhere.",
}
START = "Answer a few short questions, one at a time. At the end you will see how urgent it is to get help, "


def _page(template: str, condition: dict, settings, body: str) -> str:
    about = topic(settings)
    return (_front("Symptom checker", DESCRIPTIONS[template] % about, template, condition["id"])
            + "\n# Check your %s\n\n" % about + START + body)


def checker_markdown(condition: dict, settings, root: str) -> str:
    """The checker page of one condition. `condition` is triage_core.get_condition's dict; `root`
    the way from the page back to the site root (its links are HTML, checked by the verifier)."""
    return _page("checker.html", condition, settings,
                 "why, and what you can do. It takes about two minutes.\n\n"
                 "Your answers stay on this device. They are not sent anywhere and are not saved.\n"
                 '%s Get medical help now (<a href="%s%s">when to get help</a>).\n\n' % (
                     html.escape(condition["urgent_notice"], quote=False), root,
                     html.escape(condition["levels"][0]["source"]))
                 + "This checker is for adults (16 and over). For a child, talk to a doctor or pharmacist\n"
                 '(<a href="%sabout/#policy-adults">why</a>).\n' % root)


def embed_markdown(condition: dict, settings) -> str:
    """The page a partner's frame shows: the checker without the site around it."""
    return _page("embed.html", condition, settings,
                 "and what you can do. Your answers stay on this device. They are not sent anywhere.\n"
                 "It is for adults (16 and over). For a child, talk to a doctor or pharmacist.\n")


DOWNLOADS_MARKER = "<!-- triage-downloads -->"


def downloads_markdown(condition_ids: list, titles: dict) -> str:
    """With more than one condition, each one's offline file and bundle (the ones above are the
    default condition's); nothing with one."""
    if len(condition_ids) < 2:
        return ""
    lines = ["## Every checker {#every-checker}", "",
             "Each checker has its own offline file and its own files to host yourself:", ""]
    for cid in condition_ids:
        lines.append('- %s: <a href="%s/checker-offline.html" download>offline file</a>, '
                     '<a href="%s/checker-bundle.zip" download>files to host yourself</a>'
                     % (html.escape(titles[cid]), cid, cid))
    return "\n".join(lines) + "\n"


def chooser_markdown(conditions: dict, titles: dict) -> str:
    """The "Choose a checker" page: one link a condition, by its everyday name. `titles` maps a
    condition id to its rules title."""
    lines = ["---", "title: " + json.dumps(CHOOSER_TITLE),
             "description: " + json.dumps("Pick the symptom checker for what you want to check. "
                                          "Each one runs on your device."), "---", "",
             "# " + CHOOSER_TITLE, "",
             "Pick the checker for what you want to check. Each one asks a few short questions and "
             "runs on your device. Your answers are not sent anywhere.", ""]
    for cid, settings in conditions.items():
        lines.append("- [%s](%s): %s" % (settings.alternate_name, checker_src(cid), html.escape(titles[cid])))
    return "\n".join(lines) + "\n"
