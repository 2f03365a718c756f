"""Turn validated records into what the pages show: labels, positions, CARC status as of the
build date, and links between records. Pure functions; templates only print these values."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..labels import CARC_LABELS, CENTER_TYPES, LANGUAGE_NAMES as LANGUAGES, MODES, SPECIALTIES, VERIFICATION, long_date
from ..registry.geocache import address_key
from ..registry.places import Places
from ..registry.validate import Registries
from ..settings import Settings
from .towns import town_views

CALL_BEFORE = {"sourced", "unverified"}
CENTER_ZOOM, CENTER_ZOOM_APPROXIMATE = 15, 12


def tel_href(number: str) -> str:
    """'(800) 327-5050' -> 'tel:+18003275050'; short codes such as 988 stay as they are."""
    digits = re.sub(r"\D", "", number)
    return f"tel:+1{digits}" if len(digits) == 10 else f"tel:{digits}"


def sms_href(number: str) -> str:
    return "sms:" + tel_href(number).removeprefix("tel:")


@dataclass(frozen=True)
class CarcStatus:
    state: str  # current | renewal_due | expired | in_progress
    label: str  # in English
    expires: dt.date | None = None


def carc_status(carc: dict, today: dt.date, renewal_days: int = 60) -> CarcStatus:
    """The credential as of the build date; due for renewal within renewal_days of its expiry."""
    if carc["status"] == "in_progress":
        return CarcStatus("in_progress", CARC_LABELS["in_progress"])
    expires = carc["expires"]
    state = "expired" if expires < today else "renewal_due" if (expires - today).days <= renewal_days else "current"
    return CarcStatus(state, CARC_LABELS[state] % {"date": long_date(expires)}, expires)


@dataclass(frozen=True)
class Site:
    """Everything a page needs about the site's data, ready to print."""

    settings: Settings
    tracks: list[dict]
    help_lines: list[dict]
    centers: list[dict]
    coaches: list[dict]
    towns: list[dict]
    places: Places
    retired: list[dict] = field(default_factory=list)

    @property
    def today(self) -> dt.date:
        return self.settings.today

    @property
    def banner(self) -> list[dict]:
        return [line for line in self.help_lines if line.get("banner")]


def enrich(registries: Registries, settings: Settings, geocoded: dict[str, tuple[float, float]] | None = None) -> Site:
    """`geocoded` maps address_key() of street addresses to positions from `generator geocode`."""
    today, limits = settings.today, settings.limits
    places = registries.places
    geocoded = {key: point for key, point in (geocoded or {}).items() if point}
    tracks = {t["id"]: {**t, "url": f"tracks/{t['id']}/"} for t in registries.tracks}
    centers = sorted((_center(c, places, tracks, geocoded) for c in registries.centers),
                     key=lambda c: c["name"].lower())
    coaches = sorted((_coach(c, places, tracks, today, limits.renewal_days) for c in registries.coaches),
                     key=lambda c: c["name"].lower())
    for track in tracks.values():
        on_track = [c for c in coaches if track["id"] in c.get("tracks", [])]
        track["coaches"], track["coach_total"] = on_track[:limits.track_list], len(on_track)
        on_track = [c for c in centers if track["id"] in c.get("tracks", [])]
        track["centers"], track["center_total"] = on_track[:limits.track_list], len(on_track)
    help_lines = [_help_line(h) for h in registries.help_lines]
    towns = town_views(places, centers, coaches, limits)
    for town in towns:
        town["tracks"] = [tracks[t] for t in town.pop("track_ids")]
    by_name = {t["name"]: t for t in towns}
    retired = [_retired(r, by_name.get(r.get("town"))) for r in registries.retired]
    return Site(settings, sorted(tracks.values(), key=lambda t: t["name"]), help_lines, centers, coaches, towns,
                places, retired)


def _retired(record: dict, town: dict | None) -> dict:
    """A retired listing, with the alternatives its page should offer."""
    view = {**record, "url": f"{record['registry']}/{record['id']}/", "town_view": town}
    if town is None:
        view["alternatives"] = []
    elif record["registry"] == "centers":
        view["alternatives"] = [item["center"] for item in town["centers"][:3]]
    else:
        view["alternatives"] = town["coaches"][:6]
    return view


def _address(address: dict) -> dict:
    town = address["town"]
    place = address.get("place")
    locality = f"{place} ({town})" if place else town
    line = ", ".join(part for part in (address.get("street"), locality) if part)
    return {**address, "line": f"{line}, MA {address['zip']}" if address.get("zip") else f"{line}, MA"}


def _position(record: dict, places: Places, geocoded: dict) -> dict | None:
    """Coordinates given in the YAML, else the geocoded street address, else the town centre (approximate)."""
    if "location" in record:
        return {**record["location"], "approximate": False}
    if "address" not in record:
        return None
    if record["address"].get("street") and address_key(record["address"]) in geocoded:
        lat, lon = geocoded[address_key(record["address"])]
        return {"lat": lat, "lon": lon, "approximate": False}
    town = places.towns[record["address"]["town"]]
    return {"lat": town.lat, "lon": town.lon, "approximate": True}


def _center(record: dict, places: Places, tracks: dict, geocoded: dict) -> dict:
    view = {**record, "url": f"centers/{record['id']}/", "type_label": CENTER_TYPES[record["type"]],
            "verification_doc": VERIFICATION[record["verification"]],
            "call_before": record["verification"] in CALL_BEFORE, "position": _position(record, places, geocoded),
            "language_names": [LANGUAGES[code] for code in record.get("languages", [])],
            "region_names": [places.regions[r].name for r in record.get("regions", [])],
            "track_list": [tracks[t] for t in record.get("tracks", [])]}
    if "address" in record:
        view["address"] = _address(record["address"])
        view["town_slug"] = places.towns[record["address"]["town"]].slug
    if "phone" in record:
        view["phone_href"] = tel_href(record["phone"])
    view["sites"] = [{**site, "address": _address(site["address"]), "position": _position(site, places, geocoded)}
                     for site in record.get("sites", [])]
    position = view["position"] or next((s["position"] for s in view["sites"]), None)
    if position:
        zoom = CENTER_ZOOM_APPROXIMATE if position["approximate"] else CENTER_ZOOM
        view["map_focus"] = f"{position['lat']},{position['lon']},{zoom}"
    return view


def _coach(record: dict, places: Places, tracks: dict, today: dt.date, renewal_days: int) -> dict:
    serves = record["serves"]
    view = {**record, "url": f"coaches/{record['id']}/", "carc_status": carc_status(record["carc"], today, renewal_days),
            "language_names": [LANGUAGES[code] for code in record["languages"]],
            "mode_labels": [MODES[m] for m in record["modes"]],
            "specialty_labels": [SPECIALTIES[s] for s in record.get("specialties", [])],
            "track_list": [tracks[t] for t in record.get("tracks", [])],
            "serves_towns": [{"name": t, "url": f"towns/{places.towns[t].slug}/"} for t in serves.get("towns", [])],
            "serves_regions": [places.regions[r].name for r in serves.get("regions", [])],
            "statewide": serves.get("statewide", False)}
    areas = serves.get("towns", []) + view["serves_regions"]
    view["serves_label"] = "Statewide" if view["statewide"] else ", ".join(areas)
    if "phone" in record:
        view["phone_href"] = tel_href(record["phone"])
    return view


def _help_line(record: dict) -> dict:
    view = dict(record)
    if "call" in record:
        view["call_href"] = tel_href(record["call"])
    if "text" in record:
        view["text_href"] = sms_href(record["text"])
    return view
