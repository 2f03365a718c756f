"""The gazetteer's values: cities and towns, regions, postal places, and the lookups on them.

`places.py` reads and checks the files they come from; the field kinds only need these types."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MA_LAT, MA_LON = (41.18, 42.89), (-73.51, -69.86)  # a box around Massachusetts, islands included
COUNTIES = ("Barnstable", "Berkshire", "Bristol", "Dukes", "Essex", "Franklin", "Hampden", "Hampshire", "Middlesex",
            "Nantucket", "Norfolk", "Plymouth", "Suffolk", "Worcester")
TOWN_COUNT = 351


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
    nicknames: dict[str, str] = field(default_factory=dict)  # nickname -> the place it names

    def place_of(self, query: str) -> str:
        """The place a nickname names, any case ('southie' -> 'South Boston'), else the text itself."""
        text = query.strip()
        return next((place for name, place in self.nicknames.items() if name.lower() == text.lower()), text)

    def town_of(self, query: str) -> str | None:
        """The town for a town name, village, neighbourhood or ZIP code (any case), or None."""
        text = self.place_of(query)
        if text[:5].isdigit():
            place = self.zips.get(text[:5])
            return place.town if place else None
        for town in self.towns:
            if town.lower() == text.lower():
                return town
        return self.names.get(text.lower())
