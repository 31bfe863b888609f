"""The result card's markup, from the engine's own result (pure: no browser)."""
import re

import triage_core
from checker_ui import views
from engine_cases import CID, answers


def card(a, settings=None):
    result = triage_core.evaluate(CID, a, settings)
    level = [lv for lv in triage_core.get_condition(CID, settings)["levels"] if lv["id"] == result["level"]][0]
    texts = {q: triage_core.get_question(CID, q)["text"] for q in triage_core.get_condition(CID)["questions"]}
    return result, views.result_html(result, level, texts, "999")


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


def test_title_headline_then_timeframe_beside_it():
    result, html = card(answers(triggers=["medication"]))
    head = html.index('<h2 id="triage-result-heading"')
    assert html.index('<p class="triage-timeframe">') == html.index("</h2>", head) + len("</h2>")
    assert "Urgency: " + result["level_title"] in text(html)
    assert "When: " + result["timeframe"]["text"] in text(html)


def test_answer_summary_lists_every_answer_in_order():
    result, html = card(answers(duration="over_3_weeks", lifestyle_tried="nothing_to_change",
                                triggers=["stress", "caffeine"]))
    rows = re.findall(r'<div class="triage-answer" data-answer-to="([a-z_]+)"><dt>(.*?)</dt><dd>(.*?)</dd>', html)
    assert [r[0] for r in rows] == [a["question"] for a in result["answers"]]
    stress = triage_core.get_question(CID, "triggers")["options"][0]["label"]
    assert rows[-1][2].startswith(views.esc(stress) + ", ")


def test_not_sure_is_said_once_with_the_buttons_own_words():
    _result, html = card(answers(breathing_difficulty="unsure"))
    plain = text(html).lower()
    assert plain.count("counted those answers as") == 1
    assert plain.count("count \u201cnot sure\u201d") + plain.count('count "not sure"') == 0
    assert "you answered \u201ci'm not sure\u201d to" in plain


def test_every_result_says_it_is_for_adults():
    for a in (answers(), answers(weakness="yes"), answers(speech_difficulty="yes")):
        _result, html = card(a)
        assert "for adults (16 and over). For a child, talk to a doctor or pharmacist." in text(html)
        assert 'href="../about/#policy-adults"' in html


def test_a_number_to_dial_is_told_from_a_description():
    assert views.dial_number("999") == "999"
    assert views.dial_number(" 1 1 2 ") == "112"
    assert views.dial_number("+44 999") == "+44999"
    assert views.dial_number("112 (number provided by https://clinic.example)") == "112"
    for text in ("your local emergency number (for example 999, 911, 112 or 000)", "", "9", "999a",
                 "call 999", "1234567890123456", "++999", "(999)"):
        assert views.dial_number(text) == "", text


def test_each_section_links_its_sources_once():
    result, html = card(answers(duration="over_3_weeks", lifestyle_tried="nothing_to_change",
                                triggers=["stress", "caffeine"]))
    sections = html.split("<h3>")[1:]
    for section in [s for s in sections if "<ul" in s]:
        links = re.findall(r'<a class="triage-source" href="([^"]*)"', section.split("</ul>")[0])
        assert links == [], "a link inside a section's list"
    what_to_do = [s for s in sections if s.startswith("What to do")][0]
    line = re.findall(r'<p class="triage-sources">(.*?)</p>', what_to_do)[0]
    hrefs = re.findall(r'href="([^"]*)"', line)
    level = [lv for lv in triage_core.get_condition(CID)["levels"] if lv["id"] == result["level"]][0]
    expected = []
    for source in [item["source"] for item in level["what_to_do"]] + [result["timeframe"]["source"]]:
        if "../" + source not in expected:
            expected.append("../" + source)
    assert hrefs == expected


def test_call_button_only_with_a_number():
    assert 'href="tel:999"' in views.call_html("999")
    assert views.call_html("") == ""
    note = views.call_html("", "your local emergency number (for example 999, 911, 112 or 000)")
    assert "tel:" not in note and "for example 999" in note
