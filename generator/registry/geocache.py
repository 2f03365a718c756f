"""The geocode cache, `data/geocode-cache.yaml`: positions that `python -m generator geocode`
found for street addresses, keyed by the address as `address_key()` writes it. The build reads
it; only the maintainer command writes it (see generator/app/geocode.py for the format)."""

from __future__ import annotations

import math
from pathlib import Path

from .geography import MA_LAT, MA_LON, Places
from .load import Document, load_yaml
from .problems import DataError

CACHE_FILE = "geocode-cache.yaml"
TOWN_RADIUS_KM = 20  # a street geocoded further than this from its town's centre is a match in another place


def address_key(address: dict) -> str:
    """The address as one line, the key of its cache entry: 'street, place, town, MA ZIP'."""
    parts = [address.get("street"), address.get("place"), address["town"], f"MA {address.get('zip', '')}".strip()]
    return ", ".join(part for part in parts if part)


def read_cache(data_dir: Path) -> dict[str, dict]:
    """Every cache entry, found or not; raises DataError when the file cannot be read."""
    return _read(data_dir)[1]


def _read(data_dir: Path) -> tuple[Document | None, dict[str, dict]]:
    path = data_dir / CACHE_FILE
    if not path.exists():
        return None, {}
    doc, problems = load_yaml(path)
    if doc is None or problems:
        raise DataError(problems)
    data = doc.data or {}
    if not isinstance(data, dict):
        raise DataError([doc.problem((), "the cache must map each address to its position")])
    for key, entry in data.items():
        if not isinstance(entry, dict) or not (entry.get("found") is False or _position(entry)):
            problems.append(doc.problem((key,), "a cache entry needs 'lat' and 'lon' inside Massachusetts, "
                                                "or 'found: false'", key=True))
    if problems:
        raise DataError(problems)
    return doc, data


def _position(entry: dict) -> tuple[float, float] | None:
    lat, lon = entry.get("lat"), entry.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) \
            and MA_LAT[0] <= lat <= MA_LAT[1] and MA_LON[0] <= lon <= MA_LON[1]:
        return float(lat), float(lon)
    return None


def load_cache(data_dir: Path, places: Places | None = None) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each geocoded address, keyed by address_key(); for the build. With the gazetteer, a position
    more than 20 km from the centre of the address's town is a problem: a geocoder's match elsewhere (a street of
    the same name in another town) would put a centre on the wrong map and in the wrong town's answers."""
    doc, entries = _read(data_dir)
    positions = {key: _position(entry) for key, entry in entries.items()}
    found = {key: point for key, point in positions.items() if point is not None}
    problems = []
    for key, point in found.items():
        town = places.towns.get(key.split(", ")[-2]) if places is not None and ", " in key else None
        away = _km(point, (town.lat, town.lon)) if town else 0
        if doc is not None and town and away > TOWN_RADIUS_KM:
            problems.append(doc.problem((key,), f"is placed {away:.0f} km from the centre of {town.name}, more than "
                                                f"{TOWN_RADIUS_KM} km: the geocoder matched another place; delete the "
                                                "entry and run `python -m generator geocode` again, or give "
                                                "'location' in the entry by hand", key=True))
    if problems:
        raise DataError(problems)
    return found


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))
