"""The checker as plain linked pages, for people with JavaScript or WebAssembly off.

Built from the same rules data and the same view code as the interactive checker. Only the
questions that can change the level are asked (the engine says which); each answer is a link to
the next page, and each outcome ends on one result page that lists the advice for every choice of
the questions left out. A level-relevant multiple choice is asked one option at a time, only for
the options a level condition names (the verifier's `level_options`); its other options change
wording only, so the result gives the advice for all of them. States are keyed by the level-relevant answers given so far, so the flow
stays small (one page per question asked on a path, one per distinct result).

Pure (no MkDocs imports), so tests can enumerate the flow directly; the plugin adds the pages
to the build, at `<id>/checker/static/` for every condition and at `checker/static/` for the
default one.
"""
import json
import re

from site_build.checker_page import root_of

STATIC_DIR = "checker/static/"
START = "index"
ADVICE_HEADING = "If any of these apply to you"


# ----------------------------------------------------------------------------- enumeration

def level_questions(condition_id) -> list:
    """Question ids that can change the level, as the engine's verifier defines them: read by a
    decision rule or a stop, or deciding whether such a question is asked."""
    from triage_core import catalog, verify
    return verify.level_questions(catalog.get(condition_id))


NOT = "not_"


def level_options(condition_id) -> dict:
    """{question id: option ids a level condition names} for each level-relevant multiple choice."""
    from triage_core import catalog, verify
    condition = catalog.get(condition_id)
    return {qid: verify.level_options(condition, qid) for qid in verify.level_questions(condition)
            if condition.questions[qid]["type"] == "multiple_choice"}


def answers_of(key, multi: dict) -> dict:
    """Answers from a state key. A multiple choice asked option by option (pairs (question, option)
    or (question, "not_" + option)) is an answer only once every named option is decided."""
    answers = {}
    decided = {}
    for qid, oid in key:
        if qid in multi:
            decided.setdefault(qid, []).append(oid)
        else:
            answers[qid] = oid
    for qid, named in multi.items():
        done = decided.get(qid, [])
        if len(done) == len(named):
            answers[qid] = [oid for oid in named if oid in done]
    return answers


def pending_option(question: dict, key, multi: dict):
    """The next named option of a multiple choice still to ask about, as a yes/no question."""
    qid = question["id"]
    decided = [oid[len(NOT):] if oid.startswith(NOT) else oid for q, oid in key if q == qid]
    oid = [o for o in multi[qid] if o not in decided][0]
    label = [o["label"] for o in question["options"] if o["id"] == oid][0]
    one = dict(question)
    one["type"] = "single_choice"
    one["asks_option"] = oid
    one["options"] = [{"id": oid, "label": label}, {"id": NOT + oid, "label": "No, this does not apply to me"}]
    return one


def skipped_questions(condition_id) -> list:
    """Questions the static flow does not ask, because no answer to them changes the level."""
    import triage_core
    relevant = level_questions(condition_id)
    return [qid for qid in triage_core.get_condition(condition_id)["questions"] if qid not in relevant]


def filler(question: dict):
    """A stand-in answer for a skipped question, so the engine can go on: every option of a
    multiple choice (so the result lists advice for all of them), else the first option (whose
    wording is then removed from the result)."""
    ids = [o["id"] for o in question["options"]]
    return ids if question["type"] == "multiple_choice" else ids[0]


def fill_skipped(condition_id, answers: dict, skipped: list, settings=None):
    """Add stand-ins for skipped questions the flow reaches; return (answers, next question or None)."""
    import triage_core
    answers = dict(answers)
    while True:
        question = triage_core.next_question(condition_id, answers, settings)
        if question is None or question["id"] not in skipped:
            return answers, question
        answers[question["id"]] = filler(question)


def static_result(condition_id, answers: dict, skipped: list, settings=None, multi: dict = None) -> dict:
    """The result for level-relevant answers, as the interactive checker gives it, except that
    nothing is said about skipped questions, and the advice covers every option of them and every
    wording-only option of a multiple choice asked option by option (with the general item first
    when the rules have one). Its `answers` are the ones these pages asked."""
    import triage_core
    multi = multi or {}
    full, question = fill_skipped(condition_id, answers, skipped, settings)
    if question is not None:
        raise ValueError("answers are not complete: next is %r" % question["id"])
    bare = dict(full)
    for qid in skipped:
        if isinstance(bare.get(qid), list):
            bare[qid] = []
    for qid, named in multi.items():
        if qid in full:
            every = triage_core.get_question(condition_id, qid)["options"]
            full[qid] = full[qid] + [o["id"] for o in every if o["id"] not in named]
    result = triage_core.evaluate(condition_id, full, settings)
    general = triage_core.evaluate(condition_id, bare, settings)["advice"]
    advice = []
    for item in general + result["advice"]:
        if item["id"] not in [a["id"] for a in advice]:
            advice.append(item)
    result["advice"] = advice
    result["reasons"] = [r for r in result["reasons"] if r.get("id") not in skipped]
    result["unsure"] = [q for q in result["unsure"] if q not in skipped]
    shown = []
    for item in result["answers"]:
        qid = item["question"]
        if qid in skipped:
            continue
        if qid not in multi:
            shown.append(item)
            continue
        labels = {o["id"]: o["label"] for o in triage_core.get_question(condition_id, qid, settings)["options"]}
        for oid in multi[qid]:
            chosen = oid in bare[qid]
            shown.append({"question": qid, "question_text": labels[oid], "answer": "yes" if chosen else "no",
                          "answer_label": "Yes" if chosen else "No"})
    result["answers"] = shown
    return result


def _choices(question: dict) -> list:
    if question["type"] == "multiple_choice":
        raise ValueError("question %r is a multiple choice; ask it one option at a time" % question["id"])
    return [o["id"] for o in question["options"]]


def enumerate_states(condition_id, settings=None) -> list:
    """Every state of the static flow, breadth first from no answers.

    Each state is a dict: key (tuple of (question id, option id) pairs, in the order asked),
    kind ("question" or "result"), parent (key of the state before, or None), step (1-based),
    and question (the engine's dict) or result (see `static_result`)."""
    skipped = skipped_questions(condition_id)
    multi = level_options(condition_id)
    states = []
    seen = set()
    queue = [()]
    parents = {(): None}
    while queue:
        key = queue.pop(0)
        if key in seen:
            continue
        seen.add(key)
        answers = answers_of(key, multi)
        _, question = fill_skipped(condition_id, answers, skipped, settings)
        if question is not None and question["id"] in multi:
            question = pending_option(question, key, multi)
        state = {"key": key, "parent": parents[key], "step": len(key) + 1}
        if question is None:
            state["kind"] = "result"
            state["result"] = static_result(condition_id, answers, skipped, settings, multi)
        else:
            state["kind"] = "question"
            state["question"] = question
            state["next"] = {}
            for oid in _choices(question):
                child = key + ((question["id"], oid),)
                state["next"][oid] = child
                parents.setdefault(child, key)
                queue.append(child)
        states.append(state)
    return states


def _slug(text) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def name_states(states: list) -> dict:
    """Stable, readable page names: "index" for the start; "q-<question>" or "result-<level>",
    followed by just enough of the last answers on the way there to tell pages apart."""
    counts = {}
    for state in states:
        for qid, oid in state["key"]:
            counts.setdefault(oid, set()).add(qid)

    def token(qid, oid):
        return _slug(oid) if len(counts[oid]) == 1 else _slug(qid) + "-" + _slug(oid)

    groups = {}
    for state in states:
        if not state["key"]:
            continue
        prefix = "q-" + _slug(state["question"]["id"]) if state["kind"] == "question" \
            else "result-" + _slug(state["result"]["level"])
        groups.setdefault(prefix, []).append(state)
    names = {(): START}
    for prefix, group in groups.items():
        longest = max(len(s["key"]) for s in group)
        for k in range(0, longest + 1):
            tails = ["-".join(token(q, o) for q, o in s["key"][len(s["key"]) - k:]) if k else ""
                     for s in group]
            if len(set(tails)) == len(tails):
                break
        for state, tail in zip(group, tails):
            names[state["key"]] = prefix + ("-" + tail if tail else "")
    return names


# ----------------------------------------------------------------------------- pages

def page_url(name: str, directory_urls: bool = True, static_dir: str = STATIC_DIR) -> str:
    """The site-relative URL MkDocs gives the page `<static_dir><name>.md`."""
    if name == START:
        return static_dir if directory_urls else static_dir + "index.html"
    return static_dir + name + ("/" if directory_urls else ".html")


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site-relative page URLs."""
    from_dir = from_url[:from_url.rfind("/") + 1]
    here = from_dir.split("/")[:-1]
    there = to_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return ("../" * (len(here) - common) + "/".join(there[common:])) or "./"


def _front_matter(title: str, description: str) -> str:
    lines = ["---", "title: " + json.dumps(title), "description: " + json.dumps(description),
             "template: checker-static.html"]
    return "\n".join(lines + ["---", ""])


def render_pages(condition_id, emergency_number: str = "", titles: dict = None, checker_url: str = "checker/",
                 directory_urls: bool = True, static_dir: str = STATIC_DIR) -> list:
    """Every page of the static flow as (src_uri, markdown), the start page first, in `static_dir`
    (site-relative); `checker_url` is the interactive checker's site-relative URL."""
    import triage_core
    from checker_ui import views

    titles = titles or {}
    settings, dial, calls = emergency_call(condition_id, emergency_number)
    meta = triage_core.get_condition(condition_id, settings)
    levels = {level["id"]: level for level in meta["levels"]}
    question_texts = {qid: triage_core.get_question(condition_id, qid, settings)["text"]
                      for qid in meta["questions"]}
    number = emergency_number or default_emergency_number(condition_id)
    states = enumerate_states(condition_id, settings)
    names = name_states(states)
    urls = {key: page_url(names[key], directory_urls, static_dir) for key in names}
    max_steps = max(s["step"] for s in states if s["kind"] == "question")
    start_url = urls[()]
    heading = "%s, step by step" % meta["title"]
    pages = []
    for state in states:
        key = state["key"]
        url = urls[key]
        base = root_of(url)
        back = relative(url, urls[state["parent"]]) if state["parent"] is not None else ""
        restart = relative(url, start_url) if key else ""
        other = ('<p class="triage-alt">Is JavaScript turned on? You can also use the '
                 '<a href="%s">interactive checker</a>.</p>' % views.esc(relative(url, checker_url)))
        if state["kind"] == "question":
            question = state["question"]
            hrefs = {oid: relative(url, urls[child]) for oid, child in state["next"].items()}
            body = views.question_links_html(question, state["step"], max_steps, hrefs, base, titles,
                                             back_href=back, restart_href=restart)
            title = views.step_title(state["step"], max_steps)
            description = ("%s: question %d. It works without JavaScript: pick an answer to go on."
                           % (heading, state["step"]))
        else:
            result = state["result"]
            level = levels[result["level"]]
            calling = result["level"] in calls
            body = views.result_html(result, level, question_texts, number, base, titles,
                                     actions=False, advice_heading=ADVICE_HEADING,
                                     call=dial if calling else "", call_note=number if calling else "",
                                     printed="Rules version %s." % meta["version"])
            links = [("Back", back, False)] if back else []
            links.append(("Start again", restart or "./", True))
            body += views.action_links_html(links, "triage-actions triage-no-print")
            title = views.result_title(level["title"])
            description = ("%s: your result is \u201c%s\u201d. What to do, why, and when to get help."
                           % (heading, level["title"]))
        intro = ""
        if not key:
            intro = ("This version of the checker shows one question on each page. Each answer is a link "
                     "to the next page, so it works without JavaScript. It gives the same advice as the "
                     "interactive checker.\n\n"
                     "As with any website, the server that hosts these pages can see which pages are opened. "
                     "The interactive checker keeps your answers on your device.\n\n"
                     "<strong>%s</strong> Get medical help now: call %s, "
                     "or go to an emergency department. <a href=\"%s\">When to get help at once</a>.\n\n" % (
                         views.esc(meta["urgent_notice"]), views.esc(number),
                         views.esc(base + meta["levels"][0]["source"])))
        if intro:
            # Folded, as on the interactive page: a phone shows the first question's answers on its
            # first screen.
            intro = '<details class="triage-intro"><summary>About this checker</summary>%s</details>\n\n' % (
                "".join("<p>%s</p>" % part for part in intro.split("\n\n") if part))
        markdown = (_front_matter(title, description)
                    + "\n# %s\n\n" % (heading if state["kind"] == "question" else "Your result") + intro
                    + '<div class="triage triage-static" data-static-page="%s">%s</div>\n\n' % (
                        views.esc(names[key]), body)
                    + other + "\n")
        pages.append((static_dir + ("index.md" if not key else names[key] + ".md"), markdown))
    return pages


def emergency_call(condition_id, emergency_number: str) -> tuple:
    """(engine settings, number to dial, ids of levels that say to call) for a site's setting. A
    number to dial goes into the rules' texts and the call button; a description of the number
    stays out of the headline (the rules' own short wording is used) and is said below it. The
    engine gets the number only if the rules have a place for it (it refuses a setting the rules
    do not declare)."""
    from triage_core import catalog
    from checker_ui import views
    rules = catalog.get(condition_id)
    declared = [p["id"] for p in rules.placeholders]
    dial = views.dial_number(emergency_number)
    settings = {"emergency_number": dial} if dial and "emergency_number" in declared else None
    return settings, dial, views.calling_levels(rules.levels)


def default_emergency_number(condition_id) -> str:
    """The rules' own text for the emergency number, used when the site sets none."""
    from triage_core import catalog
    for placeholder in catalog.get(condition_id).placeholders:
        if placeholder["id"] == "emergency_number":
            return placeholder["default"]
    return ""
