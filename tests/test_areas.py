"""Areas people name that are no one point (Cape Cod, the Vineyard, the Berkshires): declared once in
data/places.yaml with the towns they contain and a dated source, checked, and published in the find index."""

from __future__ import annotations

import pytest

from generator.model.site import load_site
from generator.outputs.find_index import find_index
from generator.settings import Settings
from tests.conftest import DATA, TODAY


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


def test_each_area_holds_the_towns_its_source_names(site):
    places = site.places
    county = {name: town.county for name, town in places.towns.items()}
    assert {name: len(a.towns) for name, a in places.areas.items()} == {
        "Cape Cod": 15, "Martha's Vineyard": 6, "the Berkshires": 32, "Pioneer Valley": 43}
    assert set(places.areas["Cape Cod"].towns) == {t for t, c in county.items() if c == "Barnstable"}
    assert {"Barnstable", "Falmouth", "Orleans", "Provincetown", "Bourne"} <= set(places.areas["Cape Cod"].towns)
    # Dukes County's seventh town, Gosnold (the Elizabeth Islands), is not on the Vineyard.
    assert set(places.areas["Martha's Vineyard"].towns) == {t for t, c in county.items() if c == "Dukes"} - {"Gosnold"}
    assert set(places.areas["Pioneer Valley"].towns) == {t for t, c in county.items() if c in ("Hampden", "Hampshire")}
    for area in places.areas.values():
        assert area.sources and all(s.url.startswith("http") and s.title and s.date[:4].isdigit()
                                    for s in area.sources), area.name


@pytest.mark.parametrize(("typed", "name"), [
    ("Cape Cod", "Cape Cod"), ("the Cape", "Cape Cod"), ("THE CAPE ", "Cape Cod"), ("Barnstable County", "Cape Cod"),
    ("Martha's Vineyard", "Martha's Vineyard"), ("Martha\u2019s Vineyard", "Martha's Vineyard"),
    ("marthas vineyard", "Martha's Vineyard"), ("the Vineyard", "Martha's Vineyard"),
    ("the Berkshires", "the Berkshires"), ("Berkshires", "the Berkshires"), ("pioneer valley", "Pioneer Valley"),
])
def test_an_area_is_found_by_any_of_its_names(site, typed, name):
    area = site.places.area_of(typed)
    assert area is not None and area.name == name


@pytest.mark.parametrize("typed", ["Nantucket", "Barnstable", "Berkshire", "Hyannis", "Southie", "02601"])
def test_a_town_village_nickname_or_zip_is_no_area(site, typed):
    """Nantucket is one town, island and county: a place measured from its centre, as the data says."""
    assert site.places.area_of(typed) is None
    assert site.places.town_of(typed) is not None


def test_the_find_index_gives_each_area_its_towns_and_each_site_its_town(site):
    index = find_index(site)
    slugs = {t["slug"] for t in index["towns"]}
    areas = {a["name"]: a for a in index["areas"]}
    assert areas["Cape Cod"]["also"] == ["the Cape", "Barnstable County"]
    assert "falmouth" in areas["Cape Cod"]["towns"] and "gosnold" not in areas["Martha's Vineyard"]["towns"]
    assert all(set(a["towns"]) <= slugs and a["sources"][0]["date"] for a in index["areas"])
    assert all(p["town"] in slugs for c in index["centers"] for p in c["points"])
    cape = set(areas["Cape Cod"]["towns"])
    assert sorted(c["name"] for c in index["centers"] if any(p["town"] in cape for p in c["points"])) == [
        "Falmouth Peer Recovery Center", "PIER Recovery Center of Cape Cod (Hyannis Peer Recovery Support Center)",
        "Southeast Recovery Learning Community (SERLC)"]


def test_an_unknown_town_in_an_area_is_reported_where_it_is(registry):
    registry.replace("places.yaml", "towns: [Aquinnah, Chilmark, Edgartown,", "towns: [Aquinnah, Chilmark, Edgartwon,")
    [problem] = registry.problems()
    lines = (DATA / "places.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if "towns: [Aquinnah, Chilmark, Edgartown," in text)
    column = lines[line - 1].index("Edgartown") + 1
    assert problem == (f"data/places.yaml:{line}:{column}: areas.Martha's Vineyard.towns[2]: 'Edgartwon' is not a "
                       "Massachusetts city or town (did you mean 'Edgartown'?)")


def test_an_area_name_that_already_names_a_place_is_reported(registry):
    registry.replace("places.yaml", "also: [the Vineyard]", "also: [the Vineyard, Vineyard Haven]")
    [problem] = registry.problems()
    assert problem.endswith("areas.Martha's Vineyard.also[1]: 'Vineyard Haven' already names Vineyard Haven; an "
                            "area's names must stand for nothing else")


def test_an_area_with_both_towns_and_counties_is_reported(registry):
    registry.replace("places.yaml", "    counties: [Hampden, Hampshire]\n",
                     "    counties: [Hampden, Hampshire]\n    towns: [Springfield]\n")
    [problem] = registry.problems()
    assert problem.endswith("areas.Pioneer Valley: give the towns the area contains: either counties (all their "
                            "towns) or towns, not both")
