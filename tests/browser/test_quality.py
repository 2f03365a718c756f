"""What a person on a phone, with a keyboard, without JavaScript or on paper gets from each page type."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import FLAGS, find_chromium, goto
from tests.browser.test_accessibility import PAGE_TYPES

PHONE = {"width": 375, "height": 667}


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_loads_nothing_from_other_origins_and_logs_no_errors(visit, name):
    visit.open(PAGE_TYPES[name])
    assert visit.foreign_requests() == []
    assert visit.errors == []


@pytest.mark.parametrize("path", ["", "coaches/", "centers/", "towns/worcester/", "find/?q=01201",
                                  "plan/", "guides/faq/", "es/towns/boston/", "es/coaches/",
                                  "preview:coaches/rosa-example/", "preview:pt/coaches/"])
def test_fits_a_phone_with_the_help_banner_in_view(browser, request, path):
    """'preview:' pages are those of the example coaches, with the preview ribbon above the banner."""
    site = request.getfixturevalue("preview_url" if path.startswith("preview:") else "base_url")
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    goto(page, site + path.removeprefix("preview:"))
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"horizontal scrolling: {width}"
    banner = page.locator(".prn-help__bar").bounding_box()  # a phone's one-row help bar
    assert banner and banner["y"] >= 0 and banner["y"] + banner["height"] <= PHONE["height"]
    assert page.locator(".prn-help__bar > a[href='tel:988']").is_visible()
    # Our own controls are at least 24x24 px; axe's target-size rule (test_accessibility) covers the rest.
    small = page.evaluate("""() => [...document.querySelectorAll(
            '.prn-help a, .prn-langs a, .md-button, .prn-find input, .prn-find select, .prn-map button, .prn-routes a')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e, e.getBoundingClientRect()])
        .filter(([e, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
        .map(([e, r]) => e.outerHTML.slice(0, 80) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""")
    assert small == []
    context.close()


def test_the_skip_link_is_first_and_moves_focus_to_the_content(visit):
    page = visit.open("coaches/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("[location.hash, document.activeElement.id]") == ["#prn-content", "prn-content"]
    page.keyboard.press("Tab")  # the next stop is the page's own content, past the header and the navigation
    assert page.evaluate("document.activeElement.matches('.md-content a')")


FOCUS_STYLE = "e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"


def test_keyboard_focus_is_visible(visit):
    page = visit.open("towns/worcester/")
    for key in ("Tab", "Enter", "Tab"):  # skip link, then the first link of the content
        page.keyboard.press(key)
    link = page.evaluate_handle("document.activeElement")
    assert link.evaluate("e => e.matches('.md-content a:focus-visible')")
    style, width, shadow = link.evaluate(FOCUS_STYLE)
    link.evaluate("e => e.blur()")
    assert link.evaluate(FOCUS_STYLE) != [style, width, shadow], "focus changes nothing on the link"
    assert (style != "none" and float(width.removesuffix("px")) >= 1) or shadow != "none"


def test_find_filters_work_with_the_keyboard(visit):
    page = visit.open("find/?q=Boston")
    page.wait_for_selector("#prn-status:not(:empty)")
    cards = "section[aria-labelledby=prn-places] li"
    before = page.locator(cards).count()
    value = page.eval_on_selector("select[name=type]", "s => s.options[1].value")
    page.focus("select[name=type]")
    page.keyboard.press("ArrowDown")  # Everything -> the first kind of place
    page.wait_for_url(re.compile(rf"[?&]type={re.escape(value)}(&|$)"))
    assert page.evaluate("[document.activeElement.name, document.activeElement.value]") == ["type", value]
    shown = page.eval_on_selector_all(cards, "items => items.map(i => i.dataset.id)")
    index = page.evaluate("fetch('../api/v1/find.json').then(r => r.json())")
    kind = {center["id"]: center["type"] for center in index["centers"]}
    assert 0 < len(shown) < before and {kind[i] for i in shown} == {value}, shown


@pytest.mark.parametrize("path, text", [("coaches/", "How to reach a recovery coach today"),
                                        ("centers/everyday-miracles-worcester/", "25 Pleasant St., Worcester"),
                                        ("towns/worcester/", "Nearest Peer Recovery Support Centers"),
                                        ("guides/carc/", "500"), ("guides/masshealth/", "H2016-HM"),
                                        ("find/", "help by city and town")])
def test_pages_read_without_javascript(browser, base_url, path, text):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + path)
    assert page.locator("h1").first.is_visible()
    assert text in page.locator(".md-content").inner_text()
    context.close()


@pytest.mark.parametrize("path", ["guides/masshealth/", "guides/qualified-coach/", "plan/", "towns/worcester/"])
def test_print_shows_the_content_without_site_chrome_or_maps(visit, path):
    page = visit.open(path)
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".prn-help__bar", ".prn-map", ".md-footer"):
        for element in page.locator(chrome).all():
            assert not element.is_visible(), f"{chrome} is printed"
    assert page.locator("h1").first.is_visible()
    assert "988" in page.locator(".md-banner .prn-help__full").inner_text()  # the help lines print, written out


def test_a_page_keeps_its_width_when_it_grows_long_enough_to_scroll(browser, base_url):
    """On a desktop with a classic scroll bar (Windows, most Linux), the bar must not take its room only once
    the page is long: that rewrapped the help banner after the first paint. Playwright hides scroll bars,
    so this test starts a second Chromium that shows them."""
    chromium = browser.browser_type.launch(executable_path=find_chromium()[0], args=FLAGS,
                                           ignore_default_args=["--hide-scrollbars"])
    try:
        page = chromium.new_page(viewport={"width": 1350, "height": 9000})
        page.goto(base_url + "plan/")
        assert page.evaluate("document.documentElement.scrollHeight") <= 9000  # the whole page fits: no scrolling
        widths = [page.evaluate("document.documentElement.clientWidth")]
        page.set_viewport_size({"width": 1350, "height": 600})
        assert page.evaluate("document.documentElement.scrollHeight") > 600
        widths.append(page.evaluate("document.documentElement.clientWidth"))
    finally:
        chromium.close()
    assert widths[0] == widths[1] < 1350
