"""The words people see: sources point at the agreed anchors; texts are short and plain."""
import re

import pytest

import triage_core
from engine_cases import CID
from triage_core import catalog

ANCHORS = {
    "fasciculations/": ["what-it-is", "how-common", "where"],
    "fasciculations/how-it-happens/": ["motor-unit", "spontaneous-firing", "not-a-cramp", "triggers"],
    "fasciculations/recovery/": ["after-exercise", "nerve-recovery"],
    "fasciculations/causes/": ["stress", "caffeine", "sleep", "electrolytes", "dehydration-and-diet", "medicines",
                                "what-you-can-do"],
    "fasciculations/when-to-get-help/": ["emergency", "doctor-needed", "doctor-advised", "examination",
                                         "self-care"],
    "about/": ["source", "editorial-policy", "policy-unsure", "policy-several-weeks", "policy-nerve-recovery",
               "policy-medicines", "policy-sudden-weakness", "policy-timeframes", "policy-nothing-to-change",
               "policy-one-spot", "policy-medicine-check", "policy-adults", "review", "accessibility", "privacy", "licence", "disclaimer"],
}
AGREED = {page for page in ANCHORS} | {page + "#" + a for page, ids in ANCHORS.items() for a in ids}


def shown_texts():
    """Every text the checker can show, with its placeholders filled."""
    doc = catalog.get(CID).document
    found = []

    def walk(value, key=None):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif key in ("text", "headline", "why", "hint") and isinstance(value, str):
            found.append(value.replace("{emergency_number}", "999"))
    walk(doc)
    return found


def test_every_source_is_an_agreed_anchor():
    sources = catalog.get(CID).sources()
    assert len(sources) > 40
    assert sorted({s for _w, s in sources} - AGREED) == []


def test_every_source_names_a_section():
    assert [s for _w, s in catalog.get(CID).sources() if "#" not in s] == []


def test_wording_fixes_of_2_0():
    texts = " ".join(shown_texts() + [o["label"] for q in catalog.get(CID).document["questions"]
                                      for o in q["options"]])
    # "corticosteroid", never a bare "steroids" (read as anabolic steroids)
    assert re.findall(r"(?<!cortico)steroids?", texts) == []
    assert "corticosteroid" in texts
    assert "is linked" not in texts and "may be linked" in texts


def test_policy_items_cite_the_editorial_policy():
    r = triage_core.evaluate(CID, {"breathing_difficulty": "unsure"})
    assert r["reasons"][0]["source"] == "about/#policy-unsure"
    duration = triage_core.get_question(CID, "duration")
    assert duration["source"] == "about/#policy-several-weeks"
    assert triage_core.get_question(CID, "sudden_weakness")["source"] == "about/#policy-sudden-weakness"
    cited = {s for _w, s in catalog.get(CID).sources()}
    for anchor in ["policy-timeframes", "policy-nothing-to-change", "policy-one-spot", "policy-medicine-check"]:
        assert "about/#" + anchor in cited


def test_sentences_are_short():
    for text in shown_texts():
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            assert len(sentence.split()) <= 25, sentence


def test_reading_grade_at_most_8():
    textstat = pytest.importorskip("textstat")
    texts = shown_texts()
    assert textstat.flesch_kincaid_grade(" ".join(texts)) <= 8
    hard = [t for t in texts if len(t.split()) >= 12 and textstat.flesch_kincaid_grade(t) > 8]
    assert hard == []
