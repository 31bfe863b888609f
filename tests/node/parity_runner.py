"""Runs a batch of engine calls and prints one JSON line per call. The same file runs under
CPython and under MicroPython (via run_micropython.mjs), so their outputs can be compared."""
import json

import triage_core
from triage_core import catalog, fhir_response, fragment

CALLS = {
    "evaluate": lambda c: triage_core.evaluate(c["condition"], c["answers"], c.get("settings")),
    "status": lambda c: triage_core.status(c["condition"], c["answers"]),
    "next_question": lambda c: triage_core.next_question(c["condition"], c["answers"]),
    "get_question": lambda c: triage_core.get_question(c["condition"], c["question"], c.get("settings")),
    "get_condition": lambda c: triage_core.get_condition(c["condition"], c.get("settings")),
    "answers_from_fragment": lambda c: triage_core.answers_from_fragment(c["condition"], c["fragment"]),
    "fragment_from_answers": lambda c: triage_core.fragment_from_answers(c["condition"], c["answers"]),
    "decode_fragment": lambda c: fragment.decode(c["text"]),
    "fhir_response": lambda c: fhir_response.questionnaire_response(
        catalog.get(c["condition"]), c["answers"], c["level"], c["authored"], c.get("base", "")),
}


def run_case(case):
    try:
        return {"ok": CALLS[case["call"]](case)}
    except ValueError as err:
        return {"error": [type(err).__name__, str(err)]}


def run_file(path, emit):
    with open(path) as handle:
        cases = json.loads(handle.read())
    for case in cases:
        emit(json.dumps(run_case(case)))
