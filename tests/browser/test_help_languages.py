"""Issue 25, help in your language, in a real browser: a Vietnamese speaker on a phone reaches their page in two
taps from the home page (by the language switcher, or by the help bar's "All numbers"); the theme's search finds a
language's page by its own name or its English name; and the page prints as the one-page "I speak …" card."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_phone import phone_context


@pytest.fixture
def phone_tab(browser, base_url):
    context = phone_context(browser)
    page = context.new_page()
    yield page
    context.close()


def test_the_switcher_reaches_the_vietnamese_page_in_two_taps_at_375px(phone_tab, base_url):
    page = phone_tab
    page.goto(base_url)
    with page.expect_navigation():
        page.locator(".prn-langs").get_by_role("link", name="Other languages").tap()  # tap 1
    assert page.url == base_url + "help/"
    with page.expect_navigation():
        page.get_by_role("link", name="Tiếng Việt").tap()  # tap 2
    assert page.url == base_url + "help/vi/"
    assert page.locator(".prn-lang-help").get_attribute("lang") == "vi"


@pytest.mark.parametrize("start, lands", [("", "help/vi/"), ("es/towns/worcester/", "es/help/vi/"),
                                          ("guides/faq/", "help/vi/")])
def test_all_numbers_in_the_help_bar_reaches_the_vietnamese_page_in_two_taps(phone_tab, base_url, start, lands):
    page = phone_tab
    page.goto(base_url + start)
    page.locator(".prn-help__more > summary").tap()  # tap 1
    link = page.locator(".prn-help__list a[lang=vi]")
    assert link.is_visible()
    with page.expect_navigation():
        link.tap()  # tap 2
    assert page.url == base_url + lands
    assert page.locator(".prn-lang-help").get_attribute("lang") == "vi"


@pytest.mark.parametrize("typed, lands", [
    ("Tiếng Việt", "help/vi/"), ("Vietnamese", "help/vi/"), ("Kreyòl", "help/ht/"), ("Haitian Creole", "help/ht/"),
    ("Русский", "help/ru/"),
])
def test_searching_a_language_name_finds_its_page(phone_tab, base_url, typed, lands):
    page = phone_tab
    page.goto(base_url)
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill(typed)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for(state="visible")
    hrefs = [re.sub(r"[?#].*$", "", href) for href in results.evaluate_all("els => els.map(e => e.href)")]
    assert base_url + lands in hrefs[:3], hrefs


def test_the_page_prints_as_a_one_page_i_speak_card(browser, base_url, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    page.goto(base_url + "help/km/")
    page.emulate_media(media="print")
    card = page.locator(".prn-ispeak")
    assert card.is_visible()
    assert page.locator(".prn-lang-help__line").first.is_hidden()  # only the card prints
    assert page.locator(".prn-ispeak__line[lang=en]").inner_text() == "I speak Khmer. Please call an interpreter."
    size = page.locator(".prn-ispeak__line").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 30  # large: 26 pt
    pdf = page.pdf(format="Letter")
    context.close()
    assert len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 1
