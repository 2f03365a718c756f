"""`python -m generator geocode`, driven by a fake geocoder: no request ever leaves this machine."""

from __future__ import annotations

import pytest
from geopy.exc import GeocoderServiceError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from generator.app.build import build
from generator.app.geocode import geocode, rate_limited
from generator.registry.geocache import address_key, load_cache, read_cache
from generator.registry.places import load_places
from generator.registry.problems import DataError
from generator.settings import Settings
from tests.conftest import TODAY

PITTSFIELD = (42.4501, -73.2454)
ADAMS = (42.6223, -73.1176)
MAIN = "75 North St. (entrance on McKay Street), Pittsfield, MA"
SITE = "8 Park St., Adams, MA 01220"


class Clock:
    """Stands in for the rate limiter's clock and sleep, so tests take no time."""

    def __init__(self):
        self.now = 0.0

    def sleep(self, seconds: float) -> None:
        self.now += seconds


class FakeGeocoder:
    """Answers like Nominatim with addressdetails=True, from a table keyed by street."""

    def __init__(self, clock: Clock, answers: dict):
        self.clock, self.answers, self.calls = clock, answers, []

    def geocode(self, query, **options):
        self.calls.append({"at": self.clock.now, "query": query, **options})
        answer = self.answers[query["street"]]
        if isinstance(answer, Exception):
            raise answer
        if answer is None:
            return None
        lat, lon, state = answer
        raw = {"address": {"state": state, "ISO3166-2-lvl4": "US-MA" if state == "Massachusetts" else "US-NY"}}
        return Location(f"{query['street']}, {query['city']}, {state}, United States", (lat, lon), raw)


@pytest.fixture
def clock(monkeypatch):
    clock = Clock()
    monkeypatch.setattr(RateLimiter, "_clock", lambda self: clock.now)
    monkeypatch.setattr(RateLimiter, "_sleep", lambda self, seconds: clock.sleep(seconds))
    return clock


@pytest.fixture
def two_addresses(registry):
    """The fixture centre (street, no location) plus one of its sites with a street and ZIP."""
    registry.replace("centers.yaml", "street: 75 North St.", "street: 75 North St. (entrance on McKay Street)")
    registry.replace("centers.yaml", "    phone:", "    sites:\n      - name: Adams site\n"
                     "        address: {street: 8 Park St., town: Adams, zip: '01220'}\n    phone:")
    registry.replace("centers.yaml", "phone]", "phone, sites]")
    return registry


def test_new_addresses_are_geocoded_once_and_kept_in_the_cache(two_addresses, clock):
    fake = FakeGeocoder(clock, {"75 North St.": (*PITTSFIELD, "Massachusetts"),
                                "8 Park St.": (*ADAMS, "Massachusetts")})
    run = geocode(Settings(data_dir=two_addresses.dir, today=TODAY), fake)
    assert run.found == [MAIN, SITE]
    assert [c["query"] for c in fake.calls] == [
        {"street": "75 North St.", "city": "Pittsfield", "state": "Massachusetts", "country": "USA"},
        {"street": "8 Park St.", "city": "Adams", "state": "Massachusetts", "country": "USA", "postalcode": "01220"}]
    assert all(c["addressdetails"] and c["country_codes"] == "us" for c in fake.calls)
    assert read_cache(two_addresses.dir)[MAIN] == {
        "lat": 42.4501, "lon": -73.2454, "display_name": "75 North St., Pittsfield, Massachusetts, United States",
        "date": TODAY}
    assert load_cache(two_addresses.dir, load_places(two_addresses.dir)) == {MAIN: PITTSFIELD, SITE: ADAMS}


def test_a_second_run_asks_nothing(two_addresses, clock):
    answers = {"75 North St.": (*PITTSFIELD, "Massachusetts"), "8 Park St.": (*ADAMS, "Massachusetts")}
    geocode(Settings(data_dir=two_addresses.dir, today=TODAY), FakeGeocoder(clock, answers))
    again = FakeGeocoder(clock, answers)
    run = geocode(Settings(data_dir=two_addresses.dir, today=TODAY), again)
    assert again.calls == []
    assert (run.cached, run.found, run.rejected) == (2, [], {})


def test_requests_are_at_least_one_second_apart(two_addresses, clock):
    fake = FakeGeocoder(clock, {"75 North St.": (*PITTSFIELD, "Massachusetts"),
                                "8 Park St.": (*ADAMS, "Massachusetts")})
    geocode(Settings(data_dir=two_addresses.dir, today=TODAY), fake)
    assert fake.calls[1]["at"] - fake.calls[0]["at"] >= 1
    assert rate_limited(fake).min_delay_seconds == 1


def test_an_answer_outside_massachusetts_is_rejected_and_not_asked_again(two_addresses, clock):
    answers = {"75 North St.": (42.65, -73.75, "New York"), "8 Park St.": (*ADAMS, "Massachusetts")}
    run = geocode(Settings(data_dir=two_addresses.dir, today=TODAY), FakeGeocoder(clock, answers))
    assert run.rejected == {MAIN: "outside Massachusetts"}
    assert read_cache(two_addresses.dir)[MAIN] == {"found": False, "reason": "outside Massachusetts", "date": TODAY}
    assert MAIN not in load_cache(two_addresses.dir, load_places(two_addresses.dir))
    again = FakeGeocoder(clock, answers)
    geocode(Settings(data_dir=two_addresses.dir, today=TODAY), again)
    assert again.calls == []


def test_an_answer_in_another_part_of_the_state_is_rejected(two_addresses, clock):
    boston = (42.3601, -71.0589, "Massachusetts")
    run = geocode(Settings(data_dir=two_addresses.dir, today=TODAY),
                  FakeGeocoder(clock, {"75 North St.": boston, "8 Park St.": None}))
    assert run.rejected == {MAIN: "more than 20 km from Pittsfield", SITE: "no result"}


def test_entries_with_coordinates_or_without_a_street_are_not_geocoded(registry, clock):
    registry.replace("centers.yaml", "    phone:", "    location: {lat: 42.4501, lon: -73.2454}\n"
                     "    sites:\n      - name: Adams site\n        address: {town: Adams}\n    phone:")
    registry.replace("centers.yaml", "phone]", "phone, sites]")
    fake = FakeGeocoder(clock, {})
    run = geocode(Settings(data_dir=registry.dir, today=TODAY), fake)
    assert fake.calls == [] and run.found == []
    assert not (registry.dir / "geocode-cache.yaml").exists()


def test_positions_found_before_a_service_failure_are_saved(two_addresses, clock):
    fake = FakeGeocoder(clock, {"75 North St.": (*PITTSFIELD, "Massachusetts"),
                                "8 Park St.": GeocoderServiceError("503 Service Unavailable")})
    with pytest.raises(GeocoderServiceError):
        geocode(Settings(data_dir=two_addresses.dir, today=TODAY), fake)
    assert len(fake.calls) == 4  # the first address, then the failing one tried three times
    assert load_cache(two_addresses.dir, load_places(two_addresses.dir)) == {MAIN: PITTSFIELD}


def test_the_cache_key_is_the_address_as_written():
    assert address_key({"street": "483 Main St.", "place": "Hyannis", "town": "Barnstable", "zip": "02601"}) == \
        "483 Main St., Hyannis, Barnstable, MA 02601"


def test_a_hand_edited_cache_entry_outside_the_state_is_reported_at_its_line(registry):
    registry.write("geocode-cache.yaml", """\
        "75 North St., Pittsfield, MA":
          lat: 42.4501
          lon: -73.2454
        "1 Main St., Albany, MA":
          lat: 42.65
          lon: -73.75
        """)
    with pytest.raises(DataError) as err:
        load_cache(registry.dir, load_places(registry.dir))
    assert [str(p) for p in err.value.problems] == [
        "data/geocode-cache.yaml:4:1: 1 Main St., Albany, MA: a cache entry needs 'lat' and 'lon' inside "
        "Massachusetts, or 'found: false'"]


def test_a_cache_position_far_from_its_town_is_refused_when_the_site_is_loaded(registry):
    """A hand edit (or a cache older than the geocoder's own check) that puts Adams's street in Boston."""
    registry.write("geocode-cache.yaml", """\
        "75 North St., Pittsfield, MA":
          lat: 42.4501
          lon: -73.2454
        "8 Park St., Adams, MA 01220":
          lat: 42.3601
          lon: -71.0589
        "1 Main St., Springfeld, MA":
          lat: 42.10
          lon: -72.59
        """)
    with pytest.raises(DataError) as err:
        load_cache(registry.dir, load_places(registry.dir))
    assert [str(p) for p in err.value.problems] == [
        "data/geocode-cache.yaml:4:1: 8 Park St., Adams, MA 01220: this position is 172 km from the centre of "
        "Adams (more than 20 km): correct it or replace the entry with 'found: false' and run `generator geocode` "
        "again",
        "data/geocode-cache.yaml:7:1: 1 Main St., Springfeld, MA: 'Springfeld' is not a Massachusetts city or "
        "town: the key must be the address as `geocode` writes it"]
    assert read_cache(registry.dir)  # the geocoder itself still reads the file, to replace the entries


@pytest.mark.slow  # builds a site of its own
def test_the_build_never_geocodes(registry, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to geocode")
    monkeypatch.setattr(Nominatim, "geocode", refuse)
    monkeypatch.setattr(RateLimiter, "__call__", refuse)
    build(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY))
    assert (tmp_path / "site" / "index.html").is_file()
