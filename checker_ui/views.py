"""HTML for the checker's questions and results, as pure functions of the engine's dicts.

One renderer serves three places: the build (first question in the page's HTML, the static
no-JavaScript flow), the browser under MicroPython (every later question and the result) and
the offline file. So the markup people see cannot drift between them. No DOM, no I/O here;
every text from the rules is escaped.
"""

from . import notices, urgency

# An emergency number a phone can dial: digits, with spaces and a leading + allowed. Any other
# setting ("your local emergency number (for example ...)") is a description, not a number.
DIAL_DIGITS = (2, 15)


def dial_number(text) -> str:
    """The number to dial in an emergency-number setting, or "" when the setting describes the
    number instead of giving one. "999", "1 1 2" and "+44 999" are numbers; the embed's "112
    (number provided by ...)" gives its number first."""
    head = str(text or "").strip().split(" (", 1)[0].strip()
    plus = head.startswith("+")
    digits = head[1:] if plus else head
    if not digits or any(not (c.isdigit() or c == " ") for c in digits):
        return ""
    digits = digits.replace(" ", "")
    if not DIAL_DIGITS[0] <= len(digits) <= DIAL_DIGITS[1]:
        return ""
    return ("+" if plus else "") + digits


def calling_levels(raw_levels: list) -> list:
    """Ids of the levels whose headline tells the reader to call the emergency number (the rules'
    `{emergency_number}` placeholder, before it is filled in): those get the call button."""
    return [level["id"] for level in raw_levels if "{emergency_number}" in level.get("headline", "")]


def step_title(step: int, max_steps: int) -> str:
    """Where the reader is: the progress line on screen and the page's title."""
    return "Question %d of up to %d" % (step, max_steps)


def result_title(level_title: str) -> str:
    return "Result: %s" % level_title


def page_title(text: str, site_name: str = "") -> str:
    """The page's title for a step: the step first, so a tab or a list of pages tells them apart."""
    return "%s \u2014 %s" % (text, site_name) if site_name else text


def esc(text) -> str:
    """Escape text for HTML content and double-quoted attributes (MicroPython has no html.escape)."""
    s = str(text)
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#x27;"))


def slug(text: str) -> str:
    """A safe id fragment from an engine id (ids are [a-z0-9_] by the rules schema)."""
    return "".join(c if (c.isalpha() or c.isdigit()) else "-" for c in str(text).lower())


def source_link(source: str, base: str, titles: dict, target: str = "", lead: str = "Read more: ") -> str:
    """A link to the article section a statement rests on, named by that section's title."""
    title = titles.get(source) or "the article section this is based on"
    attrs = ' target="%s" rel="noopener"' % esc(target) if target else ""
    return '<a class="triage-source" href="%s%s"%s>%s%s</a>' % (
        esc(base), esc(source), attrs, esc(lead), esc(title))


def sources_line(sources: list, base: str, titles: dict, target: str = "") -> str:
    """One line of links under a section: each section of the article its statements rest on,
    once, instead of a link after every statement."""
    seen = []
    for source in sources:
        if source not in seen:
            seen.append(source)
    links = [source_link(source, base, titles, target, lead="") for source in seen]
    return '<p class="triage-sources">Read more: %s</p>' % " \u00b7 ".join(links)


def _option_input(question: dict, option: dict, checked: bool, kind: str) -> str:
    qid = question["id"]
    oid = "triage-%s-%s" % (slug(qid), slug(option["id"]) or "none")
    return ('<div class="triage-option"><input type="%s" id="%s" name="%s" value="%s"%s>'
            '<label for="%s">%s</label></div>') % (
        kind, oid, esc(qid), esc(option["id"]), " checked" if checked else "", oid,
        esc(option["label"]))


def _step_bar(step: int, max_steps: int, back: str) -> str:
    """Back and the progress line, above the question: both in reach without scrolling."""
    return '<div class="triage-step-bar">%s<p class="triage-progress">%s</p></div>' % (
        back, esc(step_title(step, max_steps)))


def _hint(question: dict) -> str:
    """What the question covers, read before answering."""
    return '<p class="triage-hint">%s</p>' % esc(question["hint"]) if question.get("hint") else ""


def _why(question: dict, why_id: str, base: str, titles: dict, target: str) -> str:
    """Why the question is asked (with its source), after the options so they fit on a phone's
    first screen; the same in every version."""
    why = question.get("why")
    why_html = esc(why) if why else ""
    if question.get("source"):
        why_html += " " + source_link(question["source"], base, titles, target)
    return '<p class="triage-why" id="%s">%s</p>' % (why_id, why_html)


def question_html(question: dict, step: int, max_steps: int, selected=None, base: str = "../",
                  titles: dict = None, can_go_back: bool = True, target: str = "") -> str:
    """One question as a real form: a fieldset whose legend is the heading, radio buttons or
    checkboxes, the note on why it is asked, and Continue / Back / Start again."""
    titles = titles or {}
    qid = question["id"]
    multiple = question["type"] == "multiple_choice"
    kind = "checkbox" if multiple else "radio"
    if multiple:
        chosen = list(selected or [])
    else:
        chosen = [selected] if selected is not None else []
    head_id = "triage-q-%s" % slug(qid)
    why_id = "triage-why-%s" % slug(qid)
    parts = [
        '<form class="triage-question" data-question="%s" novalidate>' % esc(qid),
        _step_bar(step, max_steps,
                  '<button type="button" class="triage-back" data-action="back">Back</button>' if can_go_back else ""),
        '<fieldset aria-describedby="%s">' % why_id,
        '<legend><h2 id="%s" class="triage-heading" tabindex="-1">%s</h2></legend>' % (
            head_id, esc(question["text"])),
    ]
    parts.append(_hint(question))
    parts.append('<div class="triage-options">')
    for option in question["options"]:
        parts.append(_option_input(question, option, option["id"] in chosen, kind))
    if multiple and question.get("none_label"):
        none = {"id": "", "label": question["none_label"]}
        parts.append(_option_input(question, none, selected is not None and not chosen, kind))
    parts.append("</div>")
    parts.append(_why(question, why_id, base, titles, target))
    parts.append("</fieldset>")
    parts.append('<p class="triage-error" role="alert" hidden>Please choose an answer to go on.</p>')
    parts.append('<div class="triage-actions">'
                 '<button type="submit" class="md-button md-button--primary">Continue</button>'
                 '<button type="button" class="md-button" data-action="restart">Start again</button>'
                 "</div></form>")
    return "".join(parts)


def _statements(items: list, base: str, titles: dict, target: str, css: str, more: list = None) -> str:
    """A section's statements, then one line linking the article sections they rest on (and
    `more` sources, such as the timeframe's)."""
    out = ['<ul class="%s">' % css]
    for item in items:
        out.append("<li>%s</li>" % esc(item["text"]))
    out.append("</ul>")
    out.append(sources_line([item["source"] for item in items] + (more or []), base, titles, target))
    return "".join(out)


def _label(value) -> str:
    return ", ".join(value) if isinstance(value, list) else str(value)


def answers_html(answers: list) -> str:
    """The answers that led to the result, with the texts the reader saw: what they can print or
    show a doctor."""
    out = ['<dl class="triage-answers">']
    for item in answers:
        out.append('<div class="triage-answer" data-answer-to="%s"><dt>%s</dt><dd>%s</dd></div>' % (
            esc(item["question"]), esc(item["question_text"]), esc(_label(item["answer_label"]))))
    out.append("</dl>")
    return "".join(out)


def call_html(number: str, note: str = "") -> str:
    """The emergency call: a large tap-to-call button when the site or a partner gives a number
    to dial; a short note on which number that is when the setting describes it instead (or
    says who gave it)."""
    out = ""
    if number:
        out += ('<p class="triage-call"><a class="md-button md-button--primary triage-call__button" '
                'href="tel:%s">Call %s</a></p>' % (esc(number), esc(number)))
    if note and note != number:
        out += '<p class="triage-call-note">Which number to call: %s.</p>' % esc(note)
    return out


def result_html(result: dict, level: dict, question_texts: dict, emergency_number: str,
                base: str = "../", titles: dict = None, target: str = "", actions: bool = True,
                advice_heading: str = "What can help", fhir_download: bool = False,
                call: str = "", call_note: str = "", printed: str = "") -> str:
    """The care card: level title (told apart by a text label and border, not only colour),
    headline with its timeframe beside it, the call button for a level that says to call (`call`:
    the number to dial, and `call_note` on which number), what to do, reasons, answers counted as
    unsure, advice, safety net and the reader's answers; each section links the article sections
    its statements rest on. `printed` (the date, rules version) heads the printout only."""
    titles = titles or {}
    lid = result["level"]
    parts = [
        '<section class="triage-result care-card %s" data-level="%s" aria-labelledby="triage-result-heading">' % (
            urgency.tier_class(level["rank"], level["level_count"]), esc(lid)),
        '<p class="triage-print-only triage-printed">%s</p>' % esc(printed) if printed else "",
        '<div class="triage-result__top">',
        '<p class="care-card__label"><span class="triage-visually-hidden">Urgency: </span>%s</p>' % esc(
            result.get("level_title") or level.get("title", lid)),
        '<p class="care-card__rank">%s</p>' % esc(urgency.words(level["rank"], level["level_count"])),
        '<h2 id="triage-result-heading" class="triage-heading" tabindex="-1">%s</h2>' % esc(result["headline"]),
    ]
    timeframe_source = []
    if result.get("timeframe"):
        parts.append('<p class="triage-timeframe"><strong>When:</strong> %s</p>' % esc(result["timeframe"]["text"]))
        timeframe_source = [result["timeframe"]["source"]]
    parts.append(call_html(call, call_note))
    parts.append("</div>")
    if level.get("what_to_do"):
        parts.append("<h3>What to do</h3>")
        parts.append(_statements(level["what_to_do"], base, titles, target, "triage-what-to-do", timeframe_source))
    elif timeframe_source:
        parts.append(sources_line(timeframe_source, base, titles, target))
    if result.get("reasons"):
        parts.append("<h3>Why we say this</h3>")
        parts.append(_statements(result["reasons"], base, titles, target, "triage-reasons"))
    if result.get("unsure"):
        names = "; ".join("\u201c%s\u201d" % esc(question_texts.get(q, q)) for q in result["unsure"])
        said = []
        for item in result.get("answers", []):
            label = _label(item["answer_label"])
            if item["question"] in result["unsure"] and label not in said:
                said.append(label)
        button = " or ".join("\u201c%s\u201d" % esc(label) for label in said) or "\u201cNot sure\u201d"
        parts.append('<div class="triage-unsure"><p>You answered %s to: %s. '
                     "To keep you safe, we counted those answers as \u201cyes\u201d. %s</p></div>" % (
                         button, names, source_link("about/#policy-unsure", base, titles, target)))
    if result.get("advice"):
        parts.append("<h3>%s</h3>" % esc(advice_heading))
        parts.append(_statements(result["advice"], base, titles, target, "triage-advice"))
    if result.get("safety_net"):
        parts.append("<h3>Get help if things change</h3>")
        parts.append(_statements(result["safety_net"], base, titles, target, "triage-safety-net"))
    if result.get("answers"):
        parts.append("<h3>Your answers</h3>")
        parts.append(answers_html(result["answers"]))
    parts.append('<p class="triage-disclaimer">%s %s</p>' % (
        esc(notices.disclaimer(emergency_number)), source_link(notices.DISCLAIMER_SOURCE, base, titles, target)))
    parts.append('<p class="triage-audience">%s %s</p>' % (
        esc(notices.AUDIENCE), source_link(notices.AUDIENCE_SOURCE, base, titles, target)))
    if actions:
        parts.append(
            '<div class="triage-actions triage-no-print">'
            '<button type="button" class="md-button" data-action="copy-link">Copy link to this result</button>'
            '<button type="button" class="md-button" data-action="print">Print</button>'
            + ('<button type="button" class="md-button" data-action="download-fhir">Download my answers (FHIR)'
               "</button>" if fhir_download else "") +
            '<button type="button" class="md-button" data-action="back">Back</button>'
            '<button type="button" class="md-button md-button--primary" data-action="restart">Start again</button>'
            "</div>"
            '<div class="triage-share triage-no-print" hidden>'
            '<label for="triage-share-link">Link to this result</label>'
            '<input id="triage-share-link" type="text" readonly>'
            '<p class="triage-share-note">This link holds your answers. It stays on your device unless you share it. '
            "Anyone who opens it will see them.</p></div>")
    parts.append("</section>")
    return "".join(parts)


def action_links_html(links: list, css: str = "triage-actions") -> str:
    """A row of plain links styled as buttons: [(label, href, primary), ...]. Works without JavaScript."""
    parts = ['<div class="%s">' % esc(css)]
    for label, href, primary in links:
        parts.append('<a class="md-button%s" href="%s">%s</a>' % (
            " md-button--primary" if primary else "", esc(href), esc(label)))
    parts.append("</div>")
    return "".join(parts)


def question_links_html(question: dict, step: int, max_steps: int, option_hrefs: dict, base: str = "../",
                        titles: dict = None, back_href: str = "", restart_href: str = "",
                        target: str = "") -> str:
    """One question for the static, no-JavaScript flow: the same heading, why-note and hint as
    `question_html`, but each option is a real link to the page that follows that answer.
    `option_hrefs` maps option ids to links; options without a link are left out."""
    titles = titles or {}
    qid = question["id"]
    head_id = "triage-q-%s" % slug(qid)
    why_id = "triage-why-%s" % slug(qid)
    back = '<a class="triage-back" href="%s">Back</a>' % esc(back_href) if back_href else ""
    parts = [
        '<section class="triage-question triage-question--links" data-question="%s" '
        'aria-labelledby="%s" aria-describedby="%s">' % (esc(qid), head_id, why_id),
        _step_bar(step, max_steps, back),
        '<h2 id="%s" class="triage-heading">%s</h2>' % (head_id, esc(question["text"])),
    ]
    parts.append(_hint(question))
    parts.append('<ul class="triage-link-options" aria-labelledby="%s">' % head_id)
    for option in question["options"]:
        href = option_hrefs.get(option["id"])
        if href is None:
            continue
        parts.append('<li><a class="triage-link-option" href="%s" data-option="%s">%s</a></li>' % (
            esc(href), esc(option["id"]), esc(option["label"])))
    parts.append("</ul>")
    parts.append(_why(question, why_id, base, titles, target))
    if restart_href:
        parts.append(action_links_html([("Start again", restart_href, False)]))
    parts.append("</section>")
    return "".join(parts)
