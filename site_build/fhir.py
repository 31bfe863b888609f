"""Every published condition as FHIR resources.

fhir/Questionnaire-<id>.json and fhir/CodeSystem-<id>.json, made by triage_core.fhir from the
rules, with the published address as their canonical base, the site's name as publisher and the
condition's review date (`conditions.<id>.reviewed`) as their date. Without a published address
they get local `urn:` names instead (standalone.missing_url_note says so in the build's log).
"""
import json
import pathlib

FOLDER = "fhir"


def file_names(condition_id: str) -> list:
    return ["Questionnaire-%s.json" % condition_id, "CodeSystem-%s.json" % condition_id]


def settings(site, site_name: str, condition_id: str) -> dict:
    out = {"base": site.published_url, "publisher": site_name,
           "date": site.conditions[condition_id].reviewed}
    if site.emergency_number:
        out["emergency_number"] = site.emergency_number
    return out


def resources(site, site_name: str) -> dict:
    """{file name: resource} for every condition the site publishes."""
    from triage_core import catalog, fhir

    found = {}
    for cid in site.conditions:
        condition = catalog.get(cid)
        given = settings(site, site_name, cid)
        if not any(p["id"] == "emergency_number" for p in condition.placeholders):
            given.pop("emergency_number", None)
        questionnaire, code_system = file_names(cid)
        found[questionnaire] = fhir.questionnaire(condition, given)
        found[code_system] = fhir.code_system(condition, given)
    return found


def write(site_dir: pathlib.Path, found: dict):
    out = pathlib.Path(site_dir) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for name, resource in sorted(found.items()):
        (out / name).write_text(json.dumps(resource, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
