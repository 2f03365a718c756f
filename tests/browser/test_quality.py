"""What a person on a phone, with a keyboard, without JavaScript or on paper gets from each page type."""

from __future__ import annotations

import pytest

from tests.browser.test_accessibility import PAGE_TYPES

PHONE = {"width": 375, "height": 667}


@pytest.mark.parametrize("name", [n for n in PAGE_TYPES if n != "map"])
def test_loads_nothing_from_other_origins_and_logs_no_errors(visit, name):
    visit.open(PAGE_TYPES[name])
    assert visit.foreign_requests() == []
    assert visit.errors == []


@pytest.mark.parametrize("path", ["", "coaches/rosa-example/", "centers/", "towns/worcester/", "find/?q=01201",
                                  "plan/", "guides/faq/", "es/towns/boston/"])
def test_fits_a_phone_with_the_help_banner_in_view(browser, base_url, path):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"horizontal scrolling: {width}"
    banner = page.locator(".prn-help").bounding_box()
    assert banner and banner["y"] >= 0 and banner["y"] + banner["height"] <= PHONE["height"]
    assert page.locator(".prn-help a[href='tel:988']").is_visible()
    # Our own controls are at least 24x24 px; axe's target-size rule (test_accessibility) covers the rest.
    small = page.evaluate("""() => [...document.querySelectorAll(
            '.prn-help a, .prn-langs a, .md-button, .prn-find input, .prn-find select, .prn-map button')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e, e.getBoundingClientRect()])
        .filter(([e, r]) => r.width > 0 && (r.width < 24 || r.height < 24))
        .map(([e, r]) => e.outerHTML.slice(0, 80) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height))""")
    assert small == []
    context.close()


def test_the_skip_link_is_first_and_moves_focus_to_the_content(visit):
    page = visit.open("coaches/rosa-example/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to content"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#prn-content" or page.evaluate(
        "document.activeElement.closest('.md-content') !== null || location.hash !== ''")


def test_keyboard_focus_is_visible(visit):
    page = visit.open("towns/worcester/")
    page.locator(".md-content a").first.focus()
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
    assert outline[0] != "none" and outline[1] != "0px" or outline[2] != "none"


def test_find_filters_work_with_the_keyboard(visit):
    page = visit.open("find/?q=Boston")
    page.focus("select[name=type]")
    page.keyboard.press("ArrowDown")  # Everything -> the first kind of place
    assert "type=" in page.url


@pytest.mark.parametrize("path, text", [("coaches/rosa-example/", "CARC current until"),
                                        ("centers/everyday-miracles-worcester/", "25 Pleasant Street"),
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
    for chrome in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-banner", ".prn-map", ".md-footer"):
        for element in page.locator(chrome).all():
            assert not element.is_visible(), f"{chrome} is printed"
    assert page.locator("h1").first.is_visible()
