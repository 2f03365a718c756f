"""The embed cards in Chromium, framed by a page of another origin (another 127.0.0.1 port), as an agency's site
frames them: a card shows its numbers; every other page of the site stays hidden in such a frame, shows at the top
and, without JavaScript, shows anyway. At 375 px and at 320 px with 200% text a card never scrolls sideways, its
numbers are 44 px tap targets, and it fits the height the open-data page's snippet gives it."""

from __future__ import annotations

import re

import pytest

from generator.outputs.embed import HEIGHTS
from tests.browser.conftest import _serve, goto

AGENCY_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>An agency</title></head>
<body><h1>An agency's page</h1><iframe id="card" src="{src}" title="Help near you"
style="border:0;width:100%;height:900px"></iframe></body></html>"""


@pytest.fixture(scope="module")
def agency(tmp_path_factory, base_url):
    """Another origin (its own port) whose page frames a given URL of the site: agency(path) -> the page's URL."""
    folder = tmp_path_factory.mktemp("agency")
    served = _serve(folder)
    origin = next(served)
    assert origin != base_url

    def framing(path: str) -> str:
        name = "agency-" + re.sub(r"[^a-z0-9]+", "-", path) + ".html"
        (folder / name).write_text(AGENCY_PAGE.format(src=base_url + path), encoding="utf-8")
        return origin + name

    yield framing
    next(served, None)


@pytest.fixture
def tab(browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def _framed(tab, agency, path: str):
    """The agency's page framing `path`, loaded: its load event waits for the frame's, scripts and all."""
    goto(tab, agency(path))
    return tab.frame_locator("#card")


@pytest.mark.parametrize("path", ["embed/towns/worcester/", "es/embed/centers/everyday-miracles-worcester/",
                                  "pt/embed/towns/pittsfield/"])
def test_a_card_framed_by_another_site_shows_its_numbers(tab, agency, path):
    frame = _framed(tab, agency, path)
    calls = frame.locator('a[href^="tel:"]')
    assert calls.count() >= 3
    for number in ("tel:988", "tel:+18003275050"):
        assert frame.locator(f'a[href="{number}"]').first.is_visible()
    assert frame.locator("h1").is_visible()
    back = frame.locator(".prn-embed__back a")
    assert back.get_attribute("target") == "_top"


@pytest.mark.parametrize("path", ["towns/worcester/", "es/centers/everyday-miracles-worcester/", "", "map/"])
def test_any_other_page_framed_by_another_site_stays_hidden(tab, agency, path):
    frame = _framed(tab, agency, path)
    assert frame.locator('script[src$="assets/map.js"]').count() == 1  # the guard's script has run
    assert not frame.locator("body").is_visible()
    assert frame.locator("html[data-prn-framed]").count() == 1  # the guard hid the page
    assert tab.url == agency(path)  # and the agency's page is still there (no tap: the browser refuses to leave it)


@pytest.mark.parametrize("path", ["towns/worcester/", "map/"])
def test_the_same_page_at_the_top_shows(tab, base_url, path):
    goto(tab, base_url + path)
    assert tab.locator("body").is_visible() and tab.locator("html[data-prn-framed]").count() == 0


def test_the_map_framed_by_a_centre_page_of_the_site_shows(tab, base_url):
    goto(tab, base_url + "centers/everyday-miracles-worcester/")
    tab.locator(".prn-map__show").click()
    frame = tab.frame_locator(".prn-map__frame")
    frame.locator(".leaflet-container").wait_for(state="visible")
    assert frame.locator("html[data-prn-framed]").count() == 0


def test_without_javascript_every_page_shows(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        for path in ("towns/worcester/", "es/centers/everyday-miracles-worcester/", "map/"):
            page.goto(base_url + path)
            assert page.locator("body").is_visible(), path
    finally:
        context.close()


CARDS = ["embed/towns/worcester/", "es/embed/towns/worcester/", "embed/towns/dracut/",
         "pt/embed/centers/central-mass-rlc/", "embed/centers/steprox-roxbury/", "es/embed/centers/a-new-way-quincy/"]


@pytest.mark.parametrize(("width", "text"), [(375, 16), (320, 32)], ids=["375px", "320px-200%-text"])
def test_a_card_reflows_and_its_numbers_are_large_targets(browser, base_url, width, text):
    context = browser.new_context(viewport={"width": width, "height": 640}, is_mobile=True, has_touch=True)
    page = context.new_page()
    # The browser's own text size (Settings > Appearance > Font size): 32 px is 200% of the default 16 px.
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": text, "fixed": text}})
    try:
        for path in CARDS:
            goto(page, base_url + path)
            assert page.evaluate("getComputedStyle(document.body).fontSize") == f"{text}px"
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            heights = page.locator('a[href^="tel:"]').evaluate_all(
                "links => links.map(a => a.getBoundingClientRect().height)")
            assert heights and min(heights) >= 44, (path, heights)
            if text == 16:  # the snippet's height holds the card at phone width (HEIGHTS, outputs/embed.py)
                kind = "towns" if "/towns/" in path else "centers"
                assert page.evaluate("document.querySelector('main').getBoundingClientRect().bottom") <= HEIGHTS[kind]
    finally:
        context.close()


def test_the_snippet_on_the_open_data_page_frames_a_card_that_shows(tab, base_url, agency):
    goto(tab, base_url + "open-data/")
    codes = tab.locator(".prn-embed-snippet code").all_inner_texts()
    assert len(codes) == 2
    for code in codes:
        src = re.search(r'src="([^"]+)"', code)[1]  # the published address: the same path below this server
        path = src.split("/", 3)[3]
        frame = _framed(tab, agency, path)
        assert frame.locator('a[href="tel:988"]').is_visible()


def test_a_page_whose_guard_script_fails_to_load_still_shows_its_numbers(tab, base_url):
    """Nothing hides a page before the guard runs: a bad signal that loses assets/map.js leaves no blank page."""
    tab.route("**/assets/map.js", lambda route: route.abort())
    goto(tab, base_url + "towns/worcester/")
    assert tab.locator("body").is_visible()
    assert tab.locator(".prn-help__bar a.prn-help__call[href='tel:988']").is_visible()
