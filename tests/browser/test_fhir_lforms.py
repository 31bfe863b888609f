"""LHC-Forms (the `lforms` npm package, a FHIR form renderer nobody here wrote) renders the built
site's Questionnaire in headless Chromium. On one path per level (one with "not sure" where the
level has one), clicking the checker's answers shows exactly the questions the checker asks, one
after another, and its `level` item computes the level the checker gives.

LHC-Forms is served from this test's own copy of its files, on 127.0.0.1: no CDN.
"""
import json
import shutil

import pytest

from support import ROOT, StaticServer
from triage_core import catalog, engine, fhir

import sys
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_fhir import combinations  # noqa: E402

LFORMS = ROOT / "node_modules" / "lforms" / "dist" / "lforms"
CONDITION = "fasciculations"
FIXTURE = ROOT / "tests" / "unit" / "fixtures" / "cough_multi.json"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LHC-Forms</title>
<link href="lforms/webcomponent/styles.css" rel="stylesheet">
<script src="lforms/webcomponent/assets/lib/zone.min.js"></script>
<script src="lforms/webcomponent/runtime.js" type="module"></script>
<script src="lforms/webcomponent/polyfills.js" type="module"></script>
<script src="lforms/webcomponent/main.js" type="module"></script>
<script src="lforms/fhir/R4/lformsFHIR.min.js" defer></script>
</head><body><div id="form"></div><script>
function go() {
  if (!(window.LForms && LForms.Util && LForms.Util.addFormToPage)) return setTimeout(go, 50);
  fetch("questionnaire.json").then((r) => r.json())
    .then((q) => LForms.Util.addFormToPage(q, "form", {fhirVersion: "R4"}))
    .then(() => { window.formReady = true; }, (e) => { window.formError = String(e); });
}
go();
</script></body></html>"""
SHOWN = """() => Array.from(document.querySelectorAll('lhc-item[id^="item-"]'))
  .map((e) => e.id.slice(5, -2)).filter((id) => id !== 'level')"""


def settled(page, script, expected, seconds=10):
    """The script's value once it equals `expected`, or its last value after `seconds`
    (the form updates after Angular's change detection)."""
    for _ in range(seconds * 10):
        value = page.evaluate(script)
        if value == expected:
            return value
        page.wait_for_timeout(100)
    return page.evaluate(script)


@pytest.fixture(scope="module")
def lforms_server(site_dir, tmp_path_factory):
    if not LFORMS.is_dir():
        pytest.skip("node_modules lacks lforms (run npm ci)")
    root = tmp_path_factory.mktemp("lforms")
    shutil.copytree(LFORMS / "webcomponent", root / "lforms" / "webcomponent")
    (root / "lforms" / "fhir" / "R4").mkdir(parents=True)
    shutil.copy(LFORMS / "fhir" / "R4" / "lformsFHIR.min.js", root / "lforms" / "fhir" / "R4")
    shutil.copy(site_dir / "fhir" / ("Questionnaire-%s.json" % CONDITION), root / "questionnaire.json")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    # The cough fixture: a multiple choice read under `not`, and flows only enableWhenExpression can say.
    condition = catalog.get(catalog.load_condition(json.loads(FIXTURE.read_text(encoding="utf-8"))))
    (root / "fixture").mkdir()
    (root / "fixture" / "questionnaire.json").write_text(json.dumps(fhir.questionnaire(condition, {
        "base": "https://example.org/"})), encoding="utf-8")
    (root / "fixture" / "index.html").write_text(PAGE.replace('"lforms/', '"../lforms/'), encoding="utf-8")
    try:
        with StaticServer(root) as srv:
            srv.root = root
            yield srv
    finally:
        catalog.forget_condition(condition.id)


def paths(condition=None) -> list:
    """One complete answer set per level, preferring one with a "not sure" (counts_as) answer."""
    condition = condition or catalog.get(CONDITION)
    chosen = {}
    for combo in combinations(condition):
        result, asked, _stop = engine.run(condition, combo)
        unsure = any(isinstance(combo[q], str) and "counts_as" in condition.options[q][combo[q]] for q in asked)
        if result["level"] not in chosen or (unsure and not chosen[result["level"]][2]):
            chosen[result["level"]] = (combo, asked, unsure)
    assert sorted(chosen) == sorted(level["id"] for level in condition.levels)
    return [(level, chosen[level][0], chosen[level][1]) for level in sorted(chosen)]


def fixture_paths() -> list:
    from triage_core.rules import compile_rules
    return paths(compile_rules(json.loads(FIXTURE.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("level,answers,asked", paths(), ids=lambda v: v if isinstance(v, str) else "")
def test_lforms_asks_the_same_questions_and_gives_the_same_level(make_page, lforms_server, level, answers, asked):
    check_path(make_page(), lforms_server, "", level, answers, asked)


@pytest.mark.parametrize("level,answers,asked", fixture_paths(), ids=lambda v: v if isinstance(v, str) else "")
def test_lforms_on_the_multiple_choice_fixture(make_page, lforms_server, level, answers, asked):
    check_path(make_page(), lforms_server, "fixture/", level, answers, asked)


def check_path(page, lforms_server, folder, level, answers, asked):
    page.goto(lforms_server.origin + "/" + folder + "index.html")
    page.wait_for_function("window.formReady || window.formError", timeout=60000)
    assert page.evaluate("window.formError") is None
    questionnaire = json.loads((lforms_server.root / folder / "questionnaire.json").read_text(encoding="utf-8"))
    system = questionnaire["item"][0]["answerOption"][0]["valueCoding"]["system"]
    for i, qid in enumerate(asked):
        # A form shows every question that is enabled, not one at a time: the next question the
        # checker asks must be on show, and nothing the checker would not ask on this path.
        shown = settled(page, "() => (%s)().includes(%s)" % (SHOWN, json.dumps(qid)), True)
        assert shown, "after answering %s, %r is not on show: %s" % (asked[:i], qid, page.evaluate(SHOWN))
        assert set(page.evaluate(SHOWN)) <= set(asked), "after answering %s" % asked[:i]
        value = answers[qid]
        for code in (value if isinstance(value, list) else [value]):
            page.locator('[id="%s/1|%s|%s"]' % (qid, system, code)).check()
    assert settled(page, "() => document.getElementById('level/1').value", level) == level
    assert page.evaluate(SHOWN) == asked
