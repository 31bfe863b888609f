"""The step-by-step checker inside the offline file: every state of the static flow as a section
of the same page, linked by #fragment and shown with CSS :target, so it works with JavaScript
off, or when the interactive checker cannot start, and never needs the network.

The states, their order and their advice are the static flow's (site_build/static_flow.py) and
the markup is the checker's own views, so the three versions give the same advice. Section ids
are "step-" plus the static flow's page name ("step-index", "step-q-weakness-...",
"step-result-..."): they hold no "=", so the checker's Python, which reads answers from the
fragment, can never take one for a set of answers (and it leaves alone any fragment that
names an element of the page). Ids inside each section are prefixed with the section's id, so
the page's ids stay unique.
"""
import re

from site_build import static_flow

PREFIX = "step-"
START_ID = PREFIX + static_flow.START
_ID_ATTRS = re.compile(r'\b(id|for|aria-labelledby|aria-describedby)="([^"]*)"')


def section_id(name: str) -> str:
    return PREFIX + name


def scoped_ids(markup: str, scope: str) -> str:
    """Markup from the views with every id (and every reference to one) prefixed by `scope`."""
    def rename(m):
        ids = " ".join(scope + "-" + i for i in m.group(2).split())
        return '%s="%s"' % (m.group(1), ids)
    return _ID_ATTRS.sub(rename, markup)


def sections(condition_id, emergency_number: str, titles: dict, base: str, target: str) -> list:
    """[{id, kind, level, html}] for every state of the static flow, the start first. Source
    links go to `base` (the published site), opened in `target`."""
    import triage_core
    from checker_ui import views

    settings, dial, calls = static_flow.emergency_call(condition_id, emergency_number)
    meta = triage_core.get_condition(condition_id, settings)
    levels = {level["id"]: level for level in meta["levels"]}
    question_texts = {qid: triage_core.get_question(condition_id, qid, settings)["text"]
                      for qid in meta["questions"]}
    number = emergency_number or static_flow.default_emergency_number(condition_id)
    states = static_flow.enumerate_states(condition_id, settings)
    names = static_flow.name_states(states)
    hrefs = {key: "#" + section_id(name) for key, name in names.items()}
    max_steps = max(s["step"] for s in states if s["kind"] == "question")
    out = []
    for state in states:
        key = state["key"]
        sid = section_id(names[key])
        back = hrefs[state["parent"]] if state["parent"] is not None else ""
        restart = hrefs[()] if key else ""
        if state["kind"] == "question":
            options = {oid: hrefs[child] for oid, child in state["next"].items()}
            body = views.question_links_html(state["question"], state["step"], max_steps, options, base,
                                             titles, back_href=back, restart_href=restart, target=target)
            level = None
        else:
            result = state["result"]
            level = result["level"]
            calling = level in calls
            body = views.result_html(result, levels[level], question_texts, number, base, titles,
                                     target=target, actions=False,
                                     advice_heading=static_flow.ADVICE_HEADING,
                                     call=dial if calling else "", call_note=number if calling else "",
                                     printed="Rules version %s." % meta["version"])
            links = [("Back", back, False)] if back else []
            links.append(("Start again", hrefs[()], True))
            body += views.action_links_html(links, "triage-actions triage-no-print")
        out.append({"id": sid, "kind": state["kind"], "level": level, "html": scoped_ids(body, sid)})
    return out
