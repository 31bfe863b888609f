"""The verifier passes on the real rules and names the broken invariant on deliberately broken ones."""
import pytest

from triage_core import catalog
from triage_core.rules import compile_rules
from triage_core.verify import level_options, level_questions, verify


def failures(document, anchors=None):
    return verify(compile_rules(document), anchors)["failures"]


def one_like(found, text):
    hits = [f for f in found if text in f]
    assert hits, "no failure mentions %r in %r" % (text, found)
    return hits[0]


def step(doc, qid):
    return [i for i, s in enumerate(doc["flow"]) if s["question"] == qid][0]


def question(doc, qid):
    return [q for q in doc["questions"] if q["id"] == qid][0]


def rule(doc, rid):
    return [r for r in doc["decision"] if r["id"] == rid][0]


def test_real_rules_pass():
    report = verify(catalog.get("fasciculations"))
    assert report["failures"] == []
    # 3^6 red flags and warning signs x 3 durations x 3 lifestyle answers x medication or not
    assert report["combinations"] == 3 ** 6 * 3 * 3 * 2
    assert report["evaluations"] > report["combinations"] * 2


def test_level_relevant_questions_come_from_the_data():
    condition = catalog.get("fasciculations")
    assert level_questions(condition) == [
        "breathing_difficulty", "swallowing_difficulty", "speech_difficulty", "sudden_weakness", "weakness",
        "wasting", "duration", "lifestyle_tried", "triggers"]
    # spread is proven not to move the level: it is marked so, and nothing that sets the level reads it
    assert question(condition.document, "spread")["affects_level"] is False
    assert level_options(condition, "triggers") == ["medication"]


def test_spread_that_moves_the_level_is_caught(rules_doc):
    rule(rules_doc, "persistent")["when"]["all"].append({"answer": "spread", "in": ["widespread"]})
    found = failures(rules_doc)
    assert one_like(found, "decision[2].when reads 'spread', which is marked affects_level: false")


def test_source_without_a_section(rules_doc):
    rules_doc["advice"]["none"]["source"] = "fasciculations/causes/"
    found = failures(rules_doc)
    assert one_like(found, "advice.none.source: source 'fasciculations/causes/' names no section")


def test_a_level_that_must_not_say_a_word(rules_doc):
    question(rules_doc, "spread")["options"][0]["reason"]["text"] = "This is common and most often harmless."
    found = failures(rules_doc)
    assert one_like(found, "a 'doctor_advised' result says 'harmless', which that level must not say")


def test_safety_net_that_promises_more_than_the_rules(rules_doc):
    rules_doc["safety_net"].append({"text": "If it spreads, talk to a doctor.",
                                    "source": "fasciculations/when-to-get-help/#doctor-advised",
                                    "levels": ["self_care"], "when": {"answer": "spread", "in": ["widespread"]},
                                    "leads_to": "doctor_advised"})
    found = failures(rules_doc)
    assert one_like(found, "safety_net[4] says this change needs 'doctor_advised', but the rules give 'self_care'")


def test_safety_net_that_leads_nowhere_higher(rules_doc):
    rules_doc["safety_net"][1]["levels"].append("doctor_needed")
    found = failures(rules_doc)
    assert one_like(found, "safety_net[1] is shown with 'doctor_needed' but leads to 'doctor_needed', which is "
                           "no more urgent")


def test_nothing_to_change_is_declared_to_count_as_yes():
    """The verifier proves every `counts_as` gives the level of its target, so declaring it is enough."""
    options = {o["id"]: o for o in question(catalog.get("fasciculations").document, "lifestyle_tried")["options"]}
    assert options["nothing_to_change"]["counts_as"] == "yes"
    assert options["nothing_to_change"]["concern"] == options["yes"]["concern"]


@pytest.mark.parametrize("qid", ["speech_difficulty", "sudden_weakness"])
def test_red_flag_not_escalating(rules_doc, qid):
    rules_doc["decision"][0]["when"]["any"] = [c for c in rules_doc["decision"][0]["when"]["any"]
                                               if c["answer"] != qid]
    rules_doc["decision"][1]["when"]["any"].append({"answer": qid, "in": ["yes"]})
    rules_doc["flow"][step(rules_doc, qid)]["ends_with"] = "doctor_needed"
    found = failures(rules_doc)
    assert one_like(found, "red flag %r = 'yes' gives 'doctor_needed', expected 'emergency'" % qid)
    assert one_like(found, "red flag %r = 'unsure'" % qid)


def test_unsure_lower_than_yes(rules_doc):
    weakness = question(rules_doc, "weakness")
    del weakness["options"][2]["counts_as"]
    found = failures(rules_doc)
    assert one_like(found, "'weakness' = 'unsure' gives 'self_care' but 'yes' gives 'doctor_needed'; unsure "
                           "must count exactly as yes")


def test_monotonicity_broken(rules_doc):
    rules_doc["decision"].insert(2, {"id": "new", "level": "doctor_advised", "when": {"all": [
        {"answer": "duration", "in": ["under_1_week"]}]}})
    found = failures(rules_doc)
    assert one_like(found, "raising 'duration' from 'under_1_week' to '1_to_3_weeks' lowers the level from "
                           "'doctor_advised' to 'self_care'")


def test_flow_and_table_disagree(rules_doc):
    rules_doc["flow"][step(rules_doc, "weakness")]["ends_with"] = "emergency"
    found = failures(rules_doc)
    assert one_like(found, "flow step 'weakness' ends with 'emergency' but the decision rules give 'doctor_needed'")


def test_flow_never_asks_what_the_table_needs(rules_doc):
    i = step(rules_doc, "wasting")
    rules_doc["flow"][i]["ask_if"] = {"answer": "duration", "in": ["over_3_weeks"]}
    rules_doc["flow"].insert(i + 4, rules_doc["flow"].pop(i))    # wasting after duration, only if over 3 weeks
    del rules_doc["flow"][i + 4]["stop_if"], rules_doc["flow"][i + 4]["ends_with"]
    found = failures(rules_doc)
    assert one_like(found, "the flow gives 'self_care' but the decision table gives 'doctor_needed'")


def test_advice_differs_when_flow_skips_the_advice_question(rules_doc):
    rules_doc["flow"][-1]["ask_if"] = {"answer": "duration", "in": ["over_3_weeks"]}
    del rule(rules_doc, "medicine")["when"]
    rules_doc["decision"].remove(rule(rules_doc, "medicine"))
    found = failures(rules_doc)
    assert one_like(found, "give different advice")


def test_unreachable_level_question_option_and_rule(rules_doc):
    rules_doc["flow"][step(rules_doc, "lifestyle_tried")]["ask_if"] = {"all": [
        {"answer": "duration", "in": ["under_1_week"]}, {"answer": "duration", "in": ["over_3_weeks"]}]}
    rules_doc["decision"].remove(rule(rules_doc, "medicine"))
    found = failures(rules_doc)
    assert one_like(found, "level 'doctor_advised' is never reached")
    assert one_like(found, "question 'lifestyle_tried' is never asked")
    assert one_like(found, "decision rule 'persistent' never decides any answers")


def test_unreachable_option(rules_doc):
    # wording-only area: its 'other' option exists but the area question is now only asked for
    # widespread twitching, where it never is, so nothing about it can be chosen
    rules_doc["flow"][step(rules_doc, "area")]["ask_if"] = {"all": [{"answer": "spread", "in": ["one_area"]},
                                              {"answer": "spread", "in": ["widespread"]}]}
    found = failures(rules_doc)
    assert one_like(found, "question 'area' is never asked")
    assert one_like(found, "option 'other' of question 'area' is never chosen on any path")


def test_wording_only_question_that_changes_the_level(rules_doc):
    rules_doc["decision"].insert(2, {"id": "calf", "level": "doctor_advised",
                                     "when": {"answer": "area", "in": ["calf"]}})
    found = failures(rules_doc)
    assert one_like(found, "decision[2].when reads 'area', which is marked affects_level: false")
    assert one_like(found, "'area' is marked affects_level: false but can change the level")


def test_only_the_options_a_level_condition_names_are_enumerated(rules_doc):
    rule(rules_doc, "medicine")["when"]["in"] = ["medication", "stress"]
    report = verify(compile_rules(rules_doc))
    assert report["combinations"] == 3 ** 6 * 3 * 3 * 4
    assert level_options(compile_rules(rules_doc), "triggers") == ["stress", "medication"]


def test_too_many_combinations_is_a_failure_not_a_hang(rules_doc):
    rule(rules_doc, "medicine")["when"]["in"] = [o["id"] for o in question(rules_doc, "triggers")["options"]
                                                 if o["id"] != "nerve_recovery"]
    report = verify(compile_rules(rules_doc))
    assert report["combinations"] == 0
    assert report["failures"] == ["839808 combinations of level-relevant answers (breathing_difficulty, "
                                  "swallowing_difficulty, speech_difficulty, sudden_weakness, weakness, wasting, "
                                  "duration, lifestyle_tried, triggers) is too many to check; the limit is 200000"]


def test_missing_anchor(rules_doc):
    condition = compile_rules(rules_doc)
    anchors = {source for _where, source in condition.sources()}
    assert verify(condition, anchors)["failures"] == []
    anchors.discard("fasciculations/recovery/#nerve-recovery")
    found = verify(condition, anchors)["failures"]
    assert found == ["advice.items[7].source: source 'fasciculations/recovery/#nerve-recovery' is not an "
                     "anchor in the built site"]


def test_repeated_failures_are_counted_not_repeated(rules_doc):
    rules_doc["flow"][step(rules_doc, "weakness")]["ends_with"] = "emergency"
    found = [f for f in failures(rules_doc) if "flow step 'weakness'" in f]
    assert len(found) == 1 and "more combination(s)" in found[0]
