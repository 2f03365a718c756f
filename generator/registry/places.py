"""The gazetteer: 351 cities and towns with centroids and regions, plus every Massachusetts
ZIP code and postal place name (village, neighbourhood) mapped to its town."""

from __future__ import annotations

import csv
import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import zipcodes

from .load import load_yaml
from .problems import DataError, Problem


@dataclass(frozen=True)
class Town:
    name: str
    slug: str
    county: str
    region: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    counties: tuple[str, ...]


@dataclass(frozen=True)
class PostalPlace:
    """A ZIP code or postal place name, and the town it lies in."""

    name: str
    town: str
    zip: str
    lat: float
    lon: float


def slugify(text: str) -> str:
    """'Manchester-by-the-Sea' -> 'manchester-by-the-sea'; accents dropped."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


@dataclass
class Places:
    towns: dict[str, Town]
    regions: dict[str, Region]
    zips: dict[str, PostalPlace]
    names: dict[str, str]  # lower-case postal place name -> town

    def town_of(self, query: str) -> str | None:
        """The town for a town name, village, neighbourhood or ZIP code (any case), or None."""
        text = query.strip()
        if text[:5].isdigit():
            place = self.zips.get(text[:5])
            return place.town if place else None
        for town in self.towns:
            if town.lower() == text.lower():
                return town
        return self.names.get(text.lower())


def load_places(data_dir: Path) -> Places:
    """Read municipalities.csv and places.yaml from data_dir; add ZIP codes from `zipcodes`."""
    doc, problems = load_yaml(data_dir / "places.yaml")
    if doc is None:
        raise DataError(problems)
    settings = doc.data
    regions = {rid: Region(rid, spec["name"], tuple(spec["counties"])) for rid, spec in settings["regions"].items()}
    region_of = {county: r.id for r in regions.values() for county in r.counties}
    towns: dict[str, Town] = {}
    with open(data_dir / "municipalities.csv", newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            towns[row["name"]] = Town(row["name"], slugify(row["name"]), row["county"], region_of[row["county"]],
                                      float(row["lat"]), float(row["lon"]))
    overrides = settings.get("village_towns", {})
    for name, town in overrides.items():
        if town not in towns:
            problems.append(doc.problem(("village_towns", name), f"'{town}' is not a Massachusetts city or town"))
    if problems:
        raise DataError(problems)
    zips: dict[str, PostalPlace] = {}
    names: dict[str, str] = {}
    for record in _massachusetts_zips():
        town = _town_for_zip(record, towns, overrides)
        lat, lon = float(record["lat"]), float(record["long"])
        zips[record["zip_code"]] = PostalPlace(record["city"], town, record["zip_code"], lat, lon)
        if record["city"] not in towns:
            names.setdefault(record["city"].lower(), town)
    return Places(towns, regions, zips, names)


@functools.cache
def _massachusetts_zips() -> tuple[dict, ...]:
    """The `zipcodes` package's Massachusetts records, read once a process (a third of a second):
    `serve` rebuilds and the tests build many times."""
    return tuple(sorted(zipcodes.filter_by(state="MA"), key=lambda r: r["zip_code"]))


def _town_for_zip(record: dict, towns: dict[str, Town], overrides: dict[str, str]) -> str:
    city = record["city"]
    if city in towns:
        return city
    if city in overrides:
        return overrides[city]
    for alternative in record["acceptable_cities"]:
        if alternative in towns:
            return alternative
    county = record["county"].removesuffix(" County")
    lat, lon = float(record["lat"]), float(record["long"])
    candidates = [t for t in towns.values() if t.county == county] or list(towns.values())
    return min(candidates, key=lambda t: math.hypot(t.lat - lat, (t.lon - lon) * 0.74)).name
