"""The guides teach only what the reference facts say: every number on them is one the facts give,
the procedure code is H2016-HM everywhere, every page cites its sources, the FAQ's JSON-LD says
what the page shows, and the checklists are complete without JavaScript."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.outputs import charts
from tests.conftest import DATA, ROOT

GUIDES = ["guides", "guides/peer-and-clinical", "guides/masshealth", "guides/qualified-coach", "guides/carc",
          "guides/specialty-tracks", "guides/faq"]

# Every source a guide may cite: the URLs listed in ../shared/reference/domain-facts.md and
# help-lines.md. A link to anything else on a guide page is an unreviewed source.
REFERENCE_URLS = {
    "https://www.mass.gov/doc/managed-care-entity-bulletin-82-updates-to-the-masshealth-peer-recovery-coach-benefit/download",
    "https://www.mass.gov/doc/application-carc-requirements/download",
    "https://www.mass.gov/orgs/recovery-coach-commission",
    "https://www.mass.gov/info-details/peer-recovery-support-centers",
    "https://www.mass.gov/info-details/recovery-learning-communities",
    "https://www.samhsa.gov/sites/default/files/programs_campaigns/brss_tacs/peers-supporting-recovery-substance-use-disorders-2017.pdf",
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC12811009/",
    "https://www.mass.gov/certified-older-adult-peer-specialist-training",
    "https://kivacenters.org/trainings/certified-peer-specialist/",  # data/tracks.yaml, dated 2022
    "https://familyandcaregivertoolkit.org/988-crisis-lifeline",
    "https://lakesidelink.com/blog/do-you-know-about-the-988-suicide-and-crisis-lifeline/",
    "https://masslibsystem.org/blog/2025/05/22/the-massachusetts-behavioral-health-help-line-and-libraries",
    "https://www.mass.gov/info-details/substance-use-and-mental-health-resources-for-pregnant-and-parenting-individuals",
}

# ---- the number audit -------------------------------------------------------------------------

N = r"(?P<n>\d+(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven)"
WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11}

# The reference facts (domain-facts.md), each as the number and the ways a page may state it.
FACTS = [
    ("CARC supervised work experience, hours", 500,
     [rf"{N} hours of supervised work", rf"(?<!hours of )supervised work(?: experience)?[,:]? {N} hours"]),
    ("CARC education, hours", 60,
     [rf"{N} hours of education", rf"(?<!hours of )(?<!continuing )education[,:]? {N} hours"]),
    ("CARC direct supervision, hours", 35,
     [rf"{N} hours of direct supervision", rf"(?<!hours of )direct supervision[,:]? {N} hours"]),
    ("CARC continuing education to renew, contact hours", 30,
     [rf"{N} contact hours of approved continuing education",
      rf"continuing education, to renew it every 2 years {N} contact hours"]),
    ("CARC validity, years", 2,
     [rf"valid for {N} years", rf"lasts {N} years", rf"renew(?:ed|al)?[^.]{{0,12}} every {N} years"]),
    ("recovery floor for coaches billing MassHealth, years", 2,
     [rf"{N} years of sustained recovery", rf"floor is {N} years", rf"{N} or more years of recovery"]),
    ("case-rate minimum contact, days", 21, [rf"every {N} days"]),
    ("Recovery Coach Academy, days", 5, [rf"{N}-day Academy"]),
    ("Ethical Considerations course, days", 2, [rf"{N}-day Ethical Considerations"]),
    ("sessions before judging fit (low)", 6, [rf"{N} to eight sessions"]),
    ("sessions before judging fit (high)", 8, [rf"six to {N} sessions"]),
    ("emergency department pilot, hospitals", 11, [rf"emergency departments of {N} hospitals"]),
    ("PRSCs statewide, about", 40, [rf"about {N} across the state"]),
    ("Kiva Centers' Certified Peer Specialist training page, year", 2022, [rf"training page, {N}\)"]),
    ("BSAS adopted the Recovery Coach Academy, year", 2011, [rf"developed by CCAR in {N}"]),
    ("Recovery Coach Academy participants by March 2018", 1058, [rf"{N} people had taken the Academy"]),
    ("Ethical Considerations participants by March 2018", 403, [rf"the Academy and {N} the ethics course"]),
    ("as of March 2018", 2018, [rf"By March {N}"]),
    ("systematic review, year", 2025, [rf"published in {N}"]),
    ("Behavioral Health Help Line languages", 200, [rf"more than {N} languages"]),
]
# Numbers that are not facts but parts of the page: phone numbers and short codes from
# help-lines.md, 24/7, the numbered questions, and the 30-day plan's name.
NOT_FACTS = [
    r"\(\d{3}\) \d{3}-\d{4}", r"\b988(?:lifeline\.org)?\b", r"\b911\b", r"\btext 838255\b", r"\bpress 1 for\b",
    r"\b2 for Spanish\b", r"\b24/7\b", r"\bH2016-HM\b", r"\bquestion [1-3]\b",
    r"(?:^|(?<=\s))[1-5]\.? (?=(?:Are|How|What|Has)\b)",
    r"\b30-day plan", r"\bnext 30 days\b",
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b",
]
# Any quantity with one of these units must be one of the FACTS.
QUANTITY = re.compile(rf"\b{N}(?:[\s-]+contact)?[\s-]+(?P<unit>hours?|years?|days?|sessions|hospitals)\b", re.I)


def _value(text: str) -> int:
    return WORDS.get(text.lower()) or int(text.replace(",", ""))


def audit(text: str) -> list[str]:
    """Every number in text that contradicts a reference fact or matches none, with its context."""
    problems, explained = [], []
    for name, expected, patterns in FACTS:
        for pattern in patterns:
            for m in re.finditer(pattern, text, re.I):
                explained.append(m.span("n"))
                if _value(m.group("n")) != expected:
                    problems.append(f"{name}: says {m.group('n')!r}, the reference says {expected}: ...{m.group(0)}...")
    for pattern in NOT_FACTS:
        explained += [m.span() for m in re.finditer(pattern, text)]

    def covered(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in explained)

    for m in QUANTITY.finditer(text):
        if not covered(*m.span("n")):
            problems.append(f"a quantity no reference fact gives: ...{text[max(0, m.start() - 40):m.end() + 20]}...")
    for m in re.finditer(r"\d+(?:,\d{3})*", text):
        if not covered(*m.span()) and not any(covered(*q.span("n")) for q in QUANTITY.finditer(text)
                                              if q.start("n") <= m.start() < q.end("n")):
            problems.append(f"a number no reference fact gives: ...{text[max(0, m.start() - 40):m.end() + 20]}...")
    for code in re.findall(r"\bH\d{4}(?:-[A-Z0-9]{2})*\b", text):
        if code != "H2016-HM":
            problems.append(f"procedure code {code!r}; the reference says H2016-HM")
    return sorted(set(problems))


# ---- reading the built pages -------------------------------------------------------------------


class _Article(HTMLParser):
    """The text of the page's <article>, one block per line, without scripts; and its links."""

    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "tr", "legend", "label", "figcaption", "dt", "dd", "section", "div"}

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.skip = 0
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        if not self.depth:
            return
        if tag in ("script", "style"):
            self.skip += 1
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])
        self.parts.append("\n" if tag in self.BLOCKS else " " if tag in ("td", "th") else "")

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))

    @property
    def text(self) -> str:
        lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(self.parts).split("\n"))
        return "\n".join(line for line in lines if line)


def article(site: Path, page: str) -> _Article:
    source = (site / page / "index.html").read_text(encoding="utf-8")
    source = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", source)  # the ¶ permalinks
    parser = _Article()
    parser.feed(source)
    return parser


def body_text(site: Path, page: str) -> str:
    """The page's text up to its Sources heading (citations carry their own dates and numbers)."""
    text = article(site, page).text
    return text[:text.rfind("\nSources")] if "\nSources" in text else text


@pytest.fixture(scope="module")
def site(bundled_site) -> Path:
    return bundled_site


# ---- the audit itself can fail ---------------------------------------------------------------


@pytest.mark.parametrize("text, complaint", [
    ("A coach needs 400 hours of supervised work experience.", "says '400', the reference says 500"),
    ("Supervised work experience 500 hours Education 80 hours", "says '80', the reference says 60"),
    ("The CARC is valid for 3 years.", "says '3', the reference says 2"),
    ("at least one contact every 30 days", "says '30', the reference says 21"),
    ("It takes 45 hours of mentoring.", "a quantity no reference fact gives"),
    ("Renewal takes 20 contact hours of approved continuing education.", "says '20', the reference says 30"),
    ("Providers bill code H0038.", "procedure code 'H0038'"),
    ("There are 12 centres in Boston.", "a number no reference fact gives"),
    ("at least two years of sustained recovery, or four years of sustained recovery", "says 'four'"),
])
def test_the_number_audit_catches_a_wrong_or_unknown_number(text, complaint):
    assert any(complaint in problem for problem in audit(text)), audit(text)


def test_the_number_audit_accepts_the_reference_facts():
    text = ("500 hours of supervised work experience, 60 hours of education and 35 hours of direct supervision. "
            "Valid for 2 years; 30 contact hours of approved continuing education. Every 21 days. "
            "Call (800) 327-5050, 24/7. Recovery Coach Services, H2016-HM.")
    assert audit(text) == []


# ---- the guide pages ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", GUIDES)
def test_every_number_on_a_guide_matches_the_reference_facts(site, page):
    assert audit(body_text(site, page)) == []


@pytest.mark.parametrize("page, facts", [
    ("guides/carc", ["500 hours", "60 hours", "35 hours", "valid for 2 years", "30 contact hours"]),
    ("guides/masshealth", ["H2016-HM", "every 21 days", "Recovery Coach Services", "daily case rate"]),
    ("guides/qualified-coach", ["2 years of sustained recovery", "H2016-HM"]),
    ("guides/peer-and-clinical", ["H2016-HM"]),
    ("guides/faq", ["500 hours", "60 hours", "35 hours", "valid for 2 years", "30 contact hours", "every 21 days",
                    "H2016-HM", "2 years of sustained recovery"]),
])
def test_each_guide_states_the_facts_it_teaches(site, page, facts):
    text = body_text(site, page)
    for fact in facts:
        assert fact in text, f"{page}: {fact!r} missing"


@pytest.mark.parametrize("page", GUIDES[1:])
def test_every_guide_cites_its_sources_by_name_and_url_at_the_bottom(site, page):
    text = article(site, page).text
    assert "\nSources\n" in text, page
    sources = text[text.rfind("\nSources\n"):]
    urls = {url.rstrip(".") for url in re.findall(r"https://[^\s;,)]+", sources)}
    assert urls and urls <= REFERENCE_URLS, urls - REFERENCE_URLS
    assert len(sources.splitlines()) >= 3  # named sources, not just links


@pytest.mark.parametrize("page", GUIDES)
def test_guides_link_only_to_reference_sources_and_the_site_itself(site, page):
    for href in article(site, page).links:
        if href.startswith(("http://", "https://")):
            assert href in REFERENCE_URLS, f"{page}: unreviewed link {href}"
        else:
            assert href.startswith(("#", "../", "./", "tel:")) or "/" not in href.split("#")[0][:1], href


def test_the_specialty_tracks_guide_links_to_every_track_page(site):
    ids = [line.split("id:", 1)[1].strip() for line in (DATA / "tracks.yaml").read_text().splitlines()
           if line.startswith("  - id:")]
    links = article(site, "guides/specialty-tracks").links
    for track in ids:
        assert f"../../tracks/{track}/" in links, track
        assert (site / "tracks" / track / "index.html").is_file()


# ---- the CARC chart ---------------------------------------------------------------------------


def test_the_carc_chart_is_drawn_at_build_time_from_the_reference_hours(site):
    svg = ET.parse(site / "assets" / "carc-hours.svg").getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    bars = svg.findall("s:rect[@class='bar']", ns)
    hours = [int(bar.get("data-hours")) for bar in bars]
    assert hours == [500, 60, 35, 30]
    widths = [float(bar.get("width")) for bar in bars]
    for h, w in zip(hours, widths, strict=True):
        assert w == pytest.approx(widths[0] * h / 500, abs=1)
    labels = [t.text for t in svg.findall("s:text", ns)]
    for h in hours:
        assert f"{h} h" in labels
    assert svg.get("role") == "img" and svg.find("s:title", ns).text
    assert audit(svg.find("s:desc", ns).text) == []
    page = (site / "guides" / "carc" / "index.html").read_text()
    assert 'src="../../assets/carc-hours.svg"' in page and 'alt="Bar chart of the hours' in page


def test_the_chart_numbers_are_the_reference_facts():
    assert dict(charts.CARC_INITIAL_HOURS) == {"Supervised work": 500, "Education": 60, "Direct supervision": 35}
    assert charts.CARC_RENEWAL_HOURS[1] == 30 and charts.CARC_VALID_YEARS == 2


def test_the_carc_chart_text_is_escaped(monkeypatch):
    monkeypatch.setattr(charts, "CARC_INITIAL_HOURS", (("<b>A & B</b>", 10),))
    svg = charts.carc_hours_svg()
    ET.fromstring(svg)
    assert "<b>" not in svg and "&lt;b&gt;A &amp; B&lt;/b&gt;" in svg


# ---- pages that work without JavaScript --------------------------------------------------------


def test_the_eligibility_checklist_is_complete_without_javascript(site):
    page = (site / "guides" / "masshealth" / "index.html").read_text()
    start = page.index('<form id="prn-eligibility"')
    form = page[start:page.index("</form>", start)]
    assert form.count("<fieldset") == 3 and form.count("<legend>") == 3
    for name, values in (("member", ["yes", "no", "unsure"]), ("sud", ["yes", "no"]), ("referral", ["yes", "no"])):
        for value in values:
            assert re.search(rf'<label><input type="radio" name="{name}" value="{value}">', form), (name, value)
    for outcome in ("not-member", "unsure-member", "not-sud", "need-referral", "likely"):
        start = page.index(f'id="outcome-{outcome}"')
        section = page[start:page.index("</section>", start)]
        assert "prn-outcome__next" in section and "Next step:" in section, outcome
    likely = page[page.index('id="outcome-likely"'):]
    assert "Recovery Coach Services" in likely[:2000] and "H2016-HM" in likely[:2000]
    assert '<script src="../../assets/eligibility.js"></script>' in page


def test_print_styles_hide_the_chrome(site):
    css = (site / "assets" / "print.css").read_text()
    block = css[css.index("@media print"):]
    for selector in (".md-header", ".md-tabs", ".md-banner", ".md-sidebar", ".prn-map", "button", ".prn-plan-form"):
        assert selector in block, selector
    assert 'href="../../assets/print.css"' in (site / "guides" / "qualified-coach" / "index.html").read_text()


# ---- FAQ ---------------------------------------------------------------------------------------


def _jsonld(page_html: str) -> dict:
    head = page_html[:page_html.index("</head>")]
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    return json.loads(payload)


def test_the_faq_json_ld_is_in_the_head_and_matches_the_visible_questions(site):
    page = (site / "guides" / "faq" / "index.html").read_text()
    data = _jsonld(page)
    assert data["@context"] == "https://schema.org" and data["@type"] == "FAQPage"
    questions = [html.unescape(q) for q in re.findall(r'<h2 id="faq-\d+" class="prn-faq__q">(.*?)</h2>', page)]
    answers = [html.unescape(a) for a in re.findall(r'<p class="prn-faq__a">(.*?)</p>', page, re.S)]
    assert len(questions) >= 10
    assert [e["name"] for e in data["mainEntity"]] == questions
    assert [e["acceptedAnswer"]["text"] for e in data["mainEntity"]] == answers
    assert all(e["@type"] == "Question" and e["acceptedAnswer"]["@type"] == "Answer" for e in data["mainEntity"])
    front = yaml.safe_load((ROOT / "content" / "guides" / "faq.md").read_text().split("---")[1])
    assert [item["q"] for item in front["faq"]] == questions  # written once, in the front matter


def test_faq_text_is_escaped_on_the_page_and_inside_the_json_ld(tmp_path):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    hostile = "</script><script>alert(1)</script> & <b>bold</b>"
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "faq.md").write_text(
        "---\ntemplate: faq.html\nfaq:\n"
        f"  - q: {json.dumps(hostile)}\n    a: {json.dumps('Answer: ' + hostile)}\n"
        f"sources:\n  - name: {json.dumps(hostile)}\n    url: \"javascript:alert(1)\"\n---\n\n# FAQ\n",
        encoding="utf-8")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(tmp_path / "site"),
                         nav=[{"FAQ": "faq.md"}], strict=False)
    config.extra["help_banner"] = ""
    mkdocs_build(config)
    page = (tmp_path / "site" / "faq" / "index.html").read_text()
    assert "<script>alert(1)" not in page and "<b>bold</b>" not in page and "javascript:" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in page
    data = _jsonld(page)
    assert data["mainEntity"][0]["name"] == hostile
    assert data["mainEntity"][0]["acceptedAnswer"]["text"] == "Answer: " + hostile


# ---- navigation --------------------------------------------------------------------------------


def _nav_files(items) -> list[str]:
    files = []
    for item in items:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        files += _nav_files(value) if isinstance(value, list) else [value]
    return files


def test_the_guides_are_in_the_nav_and_registry_pages_are_not():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    files = _nav_files(config["nav"])
    guides = next(item["Guides"] for item in config["nav"] if isinstance(item, dict) and "Guides" in item)
    expected = [("guides/index" if page == "guides" else page) + ".md" for page in GUIDES]
    assert expected == [f for f in _nav_files(guides) if f.startswith("guides/")]
    assert "plan.md" in files
    for path in files:
        if path.split("/")[0] in ("coaches", "centers", "tracks", "towns"):
            assert path.endswith("/index.md"), f"registry page in the nav: {path}"


def test_track_pages_point_to_the_guides_and_say_what_to_do_when_nothing_is_listed(site):
    qualified = (site / "guides" / "qualified-coach" / "index.html").read_text()
    assert 'id="five-questions-to-ask-a-coach"' in qualified
    for folder in sorted((site / "tracks").iterdir()):
        if not (folder / "index.html").is_file() or folder.name == "index.html":
            continue
        page = (folder / "index.html").read_text()
        if "<h2>Coaches on this track</h2>" not in page:
            continue  # the tracks list
        assert 'href="../../guides/qualified-coach/#five-questions-to-ask-a-coach"' in page, folder.name
        assert 'href="../../guides/specialty-tracks/"' in page, folder.name
        if "No coaches are listed on this track yet." in page:
            assert 'href="../../coaches/#routes"' in page
        if "No centres or programmes are listed on this track yet." in page:
            assert 'href="../../find/?type=prsc"' in page
