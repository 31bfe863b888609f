""""Download my answers (FHIR)": on a result, the checker saves a QuestionnaireResponse made in the
page (a Blob; no request). It validates with the fhir.resources R4B models, answers the built
site's Questionnaire (its url and rules version), uses only its items and answer codes, and
carries the level shown on screen. The same in the offline file (file://) and in a partner's
embed, where the partner can turn the button off."""
import json
import pathlib
import shutil
import subprocess

import pytest
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from checker_steps import PATHS, RESULT, result_level, wait_ready, walk
from test_embed import open_partner, partner  # noqa: F401  (the partner-site fixture)
from test_offline import offline_page  # noqa: F401

BUTTON = RESULT + " [data-action=download-fhir]"


def download(page, frame=None) -> dict:
    target = frame or page
    before = list(page.log.requests)
    with page.expect_download() as info:
        target.click(BUTTON)
    path = info.value.path()
    assert page.log.requests == before, "the download made a request"
    return dict(json.loads(pathlib_read(path)), _file=str(path))


def pathlib_read(path) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()


NODE_EVAL = pathlib.Path(__file__).resolve().parents[1] / "node" / "fhir_eval.mjs"


def fhirpath_reading(questionnaire, response) -> dict:
    """What the `fhirpath` npm package makes of the response: the questions the Questionnaire
    enables for these answers, and the level its calculatedExpression gives."""
    node = shutil.which("node")
    if node is None or not (NODE_EVAL.parents[2] / "node_modules" / "fhirpath").is_dir():
        pytest.skip("node or the fhirpath package is missing")
    path = pathlib.Path(response["_file"])
    path.with_suffix(".in.json").write_text(json.dumps({"questionnaire": questionnaire, "responses": [
        {k: v for k, v in response.items() if k != "_file"}]}), encoding="utf-8")
    proc = subprocess.run([node, str(NODE_EVAL), str(path.with_suffix(".in.json"))], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def check_response(response, questionnaire, steps, level):
    reading = fhirpath_reading(questionnaire, response)
    response = {k: v for k, v in response.items() if k != "_file"}
    QuestionnaireResponse.model_validate(response)
    # Valid against the Questionnaire: it enables exactly the questions answered here (a multiple
    # choice left empty has no item), and computes the same level.
    assert reading["level"] == level
    assert reading["asked"] == [qid for qid, _value in steps]
    assert response["questionnaire"] == questionnaire["url"] + "|" + questionnaire["version"]
    assert response["status"] == "completed" and response["authored"][:2] == "20"
    items = {item["linkId"]: item for item in questionnaire["item"]}
    given = {}
    for entry in response["item"]:
        item = items[entry["linkId"]]
        if entry["linkId"] == "level":
            assert entry["answer"] == [{"valueString": level}]
            continue
        allowed = [(o["valueCoding"]["system"], o["valueCoding"]["code"]) for o in item["answerOption"]]
        codes = [(a["valueCoding"]["system"], a["valueCoding"]["code"]) for a in entry["answer"]]
        assert all(code in allowed for code in codes)
        assert item.get("repeats") or len(codes) == 1
        given[entry["linkId"]] = sorted(code for _system, code in codes)
    expected = {qid: sorted(value if isinstance(value, list) else [value]) for qid, value in steps}
    assert given == {qid: codes for qid, codes in expected.items() if codes}
    assert [e["linkId"] for e in response["item"]][-1] == "level"


def built_questionnaire(site_dir) -> dict:
    return json.loads((site_dir / "fhir" / "Questionnaire-fasciculations.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("level", sorted(PATHS))
def test_download_on_the_site(make_page, server, site_dir, level):
    page = make_page(accept_downloads=True)
    page.goto(server.origin + "/checker/")
    wait_ready(page)
    walk(page, PATHS[level])
    shown = result_level(page)
    assert shown == level
    response = download(page)
    check_response(response, built_questionnaire(site_dir), PATHS[level], shown)
    assert page.log.console_errors == []


def test_download_in_the_offline_file(offline_page, site_dir):  # noqa: F811
    offline_page.goto(offline_page.file_url)
    wait_ready(offline_page)
    walk(offline_page, PATHS["doctor_advised"])
    response = download(offline_page)
    check_response(response, built_questionnaire(site_dir), PATHS["doctor_advised"], result_level(offline_page))
    assert offline_page.refused == []


def test_download_in_the_embed_and_partner_can_turn_it_off(make_page, server, partner, site_dir):  # noqa: F811
    page = make_page(accept_downloads=True)
    frame = open_partner(page, partner.make(""))
    walk(frame, PATHS["self_care"])
    response = download(page, frame)
    check_response(response, built_questionnaire(site_dir), PATHS["self_care"], result_level(frame))

    page = make_page(accept_downloads=True)
    frame = open_partner(page, partner.make('data-fhir-download="off"', name="off.html"))
    walk(frame, PATHS["self_care"])
    assert result_level(frame) == "self_care"
    assert frame.locator(BUTTON).count() == 0
    assert "allow-downloads" not in page.get_attribute("#box iframe", "sandbox")
