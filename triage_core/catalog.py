"""Where conditions come from: the JSON files next to this module, or documents registered in code.

Reading `conditions/<id>.json` is the engine's only I/O. Each condition is read and validated once.
"""

import json

from .errors import RulesError, TriageInputError
from .rules import compile_rules, is_id
from .text import quote

_loaded = {}
_registered = {}


def conditions_dir() -> str:
    """The folder holding the rules files, found from this file so it works in any interpreter."""
    here = __file__
    cut = max(here.rfind("/"), here.rfind("\\"))
    return (here[:cut] if cut >= 0 else ".") + "/conditions"


def read_document(path: str):
    """Parse one rules file; a broken file is a RulesError naming it."""
    try:
        with open(path) as handle:
            return json.loads(handle.read())
    except ValueError as error:
        raise RulesError([path + ": not valid JSON (" + str(error) + ")"])


def get(condition_id):
    """Return the compiled condition, loading its file the first time."""
    if not isinstance(condition_id, str) or not is_id(condition_id):
        raise TriageInputError("unknown condition " + quote(str(condition_id)))
    if condition_id in _registered:
        return _registered[condition_id]
    if condition_id not in _loaded:
        path = conditions_dir() + "/" + condition_id + ".json"
        try:
            document = read_document(path)
        except OSError:
            raise TriageInputError("unknown condition " + quote(condition_id))
        try:
            condition = compile_rules(document)
        except RulesError as error:
            raise RulesError([path + ": " + e for e in error.errors])
        if condition.id != condition_id:
            raise RulesError([path + ": id is " + quote(condition.id) + ", expected " + quote(condition_id)])
        _loaded[condition_id] = condition
    return _loaded[condition_id]


def load_condition(document) -> str:
    """Register a rules document given as a dict (tests, previews); it overrides a file of the same id."""
    condition = compile_rules(document)
    _registered[condition.id] = condition
    return condition.id


def forget_condition(condition_id: str):
    """Drop a registered document (and any cached file) so the next `get` starts afresh."""
    _registered.pop(condition_id, None)
    _loaded.pop(condition_id, None)


def condition_ids() -> list:
    """Ids of every condition available: files in conditions/ plus registered documents."""
    import os

    found = list(_registered)
    for name in os.listdir(conditions_dir()):
        if name.endswith(".json") and is_id(name[:-5]) and name[:-5] not in found:
            found.append(name[:-5])
    return sorted(found)
