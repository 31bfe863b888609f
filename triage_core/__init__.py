"""triage_core: a condition-agnostic symptom-checker engine driven by rules data.

Runs unchanged on CPython 3.10+, MicroPython (PyScript build) and Pyodide. Every function
taking answers raises TriageInputError (a ValueError) on bad input and never guesses a level.
"""

from . import catalog, engine, fragment
from .catalog import forget_condition, load_condition
from .errors import RulesError, TriageInputError

__all__ = [
    "TriageInputError", "RulesError", "next_question", "evaluate", "status", "get_condition",
    "get_question", "answers_from_fragment", "fragment_from_answers", "load_condition",
    "forget_condition", "condition_ids",
]


def next_question(condition_id, answers, settings=None):
    """The next question the flow asks (as `get_question` returns it), or None when complete."""
    condition = catalog.get(condition_id)
    found = engine.status(condition, answers)["next"]
    return None if found is None else engine.question(condition, found, settings)


def evaluate(condition_id, answers, settings=None) -> dict:
    """The result for a complete answer set: condition, level, headline, reasons, unsure,
    advice, safety_net. Answers the flow would not ask are checked, then ignored."""
    return engine.evaluate(catalog.get(condition_id), answers, settings)


def status(condition_id, answers) -> dict:
    """Where a partial answer set stands: {"complete", "asked", "next", "missing"}."""
    return engine.status(catalog.get(condition_id), answers)


def get_condition(condition_id, settings=None) -> dict:
    """Display metadata: id, title, version, levels (most urgent first, each with its `rank`, 1 =
    most urgent, of `level_count`), question ids in flow order and the urgent notice."""
    return engine.metadata(catalog.get(condition_id), settings)


def get_question(condition_id, question_id, settings=None) -> dict:
    """One question: id, type, text, hint, why, source, options [{id, label}] (and none_label
    for a multiple choice)."""
    return engine.question(catalog.get(condition_id), question_id, settings)


def answers_from_fragment(condition_id, fragment_text) -> dict:
    """Answers from a URL fragment such as "spread=one_area&triggers=stress,caffeine"."""
    return fragment.parse(catalog.get(condition_id), fragment_text)


def fragment_from_answers(condition_id, answers) -> str:
    """The fragment (without '#') for an answer set; the reverse of answers_from_fragment."""
    return fragment.build(catalog.get(condition_id), answers)


def condition_ids() -> list:
    """Ids of every available condition."""
    return catalog.condition_ids()
