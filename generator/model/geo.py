"""Distances between points in Massachusetts, in miles.

Distances are on the WGS84 ellipsoid by Andoyer-Lambert's formula: within a few feet of geopy's
geodesic at these ranges, fifty times faster, and the same formula /find/ runs in the browser,
so a town page and the in-browser search agree to a tenth of a mile. model/travel.py builds the
distances the pages show from it."""

from __future__ import annotations

import math

Point = tuple[float, float]

_A = 6378137.0  # WGS84 semi-major axis, metres
_F = 1 / 298.257223563  # WGS84 flattening
_METRES_PER_MILE = 1609.344


def _reduced(lat: float) -> float:
    return math.atan((1 - _F) * math.tan(math.radians(lat)))


def _miles(b1: float, lon1: float, b2: float, lon2: float) -> float:
    """Andoyer-Lambert distance between reduced latitudes and longitudes (radians)."""
    h = math.sin((b2 - b1) / 2) ** 2 + math.cos(b1) * math.cos(b2) * math.sin((lon2 - lon1) / 2) ** 2
    s = 2 * math.asin(min(1.0, math.sqrt(h)))
    if s == 0:
        return 0.0
    p, q = (b1 + b2) / 2, (b2 - b1) / 2
    x = (s - math.sin(s)) * (math.sin(p) * math.cos(q)) ** 2 / math.cos(s / 2) ** 2
    y = (s + math.sin(s)) * (math.cos(p) * math.sin(q)) ** 2 / math.sin(s / 2) ** 2
    return _A * (s - _F / 2 * (x + y)) / _METRES_PER_MILE


def miles(a: Point, b: Point) -> float:
    """Miles between two (lat, lon) points."""
    return _miles(_reduced(a[0]), math.radians(a[1]), _reduced(b[0]), math.radians(b[1]))
