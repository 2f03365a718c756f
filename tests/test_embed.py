"""The embed cards for agencies (issue 24, item 6), as the build writes them: one a town and one a centre in each
language, each a small document with no script, its numbers as tel: links, 988 and the Helpline, and links that
open in the top window; out of the sitemap and the search; and the open-data page's snippet points at a real
card. Every other page carries the frame guard. tests/browser/test_embed.py frames them in Chromium."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin

import pytest
from markupsafe import escape

from generator.model.site import load_site
from generator.settings import Settings
from tests.conftest import DATA, SITE_URL, TODAY

PREFIXES = ("", "es/", "pt/")


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


def _cards(folder):
    return sorted(path for prefix in PREFIXES for path in (folder / prefix / "embed").rglob("*") if path.is_file())


def test_every_town_and_centre_has_a_card_in_every_language(bundled_site, site):
    for prefix, lang in zip(PREFIXES, ("en", "es", "pt"), strict=True):
        for url in [t.url for t in site.towns] + [c.url for c in site.centers]:
            card = (bundled_site / prefix / "embed" / url / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in card, prefix + url
    assert len(_cards(bundled_site)) == 3 * (len(site.towns) + len(site.centers))  # and nothing else


def test_a_card_is_a_small_document_without_script_font_or_theme(bundled_site):
    sizes = []
    for path in _cards(bundled_site):
        card = path.read_text(encoding="utf-8")
        sizes.append(len(card.encode("utf-8")))
        own = card.replace('<link rel="icon" href="data:,">', "", 1)  # an empty icon: no request for /favicon.ico
        assert "<script" not in own and "<link" not in own and "@import" not in own and "@font-face" not in own
        assert card.count("<style>") == 1, path
        assert '<meta name="robots" content="noindex">' in card and '<base target="_top">' in card
        assert "Content-Security-Policy" in card  # the site's policy, as on every page
        for ref in re.findall(r'(?:href|src)="([^"]*)"', own):  # nothing from another site; numbers to dial
            assert ref.startswith(("../", "tel:", "sms:")), (path, ref)
    assert max(sizes) < 8_000, max(sizes)


def _tel(card: str) -> list[str]:
    return re.findall(r'href="(tel:[^"]+)"', card)


def test_a_town_card_gives_its_nearest_centres_numbers_988_and_the_helpline(bundled_site, site):
    helpline = site.check_line
    for town in site.towns:
        card = (bundled_site / "embed" / town.url / "index.html").read_text(encoding="utf-8")
        nearest = town.centers[:site.settings.limits.embed_centers]
        assert nearest and [m for m in re.findall(r'<h3 class="prn-card__title"><a href="([^"]+)"', card)] == [
            f"../../../{item.center.url}" for item in nearest], town.slug
        for item in nearest:
            assert (item.center.phone_href or helpline.call_href) in _tel(card), (town.slug, item.center.id)
        assert {"tel:988", helpline.call_href, "tel:911"} <= set(_tel(card))
        assert f'<a href="../../../{town.url}" target="_top">' in card
        assert card.count('class="prn-newest"') == len(nearest)  # each centre with the age of its information


def test_a_centre_card_gives_its_number_or_the_helpline_and_its_freshness_line(bundled_site, site):
    for center in site.centers:
        card = (bundled_site / "es" / "embed" / center.url / "index.html").read_text(encoding="utf-8")
        assert (center.phone_href or site.check_line.call_href) in _tel(card)
        assert "tel:988" in _tel(card) and 'class="prn-newest"' in card
        assert f'<a href="../../../{center.url}" target="_top">' in card
        assert f'<h1 lang="en">{escape(center.name)}</h1>' in card


def test_cards_are_out_of_the_sitemap_the_search_and_the_navigation(bundled_site):
    for prefix in PREFIXES:
        assert "/embed/" not in (bundled_site / prefix / "sitemap.xml").read_text(encoding="utf-8")
        index = json.loads((bundled_site / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not [doc["location"] for doc in index["docs"] if "embed/" in doc["location"]]
        home = (bundled_site / prefix / "index.html").read_text(encoding="utf-8")
        assert "embed/" not in home


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_open_data_page_gives_a_snippet_for_real_cards(bundled_site, prefix):
    page = (bundled_site / prefix / "open-data" / "index.html").read_text(encoding="utf-8")
    snippets = [html.unescape(code) for code in re.findall(r"<pre><code>(&lt;iframe .*?)</code></pre>", page)]
    assert len(snippets) == 2
    for snippet in snippets:
        match = re.fullmatch(r'<iframe src="([^"]+)" title="([^"]+)" loading="lazy" '
                             r'style="border:0;width:100%;height:(\d+)px"></iframe>', snippet)
        assert match, snippet
        src = match[1]
        assert src.startswith(SITE_URL + prefix + "embed/"), src
        card = bundled_site / src.removeprefix(SITE_URL) / "index.html"
        assert card.is_file(), src
        assert f"<title>{escape(match[2])}</title>" in card.read_text(encoding="utf-8")
    # and the page links to each card it shows, by its path from the page
    for link in re.findall(r'<a href="(\.\./embed/[^"]+)"', page):
        assert (bundled_site / prefix / urljoin("open-data/", link) / "index.html").is_file(), link


def test_every_other_page_loads_the_frame_guard_and_nothing_hides_it_before(bundled_site):
    """Every page the theme or the map draws loads the guard's script, and no style hides a page before it has
    run: a script that fails to load never leaves a blank page (the embed cards have no script; former ids'
    redirects only send on)."""
    pages = [path for path in bundled_site.rglob("*.html") if "embed" not in path.relative_to(bundled_site).parts
             and 'http-equiv="refresh"' not in (text := path.read_text(encoding="utf-8"))
             and "<html" in text]
    assert len(pages) > 1000
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "display:none" not in text.split("</head>")[0].replace(" ", ""), path
        assert re.search(r'<script src="[^"]*assets/map\.js"', text), path
