"""The compact JSON index behind /find/: places to search, towns to measure from, and every
centre and coach with the fields the filters use. The browser does the rest."""

from __future__ import annotations

from ..labels import CENTER_TYPE_PLURALS, CENTER_TYPES, LANGUAGE_NAMES, MODES, SPECIALTIES
from ..model.records import Center, Site
from .translations import ENGLISH

INDEX_VERSION = 1


def _points(center: Center) -> list[dict]:
    """Every located site of a centre: the main address, then other sites."""
    return [{"lat": position.lat, "lon": position.lon, "approximate": position.approximate, "name": name,
             "address": address.line if address else ""}
            for name, address, position in _located(center)]


def _located(center: Center):
    """(name, address, position) of every place of the centre that has a position."""
    if center.position:
        yield center.name, center.address, center.position
    for site in center.sites:
        yield site.name, site.address, site.position


NATIONAL_LINE = "samhsa-helpline"  # data/help.yaml: the line offered to a place outside Massachusetts


def _national(site: Site) -> dict | None:
    """The national helpline (its number, source and check date) /find/ offers a place outside Massachusetts."""
    line = next((h for h in site.help_lines if h.id == NATIONAL_LINE and h.call), None)
    if not line:
        return None
    return {"name": line.name, "call": line.call, "call_href": line.call_href, "source": line.source[0],
            "verified": line.last_verified.isoformat()}


def find_index(site: Site) -> dict:
    town_number = {t.name: i for i, t in enumerate(site.towns)}
    places = site.places
    # A village's position: its first ZIP code's, so a located visitor is told the village they are near.
    first_zip: dict[tuple[str, int], tuple[str, int, float, float]] = {}
    for p in sorted(places.zips.values(), key=lambda p: p.zip):
        if p.name not in places.towns:
            first_zip.setdefault((p.name, town_number[p.town]), (p.name, town_number[p.town], p.lat, p.lon))
    villages = sorted(first_zip.values())
    used_languages = sorted({code for record in site.centers + site.coaches for code in record.languages})
    return {
        "version": INDEX_VERSION,
        # [name, slug, lat, lon, region, nearest PRSC id, the area's RLC id] — the last two as on the town page
        "towns": [[t.name, t.slug, t.lat, t.lon, t.region, t.centers[0].center.id if t.centers else "",
                   t.rlcs[0].center.id if t.rlcs else ""] for t in site.towns],
        "villages": [list(village) for village in villages],  # [name, town number, lat, lon]
        "zips": [[p.zip, town_number[p.town]] for p in places.zips.values()],
        "regions": {r.id: r.name for r in places.regions.values()},
        "national": _national(site),
        "labels": {
            "type": CENTER_TYPES,
            "types": CENTER_TYPE_PLURALS,
            "language": {code: LANGUAGE_NAMES[code] for code in used_languages},
            "mode": MODES,
            "specialty": SPECIALTIES,
            "track": {t.id: t.name for t in site.tracks},
        },
        "centers": [{
            "id": c.id, "name": c.name, "type": c.type, "url": c.url,
            "points": _points(c), "regions": list(c.regions),
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
