"""The step-by-step checker (checker/static/): plain linked pages generated from the rules.

Checked two ways: the pure enumeration in site_build/static_flow.py, and the built HTML, by
following its links answer by answer for every combination of the answers that can change the
level, and comparing the level shown with the engine's."""
import html.parser
import itertools
import re
import urllib.parse

import pytest

import triage_core
from site_build import static_flow

CONDITION = "fasciculations"
STATIC = "checker/static/"


# ----------------------------------------------------------------------------- pure enumeration

@pytest.fixture(scope="module")
def states():
    return static_flow.enumerate_states(CONDITION)


def test_page_count_stays_small(states):
    assert 10 <= len(states) <= 40, len(states)
    names = static_flow.name_states(states)
    assert len(set(names.values())) == len(states), "page names must be unique"
    assert names[()] == "index"


def test_every_level_is_reachable(states):
    levels = {s["result"]["level"] for s in states if s["kind"] == "result"}
    assert levels == {level["id"] for level in triage_core.get_condition(CONDITION)["levels"]}


def test_only_level_questions_are_asked(states):
    skipped = static_flow.skipped_questions(CONDITION)
    assert skipped, "this condition has wording-only questions; they should be detected"
    asked = {s["question"]["id"] for s in states if s["kind"] == "question"}
    assert asked == set(static_flow.level_questions(CONDITION))
    assert not asked & set(skipped)


def test_results_say_nothing_about_skipped_questions(states):
    skipped = set(static_flow.skipped_questions(CONDITION))
    for state in states:
        if state["kind"] == "result":
            assert not {r.get("id") for r in state["result"]["reasons"]} & skipped
            assert not set(state["result"]["unsure"]) & skipped


@pytest.mark.parametrize("from_url,to_url,expected", [
    ("checker/static/", "checker/static/q-a/", "q-a/"),
    ("checker/static/q-a/", "checker/static/q-b/", "../q-b/"),
    ("checker/static/q-a/", "checker/static/", "../"),
    ("checker/static/q-a/", "checker/", "../../"),
    ("checker/static/", "checker/static/", "./"),
    ("checker/static/q-a.html", "checker/static/q-b.html", "q-b.html"),
    ("checker/static/q-a.html", "checker/index.html", "../index.html"),
])
def test_relative_links(from_url, to_url, expected):
    assert static_flow.relative(from_url, to_url) == expected


# ----------------------------------------------------------------------------- built HTML

class PageParser(html.parser.HTMLParser):
    """What the tests need from one built page."""

    def __init__(self):
        super().__init__()
        self.hrefs = []
        self.ids = set()
        self.question = None
        self.options = {}
        self.level = None
        self.stylesheets = []
        self.scripts = 0
        self.advice = []
        self.back = None
        self.restart = None
        self._in_advice = False
        self._li = None
        self._a = None

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if d.get("id"):
            self.ids.add(d["id"])
        if tag == "a" and "href" in d:
            self.hrefs.append(d["href"])
            if d.get("data-option") is not None:
                self.options[d["data-option"]] = d["href"]
            if {"md-button", "triage-back"} & set((d.get("class") or "").split()):
                self._a = [d["href"], ""]
        if tag == "link" and d.get("rel") == "stylesheet":
            self.stylesheets.append(d.get("href"))
        if tag == "script":
            self.scripts += 1
        if d.get("data-question"):
            self.question = d["data-question"]
        if d.get("data-level") is not None:
            self.level = d["data-level"]
        if tag == "ul" and "triage-advice" in (d.get("class") or "").split():
            self._in_advice = True
        if tag == "li" and self._in_advice:
            self._li = ""

    def handle_endtag(self, tag):
        if tag == "ul":
            self._in_advice = False
        if tag == "li" and self._li is not None:
            self.advice.append(" ".join(self._li.split()))
            self._li = None
        if tag == "a" and self._a is not None:
            label = self._a[1].strip()
            if label == "Back":
                self.back = self._a[0]
            elif label == "Start again":
                self.restart = self._a[0]
            self._a = None

    def handle_data(self, data):
        if self._li is not None:
            self._li += data
        if self._a is not None:
            self._a[1] += data


def file_for(site_dir, url):
    path = url.split("#")[0]
    if path.endswith("/") or path == "":
        path += "index.html"
    return site_dir / path


def resolve(page_url, href):
    """Site-relative URL (with fragment) that a relative href on page_url points to."""
    joined = urllib.parse.urljoin("http://site.invalid/" + page_url, href)
    parts = urllib.parse.urlsplit(joined)
    assert parts.netloc == "site.invalid", "link leaves the site: %r on %s" % (href, page_url)
    return parts.path.lstrip("/") + ("#" + parts.fragment if parts.fragment else "")


@pytest.fixture(scope="module")
def built(site_dir):
    """Parsed pages of the static flow, by site-relative URL."""
    pages = {}

    def load(url):
        url = url.split("#")[0]
        if url not in pages:
            f = file_for(site_dir, url)
            assert f.is_file(), "no built page for %s" % url
            parser = PageParser()
            parser.feed(f.read_text(encoding="utf-8"))
            pages[url] = parser
        return pages[url]

    return load


def static_urls(site_dir, folder=STATIC):
    return sorted(str(p.parent.relative_to(site_dir)) + "/" for p in (site_dir / folder).rglob("index.html"))


def flows() -> list:
    """(condition, folder of its step-by-step pages) for every condition of the site, and the
    default condition's at today's address."""
    import site_config
    return ([(cid, "%s/checker/static/" % cid) for cid in site_config.condition_ids()]
            + [(site_config.default_condition(), STATIC)])


@pytest.mark.parametrize("cid, folder", flows())
def test_every_generated_page_is_built(site_dir, cid, folder):
    expected = [src for src, _ in static_flow.render_pages(cid, static_dir=folder)]
    urls = static_urls(site_dir, folder)
    assert sorted(src[:-len(".md")].replace("/index", "") + "/" for src in expected) == urls
    assert folder in urls


@pytest.mark.parametrize("cid, folder", flows())
def test_every_link_resolves(site_dir, built, cid, folder):
    checked = 0
    for url in static_urls(site_dir, folder):
        page = built(url)
        assert page.stylesheets == [], url  # the light page: styles inline, nothing to fetch first
        assert page.scripts == 0, url  # nothing to run: the same with JavaScript on or off
        for href in page.hrefs:
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target = resolve(url, href)
            path, _, anchor = target.partition("#")
            assert file_for(site_dir, path).is_file(), "%s links to missing %r" % (url, href)
            if anchor and (path.endswith("/") or path.endswith(".html") or path == ""):
                assert anchor in built(path).ids, "%s links to missing anchor %r" % (url, href)
            checked += 1
    assert checked > 100


def test_checker_page_links_to_the_static_flow(site_dir, built):
    page = built("checker/")
    targets = {resolve("checker/", h) for h in page.hrefs}
    assert STATIC in targets


def _answer_sets():
    """Every complete combination of the level-relevant answers (wording-only ones filled in); a
    multiple choice takes every subset of the options a level condition names."""
    relevant = static_flow.level_questions(CONDITION)
    multi = static_flow.level_options(CONDITION)
    options = []
    for q in relevant:
        if q in multi:
            options.append([[o for o, keep in zip(multi[q], picks) if keep]
                            for picks in itertools.product([False, True], repeat=len(multi[q]))])
        else:
            options.append([o["id"] for o in triage_core.get_question(CONDITION, q)["options"]])
    for combo in itertools.product(*options):
        yield dict(zip(relevant, combo))


def _pick(page, answer):
    """The link to follow on a question page for this answer (a multiple choice is asked one
    option at a time: the option, or "not_" + option)."""
    if not isinstance(answer, list):
        return page.options[answer]
    asked = [o for o in page.options if not o.startswith(static_flow.NOT)][0]
    return page.options[asked if asked in answer else static_flow.NOT + asked]


def test_following_links_gives_the_engines_level(site_dir, built):
    skipped = static_flow.skipped_questions(CONDITION)
    count = 0
    for answers in _answer_sets():
        url = STATIC
        path = []
        for _ in range(50):
            page = built(url)
            if page.level is not None:
                break
            qid = page.question
            assert qid in answers, "%s asks %r, which is not level-relevant" % (url, qid)
            if qid not in path:
                path.append(qid)
            href = _pick(page, answers[qid])
            url = resolve(url, href)
        else:
            pytest.fail("no result reached for %s" % answers)
        full, _ = static_flow.fill_skipped(CONDITION, answers, skipped)
        expected = triage_core.evaluate(CONDITION, full)["level"]
        assert page.level == expected, "%s via %s shows %r, the engine says %r" % (answers, path, page.level, expected)
        status = triage_core.status(CONDITION, full)
        assert path == [q for q in status["asked"] if q not in skipped]
        count += 1
    assert count > 100


def test_result_pages_list_advice_for_every_trigger(site_dir, built, states):
    skipped = static_flow.skipped_questions(CONDITION)
    multi = static_flow.level_options(CONDITION)
    multiple = [q for q in triage_core.get_condition(CONDITION)["questions"]
                if triage_core.get_question(CONDITION, q)["type"] == "multiple_choice"]
    assert multiple
    names = static_flow.name_states(states)
    with_advice = 0
    for state in states:
        if state["kind"] != "result":
            continue
        page = built(static_flow.page_url(names[state["key"]]))
        full, _ = static_flow.fill_skipped(CONDITION, static_flow.answers_of(state["key"], multi), skipped)
        for qid in multiple:
            if qid not in full:
                continue
            chosen = full[qid] if qid in multi else []
            for option in triage_core.get_question(CONDITION, qid)["options"]:
                if option["id"] in multi.get(qid, []) and option["id"] not in chosen:
                    continue    # answered "no" on these pages
                one = dict(full, **{qid: chosen + [option["id"]] if option["id"] not in chosen else chosen})
                for item in triage_core.evaluate(CONDITION, one)["advice"]:
                    assert any(li.startswith(item["text"]) for li in page.advice), (
                        "%s lacks advice %r" % (names[state["key"]], item["id"]))
                    with_advice += 1
        assert page.restart is not None
        assert page.back is not None
        assert "checker/" in {resolve(static_flow.page_url(names[state["key"]]), h) for h in page.hrefs}
    assert with_advice >= 8


def test_result_pages_show_title_headline_timeframe_and_the_answers_asked(site_dir, built, states):
    names = static_flow.name_states(states)
    levels = {lv["id"]: lv for lv in triage_core.get_condition(CONDITION)["levels"]}
    seen = 0
    for state in states:
        if state["kind"] != "result":
            continue
        url = static_flow.page_url(names[state["key"]])
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(file_for(site_dir, url).read_text(encoding="utf-8")))
                        .split())
        result = state["result"]
        level = levels[result["level"]]
        assert "Urgency: " + level["title"] in text
        default = static_flow.default_emergency_number(CONDITION)
        for part in result["headline"].split(default):   # the site sets its own emergency number text
            assert part.strip() in text
        assert "When: " + level["timeframe"]["text"] in text
        asked = [qid for qid, _ in state["key"]]
        assert [a["question"] for a in result["answers"]] == asked
        for item in result["answers"]:
            assert item["question_text"] + " " + item["answer_label"] in text, (url, item)
        seen += 1
    assert seen >= 10


def test_a_level_relevant_multiple_choice_is_asked_one_named_option_at_a_time(states):
    multi = static_flow.level_options(CONDITION)
    assert multi == {"triggers": ["medication"]}
    pages = [s for s in states if s["kind"] == "question" and s["question"]["id"] == "triggers"]
    assert pages
    for state in pages:
        assert [o["id"] for o in state["question"]["options"]] == ["medication", "not_medication"]
    medicine = [s for s in states if s["kind"] == "result" and ("triggers", "medication") in s["key"]]
    assert medicine and {s["result"]["level"] for s in medicine} == {"doctor_advised"}


def test_question_pages_have_back_and_start_again(site_dir, built, states):
    names = static_flow.name_states(states)
    for state in states:
        if state["kind"] != "question":
            continue
        url = static_flow.page_url(names[state["key"]])
        page = built(url)
        assert page.question == state["question"]["id"]
        assert set(page.options) == {o["id"] for o in state["question"]["options"]}
        if state["key"]:
            parent = static_flow.page_url(names[state["parent"]])
            assert resolve(url, page.back) == parent
            assert resolve(url, page.restart) == STATIC
        else:
            assert page.back is None


def test_static_flow_links_to_its_own_conditions_checker(site_dir):
    """Each condition's step-by-step pages offer its own interactive checker, not another's."""
    import site_config
    for cid in site_config.condition_ids():
        for flow, checker in [("%s/checker/static/" % cid, "%s/checker/" % cid)] + (
                [(STATIC, "checker/")] if cid == site_config.default_condition() else []):
            text = (site_dir / flow / "index.html").read_text(encoding="utf-8")
            link = re.search(r'class="triage-alt">.*?<a href="([^"]+)">interactive checker', text, re.S).group(1)
            assert resolve(flow, link) == checker, (flow, link)
