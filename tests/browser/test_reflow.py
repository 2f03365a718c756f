"""Reflow and zoom (issue 24, item 3; WCAG 2.2 1.4.4 and 1.4.10) in a real browser: at 320 CSS px with the
visitor's text at 200% (Chromium's own font-size setting, as a browser's "text size" does it) and at 400% zoom
of a 1280 px desktop (320 CSS px at device scale 4), no page type scrolls sideways, the phones' help bar
wraps instead of overlapping, its controls stay at least 44x44 px and inside the screen, and the page keeps
the bar's room (a listing's first screen above the bar: tests/browser/test_action_card.py)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Visit

PAGES = ["", "find/?q=Boston", "plan/", "towns/", "towns/dracut/", "centers/a-new-way-quincy/",
         "centers/cha-everett-recovery-coaches/", "centers/central-mass-rlc/", "coaches/", "tracks/older-adults/",
         "guides/faq/", "map/", "404.html"]
LANGS = ["", "es/", "pt/"]
# How the page and its help bar lie out, measured in the page: sideways overflow, the bar's items (the text
# of each, so text spilling out of a shrunk box counts), and the room the page keeps for the fixed bar.
LAYOUT = """() => {
  const root = document.documentElement, bar = document.querySelector('.prn-help__bar');
  const box = e => e.getBoundingClientRect().toJSON();
  const text = e => { const r = document.createRange(); r.selectNodeContents(e); return box(r); };
  const items = bar ? [...bar.querySelectorAll(':scope > strong, :scope > a, :scope > details > summary')]
    .filter(e => e.getBoundingClientRect().width > 1) : [];  // "Help now:" is for screen readers only on narrow screens
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, height: innerHeight,
          texts: items.map(text), boxes: items.filter(e => e.matches('a, summary')).map(box),
          bar: bar && box(bar), padding: parseFloat(getComputedStyle(document.body).paddingBottom)};
}"""


def overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] - .5 and b["left"] < a["right"] - .5 and a["top"] < b["bottom"] - .5 \
        and b["top"] < a["bottom"] - .5


def check(page) -> None:
    got = page.evaluate(LAYOUT)
    assert got["scrollWidth"] <= got["clientWidth"], f"{page.url} is {got['scrollWidth']} px wide"
    if got["bar"] is None:
        return
    texts, boxes = got["texts"], got["boxes"]
    assert len(boxes) == 3  # 988, Helpline, All numbers (and "Help now:" where it is shown)
    for i, a in enumerate(texts):
        assert a["left"] >= 0 and a["right"] <= got["clientWidth"] + .5, (page.url, i, a)
        assert not any(overlap(a, b) for b in texts[i + 1:]), (page.url, texts)
    for box in boxes:
        assert box["width"] >= 44 and box["height"] >= 44, (page.url, box)
        assert box["top"] >= 0 and box["bottom"] <= got["height"] + .5, (page.url, box)
    assert not any(overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]), (page.url, boxes)
    assert got["padding"] >= got["bar"]["height"] - .5, (page.url, got["padding"], got["bar"])


@pytest.fixture(scope="module")
def large_text(browser, base_url):
    """A 320 px phone whose visitor set text to 200% (default font 32 px instead of 16)."""
    context = browser.new_context(viewport={"width": 320, "height": 640})  # mobile emulation ignores the setting
    tab = Visit(context, base_url)
    cdp = context.new_cdp_session(tab.page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    yield tab
    context.close()


@pytest.fixture(scope="module")
def zoomed(browser, base_url):
    """A 1280 px desktop at 400% zoom: 320 CSS px at four device pixels each."""
    context = browser.new_context(viewport={"width": 320, "height": 256}, device_scale_factor=4)
    yield Visit(context, base_url)
    context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_and_the_help_bar_wraps_at_200_percent_text(large_text, lang, path):
    page = large_text.open(lang + path)
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 30  # the setting took
    check(page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scroll_at_400_percent_zoom(zoomed, lang, path):
    check(zoomed.open(lang + path))
