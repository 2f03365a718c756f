"""Honest distances (issue 15, part 4): where water separates a town from a centre, the distance goes
the way people travel, over the canal bridges, through Orleans or by ferry, and says so."""

from __future__ import annotations

import pytest

from generator.model.enrich import enrich
from generator.model.geo import miles
from generator.model.travel import (
    BOURNE_BRIDGE,
    CAPE,
    HYANNIS,
    MAINLAND,
    NANTUCKET_WHARF,
    OUTER_CAPE,
    Spot,
    leg,
)
from generator.outputs.translations import ENGLISH, LANGUAGES, Translator, load_catalogue
from generator.registry.validate import validate
from generator.settings import Settings
from tests.conftest import DATA, ROOT, TODAY

OUTER_CAPE_TOWNS = ("Provincetown", "Truro", "Wellfleet", "Eastham")
CAPE_COD_BAY_SHORE = ("Plymouth", "Kingston", "Duxbury", "Marshfield", "Scituate", "Weymouth", "Quincy",
                      "Boston", "Brockton")  # across the bay from the Outer Cape


@pytest.fixture(scope="module")
def towns(places):
    site = enrich(validate(DATA, places, TODAY), Settings(today=TODAY))
    return {t.name: t for t in site.towns}


def _first(town):
    return town.centers[0]


def test_provincetown_s_nearest_centre_is_on_the_cape_through_orleans(towns):
    first = _first(towns["Provincetown"])
    assert first.center.address.town == "Barnstable"  # PIER in Hyannis, not Plymouth across the bay
    assert first.via == "orleans" and 35 < first.miles < 50  # Hyannis's ZIP centre (02601), through Orleans


@pytest.mark.parametrize("name", OUTER_CAPE_TOWNS)
def test_no_answer_for_an_outer_cape_town_crosses_cape_cod_bay(towns, name):
    for item in towns[name].centers + towns[name].programs:
        if item.center.address.town in CAPE_COD_BAY_SHORE:
            assert item.via.split()[:2] in (["orleans", "sagamore"], ["orleans", "bourne"])
        elif item.center.address.town not in OUTER_CAPE_TOWNS:
            assert item.via.startswith("orleans")


def test_nantucket_s_first_answer_goes_by_the_hyannis_ferry_and_never_to_the_vineyard_centre_that_moved(towns):
    nantucket = towns["Nantucket"]
    assert _first(nantucket).via == "hyannis-ferry"
    assert all(i.center.address.town != "Oak Bluffs" for i in nantucket.centers)
    assert [c.id for c in nantucket.changed] == ["red-house-oak-bluffs"]


@pytest.mark.parametrize("name", ["Oak Bluffs", "Edgartown", "Aquinnah"])
def test_the_vineyard_reaches_the_cape_by_the_woods_hole_ferry_while_its_own_centre_has_moved(towns, name):
    """The Red House lost its building (status: moved): named under 'changed', never a nearest place."""
    view = towns[name]
    assert view.centers and all(i.via.startswith("woods-hole-ferry") for i in view.centers)
    assert [c.id for c in view.changed] == ["red-house-oak-bluffs"]


@pytest.mark.parametrize("name", ["Falmouth", "Taunton", "Quincy", "Lynn"])
def test_towns_with_a_centre_of_their_own_still_get_it_first(towns, name):
    first = _first(towns[name])
    # A listing without its own position is at its ZIP code's centre (East Falmouth's, Lynn's 01901), a few miles
    # from the town's centre at most.
    assert first.center.address.town == name and first.via == "" and first.miles < 5


def test_the_cape_reaches_the_mainland_over_the_nearer_bridge():
    sandwich = Spot(41.7590, -70.4939, CAPE)  # east of the Sagamore Bridge
    boston = Spot(42.3601, -71.0589, MAINLAND)
    assert leg(sandwich, boston).via == "sagamore"
    falmouth = Spot(41.5515, -70.6148, CAPE)
    new_bedford = Spot(41.6362, -70.9342, MAINLAND)
    way = leg(falmouth, new_bedford)
    assert way.via == "bourne"
    assert way.miles == pytest.approx(miles((falmouth.lat, falmouth.lon), BOURNE_BRIDGE)
                                      + miles(BOURNE_BRIDGE, (new_bedford.lat, new_bedford.lon)))
    # not across Buzzards Bay
    assert way.miles > miles((falmouth.lat, falmouth.lon), (new_bedford.lat, new_bedford.lon))


def test_an_island_trip_counts_the_crossing_between_the_terminals():
    town = Spot(41.2835, -70.0995, "nantucket")
    hyannis = Spot(*HYANNIS, CAPE)
    assert leg(town, hyannis).miles == pytest.approx(miles((town.lat, town.lon), NANTUCKET_WHARF)
                                                     + miles(NANTUCKET_WHARF, HYANNIS))
    outer = Spot(42.0584, -70.1787, OUTER_CAPE)
    assert leg(town, outer).via == "hyannis-ferry orleans"


def test_a_distance_says_how_it_was_measured_in_every_language():
    assert ENGLISH.route("") == "as the crow flies"
    assert ENGLISH.route("orleans sagamore") == "via Orleans and the Sagamore Bridge"
    assert ENGLISH.route("hyannis-ferry bourne new-bedford-ferry") == \
        "via the Hyannis ferry, the Bourne Bridge and the New Bedford ferry"
    spanish = Translator(LANGUAGES["es"], load_catalogue("es", ROOT / "translations"))
    portuguese = Translator(LANGUAGES["pt"], load_catalogue("pt", ROOT / "translations"))
    assert spanish.route("woods-hole-ferry bourne") == "por el ferry de Woods Hole y el puente Bourne"
    assert portuguese.route("") == "em linha reta"
    assert portuguese.route("hyannis-ferry") == "pela balsa de Hyannis"  # not "via a balsa" (review PT-S1)
    assert portuguese.route("orleans sagamore") == "por Orleans e pela ponte Sagamore"


def test_town_pages_say_how_each_distance_was_measured(bundled_site):
    page = (bundled_site / "towns" / "provincetown" / "index.html").read_text(encoding="utf-8")
    assert '<span class="prn-via">via Orleans</span>' in page
    assert '<span class="prn-via">via Orleans and the Sagamore Bridge</span>' in page
    spanish = (bundled_site / "es" / "towns" / "nantucket" / "index.html").read_text(encoding="utf-8")
    assert '<span class="prn-via">por el ferry de Hyannis</span>' in spanish


def test_the_quick_bound_is_below_every_distance_and_the_nearest_are_those_measuring_every_item_finds(places):
    """Travel.nearest measures items in the order of a flat-earth bound and stops once the bound passes what it
    needs; it must give what measuring every item gives, for every town, count and radius."""
    import random

    from generator.model.travel import Travel, _below, zones

    zone = zones(places)
    spots = [Spot(t.lat, t.lon, zone[name]) for name, t in places.towns.items()]
    rng = random.Random(7)
    for _ in range(5000):
        a, b = rng.sample(spots, 2)
        assert _below(a, b) < leg(a, b).miles
    items = [(n, [spot] + ([spots[(n * 7) % len(spots)]] if n % 3 == 0 else [])) for n, spot in enumerate(spots)]
    travel = Travel(items)
    for origin in spots[::9]:
        every = sorted(((min(leg(origin, s).miles for s in item_spots), n) for n, item_spots in items))
        for count, within in ((1, float("inf")), (5, float("inf")), (len(items), 30.0), (8, 12.0)):
            expected = [n for distance, n in every[:count] if distance <= within]
            assert [n for n, _ in travel.nearest(origin, count, within)] == expected
