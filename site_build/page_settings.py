"""MkDocs hook: site settings written into the pages' text.

A page says `{emergency_number}` where the number to call goes, as the rules' texts do, and
`{reviewed}` / `{review_due}` for the review dates; the build writes in the values from `extra`
in mkdocs.yml. One setting then changes every page that uses it (and the checker, for the
number), so the site never tells people two things. A placeholder the site does not set fails a
strict build instead of showing up in a page. Templates get the same date wording through the
`long_date` filter. It also checks that each page with structured data has a condition to name.
"""
import datetime
import logging
import re

log = logging.getLogger("mkdocs.hooks.page_settings")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def long_date(value) -> str:
    """'2026-11-25' (or a date) as '25 November 2026'; ValueError for anything else."""
    day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value).strip())
    return "%d %s %d" % (day.day, MONTHS[day.month - 1], day.year)


def _text(value) -> str:
    if not isinstance(value, str):
        raise ValueError("not text")
    return value.strip()


# Settings a page may use, by placeholder name (all from `extra`), and how each is written.
SETTINGS = {"emergency_number": _text, "reviewed": long_date, "review_due": long_date}
# Snake-case names in braces. Code in the pages ({type: ...}, {} and the like) never matches.
PLACEHOLDER = re.compile(r"\{([a-z]+(?:_[a-z]+)*)\}")


def fill(markdown: str, extra: dict) -> tuple:
    """(markdown with every known placeholder filled, sorted problems). A problem is a name that
    is not a setting, or a setting the site leaves empty or gives in the wrong form."""
    problems = set()

    def value(match):
        name = match.group(1)
        if name not in SETTINGS:
            if "_" in name:     # single words in braces are too common in prose and code to flag
                problems.add("{%s} is not a site setting (known: %s)" % (
                    name, ", ".join("{%s}" % s for s in sorted(SETTINGS))))
            return match.group(0)
        setting = extra.get(name)
        if setting is None or (isinstance(setting, str) and not setting.strip()):
            problems.add("{%s} is used, but extra.%s is not set in mkdocs.yml" % (name, name))
            return match.group(0)
        try:
            return SETTINGS[name](setting)
        except (TypeError, ValueError):
            problems.add("{%s}: extra.%s in mkdocs.yml has the wrong form (%r)" % (name, name, setting))
            return match.group(0)

    return PLACEHOLDER.sub(value, markdown), sorted(problems)


def on_env(env, config, files, **kwargs):
    env.filters["long_date"] = long_date
    return env


def condition_problem(src_uri: str, meta: dict, extra: dict):
    """A page with structured data (`schema:`) names the condition of its folder, from
    `extra.conditions`; None when it can, else what is missing."""
    if not meta.get("schema"):
        return None
    folder = src_uri.split("/")[0]
    condition = (extra.get("conditions") or {}).get(folder)
    if not isinstance(condition, dict) or not condition.get("name") or not condition.get("alternate_name"):
        return ("has `schema:` but extra.conditions.%s (name, alternate_name) is not set in "
                "mkdocs.yml" % folder)
    return None


def on_page_markdown(markdown, page, config, files, **kwargs):
    missing = condition_problem(page.file.src_uri, page.meta, config["extra"])
    if missing:
        log.warning("%s: %s", page.file.src_uri, missing)
    filled, problems = fill(markdown, config["extra"])
    for problem in problems:
        log.warning("%s: %s", page.file.src_uri, problem)
    return filled
