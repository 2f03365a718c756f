"""The geocode cache, `data/geocode-cache.yaml`: positions that `python -m generator geocode`
found for street addresses, keyed by the address as `address_key()` writes it. The build reads
it; only the maintainer command writes it (see generator/app/geocode.py for the format)."""

from __future__ import annotations

from pathlib import Path

from geopy.distance import geodesic

from .geography import MA_LAT, MA_LON, Places
from .load import load_yaml
from .problems import DataError

CACHE_FILE = "geocode-cache.yaml"
MAX_KM_FROM_TOWN = 20  # an answer farther than this from its town's centre is another place of the same name


def address_key(address: dict) -> str:
    """The address as one line, the key of its cache entry: 'street, place, town, MA ZIP'."""
    parts = [address.get("street"), address.get("place"), address["town"], f"MA {address.get('zip', '')}".strip()]
    return ", ".join(part for part in parts if part)


def _town(key: str) -> str:
    """The town of an address_key(): the part before 'MA ZIP'."""
    parts = key.split(", ")
    return parts[-2] if len(parts) >= 2 else ""


def read_cache(data_dir: Path, places: Places | None = None) -> dict[str, dict]:
    """Every cache entry, found or not; raises DataError when the file cannot be read. With `places`, a
    position more than MAX_KM_FROM_TOWN from its town's centre (a hand edit, or a cache from before that
    check) is refused too, so a wrong pin never measures distances."""
    path = data_dir / CACHE_FILE
    if not path.exists():
        return {}
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
        elif places and (point := _position(entry)):
            town = places.towns.get(_town(str(key)))
            if town is None:
                problems.append(doc.problem((key,), f"'{_town(str(key))}' is not a Massachusetts city or town: "
                                                    "the key must be the address as `geocode` writes it", key=True))
            elif (km := geodesic((town.lat, town.lon), point).km) > MAX_KM_FROM_TOWN:
                problems.append(doc.problem((key,), f"this position is {km:.0f} km from the centre of {town.name} "
                                                    f"(more than {MAX_KM_FROM_TOWN} km): correct it or replace the "
                                                    "entry with 'found: false' and run `generator geocode` again",
                                            key=True))
    if problems:
        raise DataError(problems)
    return data


def _position(entry: dict) -> tuple[float, float] | None:
    lat, lon = entry.get("lat"), entry.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) \
            and MA_LAT[0] <= lat <= MA_LAT[1] and MA_LON[0] <= lon <= MA_LON[1]:
        return float(lat), float(lon)
    return None


def load_cache(data_dir: Path, places: Places) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each geocoded address, keyed by address_key(); for the build."""
    positions = {key: _position(entry) for key, entry in read_cache(data_dir, places).items()}
    return {key: point for key, point in positions.items() if point is not None}
