"""For every city and town: the nearest centres by travel distance (model/travel.py), the area's RLC
and its nearest site, the coaches who work there, and the specialty tracks on offer. Part of the enrich stage.
A listing that moved or closed is never a nearest place; it is named under `changed` when it would have
been one. Listings that may have ended rank after every current choice.

Every list on a town page has a cap, so a page weighs the same however large the registry grows;
/find/ holds the rest."""

from __future__ import annotations

from ..registry.places import Places, Town
from ..settings import Limits
from .records import AreaRlc, Center, Coach, Location, Nearby, TownView, Track
from .travel import Leg, Spot, Travel, zones

TOWN_ZOOM = 11


def located(center: Center) -> list[Location]:
    """Every located place of a centre: its main address, then its other sites (the find index's points)."""
    main = [Location(center.name, center.address, center.position)] if center.address and center.position else []
    return main + list(center.sites)


class _Spots:
    """Where a located place is, and in which part of the state (its town's)."""

    def __init__(self, places: Places):
        self.zones = zones(places)

    def __call__(self, location: Location) -> Spot:
        return Spot(location.position.lat, location.position.lon, self.zones[location.address.town])

    def of(self, center: Center) -> list[Spot]:
        return [self(location) for location in located(center)]


class _CoachIndex:
    """Coaches by the towns and regions they name, and those who cover the whole state."""

    def __init__(self, coaches: tuple[Coach, ...]):
        self.by_town: dict[str, list[Coach]] = {}
        self.by_region: dict[str, list[Coach]] = {}
        self.statewide = [c for c in coaches if c.serves.statewide]
        for coach in coaches:
            for name in coach.serves.towns:
                self.by_town.setdefault(name, []).append(coach)
            for region in coach.serves.regions:
                self.by_region.setdefault(region, []).append(coach)

    def serving(self, town: Town) -> list[Coach]:
        """Every coach who works in town: those naming it first, then its region, then statewide."""
        found: dict[str, Coach] = {}
        for group in (self.by_town.get(town.name, []), self.by_region.get(town.region, []), self.statewide):
            for coach in group:
                found.setdefault(coach.id, coach)
        return list(found.values())


def _current_first(found: list[tuple[Center, Leg]]) -> list[tuple[Center, Leg]]:
    """Nearest first, with the listings that may have ended after every current choice."""
    return sorted(found, key=lambda item: item[0].may_have_ended)


def village_positions(places: Places) -> dict[tuple[str, str], tuple[float, float]]:
    """Each village or neighbourhood (name, town) not itself a town: the centre of its first ZIP code, so that
    Dorchester, Roxbury or Hyannis is measured from where it is, not from its town's centre. (The first: a later
    one is often a post-office-box code placed at the post office, East Boston's 02228 downtown.)"""
    positions: dict[tuple[str, str], tuple[float, float]] = {}
    for place in sorted(places.zips.values(), key=lambda p: p.zip):
        if place.name not in places.towns:
            positions.setdefault((place.name, place.town), (place.lat, place.lon))
    return positions


def place_spot(places: Places, query: str) -> Spot | None:
    """Where a typed town, village, neighbourhood, nickname or ZIP code is measured from, as /find/'s resolve()
    places it: a ZIP code's centre, a village's (village_positions), or the town's centre; in its town's part of
    the state. None for a place the gazetteer does not know."""
    text, zone = places.place_of(query), zones(places)
    town = places.town_of(text)
    if town is None:
        return None
    if text[:5].isdigit():
        postal = places.zips[text[:5]]
        return Spot(postal.lat, postal.lon, zone[town])
    if text.lower() in (t.lower() for t in places.towns):
        return Spot(places.towns[town].lat, places.towns[town].lon, zone[town])
    positions = village_positions(places)
    name = next(name for name, in_town in sorted(positions) if name.lower() == text.lower() and in_town == town)
    lat, lon = positions[(name, town)]
    return Spot(lat, lon, zone[town])


def nearest_centers(places: Places, centers: tuple[Center, ...], origin: Spot, count: int) -> tuple[Nearby, ...]:
    """The current peer recovery centres nearest a point (a ZIP code's or a neighbourhood's centre), as a town page
    lists them: nearest first, those that may have ended after every current one."""
    spots = _Spots(places)
    prscs = Travel((c, spots.of(c)) for c in centers if c.type == "prsc" and not c.gone)
    ended = sum(c.type == "prsc" and c.may_have_ended and not c.gone for c in centers)
    found = _current_first(prscs.nearest(origin, count + ended))[:count]
    return tuple(Nearby(c, leg.miles, leg.via) for c, leg in found)


def town_views(places: Places, centers: tuple[Center, ...], coaches: tuple[Coach, ...], tracks: dict[str, Track],
               limits: Limits) -> tuple[TownView, ...]:
    """One view per town, in alphabetical order."""
    spots = _Spots(places)
    prscs = Travel((c, spots.of(c)) for c in centers if c.type == "prsc" and not c.gone)
    programs = Travel((c, spots.of(c)) for c in centers if c.type == "program" and not c.gone)
    gone = Travel((c, spots.of(c)) for c in centers if c.type in ("prsc", "program") and c.gone)
    ended_prscs = sum(c.type == "prsc" and c.may_have_ended and not c.gone for c in centers)
    rlcs = [c for c in centers if c.type == "rlc"]
    serving_programs: dict[str, list[Center]] = {}  # programmes by the towns they name
    for program in centers:
        for name in program.towns if program.type == "program" and not program.gone else ():
            serving_programs.setdefault(name, []).append(program)
    coach_index = _CoachIndex(coaches)
    villages: dict[str, set[str]] = {}
    zips: dict[str, list[str]] = {}
    for place in places.zips.values():
        zips.setdefault(place.town, []).append(place.zip)
        if place.name not in places.towns:
            villages.setdefault(place.town, set()).add(place.name)
    views = []
    for town in sorted(places.towns.values(), key=lambda t: t.name):
        origin = Spot(town.lat, town.lon, spots.zones[town.name])
        area_rlcs = []
        for rlc in rlcs:
            if town.region not in rlc.regions:
                continue
            site = Travel((location, [spots(location)]) for location in located(rlc)).nearest(origin, 1)
            area_rlcs.append(AreaRlc(rlc, site[0][0], site[0][1].miles, site[0][1].via) if site else AreaRlc(rlc))
        serving = coach_index.serving(town)
        near_programs = _current_first(programs.nearest(origin, len(programs), limits.nearby_program_miles))
        named = sorted(serving_programs.get(town.name, []), key=lambda c: c.may_have_ended)
        near_prscs = _current_first(prscs.nearest(origin, limits.nearest_centers + ended_prscs))
        near_prscs = near_prscs[:limits.nearest_centers]
        full = len(near_prscs) == limits.nearest_centers
        farthest = max(leg.miles for _, leg in near_prscs) if full else float("inf")
        track_ids = ({t for c in serving for t in c.tracks} | {t for p, _ in near_programs for t in p.tracks}
                     | {t for p in named for t in p.tracks})
        views.append(TownView(
            name=town.name, slug=town.slug, county=town.county, region=town.region,
            region_name=places.regions[town.region].name, lat=town.lat, lon=town.lon,
            map_focus=f"{town.lat},{town.lon},{TOWN_ZOOM}",
            centers=tuple(Nearby(c, leg.miles, leg.via) for c, leg in near_prscs),
            changed=tuple(c for c, leg in gone.nearest(origin, len(gone))
                          if leg.miles <= (farthest if c.type == "prsc" else limits.nearby_program_miles)),
            programs=tuple(Nearby(c, leg.miles, leg.via) for c, leg in near_programs[:limits.nearby_programs]),
            more_programs=len(near_programs) > limits.nearby_programs,
            serving_programs=tuple(named),
            rlcs=tuple(area_rlcs),
            coaches=tuple(serving[:limits.town_coaches]),
            more_coaches=len(serving) > limits.town_coaches,
            tracks=tuple(tracks[t] for t in sorted(track_ids)),
            villages=tuple(sorted(villages.get(town.name, ()))),
            zips=tuple(sorted(zips.get(town.name, []))),
        ))
    return tuple(views)
