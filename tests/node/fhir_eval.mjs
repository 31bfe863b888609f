// Evaluate a Questionnaire's flow and level with the `fhirpath` npm package, as a form would.
// Usage: node fhir_eval.mjs INPUT.json  ->  one JSON line per case on stdout.
// INPUT: {"questionnaire": Q, "cases": [{"answers": {linkId: [code, ...]}}]}, or instead of
// "cases", "responses": [QuestionnaireResponse, ...] to evaluate finished responses as they are.
// For each case, fill a QuestionnaireResponse item by item in the Questionnaire's order: an item
// is "asked" when enabled by its enableWhen (R4 rules, written here as FHIRPath) or its SDC
// enableWhenExpression, evaluated over the answers given so far; its answer is then added.
// Afterwards every item's enablement is evaluated again over the finished response (it must not
// change), and the read-only `level` item's SDC calculatedExpression gives the level.
import fs from "node:fs";
import fhirpath from "fhirpath";
import r4 from "fhirpath/fhir-context/r4/index.js";

const EWE = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression";
const CALC = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-calculatedExpression";
const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const q = input.questionnaire;

function expression(item, url) {
  const ext = (item.extension || []).find((e) => e.url === url);
  return ext ? ext.valueExpression.expression : null;
}

// enableWhen as R4 defines it: "=" on a Coding compares system and code; "exists" tests for any
// answer; enableBehavior "all"/"any" (required when there is more than one condition).
const byAnswer = fhirpath.compile(
  "%resource.item.where(linkId = %q).answer.value.where(system = %s and code = %c).exists()", r4);
const anyAnswer = fhirpath.compile("%resource.item.where(linkId = %q).answer.exists()", r4);

function enabler(item) {
  const expr = expression(item, EWE);
  if (expr !== null) {
    if (item.enableWhen) throw new Error(item.linkId + ": enableWhen and enableWhenExpression together");
    const fn = fhirpath.compile(expr, r4);
    return (qr) => {
      const out = fn(qr, {resource: qr});
      if (out.length > 1 || (out.length === 1 && typeof out[0] !== "boolean")) {
        throw new Error(item.linkId + ": enableWhenExpression gave " + JSON.stringify(out));
      }
      return out[0] === true;
    };
  }
  const tests = (item.enableWhen || []).map((ew) => {
    if (ew.operator === "=" && ew.answerCoding) {
      return (qr) => byAnswer(qr, {resource: qr, q: ew.question, s: ew.answerCoding.system,
                                   c: ew.answerCoding.code})[0] === true;
    }
    if (ew.operator === "exists") {
      return (qr) => anyAnswer(qr, {resource: qr, q: ew.question})[0] === ew.answerBoolean;
    }
    throw new Error(item.linkId + ": operator not handled here: " + ew.operator);
  });
  if (tests.length > 1 && !["all", "any"].includes(item.enableBehavior)) {
    throw new Error(item.linkId + ": several enableWhen need enableBehavior");
  }
  if (tests.length === 0) return () => true;
  return item.enableBehavior === "any" ? (qr) => tests.some((t) => t(qr)) : (qr) => tests.every((t) => t(qr));
}

const questions = q.item.filter((item) => item.linkId !== "level");
const enabled = questions.map(enabler);
const levelItem = q.item.find((item) => item.linkId === "level");
const level = fhirpath.compile(expression(levelItem, CALC), r4);
const systems = {};
for (const item of questions) systems[item.linkId] = item.answerOption.map((o) => o.valueCoding);

const lines = [];
for (const qr of input.responses || []) {
  const asked = questions.filter((item, i) => enabled[i](qr)).map((item) => item.linkId);
  const value = level(qr, {resource: qr});
  lines.push(JSON.stringify({asked, level: value.length === 1 ? value[0] : value}));
}
for (const c of input.cases || []) {
  const qr = {resourceType: "QuestionnaireResponse", status: "in-progress", item: []};
  const asked = [];
  questions.forEach((item, i) => {
    if (!enabled[i](qr)) return;
    asked.push(item.linkId);
    const codes = c.answers[item.linkId] || [];
    if (codes.length) {
      qr.item.push({linkId: item.linkId, answer: codes.map((code) => {
        const coding = systems[item.linkId].find((o) => o.code === code);
        if (!coding) throw new Error(item.linkId + ": no answerOption " + code);
        return {valueCoding: {system: coding.system, code: coding.code, display: coding.display}};
      })});
    }
  });
  const again = questions.filter((item, i) => enabled[i](qr)).map((item) => item.linkId);
  const value = level(qr, {resource: qr});
  lines.push(JSON.stringify({asked, stable: JSON.stringify(again) === JSON.stringify(asked),
                             level: value.length === 1 ? value[0] : value}));
}
process.stdout.write(lines.join("\n") + "\n");
