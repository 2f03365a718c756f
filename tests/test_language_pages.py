"""Issue 25, help in your language: one page per language at /help/<code>/, in its own script and direction,
with the interpreter line and 988 dialled from data/help.yaml, a review notice until a fluent speaker signs it
off, and an index /help/ in every site language; the catalogue of their words has one declared shape."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.model.records import HelpLine
from generator.outputs.language_pages import CATALOGUE, STRINGS, HelpLanguagesError, load, parse
from tests.conftest import DATA, ROOT

# The state's language-access languages after Spanish and Portuguese (../shared/reference/languages.md).
CODES = {"zh-Hans": "ltr", "zh-Hant": "ltr", "ht": "ltr", "vi": "ltr", "kea": "ltr", "km": "ltr", "ru": "ltr",
         "ar": "rtl", "ko": "ltr", "fr": "ltr"}
SCRIPTS = {"zh-Hans": "\u4e00-\u9fff", "zh-Hant": "\u4e00-\u9fff", "km": "\u1780-\u17ff", "ru": "\u0400-\u04ff",
           "ar": "\u0600-\u06ff", "ko": "\uac00-\ud7af"}


LANGUAGE_PAGE, LANGUAGE_LIST = '<div class="prn-lang-help"', '<ul class="prn-lang-list">'


class _Elements(HTMLParser):
    """Every start tag with its attributes, in order."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(path: Path, block: str = "") -> list[tuple[str, dict]]:
    """The page's start tags; with `block`, only those from that markup to the end of the page's content (so
    not the help bar's)."""
    html = path.read_text(encoding="utf-8")
    if block:
        start = html.index(block)
        html = html[start:html.index("</article>", start)]
    parser = _Elements()
    parser.feed(html)
    return parser.tags


def _lines() -> dict[str, dict]:
    data = yaml.safe_load((DATA / "help.yaml").read_text(encoding="utf-8"))
    return {line["id"]: line for line in data["help_lines"]}


def _tel(number: str) -> str:
    return HelpLine(id="x", name="x", description="", sources=(), last_verified=None, call=number).call_href  # type: ignore[arg-type]


@pytest.mark.parametrize("code, prefix", [(code, "") for code in CODES] + [("ar", "es/"), ("vi", "pt/")])
def test_each_language_page_is_in_its_language_with_the_numbers_from_the_data(bundled_site, code, prefix):
    page = bundled_site / prefix / "help" / code / "index.html"
    html = page.read_text(encoding="utf-8")
    block = next(attrs for tag, attrs in _tags(page) if "prn-lang-help" in attrs.get("class", "").split())
    assert (block["lang"], block["dir"]) == (code, CODES[code])
    language = next(item for item in load(ROOT / "translations").languages if item.code == code)
    if code in SCRIPTS:  # in its own script, not transliterated
        assert re.search(f"[{SCRIPTS[code]}]", language.strings["title"])
    lines = _lines()
    calls = {attrs["href"] for tag, attrs in _tags(page, LANGUAGE_PAGE)
             if tag == "a" and attrs.get("href", "").startswith("tel:")}
    assert calls == {_tel(lines["behavioral-health-help-line"]["call"]), _tel(lines["lifeline-988"]["call"]), "tel:911"}
    assert lines["behavioral-health-help-line"]["call"] in html  # the number as dialled is shown, from the data
    # What to say: the language's English name (or the spoken languages), marked as English.
    for word in language.say:
        assert f'<strong lang="en" dir="ltr">{word}</strong>' in html
    # Awaiting review, in the language and in English, until `reviewed: true`.
    assert not language.reviewed
    assert language.strings["unreviewed"] in html and "This page awaits review by a fluent speaker." in html
    # The card, in the language and in English; the nearest-help pages; the place names marked English.
    assert language.strings["i_speak"] in html
    assert f"I speak {language.speak}. Please call an interpreter." in html
    hrefs = {attrs.get("href") for tag, attrs in _tags(page, LANGUAGE_PAGE) if tag == "a"}
    up = "../../" + ("../" if prefix else "")
    assert {up + "find/", up + "towns/", "../../help/"} <= hrefs  # the nearest help, in English
    assert '<span lang="en" dir="ltr">Worcester</span>' in html


def test_the_index_lists_every_language_by_its_own_name_in_every_site_language(bundled_site):
    catalogue = load(ROOT / "translations")
    for prefix, english_name in (("", "Vietnamese"), ("es/", "Vietnamita"), ("pt/", "Vietnamita")):
        page = bundled_site / prefix / "help" / "index.html"
        tags = _tags(page)
        html = page.read_text(encoding="utf-8")
        for language in catalogue.languages:
            span = next(attrs for tag, attrs in tags if tag == "span" and attrs.get("lang") == language.code
                        and "prn-lang-help" not in attrs.get("class", ""))
            assert span["dir"] == language.dir
            assert f">{language.name}</span>" in html
        assert english_name in html
        # each page is linked, and there
        links = [attrs["href"] for tag, attrs in _tags(page, LANGUAGE_LIST) if tag == "a"]
        assert len(links) == len(CODES)
        assert all((page.parent / link / "index.html").resolve().is_file() for link in links), links


@pytest.mark.parametrize("path", ["index.html", "towns/worcester/index.html", "es/coaches/index.html",
                                  "pt/guides/faq/index.html", "404.html", "centers/central-mass-rlc/index.html"])
def test_every_page_links_the_help_in_other_languages_from_the_help_bar_and_the_drawer(bundled_site, path):
    page = bundled_site / path
    html = page.read_text(encoding="utf-8")
    assert "prn-help-languages:" not in html  # the token is always replaced
    hrefs = [attrs["href"] for tag, attrs in _tags(page) if tag == "a" and attrs.get("lang") == "vi"
             and "help/vi/" in attrs.get("href", "")]
    assert hrefs, "no link to the Vietnamese page in the help bar"
    if path == "404.html":  # served at any depth: absolute, from the site's own path
        assert hrefs[0] == "/./help/vi/"
        return
    prefix = path.split("/")[0] + "/" if path.startswith(("es/", "pt/")) else ""
    for href in hrefs:  # the page in the frame of the site's language
        assert (page.parent / href / "index.html").resolve() == (bundled_site / prefix / "help/vi/index.html").resolve()


def test_the_search_index_holds_each_language_by_its_own_and_its_english_name(bundled_site):
    import json

    index = json.loads((bundled_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = {doc["location"]: doc for doc in index["docs"]}
    for language in load(ROOT / "translations").languages:
        doc = docs[language.url]
        assert language.name in doc["title"] and language.english in doc["text"]


def _catalogue() -> dict:
    return yaml.safe_load((ROOT / "translations" / CATALOGUE).read_text(encoding="utf-8"))


def test_the_catalogue_has_every_language_and_every_string():
    catalogue = parse(_catalogue())
    assert {language.code: language.dir for language in catalogue.languages} == CODES
    assert all(set(language.strings) == set(STRINGS) for language in catalogue.languages)
    # The facts every page states, in figures (never the numbers: those come from data/help.yaml).
    for language in catalogue.languages:
        assert "200" in language.strings["bhhl"] and "24" in language.strings["bhhl"], language.code
        assert not re.search(r"\d{3}\D?\d{3}\D?\d{4}|988|911", " ".join(language.strings.values())), language.code


@pytest.mark.parametrize("change, message", [
    (lambda d: d["languages"][3]["strings"].pop("i_speak"), "languages[3] (vi): strings: missing i_speak"),
    (lambda d: d["languages"][0]["strings"].update(extra="x"), "languages[0] (zh-Hans): strings: unknown extra"),
    (lambda d: d["languages"][7].update(dir="right"), "languages[7] (ar): dir must be ltr or rtl, not 'right'"),
    (lambda d: d["languages"][2]["strings"].update(say="Di non lang ou."),
     "languages[2] (ht): strings.say must contain %(language)s"),
    (lambda d: d["languages"][4]["strings"].update(free=""), "languages[4] (kea): strings: empty free"),
    (lambda d: d["english"].pop("i_speak"), "english: missing i_speak"),
])
def test_a_language_without_a_string_is_named_with_the_string(change, message):
    data = copy.deepcopy(_catalogue())
    change(data)
    with pytest.raises(HelpLanguagesError) as err:
        parse(data, "help-languages.yaml")
    assert str(err.value) == f"help-languages.yaml: {message}"
