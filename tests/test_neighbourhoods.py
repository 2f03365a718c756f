"""Places people say: Boston's neighbourhoods, its ZIP codes and their nicknames are measured from where they are,
and listings without an exact position from their own ZIP code's centre (the precision ladder)."""

from __future__ import annotations

import pytest

from generator.model.site import load_site
from generator.model.towns import nearest_centers, place_spot
from generator.settings import Settings
from tests.conftest import DATA, TODAY


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


def _first(site, query: str) -> str:
    spot = place_spot(site.places, query)
    assert spot is not None, query
    return nearest_centers(site.places, site.centers, spot, site.settings.limits.nearest_centers)[0].center.name


@pytest.mark.parametrize(("query", "first"), [
    ("02128", "Recovery on the Harbor"), ("East Boston", "Recovery on the Harbor"),
    ("Eastie", "Recovery on the Harbor"), ("02127", "Devine Recovery Center"),
    ("Southie", "Devine Recovery Center"), ("South Boston", "Devine Recovery Center"),
    ("02130", "JP Peer Recovery Center"), ("JP", "JP Peer Recovery Center"),
    ("jamaica plain", "JP Peer Recovery Center"),
    ("Dot", "Torchlight Peer Recovery Support Center"), ("02121", "Torchlight Peer Recovery Support Center"),
    ("Roxbury", "STEPRox Recovery Support Center"), ("02119", "STEPRox Recovery Support Center"),
    ("02116", "Room to Grow Recovery Support Center"),
])
def test_a_neighbourhood_its_zip_and_its_nickname_name_its_own_centre_first(site, query, first):
    assert _first(site, query) == first


def test_every_boston_neighbourhood_and_zip_is_measured_from_its_own_centre(site):
    places = site.places
    boston = places.towns["Boston"]
    neighbourhoods = sorted({p.name for p in places.zips.values() if p.town == "Boston" and p.name != "Boston"})
    assert {"Dorchester", "Roxbury", "Jamaica Plain", "Mattapan", "East Boston", "South Boston", "Charlestown",
            "Brighton", "Allston", "Hyde Park", "Roslindale", "West Roxbury"} <= set(neighbourhoods)
    for name in neighbourhoods:
        spot = place_spot(places, name)
        assert spot is not None and (spot.lat, spot.lon) != (boston.lat, boston.lon), name
    for code, postal in places.zips.items():
        if postal.town == "Boston":
            spot = place_spot(places, code)
            assert spot is not None and (spot.lat, spot.lon) == (postal.lat, postal.lon), code
    count = site.settings.limits.nearest_centers
    lists = {name: [(n.center.id, round(n.miles, 1)) for n in
                    nearest_centers(places, site.centers, place_spot(places, name), count)] for name in neighbourhoods}
    assert len({tuple(v) for v in lists.values()}) == len({place_spot(places, n) for n in neighbourhoods})


def test_listings_in_one_city_are_placed_at_their_own_zip_codes(site):
    """From Chelsea, the Boston listings are no longer all 6.3 mi: each is at its own ZIP code's centre."""
    chelsea = next(t for t in site.towns if t.name == "Chelsea")
    boston = {n.center.id: n.miles for n in chelsea.centers if n.center.address.town == "Boston"}
    assert len(boston) >= 2 and len({round(m, 1) for m in boston.values()}) == len(boston)
    harbor = next(c for c in site.centers if c.name == "Recovery on the Harbor")
    postal = site.places.zips["02128"]
    assert harbor.position.precision == "zip" and (harbor.position.lat, harbor.position.lon) == (postal.lat, postal.lon)


def test_a_nickname_without_a_source_is_reported(registry):
    registry.replace("places.yaml", "    place: South Boston\n    usage: common usage\n", "    place: South Boston\n")
    [problem] = registry.problems()
    assert problem.endswith("nicknames.Southie: give the source of the name: a dated page (source, date) or "
                            "usage: common usage")


def test_a_nickname_naming_no_place_is_reported(registry):
    registry.replace("places.yaml", "    place: South Boston\n", "    place: South Bostn\n")
    [problem] = registry.problems()
    assert problem.endswith("nicknames.Southie.place: 'South Bostn' is not a Massachusetts town or postal place "
                            "(did you mean 'South Boston'?)")
