"""The verifier passes on the real rules and names the broken invariant on deliberately broken ones."""
from triage_core import catalog
from triage_core.rules import compile_rules
from triage_core.verify import level_questions, verify


def failures(document, anchors=None):
    return verify(compile_rules(document), anchors)["failures"]


def one_like(found, text):
    hits = [f for f in found if text in f]
    assert hits, "no failure mentions %r in %r" % (text, found)
    return hits[0]


def test_real_rules_pass():
    report = verify(catalog.get("fasciculations"))
    assert report["failures"] == []
    assert report["combinations"] == 2916
    assert report["evaluations"] > 2916 * 10


def test_level_relevant_questions_come_from_the_data():
    assert level_questions(catalog.get("fasciculations")) == [
        "breathing_difficulty", "swallowing_difficulty", "speech_difficulty", "weakness", "wasting",
        "spread", "duration", "lifestyle_tried"]


def test_red_flag_not_escalating(rules_doc):
    rules_doc["decision"][0]["when"]["any"].pop()
    rules_doc["decision"][1]["when"]["any"].append({"answer": "speech_difficulty", "in": ["yes"]})
    rules_doc["flow"][2]["ends_with"] = "doctor_needed"
    found = failures(rules_doc)
    assert one_like(found, "red flag 'speech_difficulty' = 'yes' gives 'doctor_needed', expected 'emergency'")
    assert one_like(found, "red flag 'speech_difficulty' = 'unsure'")


def test_unsure_lower_than_yes(rules_doc):
    weakness = rules_doc["questions"][3]
    del weakness["options"][2]["counts_as"]
    found = failures(rules_doc)
    assert one_like(found, "'weakness' = 'unsure' gives 'self_care' but 'yes' gives 'doctor_needed'; unsure "
                           "must count exactly as yes")


def test_monotonicity_broken(rules_doc):
    rules_doc["decision"].insert(2, {"id": "new_and_local", "level": "doctor_advised", "when": {"all": [
        {"answer": "spread", "in": ["one_area"]}, {"answer": "duration", "in": ["under_1_week"]}]}})
    found = failures(rules_doc)
    assert one_like(found, "raising 'duration' from 'under_1_week' to '1_to_3_weeks' lowers the level from "
                           "'doctor_advised' to 'self_care'")


def test_flow_and_table_disagree(rules_doc):
    rules_doc["flow"][3]["ends_with"] = "emergency"
    found = failures(rules_doc)
    assert one_like(found, "flow step 'weakness' ends with 'emergency' but the decision rules give 'doctor_needed'")


def test_flow_never_asks_what_the_table_needs(rules_doc):
    rules_doc["flow"][4]["ask_if"] = {"answer": "spread", "in": ["widespread"]}
    rules_doc["flow"].insert(6, rules_doc["flow"].pop(4))    # wasting after spread, only if widespread
    del rules_doc["flow"][6]["stop_if"], rules_doc["flow"][6]["ends_with"]
    found = failures(rules_doc)
    assert one_like(found, "the flow gives 'self_care' but the decision table gives 'doctor_needed'")


def test_advice_differs_when_flow_skips_the_advice_question(rules_doc):
    rules_doc["flow"][-1]["ask_if"] = {"answer": "spread", "in": ["one_area"]}
    found = failures(rules_doc)
    assert one_like(found, "give different advice")


def test_unreachable_level_question_option_and_rule(rules_doc):
    rules_doc["flow"][8]["ask_if"] = {"all": [{"answer": "spread", "in": ["widespread"]},
                                              {"answer": "spread", "in": ["one_area"]}]}
    found = failures(rules_doc)
    assert one_like(found, "level 'doctor_advised' is never reached")
    assert one_like(found, "question 'lifestyle_tried' is never asked")
    assert one_like(found, "decision rule 'persistent_widespread' never decides any answers")


def test_unreachable_option(rules_doc):
    # wording-only area: its 'other' option exists but the area question is now only asked for
    # widespread twitching, where it never is, so nothing about it can be chosen
    rules_doc["flow"][6]["ask_if"] = {"all": [{"answer": "spread", "in": ["one_area"]},
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


def test_too_many_combinations_is_a_failure_not_a_hang(rules_doc):
    rules_doc["flow"][-1]["stop_if"] = {"answer": "triggers", "in": ["medication"]}
    rules_doc["flow"][-1]["ends_with"] = "doctor_needed"
    del rules_doc["questions"][-1]["affects_level"]
    report = verify(compile_rules(rules_doc))
    assert report["combinations"] == 0
    assert report["failures"] == ["746496 combinations of level-relevant answers (breathing_difficulty, "
                                  "swallowing_difficulty, speech_difficulty, weakness, wasting, spread, duration, "
                                  "lifestyle_tried, triggers) is too many to check; the limit is 200000"]


def test_missing_anchor(rules_doc):
    condition = compile_rules(rules_doc)
    anchors = {source for _where, source in condition.sources()}
    assert verify(condition, anchors)["failures"] == []
    anchors.discard("fasciculations/recovery/#nerve-recovery")
    found = verify(condition, anchors)["failures"]
    assert found == ["advice.items[7].source: source 'fasciculations/recovery/#nerve-recovery' is not an "
                     "anchor in the built site"]


def test_repeated_failures_are_counted_not_repeated(rules_doc):
    rules_doc["flow"][3]["ends_with"] = "emergency"
    found = [f for f in failures(rules_doc) if "flow step 'weakness'" in f]
    assert len(found) == 1 and "more combination(s)" in found[0]
