"""Issue 25, items 1 and 4, in a real browser on a phone: words people type that are not places (naloxone,
detox, AA, sober house, interpreter, a language's own name, crisis), in the header search and on /find/, in the
three languages, each answered first by its card and never by a town; and what /find/'s live region reads."""

from __future__ import annotations

import pytest

from tests.browser.test_phone import phone  # noqa: F401  (the fixture)

# What a visitor types on which language's pages → the answer card's title and the first number it gives.
CARDS = [
    ("", "narcan", "Naloxone (Narcan) and overdose", "(800) 972-0590"),
    ("", "Narcn", "Naloxone (Narcan) and overdose", "(800) 972-0590"),
    ("", "detox", "Detox and treatment", "(800) 327-5050"),
    ("", "AA meeting", "Meetings and groups", None),
    ("", "sober house", "Sober homes", None),
    ("", "Kreyòl", "Help in your language", "(833) 773-2445"),
    ("", "Tiếng Việt", "Help in your language", "(833) 773-2445"),
    ("", "中文", "Help in your language", "(833) 773-2445"),
    ("", "suicide", "In crisis: call or text 988", "988"),
    ("es/", "naloxona", "Naloxona (Narcan) y sobredosis", "(800) 972-0590"),
    ("es/", "desintoxicación", "Desintoxicación y tratamiento", "(800) 327-5050"),
    ("es/", "reunión", "Reuniones y grupos", None),
    ("es/", "intérprete", "Ayuda en su idioma", "(833) 773-2445"),
    ("pt/", "naloxona", "Naloxona (Narcan) e overdose", "(800) 972-0590"),
    ("pt/", "desintoxicacao", "Desintoxicação e tratamento", "(800) 327-5050"),
    ("pt/", "casa sóbria", "Casas de sobriedade (sober homes)", None),
    ("pt/", "Русский", "Ajuda no seu idioma", "(833) 773-2445"),
]


@pytest.mark.parametrize("lang, typed, title, number", CARDS)
def test_the_header_search_answers_a_word_with_its_card_and_no_town(phone, lang, typed, title, number):  # noqa: F811
    page = phone.open(lang)
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill(typed)
    card = page.locator(".prn-search-answer .prn-answer")
    card.wait_for(state="visible")
    assert card.locator("h2").inner_text() == title
    assert page.locator(".prn-search-answer").get_attribute("aria-live") == "polite"
    assert page.locator(".prn-search-place").is_hidden()  # "detox" never offers "Find help near Lenox"
    first = page.locator(".md-search__scrollwrap .prn-answer h2").first
    assert first.inner_text() == title  # above the theme's own results
    if number:
        assert card.locator("a[href^='tel:']").first.inner_text() == number


@pytest.mark.parametrize("lang, typed, title, number", [
    ("", "detox", "Detox and treatment", "(800) 327-5050"),
    ("", "Narcan", "Naloxone (Narcan) and overdose", "(800) 972-0590"),
    ("es/", "naloxona", "Naloxona (Narcan) y sobredosis", "(800) 972-0590"),
    ("pt/", "reunião", "Reuniões e grupos", None),
])
def test_find_answers_a_word_with_its_card_never_no_such_town(phone, lang, typed, title, number):  # noqa: F811
    page = phone.open(f"{lang}find/?q={typed}")
    card = page.locator("#prn-results .prn-answer")
    card.wait_for(state="visible")
    assert card.locator("h2").inner_text() == title
    assert page.locator("#prn-status").inner_text() == title  # the live region says it
    assert page.locator("#prn-message").inner_text() == ""  # no "did you mean Lenox", no "no such town"
    if number:
        assert card.locator("a[href^='tel:']").first.inner_text() == number


def test_a_town_is_still_a_town(phone):  # noqa: F811
    page = phone.open("find/?q=Pittsfield")
    page.locator("section[aria-labelledby=prn-places] li").first.wait_for(state="visible")
    assert page.locator("#prn-results .prn-answer").count() == 0


def test_the_live_region_reads_the_count_and_the_first_answer_s_name_distance_and_phone(phone):  # noqa: F811
    page = phone.open("find/?q=Hyannis")
    first = page.locator("section[aria-labelledby=prn-places] li").first
    first.wait_for(state="visible")
    name = first.locator(".prn-card__title a").inner_text()
    miles = first.locator(".prn-distance").inner_text()
    tel = first.locator("a[href^='tel:']").first.inner_text()
    status = page.locator("#prn-status")
    assert status.get_attribute("role") == "status"
    text = status.inner_text()
    count = page.locator("section[aria-labelledby=prn-places] li").count()
    assert text.startswith(f"{count} places within 25 miles of Hyannis (Barnstable).")
    assert text.endswith(f" Nearest: {name}, {miles}, {tel}.")
