"""The checker's page glue under PyScript (MicroPython): DOM events in, engine calls, HTML out.

It decides nothing clinical: every question, level and text comes from `triage_core`, and all
markup from `checker_ui.views`. Answers live only in this object and, when the person asks for
a link, in the URL fragment they copy.

Each step is an entry in the browser's history (history.pushState), so the phone's Back and
Forward buttons move between questions. An entry holds only this page's run and the step's
number, never an answer, and its address has no answers: the answers of every step stay in this
object, and a step the reader goes back to keeps its answer until they change it.

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
        # A number to dial (the site's setting, or the partner's checked number in the embed) goes
        # into the rules' texts and the call button; a description of the number stays out of the
        # headline (the rules' own short wording is used) and is said once, below it.
        self.dial = views.dial_number(self.emergency)
        raw = catalog.get(self.cid)
        declared = [p["id"] for p in raw.placeholders]   # rules may have no place for the number
        self.texts = {"emergency_number": self.dial} if self.dial and "emergency_number" in declared else None
        self.calls = views.calling_levels(raw.levels)
        self.rules_version = raw.version
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
        self.site_name = settings.get("site_name", "")
        self.answers = {}
        self.history = []
        # Answers of the steps after this one, kept for the browser's Forward button; and this
        # run's lowest history entry (Back below it leaves the checker).
        self.ahead = []
        self.floor = 0
        self.runs = 0
        self.run = ""
        self.restarting = False
        self._proxies = [create_proxy(self.on_submit), create_proxy(self.on_click),
                         create_proxy(self.on_hash), create_proxy(self.on_pop)]
        # Window first: on MicroPython 1.28, window.addEventListener called after an element's
        # addEventListener throws "Illegal invocation" (a cached method lookup keeps the wrong `this`).
        window.addEventListener("hashchange", self._proxies[2])
        window.addEventListener("popstate", self._proxies[3])
        root.addEventListener("submit", self._proxies[0])
        root.addEventListener("click", self._proxies[1])

    # -- history entries ------------------------------------------------------------------
    def _entry(self):
        """What a history entry holds: which run of the checker and which step, no answer."""
        return window.JSON.parse(json.dumps({"triageRun": self.run, "triageStep": len(self.history)}))

    def _address(self) -> str:
        """This page's address without a fragment (never read into Python: it may be huge)."""
        here = window.location
        return here.pathname + here.search

    def begin_run(self, keep_hash: bool = False):
        """A new run of the checker (page start, Start again, a link's answers): the current
        history entry becomes its first; entries from before hold nothing this run can show."""
        self.runs += 1
        self.run = "%s-%d" % (window.String(window.performance.timeOrigin), self.runs)
        self.floor = len(self.history)
        self.ahead = []
        if keep_hash:
            window.history.replaceState(self._entry(), "")  # the address stays as it is
        else:
            window.history.replaceState(self._entry(), "", self._address())

    def _pushed(self):
        window.history.pushState(self._entry(), "", self._address())

    # -- state ----------------------------------------------------------------------------
    def restart(self):
        """Start again: back through this run's entries to its first, then forget the answers."""
        steps = len(self.history) - self.floor
        if steps > 0:
            self.restarting = True
            window.history.go(-steps)
            return
        self._forget()

    def _forget(self):
        self.restarting = False
        self.answers = {}
        self.history = []
        self.begin_run()
        self.show_next(focus=True)

    def answer(self, qid: str, value):
        self.answers[qid] = value
        self.history.append(qid)
        self.ahead = []  # pushState drops the browser's Forward entries too
        self._pushed()
        self.show_next(focus=True)

    def back(self):
        """The page's Back button: the browser's Back while this run has an entry below; at the
        first entry of a run (a link opened at its result), go back within the page."""
        if len(self.history) > self.floor:
            window.history.back()
        elif self.history:
            self.step_back()
            self.floor = len(self.history)
            window.history.replaceState(self._entry(), "", self._address())

    def step_back(self):
        qid = self.history.pop()
        previous = self.answers.pop(qid, None)
        self.ahead.append((qid, previous))
        self.show_question(triage_core.get_question(self.cid, qid), previous, focus=True)

    def redo(self):
        """Give again the answer of the step after this one (the browser's Forward)."""
        qid, value = self.ahead.pop()
        self.answers[qid] = value
        self.history.append(qid)

    def on_pop(self, event):
        """The browser's Back or Forward: show the step the entry names, with its answer kept."""
        state = event.state
        run = getattr(state, "triageRun", None) if state else None
        if self.restarting:
            self._forget()
            return
        if run is None:
            return  # a place in the page (#...) or a link's answers, which hashchange reads
        if run != self.run:
            self._forget()  # an entry from before a reload or Start again: no answers to show
            return
        step = int(state.triageStep)
        if step < len(self.history):
            while len(self.history) > step:
                self.step_back()
        elif step > len(self.history):
            while len(self.history) < step and self.ahead:
                self.redo()
            if len(self.history) != step:
                window.history.replaceState(self._entry(), "", self._address())
            self.show_next(focus=True)

    def load_fragment(self, fragment: str, focus: bool, opened: bool = False):
        """Resume from a fragment: complete sets show the result, partial ones resume. `opened`:
        the page was opened at this address, so a result shows with no tap before it and the
        intro stays (folded) rather than the page jumping under the reader's eyes."""
        try:
            answers = triage_core.answers_from_fragment(self.cid, fragment)
        except ValueError as err:
            self.say_notice("That link could not be read (%s), so the checker has started again." % err)
            self.answers = {}
            self.history = []
            self.begin_run()  # the unreadable link leaves the address (a crafted one may be huge)
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
        if opened:
            self.root.setAttribute("data-opened-from-link", "")
        self.begin_run(keep_hash=True)
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
        self.root.removeAttribute("data-opened-from-link")
        document.documentElement.removeAttribute("data-triage-opening")
        document.title = views.page_title(views.step_title(step, len(self.question_ids)), self.site_name)
        self.announce("Question %d: %s" % (step, q["text"]), focus)

    def show_result(self, focus: bool):
        result = triage_core.evaluate(self.cid, self.answers, self.texts)
        level = self.levels[result["level"]]
        calls = result["level"] in self.calls
        today = window.Date.new().toLocaleDateString("en-GB", window.JSON.parse(
            '{"day": "numeric", "month": "long", "year": "numeric"}'))
        self.stage.innerHTML = views.result_html(
            result, level, self.question_texts, self.emergency, self.base, self.titles, self.target,
            fhir_download=self.root.getAttribute("data-fhir-download") != "off",
            call=self.dial if calls else "", call_note=self.emergency if calls else "",
            printed="Result from %s. Rules version %s." % (today, self.rules_version))
        self.root.setAttribute("data-level", result["level"])
        document.title = views.page_title(views.result_title(result.get("level_title") or level["title"]),
                                          self.site_name)
        self.announce("Your result: %s" % result["headline"], focus)

    def announce(self, text: str, focus: bool):
        """Say the new step and move focus to its heading, with the step's top (Back, progress,
        a result's label) in view: focus alone would scroll only the heading into view."""
        self.live.textContent = text
        if focus:
            heading = self.stage.querySelector(".triage-heading")
            if heading:
                heading.focus(window.JSON.parse('{"preventScroll": true}'))
                top = self.stage.getBoundingClientRect().top
                if top < 0 or top > window.innerHeight / 2:
                    self.stage.scrollIntoView(window.JSON.parse('{"block": "start"}'))

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
        checker.load_fragment(fragment, focus=True, opened=True)
    elif early and early.length:
        checker.begin_run()
        for i in range(early.length):
            pair = early[i]
            checker.answers[pair[0]] = pair[1]
            checker.history.append(pair[0])
            checker._pushed()
        checker.show_next(focus=True)
    else:
        checker.begin_run()
        first = root.querySelector("form[data-question]")
        if first:
            document.title = views.page_title(views.step_title(1, len(checker.question_ids)), checker.site_name)
        else:
            checker.show_next(focus=False)
    root.setAttribute("data-state", "ready")
    window.triageReady = True
    return checker
