"""The gazetteer: a family can type a town, a village, a neighbourhood or a ZIP code."""

from __future__ import annotations

import pytest

from generator.registry.geography import COUNTIES


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


def test_a_municipalities_csv_row_with_a_bad_latitude_is_reported_at_its_line(registry):
    registry.replace("municipalities.csv", "Abington,Plymouth,42.11804,", "Abington,Plymouth,142.11804,")
    registry.replace("municipalities.csv", "Acton,Middlesex,42.4843,", "Acton,Middlesex,42.4B43,")
    assert registry.problems() == [
        "data/municipalities.csv:2:19: the latitude 142.11804 is outside Massachusetts (41.18 to 42.89)",
        "data/municipalities.csv:3:17: the latitude '42.4B43' is not a number; write decimal degrees, like 42.03500",
    ]


def test_broken_municipalities_rows_are_each_reported_instead_of_a_traceback(registry):
    registry.replace("municipalities.csv", "Acushnet,Bristol,", "Acushnet,Bristl,")
    registry.replace("municipalities.csv", "Adams,Berkshire,42.62686,-73.11873", "Adams,Berkshire,42.62686")
    registry.replace("municipalities.csv", "Agawam,", "Acton,")
    assert registry.problems() == [
        "data/municipalities.csv:4:10: 'Bristl' is not a Massachusetts county (did you mean 'Bristol'?)",
        "data/municipalities.csv:5:1: the row has 3 field(s), not 4; write name,county,lat,lon, "
        "like 'Abington,Plymouth,42.11804,-70.95904'",
        "data/municipalities.csv:6:1: 'Acton' is already listed at line 3; keep one",
    ]


def test_a_missing_town_is_counted(registry):
    registry.replace("municipalities.csv", "Abington,Plymouth,42.11804,-70.95904\n", "")
    assert registry.problems() == [
        "data/municipalities.csv:1:1: the file lists 350 cities and towns; Massachusetts has 351; add the missing ones"
    ]


def test_a_places_yaml_region_with_an_unknown_county_is_reported(registry):
    registry.replace("places.yaml", "counties: [Worcester]", "counties: [Worcestr]")
    assert registry.problems() == [
        "data/places.yaml:13:16: regions.central.counties[0]: 'Worcestr' is not one of: " + ", ".join(COUNTIES)
        + " (did you mean 'Worcester'?)"
    ]


def test_a_county_in_two_regions_or_in_none_is_reported(registry):
    registry.replace("places.yaml", "counties: [Essex, Middlesex]", "counties: [Essex, Worcester]")
    assert registry.problems() == [
        "data/places.yaml:16:23: regions.northeast.counties[1]: Worcester is already in region 'central'; "
        "a county belongs to one region"
    ]
    registry.replace("places.yaml", "counties: [Essex, Worcester]", "counties: [Essex]")
    assert registry.problems() == [
        "data/places.yaml:7:1: regions: no region holds Middlesex County, which has towns in "
        "data/municipalities.csv; add it to a region's counties"
    ]


def test_places_yaml_fields_are_declared_like_the_registries(registry):
    registry.replace("places.yaml", "    name: Metro Boston\n", "    title: Metro Boston\n")
    registry.replace("places.yaml", "  metro-boston:", "  Metro Boston:")
    assert registry.problems() == [
        "data/places.yaml:17:3: regions.Metro Boston: 'Metro Boston' is not a region id (lowercase letters and "
        "single hyphens); write it like 'metro-boston'",
        "data/places.yaml:18:5: regions.Metro Boston: missing required field 'name' "
        "(Name of the region as pages show it, e.g. 'Western Massachusetts')",
        "data/places.yaml:18:5: regions.Metro Boston.title: unknown field 'title'",
    ]


def test_a_missing_gazetteer_file_is_one_located_problem(registry):
    (registry.dir / "municipalities.csv").unlink()
    assert registry.problems() == [
        "data/municipalities.csv:1:1: the file is missing; it holds the 351 cities and towns, "
        "as 'name,county,lat,lon' rows"
    ]


def test_the_shipped_zip_table_is_what_the_zipcodes_package_says():
    """The build reads generator/registry/ma_zips.csv; a zipcodes release that changes a Massachusetts ZIP
    code fails here until `make schema` rewrites the table and the change is reviewed."""
    from generator.registry.places import ZIP_TABLE, zip_table

    assert ZIP_TABLE.read_text(encoding="utf-8") == zip_table()
