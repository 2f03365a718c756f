"""Issue 25, item 2 in a real browser: an area typed in /find/ (Cape Cod, the Vineyard, the Berkshires) lists what
is in its towns with no distance from an invented point and gives the statewide numbers, in the three languages;
the header search leads there; a neighbourhood, its nickname and its ZIP code still name their own centre first."""

from __future__ import annotations

import re

import pytest

from generator.model.site import load_site
from generator.settings import Settings
from tests.browser.test_phone import phone  # noqa: F401  (the fixture)
from tests.conftest import DATA, TODAY

CAPE = ["PIER Recovery Center of Cape Cod (Hyannis Peer Recovery Support Center)",
        "Southeast Recovery Learning Community (SERLC)", "Falmouth Peer Recovery Center"]


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


def _find(phone, prefix: str, typed: str):  # noqa: F811
    page = phone.open(f"{prefix}find/?within=any")
    page.fill("#prn-q", typed)
    page.keyboard.press("Enter")
    return page


@pytest.mark.parametrize(("prefix", "typed", "status"), [
    ("", "Cape Cod", "3 places in Cape Cod."),
    ("es/", "the Cape", "3 lugares en Cape Cod."),
    ("pt/", "cape cod", "3 lugares em Cape Cod."),
])
def test_an_area_lists_its_towns_listings_without_a_distance(phone, site, prefix, typed, status):  # noqa: F811
    page = _find(phone, prefix, typed)
    places = page.locator("section[aria-labelledby=prn-places] li")
    assert [name.split("\n")[0] for name in places.locator("h3 a").all_inner_texts()] == CAPE
    text = page.inner_text("#prn-status")
    assert text.startswith(status) and CAPE[0] in text  # the live region reads the first listing and its number
    assert places.locator(".prn-distance").count() == 0 and places.locator(".prn-via").count() == 0
    assert not re.search(r"\d[.,]\d (mi|millas|milhas)\b", page.inner_text("#prn-results"))  # never "0.0 mi"
    notice = page.locator(".prn-area")
    assert [a.get_attribute("href") for a in notice.locator("a[href^='tel:']").all()] == \
        [line.call_href for line in site.banner]
    towns = page.locator(".prn-area-towns .prn-area__links a")
    assert towns.count() == 15 and towns.first.get_attribute("href") == "../towns/barnstable/"
    assert page.locator(".prn-area-towns .prn-from a").get_attribute("href").startswith("https://www.capecod.gov/")


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
def test_the_vineyard_names_the_red_house_under_changed_and_leaves_no_dead_end(phone, prefix):  # noqa: F811
    """Martha's Vineyard: its one listing moved, so nothing is listed with a distance; what moved is named, the
    numbers and what works from anywhere are given."""
    page = _find(phone, prefix, "Martha\u2019s Vineyard")
    # Portuguese says "0 lugar" (zero takes the singular, as CLDR's pt rules and the catalogue's `one` form give)
    assert page.inner_text("#prn-status").startswith({"": "0 places in Martha's Vineyard.",
                                                      "es/": "0 lugares en Martha's Vineyard.",
                                                      "pt/": "0 lugar em Martha's Vineyard."}[prefix])
    changed = page.locator("section[aria-labelledby=prn-changed] li h3 a")
    assert changed.first.inner_text().startswith("The Red House")
    assert page.locator("#prn-results .prn-distance").count() == 0
    assert page.locator("#prn-nothing-near a[href^='tel:'], .prn-area a[href^='tel:']").count() >= 3
    assert page.locator(".prn-area-towns .prn-area__links a").count() == 6


@pytest.mark.parametrize(("typed", "names"), [
    ("the Berkshires", ["South County Recovery Center", "Have Hope Peer Recovery Center", "Living in Recovery"]),
    ("Pioneer Valley", ["Hope for Holyoke", "Northampton Recovery Center", "Valor Recovery Center",
                        "Western Mass Recovery Learning Community", "Recovery Center of H.O.P.E.",
                        "MISSION-Springfield (Springfield District Court drug court)"]),
])
def test_other_areas_list_by_town_with_what_may_have_ended_last(phone, typed, names):  # noqa: F811
    page = _find(phone, "", typed)
    assert page.locator("section[aria-labelledby=prn-places] li h3 a").all_inner_texts() == names


@pytest.mark.parametrize(("prefix", "status", "heading"), [
    ("", "3 places in the Berkshires.", "Places in the Berkshires"),
    ("es/", "3 lugares en los Berkshires.", "Lugares en los Berkshires"),
    ("pt/", "3 lugares em Berkshires.", "Lugares em Berkshires"),
])
def test_an_area_is_named_as_the_page_s_language_says_it(phone, prefix, status, heading):  # noqa: F811
    page = _find(phone, prefix, "the Berkshires")
    assert page.inner_text("#prn-status").startswith(status)
    assert page.locator("#prn-places").inner_text() == heading


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
def test_the_header_search_offers_the_area(phone, prefix):  # noqa: F811
    page = phone.open(prefix)
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator(".md-search__input").fill("the Vineyard")
    link = page.locator(".prn-search-place__link")
    link.wait_for(state="visible")
    assert "Martha's Vineyard" in link.inner_text()
    assert link.get_attribute("href").endswith("find/?q=Martha's%20Vineyard")


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
@pytest.mark.parametrize(("typed", "first"), [
    ("02128", "Recovery on the Harbor"), ("Eastie", "Recovery on the Harbor"),
    ("Southie", "Devine Recovery Center"), ("02127", "Devine Recovery Center"),
])
def test_a_neighbourhood_its_nickname_and_its_zip_rank_its_own_centre_first(phone, prefix, typed, first):  # noqa: F811
    page = phone.open(f"{prefix}find/?within=any&type=prsc")
    page.fill("#prn-q", typed)
    page.keyboard.press("Enter")
    assert page.locator("section[aria-labelledby=prn-places] li h3 a").first.inner_text().startswith(first)


AREA_OF = """async (queries) => {
  const places = await import('../assets/places.mjs');
  const index = await places.loadIndex(new URL('../api/v1/find.json', location.href));
  return queries.map(q => { const a = places.area(index, q); return a ? a.name : null; });
}"""


def test_python_and_find_agree_on_what_is_an_area(visit, site):
    """Every area name and other name, as typed in other ways, is the same area in Python (Places.area_of) and in
    /find/ (places.mjs area()); no town, village, nickname or ZIP code is one."""
    places = site.places
    names = [n for a in places.areas.values() for n in (a.name, *a.also)]
    bare = [n.removeprefix("the ") for n in names]
    typed = names + [n.upper() for n in names] + [n.replace("'", "\u2019") for n in names] \
        + [n.replace("'", "") for n in names] + bare + [f"The {n}" for n in bare]
    others = sorted(places.towns) + sorted({p.name for p in places.zips.values()}) + sorted(places.nicknames) \
        + sorted(places.zips)[:50]
    found = visit.open("find/").evaluate(AREA_OF, typed + others)
    expected = [(a.name if (a := places.area_of(q)) else None) for q in typed + others]
    assert found == expected
    assert all(found[: len(typed)]) and not any(found[len(typed):])
    assert len(typed) == 48 and len(others) > 900


@pytest.mark.parametrize(("prefix", "page_path", "box", "said"), [
    ("", "towns/", "#prn-townbox input[name=q]", "Cape Cod is an area, not one place"),
    ("es/", "plan/", "#plan-town", "Cape Cod es una zona, no un solo lugar"),
    ("pt/", "towns/", "#prn-townbox input[name=q]", "Cape Cod é uma região, não um só lugar"),
])
def test_an_area_where_one_town_is_needed_leads_to_what_find_lists_there(phone, prefix, page_path, box, said):  # noqa: F811
    """The towns index and the planner need one town: an area there says so and links to its listings on /find/."""
    page = phone.open(prefix + page_path)
    if page_path == "plan/":
        page.locator("#plan-places option").nth(1).wait_for(state="attached")
    page.fill(box, "the Cape")
    page.press(box, "Enter")
    notice = page.locator(".prn-area-advice")
    notice.wait_for()
    assert said in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_url(re.compile(re.escape(prefix) + r"find/\?q=Cape\+Cod"))
    places = page.locator("section[aria-labelledby=prn-places] li h3 a")
    places.first.wait_for()
    assert [name.split("\n")[0] for name in places.all_inner_texts()] == CAPE
