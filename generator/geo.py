"""Distances between points in Massachusetts, in miles.

Ranking uses a fast great-circle distance to pick candidates; the distances shown are geodesic
(WGS84, geopy), so a town page and the in-browser search agree to a tenth of a mile."""

from __future__ import annotations

import math
from typing import Callable, Iterable, TypeVar

from geopy.distance import geodesic

T = TypeVar("T")
Point = tuple[float, float]

EARTH_MILES = 3958.7613


def great_circle_miles(a: Point, b: Point) -> float:
    """Haversine distance on a sphere: cheap, within 0.5% of the geodesic."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_MILES * math.asin(math.sqrt(h))


def geodesic_miles(a: Point, b: Point) -> float:
    return geodesic(a, b).miles


def nearest(origin: Point, items: Iterable[T], point: Callable[[T], Point | None], count: int,
            within: float = math.inf) -> list[tuple[T, float]]:
    """Up to `count` items nearest to origin (and within `within` miles), with geodesic miles, nearest
    first. The great-circle shortlist keeps a margin of three, far more than its 0.5% error can reorder."""
    located = [(item, point(item)) for item in items]
    rough = sorted((d, i) for i, (_, p) in enumerate(located) if p is not None
                   for d in (great_circle_miles(origin, p),) if d <= within * 1.01)
    shortlist = [i for _, i in rough[:count + 3]]
    exact = sorted((geodesic_miles(origin, located[i][1]), i) for i in shortlist)
    return [(located[i][0], miles) for miles, i in exact[:count] if miles <= within]
