"""For every city and town: the nearest centres by distance, the area's RLC and its nearest site,
the coaches who work there, and the specialty tracks on offer. Part of the enrich stage."""

from __future__ import annotations

from .geo import nearest
from .places import Places, Town

NEAREST_CENTERS = 5
NEARBY_PROGRAM_MILES = 30.0
TOWN_ZOOM = 11


def _point(record: dict) -> tuple[float, float] | None:
    position = record.get("position")
    return (position["lat"], position["lon"]) if position else None


def _rlc_sites(rlc: dict) -> list[dict]:
    """Every located site of an RLC, main address first."""
    sites = []
    if rlc.get("address") and rlc["position"]:
        sites.append({"name": rlc["name"], "address": rlc["address"], "position": rlc["position"]})
    return sites + [s for s in rlc["sites"] if s["position"]]


def serves_town(coach: dict, town: Town) -> bool:
    serves = coach["serves"]
    return (town.name in serves.get("towns", []) or town.region in serves.get("regions", [])
            or serves.get("statewide", False))


def town_views(places: Places, centers: list[dict], coaches: list[dict]) -> list[dict]:
    """One view per town, in alphabetical order."""
    prscs = [c for c in centers if c["type"] == "prsc"]
    programs = [c for c in centers if c["type"] == "program"]
    rlcs = [c for c in centers if c["type"] == "rlc"]
    villages: dict[str, set[str]] = {}
    zips: dict[str, list[str]] = {}
    for place in places.zips.values():
        zips.setdefault(place.town, []).append(place.zip)
        if place.name not in places.towns:
            villages.setdefault(place.town, set()).add(place.name)
    views = []
    for town in sorted(places.towns.values(), key=lambda t: t.name):
        origin = (town.lat, town.lon)
        area_rlcs = []
        for rlc in rlcs:
            if town.region not in rlc.get("regions", []):
                continue
            site = nearest(origin, _rlc_sites(rlc), _point, 1)
            area_rlcs.append({"center": rlc, "site": site[0][0] if site else None,
                              "miles": site[0][1] if site else None})
        serving = [c for c in coaches if serves_town(c, town)]
        near_programs = [{"center": c, "miles": m}
                         for c, m in nearest(origin, programs, _point, len(programs), NEARBY_PROGRAM_MILES)]
        track_ids = {t for c in serving for t in c.get("tracks", [])}
        track_ids |= {t for p in near_programs for t in p["center"].get("tracks", [])}
        views.append({
            "name": town.name, "slug": town.slug, "county": town.county, "region": town.region,
            "region_name": places.regions[town.region].name, "lat": town.lat, "lon": town.lon,
            "url": f"towns/{town.slug}/", "map_focus": f"{town.lat},{town.lon},{TOWN_ZOOM}",
            "centers": [{"center": c, "miles": m} for c, m in nearest(origin, prscs, _point, NEAREST_CENTERS)],
            "programs": near_programs,
            "rlcs": area_rlcs,
            "coaches": serving,
            "track_ids": sorted(track_ids),
            "villages": sorted(villages.get(town.name, ())),
            "zips": sorted(zips.get(town.name, [])),
        })
    return views
