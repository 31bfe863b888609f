"""The build publishes every condition of the site as FHIR resources under fhir/, with the
published address as canonical base, the site's name as publisher and the condition's review
date, and they validate with the fhir.resources R4B models."""
import json
import os

from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire

import site_config
import triage_core
from support import TEST_PUBLISHED_URL


def test_every_condition_is_published_and_valid(site_dir):
    settings = site_config.settings()
    base = os.environ.get("PUBLISHED_URL") or TEST_PUBLISHED_URL   # as support.build_site builds
    names = sorted(p.name for p in (site_dir / "fhir").iterdir())
    ids = site_config.condition_ids()
    assert names == sorted(["Questionnaire-%s.json" % c for c in ids] + ["CodeSystem-%s.json" % c for c in ids])
    for cid in ids:
        version = triage_core.get_condition(cid)["version"]
        questionnaire = json.loads((site_dir / "fhir" / ("Questionnaire-%s.json" % cid)).read_text(encoding="utf-8"))
        codes = json.loads((site_dir / "fhir" / ("CodeSystem-%s.json" % cid)).read_text(encoding="utf-8"))
        Questionnaire.model_validate(questionnaire)
        CodeSystem.model_validate(codes)
        assert questionnaire["url"] == base + "fhir/Questionnaire-%s.json" % cid
        assert codes["url"] == base + "fhir/CodeSystem-%s.json" % cid
        assert questionnaire["version"] == codes["version"] == version
        assert questionnaire["publisher"] == site_config.site_name()
        assert questionnaire["date"] == settings["conditions"][cid]["reviewed"]
        assert "{emergency_number}" not in json.dumps(questionnaire)
