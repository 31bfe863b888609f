"""Site settings written into the pages' text.

A page says `{emergency_number}` where the number to call goes, as the rules' texts do, and
`{reviewed}` / `{review_due}` for the review dates; the build writes in the values from the
triage-site plugin's settings in mkdocs.yml: the review dates of the condition whose folder the
page is in (`conditions.<id>.reviewed`), or of the default condition for a page in no
condition's folder (Home, About). One setting then changes every page that uses it (and the checker, for the
number), so the site never tells people two things. A placeholder the site does not set fails a
strict build instead of showing up in a page. Templates get the same date wording through the
`long_date` filter. It also checks that each page with structured data has a condition to name.
"""
import datetime
import re

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


# Settings a page may use, by placeholder name, and how each is written.
SETTINGS = {"emergency_number": _text, "reviewed": long_date, "review_due": long_date}
# Snake-case names in braces. Code in the pages ({type: ...}, {} and the like) never matches.
PLACEHOLDER = re.compile(r"\{([a-z]+(?:_[a-z]+)*)\}")


def fill(markdown: str, values: dict, keys: dict = None) -> tuple:
    """(markdown with every known placeholder filled, sorted problems). A problem is a name that
    is not a setting, or a setting the site leaves empty or gives in the wrong form. `keys` names
    each setting's key in the plugin's settings, for the message."""
    keys = keys or {}
    problems = set()

    def value(match):
        name = match.group(1)
        if name not in SETTINGS:
            if "_" in name:     # single words in braces are too common in prose and code to flag
                problems.add("{%s} is not a site setting (known: %s)" % (
                    name, ", ".join("{%s}" % s for s in sorted(SETTINGS))))
            return match.group(0)
        setting = values.get(name)
        key = keys.get(name, name)
        if setting is None or (isinstance(setting, str) and not setting.strip()):
            problems.add("{%s} is used, but %s is not set in mkdocs.yml" % (name, key))
            return match.group(0)
        try:
            return SETTINGS[name](setting)
        except (TypeError, ValueError):
            problems.add("{%s}: %s in mkdocs.yml has the wrong form (%r)" % (name, key, setting))
            return match.group(0)

    return PLACEHOLDER.sub(value, markdown), sorted(problems)


def page_condition(src_uri: str, conditions: dict, default: str) -> str:
    """The condition a page belongs to: the one whose folder it is in, else the default one."""
    folder = src_uri.split("/")[0] if "/" in src_uri else ""
    return folder if folder in conditions else default


def page_values(site, condition_id: str) -> tuple:
    """({placeholder: value}, {placeholder: its key in the settings}) for a page of a condition."""
    condition = site.conditions[condition_id]
    values = {"emergency_number": site.emergency_number, "reviewed": condition.reviewed,
              "review_due": condition.review_due}
    keys = {"emergency_number": "emergency_number", "reviewed": "conditions.%s.reviewed" % condition_id,
            "review_due": "conditions.%s.review_due" % condition_id}
    return values, keys


def condition_problem(src_uri: str, meta: dict, conditions: dict):
    """A page with structured data (`schema:`) names the condition of its folder, from the
    plugin's `conditions`; None when it can, else what is missing."""
    if not meta.get("schema"):
        return None
    folder = src_uri.split("/")[0] if "/" in src_uri else ""
    if folder not in conditions:
        return ("has `schema:` but the triage-site plugin in mkdocs.yml has no conditions.%s "
                "(name, alternate_name, reviewed, review_due)" % (folder or "<id>: move the page into its condition's folder"))
    return None
