"""What the theme does as a page starts: the light or dark palette from the first paint, and the site search,
whose index loads when a visitor opens the search rather than with every page (#16, phone blocking time)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import goto

PHONE = {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}
INDEX = re.compile(r"/search/search_index\.json$")


def scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def visible_toggle(page) -> str:
    """The name of the palette toggle the visitor can see."""
    return page.locator("[data-prn-palette] label:not([hidden])").get_attribute("title")


# ---- light or dark ----

@pytest.mark.parametrize(("system", "expected", "toggle"), [("dark", "slate", "Switch to light mode"),
                                                            ("light", "default", "Switch to dark mode")])
def test_the_palette_follows_the_system_before_the_theme_script_runs(browser, base_url, system, expected, toggle):
    """Set as the header is read: a dark-system visitor never sees the light page first."""
    context = browser.new_context(color_scheme=system, **PHONE)
    page = context.new_page()
    page.route(re.compile(r"/assets/javascripts/bundle\.[0-9a-f]+\.min\.js$"), lambda route: route.abort())
    page.goto(base_url + "centers/")
    assert scheme(page) == expected
    assert visible_toggle(page) == toggle
    context.close()


def test_a_chosen_palette_is_kept_on_other_pages_and_over_the_system_setting(browser, base_url):
    context = browser.new_context(color_scheme="light", **PHONE)
    page = context.new_page()
    page.goto(base_url)
    page.locator("[data-prn-palette] label:not([hidden])").tap()
    assert scheme(page) == "slate"
    assert visible_toggle(page) == "Switch to light mode"
    page.goto(base_url + "es/centers/")
    assert scheme(page) == "slate"
    page.emulate_media(color_scheme="dark")
    page.emulate_media(color_scheme="light")
    assert scheme(page) == "slate"
    page.locator("[data-prn-palette] label:not([hidden])").tap()
    page.reload()
    assert scheme(page) == "default"
    context.close()


def test_without_a_choice_the_palette_follows_a_change_of_the_system_setting(browser, base_url):
    context = browser.new_context(color_scheme="light", **PHONE)
    page = context.new_page()
    page.goto(base_url + "plan/")
    page.emulate_media(color_scheme="dark")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert visible_toggle(page) == "Switch to light mode"
    page.emulate_media(color_scheme="light")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    context.close()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_phone_browser_bar_takes_the_header_colour(browser, base_url, system):
    context = browser.new_context(color_scheme=system, **PHONE)
    page = context.new_page()
    page.goto(base_url + "find/")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    red, green, blue = (int(part) for part in re.findall(r"\d+", header)[:3])
    assert page.locator("meta[name=theme-color]").get_attribute("content") == f"#{red:02x}{green:02x}{blue:02x}"
    context.close()


# ---- the site search ----

@pytest.mark.parametrize(("path", "typed", "found"), [("", "naloxone", "naloxone"),
                                                      ("es/", "naloxona", "naloxona")])
def test_the_search_index_loads_when_the_search_opens_and_then_finds(browser, base_url, path, typed, found):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if INDEX.search(request.url) else None)
    goto(page, base_url + path)  # the load event and every response the page's scripts asked for
    assert asked == [], "the search index loaded before anyone opened the search"
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill(typed)
    first = page.locator(".md-search-result__item").first
    first.wait_for()
    assert found in first.inner_text().lower()
    assert asked == [base_url + path + "search/search_index.json"]
    context.close()


def test_the_keyboard_shortcut_opens_a_working_search(visit):
    page = visit.open("centers/")
    page.keyboard.press("/")
    page.keyboard.type("helpline")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(INDEX.search(url) for url in visit.requests)


def test_a_page_opened_from_a_search_result_highlights_the_words(visit):
    page = visit.open("plan/?h=naloxone")
    page.locator("article mark").first.wait_for()
    assert page.locator("article mark").first.inner_text().lower() == "naloxone"
