"""The compact JSON index behind /find/, /plan/, the towns index and the header search
(/api/v1/find.json): places to search, towns to measure from, and every centre and coach with the
fields the filters use. The browser does the rest (assets/places.mjs).

Its shape is declared once, below, as TypedDicts: mypy checks the builder against them and
`FIND_SCHEMA` (published as /schema/find.schema.json) is made from them. Version 2 names every field;
version 1's positional arrays are gone (no outside reader of them was known)."""

from __future__ import annotations

from typing import Annotated, Literal, TypedDict

from ..labels import CENTER_TYPE_PLURALS, CENTER_TYPES, DATA_LICENSE, LANGUAGE_NAMES, MODES, SPECIALTIES
from ..model.records import NATIONAL_LINE, Center, Site, TownView
from ..model.towns import located, village_positions
from ..model.travel import ROUTES, via_keys, zones
from .translations import ENGLISH
from .typed_schema import document_schema

INDEX_VERSION: Literal[2] = 2
SCHEMA_PATH = "schema/find.schema.json"

Slug = Annotated[str, "a town's slug, as in /towns/<slug>/ and FindTown.slug"]
Id = Annotated[str, "a centre's id (/centers/<id>/), or empty when there is none"]


class FindTown(TypedDict):
    """One of the 351 cities and towns, with the centres its town page names first."""

    name: str
    slug: str
    lat: float
    lon: float
    region: Annotated[str, "its region's id (regions)"]
    prsc: Annotated[Id, "the nearest Peer Recovery Support Center, as on the town page"]
    rlc: Annotated[Id, "the area's Recovery Learning Community, as on the town page"]
    zone: Annotated[str, "its part of the state, for measuring travel (travel)"]


class FindVillage(TypedDict):
    """A village or neighbourhood, placed at its first ZIP code's centre (model/towns.village_positions)."""

    name: str
    town: Slug
    lat: float
    lon: float


class FindZip(TypedDict):
    """A ZIP code, measured from its own centre."""

    zip: Annotated[str, "five digits"]
    town: Slug
    lat: float
    lon: float


class FindNickname(TypedDict):
    """A name people say for a place (data/places.yaml): 'Southie' for South Boston."""

    name: str
    place: Annotated[str, "the town, village or neighbourhood it stands for (towns, villages)"]


class FindSource(TypedDict):
    url: str
    title: str
    date: Annotated[str, "the page's own date: YYYY, YYYY-MM or YYYY-MM-DD"]


class FindArea(TypedDict):
    """A part of the state people name that is no one point (data/places.yaml areas): /find/ lists the listings in
    its towns, with no distance."""

    name: str
    also: Annotated[list[str], "other names people say for it ('the Cape')"]
    towns: Annotated[list[Slug], "the cities and towns it contains"]
    sources: Annotated[list[FindSource], "dated pages that tie the name to those towns"]


class Spot(TypedDict):
    lat: float
    lon: float


class FindRoute(TypedDict):
    """One way between two parts of the state: out at `exit`, `miles` across, in at `entry`."""

    exit: Spot
    miles: float
    entry: Spot
    via: Annotated[str, "the crossing's id (labels.route says it in words)"]


class FindPoint(TypedDict):
    """A located site of a centre (its main address first)."""

    lat: float
    lon: float
    approximate: Annotated[bool, "placed at its ZIP code's or town's centre"]
    precision: Annotated[Literal["exact", "zip", "town"], "how it is placed: its own position, its ZIP code's centre "
                         "or its town's centre"]
    name: str
    address: str
    town: Slug
    zone: str


class FindLine(TypedDict):
    """A help line: its number, the page that gives it and when that was checked."""

    name: str
    call: str
    call_href: str
    source: str
    verified: Annotated[str, "YYYY-MM-DD"]


class FindLabels(TypedDict):
    """The words for the codes, in English (a translated page's strings.js brings its own)."""

    type: dict[str, str]
    types: dict[str, str]
    language: dict[str, str]
    mode: dict[str, str]
    specialty: dict[str, str]
    track: dict[str, str]
    route: Annotated[dict[str, str], "how a distance was measured, by route `via` ('' as the crow flies)"]
    area: Annotated[dict[str, str], "an area's name (areas[].name) as the page's language says it: 'los Berkshires'"]


class FindCenter(TypedDict):
    id: str
    name: str
    type: str
    url: str
    points: list[FindPoint]
    regions: list[str]
    phone: str
    phone_href: str
    hours: str
    languages: list[str]
    tracks: list[str]
    virtual: str
    call_before: bool
    standing: Annotated[str, "current, may-have-changed, may-have-ended, moved or closed (model/freshness.py): "
                             "moved and closed are never ranked, may-have-ended after current ones"]
    newest_source: Annotated[str, "the date of its newest source: YYYY, YYYY-MM or YYYY-MM-DD"]
    phone_state_list: Annotated[bool, "its number rests only on the state's list (the help line goes beside it)"]
    confirmed_on: Annotated[str, "the day its phone and address were confirmed with it, YYYY-MM-DD; '' if not"]
    confirmed_how: Annotated[str, "how: phone, email, visit or own-page; '' if not confirmed"]


class FindCoach(TypedDict):
    id: str
    name: str
    url: str
    example: bool
    languages: list[str]
    modes: list[str]
    specialties: list[str]
    tracks: list[str]
    masshealth: bool
    carc: str
    carc_label: str
    carc_expires: str
    towns: list[Slug]
    regions: list[str]
    statewide: bool


class License(TypedDict):
    id: str
    name: str
    url: str
    attribution: str


class FindIndex(TypedDict):
    """/api/v1/find.json: what /find/, /plan/, the towns index and the header search read."""

    version: Literal[2]
    license: License
    towns: list[FindTown]
    villages: list[FindVillage]
    zips: list[FindZip]
    nicknames: list[FindNickname]
    areas: list[FindArea]
    travel: Annotated[dict[str, list[FindRoute]], "routes by 'from-zone to-zone'"]
    regions: dict[str, str]
    national: Annotated[FindLine | None, "the line offered to a place outside Massachusetts"]
    helpline: Annotated[FindLine | None, "the line a listing without its own number gives (call to check)"]
    labels: FindLabels
    centers: list[FindCenter]
    coaches: list[FindCoach]


FIND_SCHEMA = document_schema(FindIndex, SCHEMA_PATH, "The /find/ index (api/v1/find.json), version 2")


def _points(center: Center, zone: dict[str, str], slug: dict[str, str]) -> list[FindPoint]:
    """Every located site of a centre (the main address, then other sites), its town and its part of the state."""
    return [FindPoint(lat=site.position.lat, lon=site.position.lon, approximate=site.position.approximate,
                      precision=site.position.precision, name=site.name, address=site.address.line,
                      town=slug[site.address.town], zone=zone[site.address.town])
            for site in located(center)]


def _area_rlc(town: TownView) -> str:
    """The RLC the planner names for a town: the first of its area that has not moved or closed, a current one first."""
    open_rlcs = sorted((r.center for r in town.rlcs if not r.center.gone), key=lambda c: c.may_have_ended)
    return open_rlcs[0].id if open_rlcs else ""


def _line(site: Site, line_id: str) -> FindLine | None:
    """A help line of data/help.yaml with its number, first source and check date."""
    line = next((h for h in site.help_lines if h.id == line_id), None)
    if not line or not line.call or not line.call_href:
        return None
    return FindLine(name=line.name, call=line.call, call_href=line.call_href,
                    source=line.sources[0].title if line.sources else "", verified=line.last_verified.isoformat())


def _routes() -> dict[str, list[FindRoute]]:
    """How to measure between parts of the state (model/travel.py; assets/places.mjs adds them up)."""
    return {f"{a} {b}": [FindRoute(exit=Spot(lat=r.exit[0], lon=r.exit[1]), miles=r.middle,
                                   entry=Spot(lat=r.entry[0], lon=r.entry[1]), via=r.via) for r in routes]
            for (a, b), routes in ROUTES.items()}


def find_index(site: Site) -> FindIndex:
    places = site.places
    zone = zones(places)
    slug = {t.name: t.slug for t in site.towns}
    # A village's position (model/towns.py): where /find/ measures from, and how a located visitor is told the
    # village they are near.
    positions = village_positions(places)
    villages = [FindVillage(name=name, town=slug[town], lat=positions[name, town][0], lon=positions[name, town][1])
                for name, town in sorted(positions)]
    # The site's own languages always, so a visitor can ask for one even before a listing states it (listings
    # whose languages are not stated stay in, marked "call to ask"), and every language a listing states.
    used_languages = sorted({*site.settings.languages,
                             *(code for record in site.centers + site.coaches for code in record.languages)})
    check = site.check_line
    return FindIndex(
        version=INDEX_VERSION,
        license=License(id=DATA_LICENSE["id"], name=DATA_LICENSE["name"], url=DATA_LICENSE["url"],
                        attribution=DATA_LICENSE["attribution"]),
        towns=[FindTown(name=t.name, slug=t.slug, lat=t.lat, lon=t.lon, region=t.region,
                        prsc=t.centers[0].center.id if t.centers else "", rlc=_area_rlc(t),
                        zone=zone[t.name]) for t in site.towns],
        travel=_routes(),
        villages=villages,
        zips=[FindZip(zip=p.zip, town=slug[p.town], lat=p.lat, lon=p.lon) for p in places.zips.values()],
        nicknames=[FindNickname(name=name, place=place) for name, place in places.nicknames.items()],
        areas=[FindArea(name=a.name, also=list(a.also), towns=[slug[t] for t in a.towns],
                        sources=[FindSource(url=s.url, title=s.title, date=s.date) for s in a.sources])
               for a in places.areas.values()],
        regions={r.id: r.name for r in places.regions.values()},
        national=_line(site, NATIONAL_LINE),
        helpline=_line(site, check.id) if check else None,
        labels=FindLabels(
            type=CENTER_TYPES, types=CENTER_TYPE_PLURALS,
            language={code: LANGUAGE_NAMES[code] for code in used_languages},
            mode=MODES, specialty=SPECIALTIES, track={t.id: t.name for t in site.tracks},
            route={via: ENGLISH.route(via) for via in via_keys()},
            area={a.name: a.name for a in places.areas.values()}),
        centers=[FindCenter(
            id=c.id, name=c.name, type=c.type, url=c.url, points=_points(c, zone, slug), regions=list(c.regions),
            phone=c.phone or "", phone_href=c.phone_href or "", hours=c.hours or "",
            languages=list(c.languages), tracks=list(c.tracks), virtual=c.virtual or "", call_before=c.call_before,
            standing=c.standing, newest_source=c.newest_source or "", phone_state_list=c.phone_from_state_list,
            confirmed_on=c.confirmation.on.isoformat() if c.confirmation else "",
            confirmed_how=c.confirmation.how if c.confirmation else "",
        ) for c in site.centers],
        coaches=[FindCoach(
            id=c.id, name=c.name, url=c.url, example=bool(c.example), languages=list(c.languages),
            modes=list(c.modes), specialties=list(c.specialties), tracks=list(c.tracks), masshealth=c.masshealth,
            carc=c.carc_status.state, carc_label=ENGLISH.carc(c.carc_status),
            carc_expires=c.carc_status.expires.isoformat() if c.carc_status.expires else "",
            towns=[slug[t.name] for t in c.serves_towns], regions=list(c.serves.regions), statewide=c.statewide,
        ) for c in site.coaches],
    )
