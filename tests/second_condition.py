"""A project copy with a second, small condition (the test pack tests/unit/fixtures/headache.json:
two levels, `urgent` and `rest`, neither one of the published site's), registered the way the
site needs it: rules file, docs/<id>/ pages, nav section and plugin settings. Never published."""
import json
import re

from support import ROOT, build_copy, copy_project

PACK = ROOT / "tests" / "unit" / "fixtures" / "headache.json"
ID = "headache"
SETTINGS = """        headache:
          name: Headache
          alternate_name: Headache
          reviewed: "2026-03-04"
          review_due: "2027-03-04"
"""
PAGES = {
    "index.md": """---
title: Headache (test pack)
description: A test pack page, never published.
schema: MedicalWebPage
---

# Headache (test pack)

Reviewed {reviewed}. Next review due {review_due}.

## Get help now {#urgent}

Your worst headache ever needs help now. Call {emergency_number}.

## Not sure {#unsure}

If you are not sure, we count it as a yes.

## Rest {#rest}

Rest and drink water.
""",
    "when-to-get-help.md": """---
title: When to get help (test pack)
description: A test pack page, never published.
---

# When to get help (test pack)

## Get help now {#urgent}

Call {emergency_number}.

## Rest {#rest}

Rest at home.
""",
}


def add_condition(copy):
    """Install the pack in a project copy as a second condition."""
    (copy / "triage_core" / "conditions" / (ID + ".json")).write_text(PACK.read_text(encoding="utf-8"))
    for name, text in PAGES.items():
        (copy / "docs" / ID).mkdir(exist_ok=True)
        (copy / "docs" / ID / name).write_text(text, encoding="utf-8")
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text, n = re.subn(r"(\n      conditions:\n)", r"\1" + SETTINGS.replace("\\", "\\\\"), text)
    assert n == 1
    text, n = re.subn(r"(\n  - Symptom checker: checker\.md\n)",
                      r"\n  - Headache:\n      - Overview: headache/index.md\n"
                      r"      - When to get help: headache/when-to-get-help.md\1", text)
    assert n == 1
    config.write_text(text, encoding="utf-8")
    return copy


def build_two_conditions(tmp):
    copy = add_condition(copy_project(tmp / "project"))
    proc = build_copy(copy, tmp / "site")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return copy, tmp / "site"


def pack() -> dict:
    return json.loads(PACK.read_text(encoding="utf-8"))
