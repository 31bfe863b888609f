"""MkDocs hook: site settings written into the pages' text.

A page says `{emergency_number}` where the number to call goes, as the rules' texts do, and the
build writes in `extra.emergency_number`. One setting then changes the article, the checker and
the step-by-step pages alike, so a site set up for one country never tells people two things.
A placeholder the site does not set fails a strict build instead of showing up in a page.
"""
import logging
import re

log = logging.getLogger("mkdocs.hooks.page_settings")

# Settings a page may use, by placeholder name: all from `extra` in mkdocs.yml.
SETTINGS = ("emergency_number",)
# Snake-case names in braces. Code in the pages ({type: ...}, {} and the like) never matches.
PLACEHOLDER = re.compile(r"\{([a-z]+(?:_[a-z]+)+)\}")


def fill(markdown: str, extra: dict) -> tuple:
    """(markdown with every known placeholder filled, sorted problems). A problem is a name that
    is not a setting, or a setting the site leaves empty."""
    problems = set()

    def value(match):
        name = match.group(1)
        if name not in SETTINGS:
            problems.add("{%s} is not a site setting (known: %s)" % (
                name, ", ".join("{%s}" % s for s in SETTINGS)))
            return match.group(0)
        setting = extra.get(name)
        if not isinstance(setting, str) or not setting.strip():
            problems.add("{%s} is used, but extra.%s is not set in mkdocs.yml" % (name, name))
            return match.group(0)
        return setting.strip()

    return PLACEHOLDER.sub(value, markdown), sorted(problems)


def on_page_markdown(markdown, page, config, files, **kwargs):
    filled, problems = fill(markdown, config["extra"])
    for problem in problems:
        log.warning("%s: %s", page.file.src_uri, problem)
    return filled
