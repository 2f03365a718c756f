"""A number, a source line or a control lives in one place: phone numbers in data/, words in the catalogues,
the cards and forms in one template per kind, rendered once per language (generator/outputs/cards.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import ROOT

PHONE = re.compile(r"\(\d{3}\)\s*\d{3}-\d{4}|\btel:\+?\d|\b1?-?8\d\d-\d{3}-\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b")


def _hand_written() -> list:
    files = [*ROOT.glob("content/**/*.md"), *ROOT.glob("content/assets/*.js"), *ROOT.glob("content/assets/*.mjs"),
             *ROOT.glob("translations/*/**/*.md"), *(p for p in ROOT.glob("site_overrides/**/*") if p.is_file())]
    return sorted(files)


def test_no_phone_number_is_written_in_a_page_script_or_theme_file():
    found = []
    for path in _hand_written():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [f"{path.relative_to(ROOT)}:{n}: {m}" for m in PHONE.findall(line)]
    assert found == [], "write {{ call(\"<id>\") }} with the line's id from data/help.yaml:\n" + "\n".join(found)


def test_the_check_catches_each_way_of_writing_a_number():
    for text in ("(800) 841-2900", 'href="tel:+18008412900"', "800-841-2900", "1-800-841-2900", "617.555.0100"):
        assert PHONE.search(text), text
    for text in ("call or text 988", "call 911", "H2016-HM", "01201", "2026-11-23"):
        assert not PHONE.search(text), text


# Attributes that hold the page's words: present in each, not equal.
WORDS = ("data-title-yes", "data-title-no", "data-online", "data-offline", "data-done")


class _Controls(HTMLParser):
    """The form controls of a page and the elements scripts find by id or data- attribute."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        if re.fullmatch(r"h[1-6]", tag):
            return  # a heading's id is its words, slugged in each language (toc)
        names = dict(attrs)
        keep = {k: v for k, v in names.items() if k in ("id", "name", "type", "value", "for", "list", "role")
                or k.startswith(("data-", "aria-controls"))}
        if tag in ("form", "input", "select", "option", "textarea", "button", "datalist", "template", "fieldset") \
                or keep.get("id") or any(k.startswith("data-") for k in keep):
            # Option texts and labels are words; what a script reads is the tag, its id, name, value and data-.
            self.found.append((tag, tuple(sorted((k, "(words)" if k in WORDS else v) for k, v in keep.items()
                                                  if k not in ("data-index", "data-towns")))))


def _controls(html: str) -> list[tuple]:
    article = html[html.index("<article"):html.index("</article>")]
    parser = _Controls()
    parser.feed(article)
    return parser.found


@pytest.mark.parametrize("page", ["find", "plan", "towns"])
def test_the_three_languages_have_the_same_controls(bundled_site, page):
    english = _controls((bundled_site / page / "index.html").read_text())
    assert len(english) >= 8
    for code in ("es", "pt"):
        assert _controls((bundled_site / code / page / "index.html").read_text()) == english, code
