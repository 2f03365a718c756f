"""The geocode cache, `data/geocode-cache.yaml`: positions that `python -m generator geocode`
found for street addresses, keyed by the address as `address_key()` writes it. The build reads
it; only the maintainer command writes it (see generator/app/geocode.py for the format)."""

from __future__ import annotations

from pathlib import Path

from .geography import MA_LAT, MA_LON
from .load import load_yaml
from .problems import DataError

CACHE_FILE = "geocode-cache.yaml"


def address_key(address: dict) -> str:
    """The address as one line, the key of its cache entry: 'street, place, town, MA ZIP'."""
    parts = [address.get("street"), address.get("place"), address["town"], f"MA {address.get('zip', '')}".strip()]
    return ", ".join(part for part in parts if part)


def read_cache(data_dir: Path) -> dict[str, dict]:
    """Every cache entry, found or not; raises DataError when the file cannot be read."""
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
    if problems:
        raise DataError(problems)
    return data


def _position(entry: dict) -> tuple[float, float] | None:
    lat, lon = entry.get("lat"), entry.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) \
            and MA_LAT[0] <= lat <= MA_LAT[1] and MA_LON[0] <= lon <= MA_LON[1]:
        return float(lat), float(lon)
    return None


def load_cache(data_dir: Path) -> dict[str, tuple[float, float]]:
    """(lat, lon) of each geocoded address, keyed by address_key(); for the build."""
    positions = {key: _position(entry) for key, entry in read_cache(data_dir).items()}
    return {key: point for key, point in positions.items() if point is not None}
