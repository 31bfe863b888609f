"""The checker's page glue under PyScript (MicroPython): DOM events in, engine calls, HTML out.

It decides nothing clinical: every question, level and text comes from `triage_core`, and all
markup from `checker_ui.views`. Answers live only in this object and, when the person asks for
a link, in the URL fragment they copy.

It reaches the page through MicroPython's own `js` and `jsffi` modules, not PyScript's `pyscript`
package: boot.js starts it (`start()`) from PyScript's ready hook, before PyScript has set that
package up.
"""
import json

from js import document, window
from jsffi import create_proxy

import triage_core
from checker_ui import views
from triage_core import catalog, fhir_response


def _settings() -> dict:
    """Page settings the build put in a JSON script tag (titles of source sections, etc.)."""
    node = document.getElementById("triage-settings")
    return json.loads(node.textContent) if node else {}


def _answers_in_url(root) -> str:
    """The answers in the address. None when the fragment names an element of the page (a place
    in it: the offline file's step-by-step sections, #step-...), or when the page says not to
    read them (an embed frame whose parent has not answered as a partner). At most one character
    over the engine's limit comes across from JavaScript (boot.js's triageFragment): a crafted
    megabyte would take a second to copy into Python, only to be refused for its length."""
    if root.getAttribute("data-read-fragment") == "no":
        return ""
    head = getattr(window, "triageFragment", None)
    fragment = window.location.hash[1:] if head is None else head(triage_core.fragment.MAX_LENGTH + 1)
    if fragment and document.getElementById(fragment):
        return ""
    return fragment


class Checker:
    def __init__(self, root, settings: dict):
        self.root = root
        self.settings = settings
        self.cid = root.getAttribute("data-condition")
        # Absolute, so a printed result shows addresses a person can type in later.
        self.base = window.URL.new(settings.get("base", "../"), document.baseURI).href
        self.titles = settings.get("titles", {})
        self.target = root.getAttribute("data-link-target") or ""
        self.emergency = root.getAttribute("data-emergency-number") or settings.get("emergency_number", "")
        declared = [p["id"] for p in catalog.get(self.cid).placeholders]   # rules without the number
        self.texts = {"emergency_number": self.emergency} if self.emergency and "emergency_number" in declared else None
        condition = triage_core.get_condition(self.cid, self.texts)
        self.levels = {}
        for level in condition["levels"]:
            self.levels[level["id"]] = level
        self.question_ids = condition["questions"]
        self.question_texts = {}
        for qid in self.question_ids:
            self.question_texts[qid] = triage_core.get_question(self.cid, qid)["text"]
        self.stage = root.querySelector("[data-triage-stage]")
        self.live = root.querySelector("[data-triage-live]")
        self.notice = root.querySelector("[data-triage-notice]")
        self.answers = {}
        self.history = []
        self._proxies = [create_proxy(self.on_submit), create_proxy(self.on_click),
                         create_proxy(self.on_hash)]
        # Window first: on MicroPython 1.28, window.addEventListener called after an element's
        # addEventListener throws "Illegal invocation" (a cached method lookup keeps the wrong `this`).
        window.addEventListener("hashchange", self._proxies[2])
        root.addEventListener("submit", self._proxies[0])
        root.addEventListener("click", self._proxies[1])

    # -- state ----------------------------------------------------------------------------
    def restart(self, clear_url: bool = True):
        self.answers = {}
        self.history = []
        if clear_url and window.location.hash:
            window.history.replaceState(None, "", window.location.pathname + window.location.search)
        self.show_next(focus=True)

    def answer(self, qid: str, value):
        self.answers[qid] = value
        self.history.append(qid)
        self.show_next(focus=True)

    def back(self):
        if not self.history:
            return
        qid = self.history.pop()
        previous = self.answers.pop(qid, None)
        self.show_question(triage_core.get_question(self.cid, qid), previous, focus=True)

    def load_fragment(self, fragment: str, focus: bool):
        """Resume from a fragment: complete sets show the result, partial ones resume."""
        try:
            answers = triage_core.answers_from_fragment(self.cid, fragment)
        except ValueError as err:
            self.say_notice("That link could not be read (%s), so the checker has started again." % err)
            self.answers = {}
            self.history = []
            self.show_next(focus=focus)
            return
        self.say_notice("")
        walked = {}
        history = []
        while True:
            q = triage_core.next_question(self.cid, walked)
            if q is None or q["id"] not in answers:
                break
            walked[q["id"]] = answers[q["id"]]
            history.append(q["id"])
        self.answers = walked
        self.history = history
        self.show_next(focus=focus)

    # -- rendering ------------------------------------------------------------------------
    def show_next(self, focus: bool):
        q = triage_core.next_question(self.cid, self.answers)
        if q is None:
            self.show_result(focus)
        else:
            self.show_question(q, None, focus)

    def show_question(self, q: dict, selected, focus: bool):
        step = len(self.history) + 1
        self.stage.innerHTML = views.question_html(
            q, step, len(self.question_ids), selected, self.base, self.titles,
            can_go_back=bool(self.history), target=self.target)
        self.root.removeAttribute("data-level")
        self.announce("Question %d: %s" % (step, q["text"]), focus)

    def show_result(self, focus: bool):
        result = triage_core.evaluate(self.cid, self.answers, self.texts)
        level = self.levels[result["level"]]
        self.stage.innerHTML = views.result_html(
            result, level, self.question_texts, self.emergency, self.base, self.titles, self.target,
            fhir_download=self.root.getAttribute("data-fhir-download") != "off")
        self.root.setAttribute("data-level", result["level"])
        self.announce("Your result: %s" % result["headline"], focus)

    def announce(self, text: str, focus: bool):
        self.live.textContent = text
        if focus:
            heading = self.stage.querySelector(".triage-heading")
            if heading:
                heading.focus()

    def say_notice(self, text: str):
        self.notice.textContent = text
        if text:
            self.notice.removeAttribute("hidden")
        else:
            self.notice.setAttribute("hidden", "")

    # -- events ---------------------------------------------------------------------------
    def on_submit(self, event):
        event.preventDefault()
        form = event.target
        qid = form.getAttribute("data-question")
        q = triage_core.get_question(self.cid, qid)
        checked = form.querySelectorAll("input:checked")
        values = [checked.item(i).value for i in range(checked.length)]
        values = [v for v in values if v]
        error = form.querySelector(".triage-error")
        if q["type"] == "multiple_choice":
            self.answer(qid, values)
        elif values:
            self.answer(qid, values[0])
        else:
            error.removeAttribute("hidden")
            first = form.querySelector("input")
            if first:
                first.focus()

    def on_click(self, event):
        button = event.target.closest("[data-action]")
        if not button:
            return
        action = button.getAttribute("data-action")
        if action == "back":
            self.back()
        elif action == "restart":
            self.say_notice("")
            self.restart()
        elif action == "print":
            window.print()
        elif action == "copy-link":
            self.copy_link()
        elif action == "download-fhir":
            self.download_fhir()

    def on_hash(self, event):
        fragment = _answers_in_url(self.root)
        if fragment:
            self.load_fragment(fragment, focus=True)

    def copy_link(self):
        """Build the private link only now, on request; show it and try the clipboard."""
        # The embed page links to the checker page (data-share-page), never to itself.
        page = self.root.getAttribute("data-share-page")
        href = window.URL.new(page, document.baseURI).href if page else window.location.href.split("#")[0]
        link = href + "#" + triage_core.fragment_from_answers(self.cid, self.answers)
        box = self.stage.querySelector(".triage-share")
        field = box.querySelector("input")
        field.value = link
        box.removeAttribute("hidden")
        field.focus()
        field.select()
        self.live.textContent = "Here is the link. Select it and copy it."
        clipboard = window.navigator.clipboard
        if clipboard:
            # The browser may refuse the clipboard (no permission, not focused): then the selected
            # link in the box is the way to copy it, and the message says so.
            done = create_proxy(self._copied)
            refused = create_proxy(self._not_copied)
            self._proxies += [done, refused]
            clipboard.writeText(link).then(done, refused)

    def download_fhir(self):
        """The answers as a FHIR QuestionnaireResponse, saved as a file made in the page: no
        request, nothing stored."""
        asked = triage_core.status(self.cid, self.answers)["asked"]
        answers = {}
        shown = {}
        for qid in asked:
            answers[qid] = self.answers[qid]
            shown[qid] = triage_core.get_question(self.cid, qid, self.texts)
        level = triage_core.evaluate(self.cid, answers, self.texts)["level"]
        response = fhir_response.questionnaire_response(
            catalog.get(self.cid), answers, level, window.Date.new().toISOString(),
            self.settings.get("fhir_base", ""), shown)
        blob = window.Blob.new([json.dumps(response)], window.JSON.parse('{"type": "application/fhir+json"}'))
        url = window.URL.createObjectURL(blob)
        link = document.createElement("a")
        link.href = url
        link.download = "my-answers-%s.json" % self.cid
        link.hidden = True
        self.stage.appendChild(link)
        link.click()
        link.remove()
        revoke = create_proxy(lambda *_args: window.URL.revokeObjectURL(url))
        self._proxies.append(revoke)
        window.setTimeout(revoke, 60000)
        self.live.textContent = "Your answers are saved as a file on this device."

    def _copied(self, *args):
        self.live.textContent = "Link copied. It holds your answers."

    def _not_copied(self, *args):
        self.live.textContent = "Here is the link. Select it and copy it."


_waiting = []


def start():
    """Start the checker once the page is parsed and its deferred scripts (the embed options)
    have run. PyScript may get here sooner, since it loads without waiting for the page: boot.js
    then calls back when the page is ready. Without boot.js, start at once."""
    when_ready = getattr(window, "triageWhenReady", None)
    if when_ready is None:
        return _start()
    callback = create_proxy(_start)
    _waiting.append(callback)  # keep the proxy alive until boot.js calls it
    when_ready(callback)
    return None


def _start(*_args):
    root = document.querySelector("[data-triage-checker-app]")
    if not root:
        return None
    checker = Checker(root, _settings())
    early = window.triageEarly
    fragment = _answers_in_url(root)
    if fragment:
        checker.load_fragment(fragment, focus=True)
    elif early and early.length:
        for i in range(early.length):
            pair = early[i]
            checker.answers[pair[0]] = pair[1]
            checker.history.append(pair[0])
        checker.show_next(focus=True)
    else:
        first = root.querySelector("form[data-question]")
        if not first:
            checker.show_next(focus=False)
    root.setAttribute("data-state", "ready")
    window.triageReady = True
    return checker
