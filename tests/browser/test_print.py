"""The printed town sheet (issue 24, item 4), from headless Chromium's own PDF: one page on Letter and on A4,
with 988, the Substance Use Helpline, the page's address, a QR code that a reader decodes to that address,
and nothing interactive. The browser tier prints the longest sheets; the slow tier checks every town in every
language on both paper sizes in one tab: each sheet is laid out in print media at each paper's printable size
(from print.css's @page margins) and every sheet within a tenth of a page of the limit is printed to PDF."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image

from tests.browser.conftest import goto
from tests.conftest import ROOT, SITE_URL

LANGS = ("", "es/", "pt/")
PAPER = ("Letter", "A4")
INTERACTIVE = ("form", "input", "button", "select", ".prn-map", ".md-search", ".prn-help__bar")
# The selectors that match a visible element, as Playwright's is_visible() tells it (a box that is not empty, not
# visibility: hidden), in one call for them all.
SHOWN = """selectors => selectors.filter(s => [...document.querySelectorAll(s)].some(e => {
  const box = e.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden";
}))"""
MM = 96 / 25.4  # CSS px per millimetre
SIZES = {"Letter": (8.5 * 25.4, 11 * 25.4), "A4": (210, 297)}  # mm


def printable() -> dict[str, tuple[int, float]]:
    """Each paper's printable width and height in CSS px, inside print.css's `@page { margin: V H; }`."""
    css = (ROOT / "content" / "assets" / "print.css").read_text(encoding="utf-8")
    found = re.search(r"@page\s*\{\s*margin:\s*([\d.]+)mm\s+([\d.]+)mm;", css)
    assert found, "print.css declares its page margins as `@page { margin: Vmm Hmm; }`"
    vertical, horizontal = (float(x) for x in found.groups())
    return {size: (int((w - 2 * horizontal) * MM), (h - 2 * vertical) * MM) for size, (w, h) in SIZES.items()}


def town_slugs(site) -> list[str]:
    return sorted(p.name for p in (site / "towns").iterdir() if p.is_dir())


def longest(site, lang: str, n: int) -> list[str]:
    """The n towns whose pages have the most text in this language, and the n longest of those that also list a
    centre that changed recently (the Cape and Islands): the sheets most likely to spill over."""
    pages = {slug: (site / lang / "towns" / slug / "index.html").read_text(encoding="utf-8")
             for slug in town_slugs(site)}
    ranked = sorted(pages, key=lambda slug: len(pages[slug]), reverse=True)
    return ranked[:n] + [slug for slug in ranked if 'id="changed"' in pages[slug]][:n]


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def decoded(png: bytes) -> list[str]:
    """What a QR reader finds in a picture."""
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.fixture(scope="module")
def paper(browser):
    """One tab for every sheet: a new page per town would cost more than its PDF."""
    context = browser.new_context(device_scale_factor=2)
    yield context.new_page()
    context.close()


def problems(paper, base_url: str, lang: str, slug: str, pdf=lambda fill: True) -> list[str]:
    """What is wrong with one town's printed sheet: [] when it is one page on each paper size with its lifelines
    and a QR code of its own address. A paper size is printed to PDF when pdf(fill) says so, `fill` being the
    sheet's height laid out at that paper's printable width over the page's printable height."""
    page = goto(paper, f"{base_url}{lang}towns/{slug}/")
    url = f"{SITE_URL.rstrip('/')}/{lang}towns/{slug}/"
    found = []
    page.emulate_media(media="print")
    text = page.inner_text("body")
    found += [f"no {need}" for need in ("988", "(800) 327-5050", url) if need not in text]
    qr = page.locator("svg.prn-qr")
    if not qr.is_visible():
        found.append("no QR code")
    elif decoded(qr.screenshot()) != [url]:
        found.append(f"QR code reads {decoded(qr.screenshot())}")
    found += [f"{selector} prints" for selector in page.evaluate(SHOWN, INTERACTIVE)]
    viewport = page.viewport_size
    for size, (width, height) in printable().items():
        page.set_viewport_size({"width": width, "height": 100})  # the document's height is then its content's
        fill = page.evaluate("document.documentElement.scrollHeight") / height
        count = pages(page.pdf(format=size)) if pdf(fill) else 1
        if count != 1 or fill >= 1:
            found.append(f"{count} pages on {size} (laid out: {fill:.0%} of a page)")
    page.set_viewport_size(viewport)
    page.emulate_media(media="screen")
    return found


def test_a_reader_finds_the_page_address_in_the_printed_qr_code_and_nowhere_else(paper, base_url):
    page = goto(paper, f"{base_url}es/towns/dracut/")
    page.emulate_media(media="print")
    assert decoded(page.locator("svg.prn-qr").screenshot()) == [f"{SITE_URL}es/towns/dracut/"]
    assert decoded(page.locator("h1").screenshot()) == []  # the reader does not find codes in any picture
    page.emulate_media(media="screen")
    assert not page.locator("svg.prn-qr").is_visible()  # paper only


@pytest.mark.parametrize("lang", LANGS)
def test_the_longest_town_sheets_print_on_one_page_with_the_lifelines(paper, base_url, bundled_site, lang):
    slugs = longest(bundled_site, lang, 3)
    assert len(slugs) == 6
    assert {slug: problems(paper, base_url, lang, slug) for slug in slugs} == dict.fromkeys(slugs, [])


@pytest.mark.slow
def test_every_town_prints_on_one_page_in_every_language_on_letter_and_a4(paper, base_url, bundled_site):
    """A sheet laid out under 90% of a page is one page (the PDFs of the longest sheets, above and in the browser
    tier, agree with the layout: a sheet is reported when either says it spills)."""
    slugs = town_slugs(bundled_site)
    assert len(slugs) == 351
    wrong = {(lang, slug): found for lang in LANGS for slug in slugs
             if (found := problems(paper, base_url, lang, slug, pdf=lambda fill: fill >= 0.9))}
    assert wrong == {}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("place", ["Boston", "Dracut"])
def test_find_for_a_place_prints_its_nearest_places_on_one_page_with_the_search_s_address(paper, base_url, lang,
                                                                                         place):
    """Boston has more than twenty places within 25 miles: paper takes the eight nearest and the search's address."""
    page = goto(paper, f"{base_url}{lang}find/?q={place}")
    page.wait_for_selector("#prn-status:not(:empty)")
    page.emulate_media(media="print")
    shown = page.locator(".prn-find__results ul.prn-near").first.locator(":scope > li")
    assert 5 <= sum(item.is_visible() for item in shown.all()) <= 8
    text = page.inner_text("body")
    assert "988" in text and "(800) 327-5050" in text
    assert page.locator("#prn-print-more span").inner_text() == f"{base_url}{lang}find/?q={place}"
    assert page.evaluate(SHOWN, INTERACTIVE) == []
    assert [pages(page.pdf(format=size)) for size in PAPER] == [1, 1]
    page.emulate_media(media="screen")
    assert not page.locator("#prn-print-more").is_visible()
