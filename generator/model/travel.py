"""Travel distances: how far a centre is the way people get there, and how that was measured.

The rule, in one paragraph (the town pages and /find/ both say it): Massachusetts is cut into six
parts that water separates — the mainland; Cape Cod (the Barnstable County towns, Bourne included:
its town centre, the point measured from, lies south of the canal, and both bridges are in Bourne);
the Outer Cape (Eastham, Wellfleet, Truro, Provincetown), which the rest of the Cape reaches only
through Orleans, so no distance crosses Cape Cod Bay; Martha's Vineyard; Nantucket; and the
Elizabeth Islands (Gosnold). Within one part a distance is a straight line ("as the crow flies").
Between parts it runs in straight lines through the crossings that join them: the Sagamore or
Bourne Bridge (whichever is shorter) between the Cape and the mainland, Orleans between the Outer
Cape and the rest of the Cape, and the year-round ferries — Vineyard Haven to Woods Hole,
Nantucket to Hyannis, Cuttyhunk to New Bedford — whose crossing counts as the straight line between
their terminals. No road factor is applied: a figure is never longer than the trip, and each says
which crossings it goes through.

The build ranks the town pages with `Travel`; the browser ranks /find/ and /plan/ with the same routes,
which the find index carries (outputs/find_index.py) and assets/places.mjs adds up in the same order,
so both give the same centres in the same order."""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..labels import N_
from ..registry.places import Places, Town
from .geo import Point, miles

T = TypeVar("T")

MAINLAND, CAPE, OUTER_CAPE = "mainland", "cape", "outer-cape"
VINEYARD, NANTUCKET, ELIZABETH_ISLANDS = "vineyard", "nantucket", "elizabeth-islands"
OUTER_CAPE_TOWNS = frozenset({"Eastham", "Wellfleet", "Truro", "Provincetown"})

# Points to measure through (geographic facts for measuring, never shown as facts about a place).
# Bridges: the coordinates in their Wikipedia articles ("Sagamore Bridge", "Bourne Bridge", read
# 2026-11-30). Ferry terminals and the Orleans rotary: read off OpenStreetMap at the terminals'
# published addresses (Steamship Authority: 1 Railroad Ave, Woods Hole; Water St, Vineyard Haven;
# South St, Hyannis; Steamboat Wharf, Nantucket. Cuttyhunk Ferry Co.: State Pier, New Bedford, and
# Cuttyhunk harbour), to about a tenth of a mile.
SAGAMORE_BRIDGE: Point = (41.7761500, -70.5433694)
BOURNE_BRIDGE: Point = (41.7478778, -70.5897556)
ORLEANS_ROTARY: Point = (41.7894, -69.9893)
WOODS_HOLE: Point = (41.5232, -70.6711)
VINEYARD_HAVEN: Point = (41.4553, -70.6008)
HYANNIS: Point = (41.6471, -70.2780)
NANTUCKET_WHARF: Point = (41.2874, -70.0956)
NEW_BEDFORD: Point = (41.6357, -70.9220)
CUTTYHUNK: Point = (41.4262, -70.9276)


@dataclass(frozen=True)
class Crossing:
    """What joins two parts: a point on each side and the miles between them."""

    id: str
    one: str
    one_at: Point
    other: str
    other_at: Point
    name: str  # as a route names it: "via {name}"

    @property
    def miles(self) -> float:
        return miles(self.one_at, self.other_at)


# The Oak Bluffs terminal and the Nantucket-Vineyard boats are left out: they run in summer only.
CROSSINGS = (
    Crossing("orleans", OUTER_CAPE, ORLEANS_ROTARY, CAPE, ORLEANS_ROTARY, N_("Orleans")),
    Crossing("sagamore", CAPE, SAGAMORE_BRIDGE, MAINLAND, SAGAMORE_BRIDGE, N_("the Sagamore Bridge")),
    Crossing("bourne", CAPE, BOURNE_BRIDGE, MAINLAND, BOURNE_BRIDGE, N_("the Bourne Bridge")),
    Crossing("woods-hole-ferry", VINEYARD, VINEYARD_HAVEN, CAPE, WOODS_HOLE, N_("the Woods Hole ferry")),
    Crossing("hyannis-ferry", NANTUCKET, NANTUCKET_WHARF, CAPE, HYANNIS, N_("the Hyannis ferry")),
    Crossing("new-bedford-ferry", ELIZABETH_ISLANDS, CUTTYHUNK, MAINLAND, NEW_BEDFORD, N_("the New Bedford ferry")),
)
STEPS = {c.id: c.name for c in CROSSINGS}
ZONES = (MAINLAND, CAPE, OUTER_CAPE, VINEYARD, NANTUCKET, ELIZABETH_ISLANDS)


def zone_of(town: Town) -> str:
    """The part of the state a town is in."""
    if town.county == "Barnstable":
        return OUTER_CAPE if town.name in OUTER_CAPE_TOWNS else CAPE
    if town.county == "Nantucket":
        return NANTUCKET
    if town.county == "Dukes":
        return ELIZABETH_ISLANDS if town.name == "Gosnold" else VINEYARD
    return MAINLAND


@dataclass(frozen=True)
class Spot:
    """A point and the part of the state it is in."""

    lat: float
    lon: float
    zone: str

    @property
    def point(self) -> Point:
        return (self.lat, self.lon)


@dataclass(frozen=True)
class Route:
    """One way from one part to another: leave at `exit`, go `middle` miles through the crossings, arrive at `entry`."""

    exit: Point
    middle: float
    entry: Point
    via: str  # crossing ids in order, space-separated


@dataclass(frozen=True)
class Leg:
    """A distance and how it was measured: `via` is "" for a straight line, else the crossings' ids."""

    miles: float
    via: str = ""


def _paths(start: str, goal: str, seen: tuple[str, ...] = ()) -> Iterator[list[tuple[Crossing, bool]]]:
    """Every way from part `start` to part `goal` through crossings, visiting no part twice:
    lists of (crossing, taken from its `one` side)."""
    if start == goal:
        yield []
        return
    for crossing in CROSSINGS:
        for forward, here, there in ((True, crossing.one, crossing.other), (False, crossing.other, crossing.one)):
            if here == start and there not in seen:
                for rest in _paths(there, goal, (*seen, start)):
                    yield [(crossing, forward), *rest]


def _route(path: list[tuple[Crossing, bool]]) -> Route:
    ends = [(c.one_at, c.other_at) if forward else (c.other_at, c.one_at) for c, forward in path]
    middle = 0.0
    for n, (crossing, _) in enumerate(path):
        if n:
            middle += miles(ends[n - 1][1], ends[n][0])  # across the part between two crossings
        middle += crossing.miles
    return Route(ends[0][0], middle, ends[-1][1], " ".join(c.id for c, _ in path))


ROUTES: dict[tuple[str, str], tuple[Route, ...]] = {
    (a, b): tuple(_route(path) for path in _paths(a, b))
    for a, b in itertools.permutations(ZONES, 2)
}


def leg(origin: Spot, to: Spot) -> Leg:
    """How far `to` is from `origin` by the rule above. The sums run in the order assets/places.mjs runs them."""
    if origin.zone == to.zone:
        return Leg(miles(origin.point, to.point))
    best: Leg | None = None
    for route in ROUTES[origin.zone, to.zone]:
        total = miles(origin.point, route.exit) + route.middle + miles(route.entry, to.point)
        if best is None or total < best.miles:
            best = Leg(total, route.via)
    assert best is not None, f"no route from {origin.zone} to {to.zone}"
    return best


def via_keys() -> list[str]:
    """Every `via` a leg can have, the straight line ("") first."""
    return [""] + sorted({r.via for routes in ROUTES.values() for r in routes})


class Travel(Generic[T]):
    """Items with one or more located spots, ranked by travel distance from many origins."""

    def __init__(self, items: Iterable[tuple[T, list[Spot]]]):
        self._items = [(item, spots) for item, spots in items if spots]

    def __len__(self) -> int:
        return len(self._items)

    def nearest(self, origin: Spot, count: int, within: float = float("inf")) -> list[tuple[T, Leg]]:
        """Up to `count` items nearest to origin and within `within` miles, nearest first (ties in the
        items' order); each measured to its nearest spot (the first of equals). Items are measured in the
        order of a quick lower bound of their distance (`_below`), and no further once that bound passes
        `within` or the count-th nearest found: the same answer as measuring every item."""
        order = sorted((min(_below(origin, spot) for spot in spots), n) for n, (_, spots) in enumerate(self._items))
        legs: list[tuple[float, int, Leg]] = []
        farthest: list[float] = []  # the count nearest distances so far, negated (a max-heap)
        for bound, n in order:
            if bound > within or (len(farthest) == count and bound > -farthest[0]):
                break
            spots = self._items[n][1]
            best = leg(origin, spots[0])
            for spot in spots[1:]:
                other = leg(origin, spot)
                if other.miles < best.miles:
                    best = other
            legs.append((best.miles, n, best))
            if len(farthest) < count:
                heapq.heappush(farthest, -best.miles)
            elif best.miles < -farthest[0]:
                heapq.heapreplace(farthest, -best.miles)
        legs.sort(key=lambda entry: (entry[0], entry[1]))
        return [(self._items[n][0], found) for distance, n, found in legs[:count] if distance <= within]


_MILES_PER_DEGREE = 69.0  # of latitude, ~69.05 in Massachusetts; `_below` takes 3% off besides


def _below(origin: Spot, to: Spot) -> float:
    """Less than the miles of any leg from origin to `to`: a leg is never shorter than the straight line,
    which this flat-earth figure, less 3%, stays under at Massachusetts's scale (tests/test_travel.py)."""
    dlat = to.lat - origin.lat
    dlon = (to.lon - origin.lon) * math.cos(math.radians((to.lat + origin.lat) / 2))
    return 0.97 * _MILES_PER_DEGREE * math.hypot(dlat, dlon)


def zones(places: Places) -> dict[str, str]:
    """Every town's part of the state, by town name."""
    return {name: zone_of(town) for name, town in places.towns.items()}
