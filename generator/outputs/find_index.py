"""The compact JSON index behind /find/: places to search, towns to measure from, and every
centre and coach with the fields the filters use. The browser does the rest."""

from __future__ import annotations

from ..model.enrich import Site
from ..labels import CENTER_TYPE_PLURALS, CENTER_TYPES, LANGUAGE_NAMES, MODES, SPECIALTIES

INDEX_VERSION = 1


def _points(center: dict) -> list[dict]:
    """Every located site of a centre: the main address, then other sites."""
    points = []
    if center["position"]:
        points.append({"name": center["name"], "address": center.get("address", {}).get("line", ""),
                       **center["position"]})
    for site in center["sites"]:
        if site["position"]:
            points.append({"name": site["name"], "address": site["address"]["line"], **site["position"]})
    return [{"lat": p["lat"], "lon": p["lon"], "approximate": p["approximate"], "name": p["name"],
             "address": p["address"]} for p in points]


def find_index(site: Site) -> dict:
    town_number = {t["name"]: i for i, t in enumerate(site.towns)}
    places = site.places
    villages = sorted({(p.name, town_number[p.town]) for p in places.zips.values() if p.name not in places.towns})
    used_languages = sorted({code for record in site.centers + site.coaches for code in record.get("languages", [])})
    return {
        "version": INDEX_VERSION,
        # [name, slug, lat, lon, region, nearest PRSC id, the area's RLC id] — the last two as on the town page
        "towns": [[t["name"], t["slug"], t["lat"], t["lon"], t["region"],
                   t["centers"][0]["center"]["id"] if t["centers"] else "",
                   t["rlcs"][0]["center"]["id"] if t["rlcs"] else ""] for t in site.towns],
        "villages": [[name, town] for name, town in villages],
        "zips": [[p.zip, town_number[p.town]] for p in places.zips.values()],
        "regions": {r.id: r.name for r in places.regions.values()},
        "labels": {
            "type": CENTER_TYPES,
            "types": CENTER_TYPE_PLURALS,
            "language": {code: LANGUAGE_NAMES[code] for code in used_languages},
            "mode": MODES,
            "specialty": SPECIALTIES,
            "track": {t["id"]: t["name"] for t in site.tracks},
        },
        "centers": [{
            "id": c["id"], "name": c["name"], "type": c["type"], "url": c["url"],
            "points": _points(c), "regions": c.get("regions", []),
            "phone": c.get("phone", ""), "phone_href": c.get("phone_href", ""), "hours": c.get("hours", ""),
            "languages": c.get("languages", []), "tracks": c.get("tracks", []), "virtual": c.get("virtual", ""),
            "call_before": c["call_before"],
        } for c in site.centers],
        "coaches": [{
            "id": c["id"], "name": c["name"], "url": c["url"], "example": c.get("example", False),
            "languages": c["languages"], "modes": c["modes"], "specialties": c.get("specialties", []),
            "tracks": c.get("tracks", []), "masshealth": c["masshealth"],
            "carc": c["carc_status"].state, "carc_label": c["carc_status"].label,
            "carc_expires": c["carc_status"].expires.isoformat() if c["carc_status"].expires else "",
            "towns": [town_number[t["name"]] for t in c["serves_towns"]],
            "regions": c["serves"].get("regions", []), "statewide": c["statewide"],
        } for c in site.coaches],
    }
