"""`python -m generator geocode`: find coordinates for centre and site addresses that have a street
but no `location:`, with OpenStreetMap's Nominatim (through geopy, one request a second), and keep
every answer in `data/geocode-cache.yaml` so that later runs ask nothing again and a maintainer can
review each position in the pull request. The build never geocodes; it only reads the cache.

Cache format, keyed by the address exactly as `address_key()` writes it from the YAML entry:

    "75 North St. (entrance on McKay Street), Pittsfield, MA":
      lat: 42.4501
      lon: -73.2454
      display_name: 75, North Street, Pittsfield, Berkshire County, Massachusetts, 01201, United States
      date: 2026-11-23
    "2 Gleason Plaza, Northampton, MA":
      found: false
      reason: no result
      date: 2026-11-23

An entry with `found: false` is not asked again; delete it to try again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from geopy.distance import geodesic
from geopy.extra.rate_limiter import RateLimiter

from ..model.records import Center
from ..model.site import load_site
from ..registry.geocache import CACHE_FILE, MAX_KM_FROM_TOWN, address_key, read_cache
from ..registry.places import Places
from ..registry.schema import MA_LAT, MA_LON
from ..settings import Settings

USER_AGENT = "peer-recovery-navigator-geocode/1.0 (Massachusetts peer recovery directory; maintainer tool)"
HEADER = ("# Written by `python -m generator geocode`; positions of centre addresses from OpenStreetMap\n"
          "# Nominatim. Check new entries in the pull request. Delete a `found: false` entry to retry it.\n")


def query(address: dict) -> dict:
    """A structured Nominatim query; notes such as '(entrance on McKay Street)' or ', second floor' are left out."""
    street = re.sub(r"\s*\([^)]*\)", "", address["street"]).split(",")[0].strip()
    out = {"street": street, "city": address.get("place") or address["town"], "state": "Massachusetts",
           "country": "USA"}
    if "zip" in address:
        out["postalcode"] = address["zip"]
    return out


def wanted(centers: tuple[Center, ...]) -> list[dict]:
    """Street addresses whose position the data does not give: the centres' and their sites'."""
    places = [(c.address, c.position) for c in centers if c.address]
    places += [(s.address, s.position) for c in centers for s in c.sites]
    return [{key: value for key, value in (("street", a.street), ("place", a.place), ("town", a.town),
                                            ("zip", a.zip)) if value}
            for a, position in places if a.street and not (position and position.source == "data")]


def rejection(location, address: dict, places: Places) -> str | None:
    """Why a geocoder answer cannot be used for this address, or None when it can."""
    if location is None:
        return "no result"
    details = location.raw.get("address", {})
    in_state = details.get("ISO3166-2-lvl4") == "US-MA" or details.get("state") == "Massachusetts"
    in_box = MA_LAT[0] <= location.latitude <= MA_LAT[1] and MA_LON[0] <= location.longitude <= MA_LON[1]
    if not (in_state and in_box):
        return "outside Massachusetts"
    town = places.towns[address["town"]]
    if geodesic((town.lat, town.lon), (location.latitude, location.longitude)).km > MAX_KM_FROM_TOWN:
        return f"more than {MAX_KM_FROM_TOWN} km from {address['town']}"
    return None


class _Dumper(yaml.SafeDumper):
    """Writes repeated values out in full: the project's loader refuses YAML aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def write_cache(data_dir: Path, entries: dict[str, dict]) -> None:
    text = yaml.dump(entries, Dumper=_Dumper, sort_keys=True, allow_unicode=True, default_flow_style=False,
                     width=120)
    (data_dir / CACHE_FILE).write_text(HEADER + text, encoding="utf-8")


def nominatim():
    from geopy.geocoders import Nominatim
    return Nominatim(user_agent=USER_AGENT, timeout=10)


def rate_limited(geocoder) -> RateLimiter:
    """geocoder.geocode at most once a second, as Nominatim's usage policy asks."""
    return RateLimiter(geocoder.geocode, min_delay_seconds=1, max_retries=2, error_wait_seconds=5,
                       swallow_exceptions=False)


@dataclass
class GeocodeRun:
    cached: int = 0
    found: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [f"{len(self.found)} new position(s), {len(self.rejected)} not usable, {self.cached} from the cache"]
        lines += [f"  found: {key}" for key in self.found]
        lines += [f"  not usable ({why}): {key}" for key, why in self.rejected.items()]
        return "\n".join(lines)


def geocode(settings: Settings, geocoder=None) -> GeocodeRun:
    """Geocode every wanted address that the cache does not know; the cache is saved even on failure."""
    data_dir, today = settings.data_dir, settings.today
    site = load_site(settings)
    places, centers = site.places, site.centers
    cache = read_cache(data_dir)
    lookup = rate_limited(geocoder or nominatim())
    run = GeocodeRun()
    try:
        for address in wanted(centers):
            key = address_key(address)
            if key in cache:
                run.cached += 1
                continue
            location = lookup(query(address), exactly_one=True, addressdetails=True, country_codes="us")
            why = rejection(location, address, places)
            if why:
                cache[key] = {"found": False, "reason": why, "date": today}
                run.rejected[key] = why
            else:
                cache[key] = {"lat": round(location.latitude, 6), "lon": round(location.longitude, 6),
                              "display_name": location.address, "date": today}
                run.found.append(key)
    finally:
        if run.found or run.rejected:
            write_cache(data_dir, cache)
    return run
