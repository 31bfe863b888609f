"""Fixtures for the engine tests: a fresh copy of the real rules document, and registered
documents that are forgotten after each test."""
import copy
import json
import pathlib
import sys

import pytest

import triage_core
from triage_core import catalog

RULES_FILE = pathlib.Path(catalog.conditions_dir()) / "fasciculations.json"
# Test modules import shared answer sets from engine_cases.py, whatever pytest's import mode.
sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))


@pytest.fixture
def rules_doc() -> dict:
    """A private deep copy of the real rules document, safe to break."""
    return copy.deepcopy(json.loads(RULES_FILE.read_text(encoding="utf-8")))


@pytest.fixture
def register():
    """Register rules documents for one test and forget them afterwards."""
    ids = []

    def _register(document):
        cid = triage_core.load_condition(document)
        ids.append(cid)
        return cid

    yield _register
    for cid in ids:
        triage_core.forget_condition(cid)
