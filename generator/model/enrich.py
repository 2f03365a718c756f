"""Turn validated records into the typed records pages show: positions, CARC status as of the
build date, links between records, towns. Pure functions; templates only print these values."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..registry.geocache import address_key
from ..registry.places import Places
from ..registry.validate import Registries
from ..settings import Settings
from . import freshness
from .records import (
    Address,
    Carc,
    CarcStatus,
    Center,
    Coach,
    Confirmation,
    HelpLine,
    LanguageOption,
    Location,
    Position,
    Retired,
    Serves,
    Site,
    Source,
    TownLink,
    TownView,
    Track,
    Word,
)
from .towns import town_views

CENTER_ZOOM, CENTER_ZOOM_APPROXIMATE = 15, 12

Geocoded = dict[str, tuple[float, float]]


def carc_status(carc: dict, today: dt.date, renewal_days: int = 60) -> CarcStatus:
    """The credential as of the build date; due for renewal within renewal_days of its expiry."""
    if carc["status"] == "in_progress":
        return CarcStatus("in_progress")
    expires = carc["expires"]
    state = "expired" if expires < today else "renewal_due" if (expires - today).days <= renewal_days else "current"
    return CarcStatus(state, expires)


def enrich(registries: Registries, settings: Settings, geocoded: Geocoded | None = None) -> Site:
    """`geocoded` maps address_key() of street addresses to positions from `generator geocode`."""
    places, limits = registries.places, settings.limits
    geocoded = {key: point for key, point in (geocoded or {}).items() if point}
    linked = {t["id"]: _track(t) for t in registries.tracks}
    centers = tuple(sorted((_center(c, places, linked, geocoded, settings) for c in registries.centers),
                           key=lambda c: c.name.lower()))
    coaches = tuple(sorted((_coach(c, places, linked, settings) for c in registries.coaches),
                           key=lambda c: c.name.lower()))
    listed = tuple(c for c in coaches if c.listed)  # a coach whose CARC has expired keeps only their profile
    tracks = {}
    for track_id, track in linked.items():
        on_track = [c for c in listed if track_id in c.tracks]
        # current choices first, then those that may have ended, moved or closed, each group by name
        at_centers = sorted((c for c in centers if track_id in c.tracks), key=lambda c: c.may_have_ended or c.gone)
        tracks[track_id] = replace(track, coaches=tuple(on_track[:limits.track_list]), coach_total=len(on_track),
                                   centers=tuple(at_centers[:limits.track_list]), center_total=len(at_centers))
    towns = town_views(places, centers, listed, linked, limits)
    by_name = {t.name: t for t in towns}
    retired = tuple(_retired(r, by_name.get(r.get("town", ""))) for r in registries.retired)
    return Site(settings, places, tuple(sorted(tracks.values(), key=lambda t: t.name)),
                tuple(_help_line(h) for h in registries.help_lines), centers, coaches, towns, retired,
                tuple(_word(w) for w in registries.words))


def _track(record: dict) -> Track:
    return Track(record["id"], record["name"], record["summary"], record["description"],
                 _sources(record["sources"]), record["last_verified"])


def _retired(record: dict, town: TownView | None) -> Retired:
    """A retired listing, with the alternatives its page should offer."""
    # a retired coach has no town (validation refuses one): their page offers the routes to a coach instead
    alternatives = tuple(item.center for item in town.centers[:3]) if town else ()
    return Retired(record["id"], record["registry"], record["retired_on"], record.get("name"), record.get("reason"),
                   record.get("town"), tuple(record.get("source", ())), town, alternatives)


def _address(address: dict) -> Address:
    town, place, zip_code = address["town"], address.get("place"), address.get("zip")
    locality = f"{place} ({town})" if place else town
    line = ", ".join(part for part in (address.get("street"), locality) if part)
    line = f"{line}, MA {zip_code}" if zip_code else f"{line}, MA"
    return Address(town, line, address.get("street"), place, zip_code)


def _position(record: dict, places: Places, geocoded: Geocoded) -> Position | None:
    """Coordinates given in the YAML, else the geocoded street address, else the centre of its ZIP code when the
    gazetteer knows it, else the town centre (the last two approximate)."""
    if "location" in record:
        return Position(record["location"]["lat"], record["location"]["lon"], "data")
    if "address" not in record:
        return None
    if record["address"].get("street") and address_key(record["address"]) in geocoded:
        lat, lon = geocoded[address_key(record["address"])]
        return Position(lat, lon, "geocoded")
    postal = places.zips.get(record["address"].get("zip") or "")
    if postal:
        return Position(postal.lat, postal.lon, "zip")
    town = places.towns[record["address"]["town"]]
    return Position(town.lat, town.lon, "town")


def _location(site: dict, places: Places, geocoded: Geocoded) -> Location:
    position = _position(site, places, geocoded)
    assert position is not None  # a site always has an address
    return Location(site["name"], _address(site["address"]), position,
                    tuple(_source(s) for s in site.get("sources", ())))


# The facts a centre page shows, each with the source fields that give it (the address by its street,
# else its ZIP or town).
SHOWN_FACTS = {"name": ("name",), "address": ("street", "zip", "town"), "phone": ("phone",), "hours": ("hours",),
               "services": ("services",), "website": ("website",), "host": ("host",), "funder": ("funder",),
               "eligibility": ("eligibility",), "virtual": ("virtual",), "sites": ("sites",),
               "regions": ("regions",), "languages": ("languages",), "tracks": ("tracks",), "since": ("since",),
               "towns": ("towns",), "status": ("status",)}


def _provenance(sources: tuple[Source, ...]) -> dict[str, Source]:
    """Each shown fact and the newest of the sources that give it (sources come newest first)."""
    out = {}
    for fact, fields in SHOWN_FACTS.items():
        for name in fields:
            found = next((s for s in sources if name in s.supports), None)
            if found:
                out[fact] = found
                break
    return out


def _center(record: dict, places: Places, tracks: dict[str, Track], geocoded: Geocoded, settings: Settings) -> Center:
    position = _position(record, places, geocoded)
    sources = _sources(record["sources"])
    provenance = _provenance(sources)
    today, limits = settings.today, settings.limits
    sites = tuple(_location(site, places, geocoded) for site in record.get("sites", ()))
    focus = position or next((s.position for s in sites), None)
    address = record.get("address")
    confirmed = {name: Confirmation(**given) for name, given in record.get("confirmed", {}).items()}
    verification, confirmed_on = freshness.verification(record["verification"], record.get("confirmed_on"),
                                                        confirmed, today, limits)
    return Center(
        id=record["id"], name=record["name"], type=record["type"], verification=verification,
        sources=sources, last_verified=record["last_verified"], position=position,
        former_ids=tuple(record.get("former_ids", ())), host=record.get("host"), funder=record.get("funder"),
        address=_address(address) if address else None, sites=sites,
        regions=tuple(record.get("regions", ())),
        region_names=tuple(places.regions[r].name for r in record.get("regions", ())),
        towns=tuple(record.get("towns", ())),
        town_links=tuple(TownLink(t, f"towns/{places.towns[t].slug}/") for t in record.get("towns", ())),
        since=record.get("since"),
        phone=record.get("phone"), website=record.get("website"), hours=record.get("hours"),
        opening_hours=tuple(record.get("opening_hours", ())), services=tuple(record.get("services", ())),
        eligibility=record.get("eligibility"), languages=tuple(record.get("languages", ())),
        tracks=tuple(record.get("tracks", ())), track_list=tuple(tracks[t] for t in record.get("tracks", ())),
        virtual=record.get("virtual"), notes=record.get("notes"), conflicts=record.get("conflicts"),
        confirmed_on=confirmed_on, confirmed=confirmed, provenance=provenance, status=record.get("status"),
        newest_source=freshness.newest_date(freshness.evidence(record["type"], sources)),
        changed_facts=freshness.changed_facts(provenance, today, limits),
        ends=freshness.ends(sources),
        standing=freshness.standing(record["type"], record.get("status"), sources, today, limits),
        town_slug=places.towns[address["town"]].slug if address else None,
        map_focus=(f"{focus.lat},{focus.lon},{CENTER_ZOOM_APPROXIMATE if focus.approximate else CENTER_ZOOM}"
                   if focus else None),
    )


def _sources(given: list[dict]) -> tuple[Source, ...]:
    """An entry's dated sources, newest first."""
    return tuple(sorted((_source(s) for s in given), key=lambda s: s.date, reverse=True))


def _source(given: dict) -> Source:
    return Source(given["url"], given["title"], given["date"], tuple(given.get("supports", ())),
                  tuple(given.get("titles", {}).items()), given.get("ends"))


def _coach(record: dict, places: Places, tracks: dict[str, Track], settings: Settings) -> Coach:
    serves = record["serves"]
    return Coach(
        id=record["id"], name=record["name"], languages=tuple(record["languages"]),
        carc=Carc(record["carc"]["status"], record["carc"].get("expires")),
        carc_status=carc_status(record["carc"], settings.today, settings.limits.renewal_days),
        masshealth=record["masshealth"], modes=tuple(record["modes"]),
        serves=Serves(tuple(serves.get("towns", ())), tuple(serves.get("regions", ())),
                      serves.get("statewide")),
        last_verified=record["last_verified"], former_ids=tuple(record.get("former_ids", ())),
        example=record.get("example"), summary=record.get("summary"), employer=record.get("employer"),
        two_year_recovery=record.get("two_year_recovery"), supervised=record.get("supervised"),
        specialties=tuple(record.get("specialties", ())), tracks=tuple(record.get("tracks", ())),
        track_list=tuple(tracks[t] for t in record.get("tracks", ())),
        serves_towns=tuple(TownLink(t, f"towns/{places.towns[t].slug}/") for t in serves.get("towns", ())),
        serves_regions=tuple(places.regions[r].name for r in serves.get("regions", ())),
        phone=record.get("phone"), email=record.get("email"), website=record.get("website"),
        source=tuple(record.get("source", ())),
    )


def _word(record: dict) -> Word:
    return Word(record["id"], record["answer"], tuple(w for code in ("en", "es", "pt") for w in record.get(code, ())),
                record.get("language"))


def _help_line(record: dict) -> HelpLine:
    return HelpLine(
        id=record["id"], name=record["name"], description=record["description"], sources=_sources(record["sources"]),
        last_verified=record["last_verified"], short_name=record.get("short_name"), call=record.get("call"),
        text=record.get("text"), tty=record.get("tty"), chat=record.get("chat"), options=record.get("options"),
        language_options=tuple(LanguageOption(o["language"], o["press"], o.get("text_word"))
                               for o in record.get("language_options", ())),
        banner=record.get("banner", False),
    )
