"""Random and hostile inputs: the engine either answers exactly as the spec says or raises
TriageInputError. It never crashes another way and never guesses a level."""
import json
import pathlib
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import triage_core
from engine_cases import CID, LEVELS, RED_FLAGS, TRIGGERS, WARNING_SIGNS

ORDER = RED_FLAGS + WARNING_SIGNS + ["spread", "area", "duration", "lifestyle_tried", "triggers"]
OPTIONS = {q: ["yes", "no", "unsure"] for q in RED_FLAGS + WARNING_SIGNS}
OPTIONS.update(spread=["one_area", "widespread"], area=["eyelid", "calf", "thumb", "other"],
               duration=["under_1_week", "1_to_3_weeks", "over_3_weeks"], lifestyle_tried=["yes", "nothing_to_change", "no"])
ROOT = pathlib.Path(__file__).resolve().parents[2]
ALARM = ("yes", "unsure")


def valid(a) -> bool:
    if not isinstance(a, dict):
        return False
    for key, value in a.items():
        if key not in ORDER:
            return False
        if key == "triggers":
            if not isinstance(value, list) or len(set(map(repr, value))) != len(value):
                return False
            if not all(isinstance(v, str) and v in TRIGGERS for v in value):
                return False
        elif not isinstance(value, str) or value not in OPTIONS[key]:
            return False
    return True


def spec_walk(a):
    """The spec's flow: the questions asked, or None when an answer it needs is missing."""
    asked = []
    for q in RED_FLAGS + WARNING_SIGNS:
        if q not in a:
            return None
        asked.append(q)
        if a[q] in ALARM:
            return asked
    for q in ["spread", "area", "duration", "lifestyle_tried", "triggers"]:
        if q == "area" and a["spread"] != "one_area":
            continue
        if q == "lifestyle_tried" and a["duration"] != "over_3_weeks":
            continue
        if q not in a:
            return None
        asked.append(q)
    return asked


def spec_level(a) -> str:
    if any(a.get(q) in ALARM for q in RED_FLAGS):
        return "emergency"
    if any(a.get(q) in ALARM for q in WARNING_SIGNS):
        return "doctor_needed"
    if a["duration"] == "over_3_weeks" and a.get("lifestyle_tried") in ("yes", "nothing_to_change"):
        return "doctor_advised"
    if "medication" in a.get("triggers", []):
        return "doctor_advised"
    return "self_care"


junk = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=12),
                 st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(),
                                                                         max_size=2))


def answer_for(q):
    if q == "triggers":
        good = st.lists(st.sampled_from(TRIGGERS), unique=True)
        return st.one_of(good, good, st.lists(st.one_of(st.sampled_from(TRIGGERS), junk), max_size=4), junk)
    return st.one_of(st.sampled_from(OPTIONS[q]), st.sampled_from(OPTIONS[q]), st.sampled_from(OPTIONS[q]), junk)


@st.composite
def answer_sets(draw):
    a = {}
    for q in ORDER:
        if draw(st.integers(0, 9)) > 0:
            a[q] = draw(answer_for(q))
    extra = draw(st.dictionaries(st.text(max_size=8), junk, max_size=1))
    if draw(st.integers(0, 5)) == 0:
        a.update(extra)
    return a


hostile = st.one_of(answer_sets(), answer_sets(), junk, st.lists(junk, max_size=3))


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile)
def test_evaluate_is_exact_or_refuses(a):
    try:
        result = triage_core.evaluate(CID, a)
    except triage_core.TriageInputError as err:
        assert str(err) and "\n" not in str(err)
        assert not (valid(a) and spec_walk(a) is not None)
        return
    assert valid(a) and spec_walk(a) is not None
    assert result["level"] == spec_level({q: a[q] for q in spec_walk(a)}) == spec_level(a)
    assert [r["id"] for r in result["reasons"] if r["id"] in ORDER] == \
        [q for q in spec_walk(a) if any(r["id"] == q for r in result["reasons"])]
    assert result["unsure"] == [q for q in spec_walk(a) if a[q] == "unsure"]
    assert [x["question"] for x in result["answers"]] == spec_walk(a)


@settings(max_examples=400, deadline=None)
@given(hostile)
def test_next_question_and_status_are_consistent_or_refuse(a):
    try:
        q = triage_core.next_question(CID, a)
        s = triage_core.status(CID, a)
    except triage_core.TriageInputError:
        assert not valid(a)
        return
    assert valid(a)
    assert (q is None) == s["complete"] == (spec_walk(a) is not None)
    if q is not None:
        assert q["id"] == s["next"] and q["id"] not in a


fragment_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.tuples(st.sampled_from(ORDER + ["x", ""]), st.one_of(
        st.sampled_from(sum(OPTIONS.values(), []) + TRIGGERS + ["", ",", "stress,stress", "%", "%4", "%C3%A9", "+"]),
        st.text(max_size=6))), max_size=6).map(lambda pairs: "#" + "&".join(k + "=" + v for k, v in pairs)),
)


@settings(max_examples=600, deadline=None)
@given(fragment_text)
def test_fragment_parsing_round_trips_or_refuses(text):
    try:
        a = triage_core.answers_from_fragment(CID, text)
    except triage_core.TriageInputError as err:
        assert "\n" not in str(err)
        return
    assert valid(a)
    again = triage_core.fragment_from_answers(CID, a)
    assert triage_core.answers_from_fragment(CID, again) == a
    assert triage_core.fragment_from_answers(CID, triage_core.answers_from_fragment(CID, again)) == again


@settings(max_examples=200, deadline=None)
@given(answer_sets())
def test_fragment_from_any_valid_set_round_trips(a):
    if not valid(a):
        return
    assert triage_core.answers_from_fragment(CID, triage_core.fragment_from_answers(CID, a)) == a


# What an operating system can pass in a command-line argument: no NUL, and (as text) no lone
# surrogates, which cannot be encoded. Raw bytes are passed as they are; Python decodes them itself.
argv_text = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=30)
argv_bytes = st.binary(max_size=30).map(lambda b: b.replace(b"\x00", b""))


def run_cli(raw):
    return subprocess.run([sys.executable, "-m", "triage_core", "evaluate", CID, "--answers", raw], cwd=ROOT,
                          capture_output=True, timeout=60)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(answer_sets().map(json.dumps), argv_text))
def test_cli_prints_a_result_or_one_error_line(raw):
    p = run_cli(raw)
    if p.returncode == 0:
        assert p.stderr == b""
        assert json.loads(p.stdout)["level"] in LEVELS
    else:
        assert p.returncode == 2 and p.stdout == b""
        assert len(p.stderr.splitlines()) == 1 and p.stderr.startswith(b"error: ")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv_bytes)
def test_cli_refuses_raw_bytes_with_one_error_line(raw):
    p = run_cli(raw)
    assert p.returncode == 2 and p.stdout == b""
    assert len(p.stderr.splitlines()) == 1 and p.stderr.startswith(b"error: ")
