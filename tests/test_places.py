"""The gazetteer: a family can type a town, a village, a neighbourhood or a ZIP code."""

from __future__ import annotations

import pytest


def test_all_351_cities_and_towns_with_official_county_totals(places):
    assert len(places.towns) == 351
    counts: dict[str, int] = {}
    for town in places.towns.values():
        counts[town.county] = counts.get(town.county, 0) + 1
    assert counts == {"Worcester": 60, "Middlesex": 54, "Essex": 34, "Berkshire": 32, "Norfolk": 28,
                      "Plymouth": 27, "Franklin": 26, "Hampden": 23, "Hampshire": 20, "Bristol": 20,
                      "Barnstable": 15, "Dukes": 7, "Suffolk": 4, "Nantucket": 1}


@pytest.mark.parametrize("query, town", [
    ("Hyannis", "Barnstable"), ("whitinsville", "Northbridge"), ("Roxbury", "Boston"),
    ("01201", "Pittsfield"), ("East Boston", "Boston"), ("Turners Falls", "Montague"),
    ("Vineyard Haven", "Tisbury"), ("02119", "Boston"), ("PITTSFIELD", "Pittsfield"),
    ("Manchester-by-the-Sea", "Manchester-by-the-Sea"),
])
def test_villages_neighbourhoods_and_zips_resolve_to_their_town(places, query, town):
    assert places.town_of(query) == town


@pytest.mark.parametrize("query", ["Springfeld", "99999", "Providence", ""])
def test_unknown_places_resolve_to_nothing(places, query):
    assert places.town_of(query) is None


def test_every_town_has_a_region_and_every_zip_a_real_town(places):
    assert {t.region for t in places.towns.values()} == set(places.regions)
    assert len(places.zips) == 704
    assert all(p.town in places.towns for p in places.zips.values())


def test_a_village_override_naming_no_town_is_reported(registry):
    registry.replace("places.yaml", "Turners Falls: Montague", "Turners Falls: Montag")
    line = (registry.dir / "places.yaml").read_text().splitlines().index("  Turners Falls: Montag") + 1
    assert registry.problems() == [f"data/places.yaml:{line}:18: village_towns.Turners Falls: "
                                   "'Montag' is not a Massachusetts city or town (did you mean 'Montague'?)"]
