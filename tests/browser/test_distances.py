"""/find/ and the town pages measure with one rule (generator/model/travel.py, assets/places.mjs) and
name the same nearest centres, for every one of the 351 towns, in a real browser."""

from __future__ import annotations

import pytest

from generator.model.site import load_site
from generator.settings import Settings
from tests.conftest import DATA, TODAY

# /find/'s ranking: the centres a filter keeps, ranked by travel from the town by places.mjs's rank() (a stable
# sort keeps the index's order among equals), as search() in find.js does.
RANK_EVERY_TOWN = """async count => {
  const places = await import('../assets/places.mjs');
  const index = await places.loadIndex(new URL('../api/v1/find.json', location.href));
  const prscs = index.centers.filter(c => c.type === 'prsc');
  return index.towns.map(town => places.rank(index, prscs, town)
    .slice(0, count)
    .map(n => [n.center.id, n.near.miles, n.near.via]));
}"""


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


def test_find_ranks_the_same_nearest_centres_as_every_town_page(visit, site):
    page = visit.open("find/")
    count = site.settings.limits.nearest_centers
    ranked = page.evaluate(RANK_EVERY_TOWN, count)
    assert len(ranked) == len(site.towns) == 351
    for town, found in zip(site.towns, ranked, strict=True):
        expected = [[n.center.id, n.miles, n.via] for n in town.centers]
        assert [[i, via] for i, _, via in found] == [[i, via] for i, _, via in expected], town.name
        assert [m for _, m, _ in found] == pytest.approx([m for _, m, _ in expected], abs=1e-9), town.name


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
