"""/find/ and the town pages measure with one rule (generator/model/travel.py, assets/places.mjs) and
name the same nearest centres, for every one of the 351 towns, in a real browser."""

from __future__ import annotations

import pytest

from generator.model.site import load_site
from generator.model.towns import nearest_centers, place_spot
from generator.settings import Settings
from tests.conftest import DATA, TODAY

# /find/'s ranking: the centres a filter keeps, ranked by travel from the town by places.mjs's rank() (a stable
# sort keeps the index's order among equals), as search() in find.js does.
RANK_EVERY_TOWN = """async ([count, current]) => {
  const places = await import('../assets/places.mjs');
  const index = await places.loadIndex(new URL('../api/v1/find.json', location.href));
  const prscs = index.centers.filter(c => current.includes(c.id));
  return index.towns.map(town => places.rank(index, prscs, town)
    .slice(0, count)
    .map(n => [n.center.id, n.near.miles, n.near.via]));
}"""


# The same from every ZIP code and every nickname, each resolved as /find/ resolves what is typed.
RANK_FROM_PLACES = """async ([queries, count, current]) => {
  const places = await import('../assets/places.mjs');
  const index = await places.loadIndex(new URL('../api/v1/find.json', location.href));
  const prscs = index.centers.filter(c => current.includes(c.id));
  return queries.map(q => places.rank(index, prscs, places.resolve(index, q).at)
    .slice(0, count)
    .map(n => [n.center.id, n.near.miles, n.near.via]));
}"""


def _current_prscs(site) -> list[str]:
    """The centres a town page ranks (not moved or closed; how /find/ leaves those out is rank()'s own test)."""
    return [c.id for c in site.centers if c.type == "prsc" and not c.gone]


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


def test_find_ranks_the_same_nearest_centres_as_every_town_page(visit, site):
    page = visit.open("find/")
    count = site.settings.limits.nearest_centers
    ranked = page.evaluate(RANK_EVERY_TOWN, [count, _current_prscs(site)])
    assert len(ranked) == len(site.towns) == 351
    for town, found in zip(site.towns, ranked, strict=True):
        expected = [[n.center.id, n.miles, n.via] for n in town.centers]
        assert [[i, via] for i, _, via in found] == [[i, via] for i, _, via in expected], town.name
        assert [m for _, m, _ in found] == pytest.approx([m for _, m, _ in expected], abs=1e-9), town.name


def test_find_ranks_the_same_nearest_centres_from_every_zip_code_neighbourhood_and_nickname(visit, site):
    """Python (model/towns.py place_spot) and /find/ (places.mjs resolve) measure a ZIP code, a neighbourhood or
    a nickname from the same point and name the same nearest centres: all 704 ZIP codes, Boston's neighbourhoods."""
    places = site.places
    queries = sorted(places.zips) + sorted({p.name for p in places.zips.values() if p.town == "Boston"} - {"Boston"}) \
        + sorted(places.nicknames)
    page = visit.open("find/")
    count = site.settings.limits.nearest_centers
    ranked = page.evaluate(RANK_FROM_PLACES, [queries, count, _current_prscs(site)])
    assert len(ranked) == len(queries) > 704
    for query, found in zip(queries, ranked, strict=True):
        spot = place_spot(places, query)
        assert spot is not None, query
        expected = [[n.center.id, n.miles, n.via] for n in nearest_centers(places, site.centers, spot, count)]
        assert [[i, via] for i, _, via in found] == [[i, via] for i, _, via in expected], query
        assert [m for _, m, _ in found] == pytest.approx([m for _, m, _ in expected], abs=1e-9), query


@pytest.mark.parametrize(("query", "first"), [
    ("02128", "Recovery on the Harbor"), ("Eastie", "Recovery on the Harbor"), ("Southie", "Devine Recovery Center"),
    ("JP", "JP Peer Recovery Center"), ("Dorchester", "Torchlight Peer Recovery Support Center"),
])
def test_find_measures_from_the_neighbourhood_typed(visit, query, first):
    page = visit.open("find/?within=any&type=prsc")
    page.fill("#prn-q", query)
    page.keyboard.press("Enter")
    items = page.locator("section[aria-labelledby=prn-places] li")
    assert items.first.locator("h3 a").inner_text().startswith(first)
    assert items.first.locator(".prn-approx").inner_text().strip() == "(approximate location: ZIP code centre)"
    distances = items.locator(".prn-distance").all_inner_texts()[:6]
    assert len(set(distances)) > 1, distances  # Boston's listings are no longer all one point


@pytest.mark.parametrize(("town", "first", "how"), [
    ("Provincetown", "PIER Recovery Center", "via Orleans"),
    ("Nantucket", "PIER Recovery Center", "via the Hyannis ferry"),
    # The Vineyard's own centre moved (data/centers.yaml): it is never a nearest place, so the island's
    # first answer is across the water.
    ("Oak Bluffs", "Falmouth Peer Recovery Center", "via the Woods Hole ferry"),
    ("Pittsfield", "Living in Recovery", "as the crow flies"),
])
def test_find_names_the_first_answer_and_how_it_was_measured(visit, town, first, how):
    page = visit.open("find/?within=any&type=prsc")
    page.fill("#prn-q", town)
    page.keyboard.press("Enter")
    item = page.locator("section[aria-labelledby=prn-places] li").first
    assert item.locator("h3 a").inner_text().startswith(first)
    assert item.locator(".prn-via").inner_text().strip() == how


@pytest.mark.parametrize(("town", "how"), [("Edgartown", "por el ferry de Woods Hole"),
                                          ("Pittsfield", "en línea recta")])
def test_a_spanish_page_says_how_in_spanish(visit, town, how):
    page = visit.open("es/find/?within=any&type=prsc")
    page.fill("#prn-q", town)
    page.keyboard.press("Enter")
    vias = page.locator("section[aria-labelledby=prn-places] li .prn-via").all_inner_texts()
    assert vias[0].strip() == how


def test_beyond_the_chosen_distance_the_nearest_centres_are_still_named(visit, site):
    """Provincetown within 25 miles: nothing, but the answer names the nearest places and how far they are."""
    provincetown = next(t for t in site.towns if t.name == "Provincetown")
    first = provincetown.centers[0]
    page = visit.open("find/?type=prsc")
    page.fill("#prn-q", "Provincetown")
    page.keyboard.press("Enter")
    assert "0 places within 25 miles of Provincetown" in page.inner_text("#prn-status")
    nearest = page.locator("#prn-nearest")
    assert nearest.inner_text().startswith(f"Nearest: {first.center.name}, {first.miles:.1f} mi via Orleans; ")
    assert nearest.locator("a").count() == 3
    assert nearest.locator("a").first.get_attribute("href") == f"../{first.center.url}"
