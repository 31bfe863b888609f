"""Shared answer sets and constants for the engine tests."""
import pathlib

from triage_core import catalog

CID = "fasciculations"
RULES_FILE = pathlib.Path(catalog.conditions_dir()) / "fasciculations.json"
FIXTURES = pathlib.Path(__file__).resolve().parent / "fixtures"

RED_FLAGS = ["breathing_difficulty", "swallowing_difficulty", "speech_difficulty", "sudden_weakness"]
WARNING_SIGNS = ["weakness", "wasting"]
TRIGGERS = ["stress", "caffeine", "poor_sleep", "exercise", "dehydration", "diet", "medication",
            "nerve_recovery"]
LEVELS = ["emergency", "doctor_needed", "doctor_advised", "self_care"]


def answers(**changes) -> dict:
    """A complete self-care answer set (one eyelid, under a week, no triggers), with changes."""
    base = {q: "no" for q in RED_FLAGS + WARNING_SIGNS}
    base.update(spread="one_area", area="eyelid", duration="under_1_week", triggers=[])
    base.update(changes)
    return base


def widespread(**changes) -> dict:
    base = answers(spread="widespread", duration="over_3_weeks", lifestyle_tried="yes")
    del base["area"]
    base.update(changes)
    return base
