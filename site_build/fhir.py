"""MkDocs hook: publish every installed condition as FHIR resources.

Writes fhir/Questionnaire-<id>.json and fhir/CodeSystem-<id>.json, made by triage_core.fhir from
the rules, with the published address as their canonical base, the site's name as publisher and
the review date (`extra.reviewed`) as their date. Without a published address they get local
`urn:` names instead (standalone.missing_url_note says so in the build's log).
"""
import json
import pathlib

from site_build import standalone

FOLDER = "fhir"


def settings(config) -> dict:
    out = {"base": standalone.published_url(config), "publisher": config["site_name"]}
    reviewed = config["extra"].get("reviewed")
    if reviewed:
        out["date"] = str(reviewed)
    emergency = config["extra"].get("emergency_number")
    if emergency:
        out["emergency_number"] = emergency
    return out


def resources(config) -> dict:
    """{file name: resource} for every installed condition."""
    from triage_core import catalog, fhir

    found = {}
    for cid in catalog.condition_ids():
        condition = catalog.get(cid)
        given = settings(config)
        if not any(p["id"] == "emergency_number" for p in condition.placeholders):
            given.pop("emergency_number", None)
        found["Questionnaire-%s.json" % cid] = fhir.questionnaire(condition, given)
        found["CodeSystem-%s.json" % cid] = fhir.code_system(condition, given)
    return found


def on_post_build(config, **kwargs):
    out = pathlib.Path(config["site_dir"]) / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    for name, resource in sorted(resources(config).items()):
        (out / name).write_text(json.dumps(resource, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
