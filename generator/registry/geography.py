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


@dataclass(frozen=True)
class AreaSource:
    url: str
    title: str
    date: str  # the page's own date: YYYY, YYYY-MM or YYYY-MM-DD


@dataclass(frozen=True)
class Area:
    """A part of the state people name that is no one point (Cape Cod): the towns it contains and the dated pages
    that tie the name to them."""

    name: str
    also: tuple[str, ...]
    towns: tuple[str, ...]
    sources: tuple[AreaSource, ...]


def area_key(text: str) -> str:
    """How a typed area name is compared (as places.mjs areaKey): any case, apostrophes and a leading 'the' ignored,
    so that "Martha\u2019s Vineyard", "marthas vineyard" and "The Berkshires"/"Berkshires" each match."""
    key = re.sub(r"\s+", " ", re.sub(r"['\u2018\u2019]", "", text)).strip().lower()
    return key.removeprefix("the ")


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
    areas: dict[str, Area] = field(default_factory=dict)  # by name

    @property
    def translated_names(self) -> list[str]:
        """The names the catalogues translate: the regions' ('Cape and Islands') and the areas' ('the Berkshires')."""
        return [region.name for region in self.regions.values()] + list(self.areas)

    def area_of(self, query: str) -> Area | None:
        """The area a typed name or other name stands for ('the Cape' -> Cape Cod), or None."""
        key = area_key(query)
        return next((a for a in self.areas.values() if key in {area_key(n) for n in (a.name, *a.also)}), None)

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
