"""Command line: evaluate answers, verify the rules, print the flow, start a new condition. The I/O
side of triage_core."""

import argparse
import json
import os
import sys
import time

from . import catalog, engine
from .anchors import site_anchors
from .errors import RulesError, TriageInputError
from .flowchart import mermaid, outline
from .rules import compile_rules
from .text import quote
from .verify import verify


class _Parser(argparse.ArgumentParser):
    """Usage errors are bad input too: one line on stderr, exit 2."""

    def error(self, message):
        sys.stderr.write("error: " + message.replace("\n", " ") + "\n")
        sys.exit(2)


class _Once(argparse.Action):
    """An option that may be given only once: a second value would silently replace the first."""

    def __call__(self, parser, namespace, values, option_string=None):
        if getattr(namespace, self.dest) is not None:
            parser.error("%s is given more than once" % option_string)
        setattr(namespace, self.dest, values)


class _RepeatedKey(ValueError):
    pass


class _OutputError(Exception):
    """Standard output could not be written (a closed pipe, a full disk)."""


def _write(text):
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError) as error:
        raise _OutputError(getattr(error, "strerror", None) or "stdout is closed")


def _no_repeats(pairs) -> dict:
    """JSON allows a key twice and Python keeps the last value, which could hide a "yes": refuse it."""
    found = {}
    for key, value in pairs:
        if key in found:
            raise _RepeatedKey(key)
        found[key] = value
    return found


def _parser():
    parser = _Parser(prog="python -m triage_core", description="Symptom-checker engine.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    run = commands.add_parser("evaluate", help="print the result for a complete answer set as JSON")
    run.add_argument("condition")
    run.add_argument("--answers", required=True, action=_Once, help="a JSON object of question ids and answers")
    run.add_argument("--emergency-number", help="text to use for the emergency number")
    check = commands.add_parser("verify", help="check the clinical invariants over every combination")
    check.add_argument("condition", nargs="?", help="condition id (default: all)")
    check.add_argument("--rules", help="verify this rules file instead of an installed condition")
    check.add_argument("--site", help="built site folder: also check every source anchor exists")
    show = commands.add_parser("flow", help="print the question flow for clinical review")
    show.add_argument("condition", nargs="?")
    show.add_argument("--rules", help="read this rules file instead of an installed condition")
    show.add_argument("--mermaid", action="store_true", help="print a Mermaid flowchart")
    fhir = commands.add_parser("fhir", help="print the condition as a FHIR R4 Questionnaire (SDC)")
    fhir.add_argument("condition")
    fhir.add_argument("--codesystem", action="store_true", help="print its CodeSystem instead")
    fhir.add_argument("--base", help="the published site's address, e.g. https://example.org/")
    fhir.add_argument("--publisher")
    fhir.add_argument("--date", help="YYYY-MM-DD")
    new = commands.add_parser("new", help="write the starter files for a new condition and register it")
    new.add_argument("condition", help="the new condition's id, e.g. hiccups")
    new.add_argument("--name", required=True, action=_Once, help='its name for readers, e.g. "Hiccups"')
    return parser


def _new(args) -> int:
    """Write the scaffold's files, or none of them: every check is made before the first write."""
    import datetime

    from . import scaffold
    root = os.path.dirname(os.path.dirname(os.path.abspath(catalog.conditions_dir())))
    config = os.path.join(root, "mkdocs.yml")
    if not os.path.isfile(config):
        return _fail("no mkdocs.yml in %s: run this in a copy of the project" % root)
    cid = args.condition
    scaffold.check_request(cid, args.name)
    taken = ["triage_core/conditions/%s.json" % cid, "triage_core/conditions/%s.changelog.md" % cid,
             "docs/%s" % cid, "docs/%s.md" % cid]
    for path in taken:
        if os.path.exists(os.path.join(root, path)):
            return _fail("condition %s cannot be made: %s already exists" % (quote(cid), path))
    with open(config, encoding="utf-8") as handle:
        planned = scaffold.files(cid, args.name, handle.read(), datetime.date.today())
    for path, content in planned.items():
        target = os.path.join(root, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    _write(scaffold.next_steps(cid))
    return 0


def _fhir(args) -> int:
    from . import fhir
    settings = {key: getattr(args, key) for key in ("base", "publisher", "date") if getattr(args, key)}
    make = fhir.code_system if args.codesystem else fhir.questionnaire
    sys.stdout.write(json.dumps(make(catalog.get(args.condition), settings), indent=2) + "\n")
    return 0


def _fail(message) -> int:
    sys.stderr.write("error: " + " ".join(str(message).split()) + "\n")
    return 2


def _evaluate(args) -> int:
    try:
        answers = json.loads(args.answers, object_pairs_hook=_no_repeats)
    except _RepeatedKey as error:
        return _fail("--answers gives the key %s more than once" % quote(error.args[0]))
    except (ValueError, RecursionError) as error:
        return _fail("--answers is not valid JSON (%s)" % error)
    settings = None if args.emergency_number is None else {"emergency_number": args.emergency_number}
    try:
        result = engine.evaluate(catalog.get(args.condition), answers, settings)
    except TriageInputError as error:
        return _fail(error)
    _write(json.dumps(result) + "\n")
    return 0


def _conditions(args) -> list:
    if args.rules:
        try:
            document = catalog.read_document(args.rules)
        except OSError as error:
            raise TriageInputError("--rules: cannot read %s (%s)" % (quote(args.rules, 200),
                                                                    error.strerror or type(error).__name__))
        except RecursionError:
            raise TriageInputError("--rules: %s is nested too deeply to read" % quote(args.rules, 200))
        return [compile_rules(document)]
    ids = [args.condition] if args.condition else catalog.condition_ids()
    return [catalog.get(cid) for cid in ids]


def _verify(args) -> int:
    anchors = site_anchors(args.site) if args.site else None
    status = 0
    for condition in _conditions(args):
        started = time.time()
        report = verify(condition, anchors)
        took = time.time() - started
        for failure in report["failures"]:
            sys.stderr.write("FAIL %s: %s\n" % (condition.id, failure))
        _write("%s %s: %d combinations, %d evaluations in %.2f s: %s\n" % (
            condition.id, condition.version, report["combinations"], report["evaluations"], took,
            "%d failure(s)" % len(report["failures"]) if report["failures"] else "all invariants hold"
            + ("" if anchors is None else ", every source anchor exists")))
        if report["failures"]:
            status = 1
    return status


def _flow(args) -> int:
    if not args.rules and not args.condition:
        return _fail("name a condition or give --rules FILE")
    for condition in _conditions(args):
        _write(mermaid(condition) if args.mermaid else outline(condition))
    return 0


def main(argv=None) -> int:
    if sys.stdout is None:
        return _fail("standard output is closed")
    args = _parser().parse_args(argv)
    try:
        if args.command == "evaluate":
            return _evaluate(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "fhir":
            return _fhir(args)
        if args.command == "new":
            return _new(args)
        return _flow(args)
    except TriageInputError as error:
        return _fail(error)
    except RulesError as error:
        for problem in error.errors:
            sys.stderr.write("RULES %s\n" % problem)
        return 1
    except RecursionError:
        return _fail("the rules are nested too deeply to check")
    except _OutputError as error:
        # The reader went away (a closed pipe) or the disk is full: say so once, and keep Python
        # from complaining again when it flushes stdout on exit.
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return _fail("could not write the output (%s)" % error)
    except OSError as error:
        return _fail("%s (%s)" % (error.strerror or type(error).__name__, quote(error.filename or "", 200)))
