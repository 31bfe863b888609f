"""A link's fragment is bounded: over 2 KB it is refused before any decoding, and decoding takes
time in proportion to its length on MicroPython too (the browser's interpreter, where indexing
non-ASCII text by position walks it from the start), with the same results as CPython."""
import json
import time

import pytest

import triage_core
from triage_core import fragment
from engine_cases import CID
from test_micropython_parity import MICROPYTHON, node, parity_runner, run_under_micropython

E = triage_core.TriageInputError


def test_a_fragment_over_the_cap_is_refused_before_decoding():
    assert fragment.MAX_LENGTH == 2048
    # Within the cap, every character is read (a bad escape at the end is found)...
    near = "#" + "&" * (fragment.MAX_LENGTH - 3) + "%zz"
    with pytest.raises(E, match="bad %-escape"):
        triage_core.answers_from_fragment(CID, near)
    # ... past it, nothing is: the message is about the length.
    for text in ["&" * (fragment.MAX_LENGTH + 1), "#" + "%zz" * 400_000, "spread=one_area&" * 70_000]:
        with pytest.raises(E, match="longer than 2048 characters"):
            triage_core.answers_from_fragment(CID, text)


def test_the_longest_real_link_fits_well_within_the_cap():
    answers = {"breathing_difficulty": "unsure", "swallowing_difficulty": "unsure",
               "speech_difficulty": "unsure", "weakness": "unsure", "wasting": "unsure",
               "spread": "widespread", "duration": "over_3_weeks", "lifestyle_tried": "yes",
               "triggers": triage_core.get_question(CID, "triggers")["options"]}
    answers["triggers"] = [o["id"] for o in answers["triggers"]]
    text = triage_core.fragment_from_answers(CID, answers)
    assert len(text) < fragment.MAX_LENGTH // 4
    assert triage_core.answers_from_fragment(CID, text) == triage_core.answers_from_fragment(CID, "#" + text)


@pytest.mark.parametrize("text,expected", [
    ("a+b%41%2c%e9x%C3%A9+", "a bA,%E9x%C3%A9 "),
    ("caf\u00e9%41\u00e9+%7E", "caf\u00e9A\u00e9 ~"),
    ("%", None), ("x%4", None), ("%+1", None), ("\u00e9%\u00e9\u00e9", None),
])
def test_decode(text, expected):
    if expected is None:
        with pytest.raises(E, match="bad %-escape"):
            fragment.decode(text)
    else:
        assert fragment.decode(text) == expected


def test_decoding_is_linear_and_identical_under_micropython(tmp_path):
    """Long non-ASCII text through the decoder under MicroPython: quadratic decoding took 6.3 s
    for 50,000 characters in the browser, so 2 x 300,000 would take minutes; linear takes well
    under a second. The outputs must equal CPython's."""
    if node() is None or not MICROPYTHON.exists():
        pytest.skip("node or the MicroPython wasm build is missing (run npm ci)")
    long_text = ("\u00e9t\u00e9%41+" * 50_000)
    cases = [{"call": "decode_fragment", "text": long_text},
             {"call": "decode_fragment", "text": "\u4e2d" * 300_000 + "%4"},
             {"call": "decode_fragment", "text": "a+b%41%2c%e9x%C3%A9+"},
             {"call": "answers_from_fragment", "condition": CID, "fragment": "#" + "%C3%A9" * 400},
             {"call": "answers_from_fragment", "condition": CID, "fragment": "#" + "x=" * 1025}]
    started = time.monotonic()
    lines = run_under_micropython(cases, tmp_path / "cases.json", timeout=120)
    elapsed = time.monotonic() - started
    got = [json.loads(line) for line in lines]
    assert got == [json.loads(json.dumps(parity_runner.run_case(c))) for c in cases]
    assert got[0]["ok"] == ("\u00e9t\u00e9A " * 50_000)
    assert got[1]["error"][0] == "TriageInputError" and got[4]["error"][1].startswith("link: longer")
    assert elapsed < 20, "MicroPython took %.1f s to decode 550,000 characters" % elapsed
