"""Town pages: the nearest doors by geodesic distance, the area's RLC, coaches who work there."""

from __future__ import annotations

import re

import pytest
from geopy.distance import geodesic

from generator.model.enrich import enrich
from generator.model.geo import miles
from generator.registry.validate import validate
from generator.settings import Limits, Settings
from tests.conftest import DATA, TODAY


@pytest.fixture(scope="module")
def site(places):
    return enrich(validate(DATA, places, TODAY), Settings(today=TODAY))


@pytest.fixture(scope="module")
def towns(site):
    return {t.name: t for t in site.towns}


def test_there_is_a_view_for_every_city_and_town(towns):
    assert len(towns) == 351


@pytest.mark.parametrize("name", ["Pittsfield", "Worcester", "Boston", "Barnstable"])
def test_without_water_in_the_way_centres_are_ranked_by_geodesic_miles(towns, name):
    """Mainland to mainland, or within the Cape, a straight line; model/travel.py (tests/test_travel.py)
    measures the rest through the crossings, never shorter than the straight line."""
    town = towns[name]
    assert len(town.centers) >= 3
    for item in town.centers:
        position = item.center.position
        expected = geodesic((town.lat, town.lon), (position.lat, position.lon)).miles
        if item.via:
            assert name == "Barnstable" and item.miles > expected
        else:
            assert item.miles == pytest.approx(expected, abs=0.001)  # five feet of geopy's geodesic
    miles = [item.miles for item in town.centers]
    assert miles == sorted(miles)


def test_no_prsc_outside_the_shortlist_is_nearer(site, towns):
    town = towns["Gardner"]
    farthest_listed = town.centers[-1].miles
    listed = {item.center.id for item in town.centers}
    for center in site.centers:
        if center.type == "prsc" and center.id not in listed:
            p = center.position
            assert geodesic((town.lat, town.lon), (p.lat, p.lon)).miles >= farthest_listed


def test_the_rlc_for_the_area_and_its_nearest_site(towns):
    springfield = towns["Springfield"]
    (rlc,) = springfield.rlcs
    assert rlc.center.id == "western-mass-rlc"
    assert rlc.site.address.town == "Springfield" and rlc.miles == pytest.approx(0, abs=1e-6)
    assert [r.center.id for r in towns["Worcester"].rlcs] == ["central-mass-rlc"]


def test_coaches_serving_the_town_its_region_or_statewide(towns, site):
    names = {c.id for c in towns["Pittsfield"].coaches}
    assert "tom-demo" in names  # lists Pittsfield
    assert "sam-sample" in names  # covers the western region by video
    statewide = {c.id for c in site.coaches if c.statewide}
    assert statewide and statewide <= names
    assert "rosa-example" not in names  # Springfield and Holyoke only


def test_town_lists_stop_at_their_cap_with_the_town_s_own_coaches_first(places):
    """A registry 30 times larger must not make town pages 30 times heavier: /find/ holds the rest."""
    from dataclasses import replace

    registries = validate(DATA, places, TODAY)
    many = [{**c, "id": f"{c['id']}-{k}"} for k in range(30) for c in registries.coaches]
    big = enrich(replace(registries, records={**registries.records, "coaches": many}), Settings(today=TODAY))
    pittsfield = next(t for t in big.towns if t.name == "Pittsfield")
    assert len(pittsfield.coaches) == Limits().town_coaches and pittsfield.more_coaches
    assert all("Pittsfield" in c.serves.towns for c in pittsfield.coaches)
    # Tracks on offer still count every programme within 30 miles, not only the ones listed.
    programs = [c for c in registries.centers if c.get("type") == "program"]
    more = [{**p, "id": f"{p['id']}-{k}", "tracks": ([] if k < 10 else p.get("tracks", []))}
            for k in range(11) for p in programs]
    others = [c for c in registries.centers if c.get("type") != "program"]
    trackless = [{**c, "tracks": []} for c in registries.coaches]  # so only programmes bring tracks
    crowded = enrich(replace(registries, records={**registries.records, "centers": others + more,
                                                  "coaches": trackless}), Settings(today=TODAY))
    near = next(t for t in crowded.towns if t.name == "Boston")
    assert near.more_programs and len(near.programs) == Limits().nearby_programs
    assert all(not item.center.tracks for item in near.programs)  # the copies with tracks are farther down
    plain = {t.name: t for t in enrich(registries, Settings(today=TODAY)).towns}
    expected = {tr for item in plain["Boston"].programs for tr in item.center.tracks}
    assert expected and expected <= {tr.id for tr in near.tracks}
    small = plain["Pittsfield"]
    assert not small.more_coaches and len(small.coaches) < Limits().town_coaches


def test_a_track_page_shows_its_first_coaches_and_the_count_and_sends_to_find_for_the_rest(places):
    from dataclasses import replace

    from generator.outputs.render import pages

    registries = validate(DATA, places, TODAY)
    many = [{**c, "id": f"{c['id']}-{k}"} for k in range(3) for c in registries.coaches]
    site = enrich(replace(registries, records={**registries.records, "coaches": many}),
                  Settings(today=TODAY, limits=Limits(track_list=2)))
    track = next(t for t in site.tracks if t.id == "older-adults")
    assert len(track.coaches) == 2 and track.coach_total == 3 * sum(
        "older-adults" in c.get("tracks", []) for c in registries.coaches)
    body = next(p for p in pages(site) if p.path == "tracks/older-adults.md").body()
    assert f"{track.coach_total} coaches work on this track." in body
    assert body.count('class="prn-card"') == 2 + min(2, track.center_total)
    assert '<a href="../../find/?type=coach&amp;focus=track:older-adults">' in body


def test_villages_and_zips_of_a_town_are_listed_for_search(towns):
    barnstable = towns["Barnstable"]
    assert "Hyannis" in barnstable.villages and "02601" in barnstable.zips


def test_a_town_page_shows_distance_address_and_approximate_flag(bundled_site, places):
    """Living in Recovery (Pittsfield 01201, no exact position) is placed at its ZIP code's centre and says so."""
    site = bundled_site
    page = (site / "towns" / "pittsfield" / "index.html").read_text()
    zip_centre = places.zips["01201"]
    away = miles((places.towns["Pittsfield"].lat, places.towns["Pittsfield"].lon), (zip_centre.lat, zip_centre.lon))
    assert f'Living in Recovery</a> <span class="prn-distance">{away:.1f} mi</span>' in page and away > 0.1
    assert "approximate location: ZIP code centre" in page
    assert "Western Mass Recovery Learning Community" in page
    pittsfield = places.towns["Pittsfield"]  # the map opens on the town's centre, not somewhere else
    assert page.count('data-map-src="') == 1
    assert f'data-map-src="../../map/#{pittsfield.lat},{pittsfield.lon},11"' in page
    # MISSION-Springfield is placed at Springfield's centre: on Springfield's page it is in the town, not "0.0 mi"
    # away, and no town page in any language claims a listing is next door.
    springfield = (site / "towns" / "springfield" / "index.html").read_text()
    mission = re.search(r"MISSION-Springfield.*?</h3>", springfield).group()
    assert '<span class="prn-distance">in this town</span> <span class="prn-via"></span>' in mission
    assert 'prn-distance">nesta cidade<' in (site / "pt" / "towns" / "springfield" / "index.html").read_text()
    assert not [p for p in site.glob("**/towns/*/index.html") if re.search(r"prn-distance\">0[.,]0 ", p.read_text())]
    index = (site / "towns" / "index.html").read_text()
    assert len(re.findall(r'href="\.\./towns/[a-z-]+/"', index)) == 351
    for slug in ("manchester-by-the-sea", "aquinnah", "boston"):
        assert (site / "towns" / slug / "index.html").is_file()
