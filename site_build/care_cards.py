"""Care cards on a condition's pages get their style and level from the rules, not the writer.

A writer marks a card with its level, as `<div class="care-card care-card--doctor-needed">` (the
level id, `_` written `-` or not). The build adds `data-level="<id>"` and the class
`level-tier-N` from the level's rank (checker_ui/urgency.py), so the site's CSS styles any level
id of any condition. A card on a condition's page that names no level, or a level its rules do not
have, is a problem the strict build stops on. Cards that already carry a tier (the checker's own
result) are left as they are.
"""
import html
import re

from checker_ui import urgency

CARD = "care-card"
MODIFIER = CARD + "--"
# An opening tag with a class attribute (Python-Markdown writes attributes in double quotes).
TAG = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*?)?\sclass="([^"]*)"([^>]*)>')


def _level_for(name: str, levels: list):
    for level in levels:
        if name in (level["id"], level["id"].replace("_", "-")):
            return level
    return None


def mark(page_html: str, levels: list) -> tuple:
    """(HTML with each care card given data-level and its tier class, problems). `levels` are the
    condition's levels as the engine lists them (each with `id`, `rank`, `level_count`)."""
    problems = []

    def one(match):
        classes = match.group(3).split()
        if CARD not in classes or any(c.startswith(urgency.TIER_CLASS_PREFIX) for c in classes):
            return match.group(0)
        named = [c[len(MODIFIER):] for c in classes if c.startswith(MODIFIER)]
        if len(named) != 1:
            problems.append("a care card must name exactly one level (class \"%s<level id>\"), "
                            "got class=\"%s\"" % (MODIFIER, match.group(3)))
            return match.group(0)
        level = _level_for(named[0], levels)
        if level is None:
            problems.append("care card %s%s: no level %r in the rules (levels: %s)" % (
                MODIFIER, named[0], named[0], ", ".join(lv["id"] for lv in levels)))
            return match.group(0)
        tier = urgency.tier_class(level["rank"], level["level_count"])
        return '<%s%s class="%s" data-level="%s"%s>' % (
            match.group(1), match.group(2) or "", html.escape(" ".join(classes + [tier])),
            html.escape(level["id"]), match.group(4))

    return TAG.sub(one, page_html), problems


def page_condition(src_uri: str, installed: list):
    """The condition whose folder a page is in (`docs/<id>/...`), or None."""
    folder, sep, _rest = src_uri.partition("/")
    return folder if sep and folder in installed else None
