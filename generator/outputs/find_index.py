"""The compact JSON index behind /find/: places to search, towns to measure from, and every
centre and coach with the fields the filters use. The browser does the rest."""

from __future__ import annotations

from ..labels import CENTER_TYPE_PLURALS, CENTER_TYPES, LANGUAGE_NAMES, MODES, SPECIALTIES
from ..model.records import Center, Site
from ..model.towns import located
from ..model.travel import routes_json, via_keys, zones
from .translations import ENGLISH

INDEX_VERSION = 1


def _points(center: Center, zone: dict[str, str]) -> list[dict]:
    """Every located site of a centre (the main address, then other sites) and its part of the state."""
    return [{"lat": site.position.lat, "lon": site.position.lon, "approximate": site.position.approximate,
             "name": site.name, "address": site.address.line, "zone": zone[site.address.town]}
            for site in located(center)]


NATIONAL_LINE = "samhsa-helpline"  # data/help.yaml: the line offered to a place outside Massachusetts


def _national(site: Site) -> dict | None:
    """The national helpline (its number, source and check date) /find/ offers a place outside Massachusetts."""
    line = next((h for h in site.help_lines if h.id == NATIONAL_LINE and h.call), None)
    if not line:
        return None
    return {"name": line.name, "call": line.call, "call_href": line.call_href,
            "source": line.sources[0].title if line.sources else "", "verified": line.last_verified.isoformat()}


def find_index(site: Site) -> dict:
    town_number = {t.name: i for i, t in enumerate(site.towns)}
    places = site.places
    zone = zones(places)
    # A village's position: its first ZIP code's, so a located visitor is told the village they are near.
    first_zip: dict[tuple[str, int], tuple[str, int, float, float]] = {}
    for p in sorted(places.zips.values(), key=lambda p: p.zip):
        if p.name not in places.towns:
            first_zip.setdefault((p.name, town_number[p.town]), (p.name, town_number[p.town], p.lat, p.lon))
    villages = sorted(first_zip.values())
    # The site's own languages always, so a visitor can ask for one even before a listing states it (listings
    # whose languages are not stated stay in, marked "call to ask"), and every language a listing states.
    used_languages = sorted({*site.settings.languages,
                             *(code for record in site.centers + site.coaches for code in record.languages)})
    return {
        "version": INDEX_VERSION,
        # [name, slug, lat, lon, region, nearest PRSC id, the area's RLC id, part of the state] — the
        # nearest PRSC and RLC as on the town page; the part (model/travel.py) for measuring from the town
        "towns": [[t.name, t.slug, t.lat, t.lon, t.region, t.centers[0].center.id if t.centers else "",
                   t.rlcs[0].center.id if t.rlcs else "", zone[t.name]] for t in site.towns],
        # How to measure between parts of the state (model/travel.py; assets/places.js adds them up)
        "travel": routes_json(),
        "villages": [list(village) for village in villages],  # [name, town number, lat, lon]
        "zips": [[p.zip, town_number[p.town]] for p in places.zips.values()],
        "regions": {r.id: r.name for r in places.regions.values()},
        "national": _national(site),
        # The number a listing without its own gives: "call to check" (data/help.yaml's Substance Use Helpline)
        "helpline": ({"call": site.check_line.call, "call_href": site.check_line.call_href}
                     if site.check_line and site.check_line.call else None),
        "labels": {
            "type": CENTER_TYPES,
            "types": CENTER_TYPE_PLURALS,
            "language": {code: LANGUAGE_NAMES[code] for code in used_languages},
            "mode": MODES,
            "specialty": SPECIALTIES,
            "track": {t.id: t.name for t in site.tracks},
            "route": {via: ENGLISH.route(via) for via in via_keys()},  # how a distance was measured
        },
        "centers": [{
            "id": c.id, "name": c.name, "type": c.type, "url": c.url,
            "points": _points(c, zone), "regions": list(c.regions),
            "phone": c.phone or "", "phone_href": c.phone_href or "", "hours": c.hours or "",
            "languages": list(c.languages), "tracks": list(c.tracks), "virtual": c.virtual or "",
            "call_before": c.call_before,
        } for c in site.centers],
        "coaches": [{
            "id": c.id, "name": c.name, "url": c.url, "example": bool(c.example),
            "languages": list(c.languages), "modes": list(c.modes), "specialties": list(c.specialties),
            "tracks": list(c.tracks), "masshealth": c.masshealth,
            "carc": c.carc_status.state, "carc_label": ENGLISH.carc(c.carc_status),
            "carc_expires": c.carc_status.expires.isoformat() if c.carc_status.expires else "",
            "towns": [town_number[t.name] for t in c.serves_towns],
            "regions": list(c.serves.regions), "statewide": c.statewide,
        } for c in site.coaches],
    }
