"""The built content pages: they exist, carry the anchors other parts of the site link to, have
page-specific meta descriptions and valid JSON-LD, and state what the About page promises."""
import datetime
import html.parser
import json
import re

import pytest

from checker_ui import urgency

from support import built_page

REVIEWED_ISO = "2026-11-25"
REVIEWED_TEXT = "25 November 2026"
REVIEW_DUE_TEXT = "25 November 2027"
SITE_DESCRIPTION_PREFIX = "Plain-language, private health information on muscle twitching"

# Contract with the checker's rules data (its `source` links) and with other pages:
# page -> anchors that must exist. Renaming any of these breaks links elsewhere.
ANCHORS = {
    "index.md": [],
    "fasciculations/index.md": ["what-it-is", "how-common", "where"],
    "fasciculations/how-it-happens.md": ["motor-unit", "spontaneous-firing", "not-a-cramp", "triggers"],
    "fasciculations/recovery.md": ["after-exercise", "nerve-recovery"],
    "fasciculations/causes.md": ["stress", "caffeine", "sleep", "electrolytes",
                                 "dehydration-and-diet", "medicines", "what-you-can-do"],
    "fasciculations/when-to-get-help.md": ["emergency", "doctor-needed", "doctor-advised",
                                           "self-care", "examination"],
    "about.md": ["source", "editorial-policy", "policy-unsure", "policy-several-weeks",
                 "policy-nerve-recovery", "policy-medicines", "policy-medicine-check",
                 "policy-sudden-weakness", "policy-timeframes", "policy-nothing-to-change",
                 "policy-one-spot", "policy-adults", "review", "accessibility",
                 "privacy", "licence", "disclaimer"],
}
ARTICLE_PAGES = [p for p in ANCHORS if p.startswith("fasciculations/")]
# Urgency level id -> care-card anchor, most urgent first.
CARE_CARDS = {"emergency": "emergency", "doctor_needed": "doctor-needed",
              "doctor_advised": "doctor-advised", "self_care": "self-care"}
# Policy links each page must carry (the safety rules the source article does not state).
POLICY_LINKS = {
    "fasciculations/recovery.md": ["policy-nerve-recovery"],
    "fasciculations/causes.md": ["policy-medicines"],
    "fasciculations/when-to-get-help.md": ["policy-unsure", "policy-several-weeks", "policy-sudden-weakness",
                                           "policy-timeframes", "policy-one-spot", "policy-nothing-to-change",
                                           "policy-medicine-check"],
}
EMERGENCY_NUMBERS = "999, 911, 112 or 000"


class Page(html.parser.HTMLParser):
    """Collects ids, meta tags, JSON-LD scripts, links, care cards and text by section."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.metas, self.jsonld, self.hrefs = [], [], [], []
        self.cards = []                 # dicts: classes, ids, labels, text
        self._stack = []                # (tag, card dict or None)
        self._script = None
        self._label = None
        self.section_text = {}          # heading id -> text that follows it
        self._section = None
        self.feed(text)
        self.close()

    def _card(self):
        for _, card in reversed(self._stack):
            if card is not None:
                return card
        return None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        card = None
        if tag == "div" and "care-card" in classes:
            card = {"classes": classes, "level": a.get("data-level"), "ids": [], "labels": [], "text": []}
            self.cards.append(card)
        if tag not in ("meta", "link", "br", "img", "hr", "input"):
            self._stack.append((tag, card))
        if "id" in a:
            self.ids.append(a["id"])
            if self._card() is not None:
                self._card()["ids"].append(a["id"])
            if re.fullmatch(r"h[1-6]", tag):
                self._section = a["id"]
        if tag == "meta":
            self.metas.append(a)
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script" and a.get("type") == "application/ld+json":
            self._script = []
        if "care-card__label" in classes:
            self._label = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None
        if self._label is not None and tag == "p":
            if self._card() is not None:
                self._card()["labels"].append(" ".join("".join(self._label).split()))
            self._label = None
        while self._stack:
            open_tag, _ = self._stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)
            return
        if self._label is not None:
            self._label.append(data)
        if self._card() is not None:
            self._card()["text"].append(data)
        if self._section:
            self.section_text.setdefault(self._section, []).append(data)

    def text_of(self, section_id):
        return " ".join("".join(self.section_text.get(section_id, [])).split())

    def meta(self, name):
        return [m.get("content", "") for m in self.metas if m.get("name") == name]


@pytest.fixture(scope="module")
def pages(site_dir):
    return {md: Page(built_page(site_dir, md).read_text(encoding="utf-8")) for md in ANCHORS}


@pytest.mark.parametrize("md", list(ANCHORS))
def test_page_is_built_with_its_anchors(pages, md):
    ids = pages[md].ids
    missing = [a for a in ANCHORS[md] if a not in ids]
    assert not missing, f"{md}: missing anchors {missing}"
    dupes = {i for i in ids if ids.count(i) > 1}
    assert not dupes, f"{md}: duplicate ids {dupes}"


@pytest.mark.parametrize("md", list(ANCHORS))
def test_page_has_its_own_meta_description(pages, md):
    descriptions = pages[md].meta("description")
    assert len(descriptions) == 1, f"{md}: expected one meta description, got {descriptions}"
    text = descriptions[0].strip()
    assert len(text) >= 50, f"{md}: meta description too short: {text!r}"
    assert not text.startswith(SITE_DESCRIPTION_PREFIX), f"{md}: uses the site-wide description"


@pytest.mark.parametrize("md", ARTICLE_PAGES)
def test_article_has_one_valid_medical_jsonld(pages, md):
    scripts = pages[md].jsonld
    assert len(scripts) == 1, f"{md}: expected exactly one JSON-LD script, got {len(scripts)}"
    data = json.loads(scripts[0])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["about"]["@type"] == "MedicalCondition"
    assert data["about"]["name"] == "Fasciculation"
    assert data["name"].strip() and data["description"].strip()
    assert data["description"] == pages[md].meta("description")[0]
    assert datetime.date.fromisoformat(data["lastReviewed"]).isoformat() == REVIEWED_ISO
    assert data["audience"]["@type"] in ("PeopleAudience", "MedicalAudience")
    assert data["audience"]["audienceType"] == "Patient"
    assert data["inLanguage"] == "en"


@pytest.mark.parametrize("md", ["index.md", "about.md"])
def test_non_article_pages_have_no_medical_jsonld(pages, md):
    assert pages[md].jsonld == []


def test_care_cards_in_urgency_order_each_labelled_in_text(pages):
    page = pages["fasciculations/when-to-get-help.md"]
    cards = page.cards
    assert len(cards) == len(CARE_CARDS)
    for card, (level, anchor) in zip(cards, CARE_CARDS.items()):
        assert "care-card--" + anchor in card["classes"], (level, card["classes"])
        # The build adds the level and its style tier, by rank: the writer names neither.
        assert card["level"] == level
        rank = list(CARE_CARDS).index(level) + 1
        assert "level-tier-%d" % urgency.tier(rank, len(CARE_CARDS)) in card["classes"], card["classes"]
        assert anchor in card["ids"], f"care card {level} lacks its heading anchor #{anchor}"
        # Urgency is told apart by a text label, not by colour alone.
        assert len(card["labels"]) == 1 and card["labels"][0].startswith("Urgency:"), card["labels"]
    labels = [c["labels"][0] for c in cards]
    assert len(set(labels)) == len(labels), f"care-card labels must differ: {labels}"


def test_emergency_card_says_what_to_do(pages):
    card = pages["fasciculations/when-to-get-help.md"].cards[0]
    text = " ".join("".join(card["text"]).split())
    for phrase in ("speaking", "swallowing", "breathing", "immediately", EMERGENCY_NUMBERS,
                   "emergency department"):
        assert phrase in text, f"emergency card lacks {phrase!r}"


def test_emergency_card_has_sudden_weakness(pages):
    text = " ".join("".join(pages["fasciculations/when-to-get-help.md"].cards[0]["text"]).split())
    for phrase in ("Sudden weakness", "drooping", "face, an arm or a leg", "stroke"):
        assert phrase in text, f"emergency card lacks {phrase!r}"


@pytest.mark.parametrize("i,phrases", [
    (0, ["When: now", "do not book an appointment"]),
    (1, ["When: within a few days", "same day"]),
    (2, ["When: book a routine appointment in the next few weeks"]),
    (3, ["When: you do not need an appointment"]),
])
def test_each_care_card_gives_its_timeframe(pages, i, phrases):
    text = " ".join("".join(pages["fasciculations/when-to-get-help.md"].cards[i]["text"]).split())
    for phrase in phrases:
        assert phrase in text, (i, phrase)


def test_doctor_advised_card_covers_one_spot_nothing_to_change_and_medicines(pages):
    text = " ".join("".join(pages["fasciculations/when-to-get-help.md"].cards[2]["text"]).split())
    for phrase in ("one spot", "nothing to try", "corticosteroid", "pharmacist"):
        assert phrase in text, phrase
    self_care = " ".join("".join(pages["fasciculations/when-to-get-help.md"].cards[3]["text"]).split())
    assert "spreads" not in self_care    # spreading alone does not change the level


def test_checker_intro_says_adults_and_children(site_dir):
    page = Page(built_page(site_dir, "checker.md").read_text(encoding="utf-8"))
    assert any(re.search(r"about/?(index\.html)?#policy-adults$", h) for h in page.hrefs)
    text = " ".join(re.sub(r"<[^>]+>", " ", built_page(site_dir, "checker.md").read_text(encoding="utf-8")).split())
    assert "adults (16 and over)" in text and "For a child, talk to a doctor or pharmacist" in text


def test_doctor_advised_card_reads_several_weeks_as_over_3_weeks(pages):
    card = pages["fasciculations/when-to-get-help.md"].cards[2]
    text = " ".join("".join(card["text"]).split())
    assert "several weeks" in text and "more than 3 weeks" in text


@pytest.mark.parametrize("md", list(POLICY_LINKS))
def test_policy_items_link_to_the_editorial_policy(pages, md):
    hrefs = pages[md].hrefs
    for anchor in POLICY_LINKS[md]:
        assert any(re.search(r"about/?(index\.html)?#" + anchor + "$", h) for h in hrefs), \
            f"{md}: no link to about#{anchor}"


def test_home_links_to_overview_checker_and_help(pages):
    hrefs = pages["index.md"].hrefs
    for target in ("fasciculations/", "checker/", "fasciculations/when-to-get-help/"):
        assert any(h.rstrip("/").endswith(target.rstrip("/")) or h.endswith(target + "index.html")
                   for h in hrefs), f"home page does not link to {target}"


def test_about_states_review_dates(pages):
    text = pages["about.md"].text_of("review")
    assert REVIEWED_TEXT in text and REVIEW_DUE_TEXT in text, text


@pytest.mark.parametrize("md", ARTICLE_PAGES)
def test_article_says_when_it_was_reviewed(pages, md):
    text = " ".join(" ".join("".join(t) for t in pages[md].section_text.values()).split())
    assert "Page last reviewed: %s. Next review due: %s." % (REVIEWED_TEXT, REVIEW_DUE_TEXT) in text


def test_about_privacy_says_no_cookies_and_answers_stay_on_device(pages):
    text = pages["about.md"].text_of("privacy").lower()
    assert "no cookies" in text
    assert "no analytics" in text
    assert "never leave your device" in text
    assert "fragment" in text


def test_about_licence_and_disclaimer(pages):
    about = pages["about.md"]
    assert "MIT" in about.text_of("licence") and "CC BY-SA 4.0" in about.text_of("licence")
    disclaimer = about.text_of("disclaimer")
    assert "not a diagnosis" in disclaimer and EMERGENCY_NUMBERS in disclaimer
