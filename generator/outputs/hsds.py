"""Open Referral HSDS 3.0 export of the centres, as static copies of the HSDS API list endpoints.

Each centre, RLC or programme site is one `service` in the API's full shape (organization,
service_at_locations with location and address, phones, schedules, languages, service_areas and
attributes nested). Where each fact comes from travels in the services' `metadata`, the list HSDS keeps
"to maintain provenance information": one entry per shown fact, with the source's date, address and
title. Host agencies are `organization`s, shared by the services they run; a centre
without a host is its own organization. Ids are UUIDs derived from record ids, so they stay the
same from build to build. Coaches are not exported: today they are all fictional examples.
"""

from __future__ import annotations

import uuid

from ..labels import CENTER_TYPES, CONFIRMED_HOW, DATA_LICENSE, LANGUAGE_NAMES, STANDING_LABELS, VERIFICATION
from ..model.records import Address, Center, Position, Site, Source

HSDS_VERSION = "3.0.1"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "peer-recovery-navigator:hsds")  # never change: ids are published

KIND_DESCRIPTIONS = {
    "prsc": "A free, peer-led drop-in centre for people in recovery from substance use, funded by the "
            "Department of Public Health's Bureau of Substance Addiction Services (BSAS).",
    "rlc": "A peer-run network funded by the Department of Mental Health (DMH): self-help, information and "
           "referral, advocacy and training, with strong support for co-occurring conditions.",
    "program": "A specialty programme site.",
}

TAXONOMY = {"id": str(uuid.uuid5(NAMESPACE, "taxonomy:navigator")),
            "name": "Peer Recovery Navigator categories",
            "description": "Kinds of peer recovery resources in Massachusetts (PRSC, RLC, specialty programme) "
                           "and the specialty tracks they offer.",
            "version": "1"}


def uid(*parts: str) -> str:
    """A stable UUID for one HSDS object, from the kind of object and the record ids it comes from."""
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


def _page(contents: list[dict]) -> dict:
    """A single-page HSDS API list response."""
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1, "size": len(contents),
            "first_page": True, "last_page": True, "empty": not contents, "contents": contents}


def _terms(site: Site) -> list[dict]:
    kinds = [{"code": kind, "name": label, "description": KIND_DESCRIPTIONS[kind]}
             for kind, label in CENTER_TYPES.items()]
    tracks = [{"code": f"track:{track.id}", "name": track.name, "description": track.summary} for track in site.tracks]
    return [{"id": uid("term", term["code"]), **term, "taxonomy": TAXONOMY["name"],
             "taxonomy_id": TAXONOMY["id"]} for term in kinds + tracks]


def _organizations(site: Site) -> dict[str, dict]:
    """Organization of each centre id: its host agency (deduplicated by name) or the centre itself."""
    by_host: dict[str, list[Center]] = {}
    for center in site.centers:
        if center.host:
            by_host.setdefault(center.host, []).append(center)
    out: dict[str, dict] = {}
    for host, centers in by_host.items():
        org = {"id": uid("organization", "host", host.lower()), "name": host,
               "description": "Runs " + "; ".join(c.name for c in centers) + "."}
        out.update({c.id: org for c in centers})
    for center in site.centers:
        if center.host:
            continue
        if center.name in by_host:  # the centre runs other listings (A New Way runs the H.E.A.R.T. team): one org
            out[center.id] = out[by_host[center.name][0].id]
            continue
        org = {"id": uid("organization", "center", center.id), "name": center.name,
               "description": KIND_DESCRIPTIONS[center.type]}
        if center.website:
            org["website"] = center.website
        out[center.id] = org
    return out


def _location(key: str, name: str, address: Address, position: Position | None, org_id: str) -> dict:
    """A physical location with its address line; coordinates only when they are exact."""
    location_id = uid("location", key)
    description = address.line
    location: dict = {"id": location_id, "location_type": "physical", "name": name, "organization_id": org_id}
    if position and not position.approximate:
        location.update(latitude=position.lat, longitude=position.lon)
    else:
        description += ". The exact position is not known; maps show the centre of the town."
    location["description"] = description
    if address.street and address.zip:
        location["addresses"] = [{
            "id": uid("address", key), "location_id": location_id, "address_1": address.street,
            "city": address.place or address.town, "state_province": "MA",
            "postal_code": address.zip, "country": "US", "address_type": "physical"}]
    return location


def _service_at_locations(center: Center, service_id: str, org_id: str) -> list[dict]:
    places: list[tuple[str, str, Address, Position | None]] = []
    if center.address:
        places.append((center.id, center.name, center.address, center.position))
    places += [(f"{center.id}/{i}", site.name, site.address, site.position) for i, site in enumerate(center.sites)]
    out = []
    for key, name, address, position in places:
        location = _location(key, name, address, position, org_id)
        out.append({"id": uid("service_at_location", key), "service_id": service_id,
                    "location_id": location["id"], "location": location})
    return out


DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _days(spec: str) -> str:
    """'Mo-We,Fr' -> 'MO,TU,WE,FR' (iCal BYDAY)."""
    out: list[str] = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out += DAYS[DAYS.index(first):DAYS.index(last or first) + 1]
    return ",".join(day.upper() for day in out)


def _schedules(center: Center, service_id: str) -> list[dict]:
    """A weekly schedule per machine-readable rule ('Mo-Fr 09:00-17:00'), each with the hours as the
    source words them; only that wording when the hours are not machine-readable."""
    rules = [rule.split(" ") for rule in center.opening_hours]
    if not rules:
        return [{"id": uid("schedule", center.id), "service_id": service_id, "description": center.hours}] \
            if center.hours else []
    out = []
    for days, times in rules:
        opens, closes = times.split("-")
        schedule = {"id": uid("schedule", center.id, days, times), "service_id": service_id, "freq": "WEEKLY",
                    "byday": _days(days), "opens_at": opens, "closes_at": closes}
        if center.hours:
            schedule["description"] = center.hours
        out.append(schedule)
    return out


def _fact_values(center: Center) -> dict[str, str | None]:
    """The value of each shown fact as the export gives it."""
    return {"address": center.address.line if center.address else None, "phone": center.phone,
            "hours": center.hours, "services": "; ".join(center.services) or None, "website": center.website,
            "host": center.host, "funder": center.funder, "eligibility": center.eligibility,
            "virtual": center.virtual, "sites": "; ".join(s.address.line for s in center.sites) or None}


def _metadata(center: Center, service_id: str) -> list[dict]:
    """Provenance as HSDS records it: for each shown fact, the dated source that gives it."""
    values = _fact_values(center)
    out = []
    for fact, source in center.provenance.items():
        value = values.get(fact)
        if value and source.date:
            out.append({"id": uid("metadata", center.id, fact), "resource_id": service_id,
                        "resource_type": "service", "last_action_date": source.date,
                        "last_action_type": "sourced", "field_name": fact, "previous_value": "",
                        "replacement_value": value, "updated_by": _cite(source)})
    for name, given in center.confirmed.items():  # confirmed with the centre: when, how and by whom
        out.append({"id": uid("metadata", center.id, "confirmed", name), "resource_id": service_id,
                    "resource_type": "service", "last_action_date": given.on.isoformat(),
                    "last_action_type": "confirmed", "field_name": name, "previous_value": "",
                    "replacement_value": f"confirmed {CONFIRMED_HOW[given.how]}", "updated_by": given.by})
    return out


def _cite(source: Source) -> str:
    return f"{source.title} <{source.url}>" if source.title else source.url


def _description(center: Center) -> str:
    parts = [KIND_DESCRIPTIONS[center.type]]
    if center.services:
        parts.append("Offers: " + "; ".join(center.services) + ".")
    if center.virtual:
        parts.append("Virtual options: " + center.virtual)
    return " ".join(parts)


def _alert(center: Center) -> str | None:
    """Call before you go, the age of the evidence and its standing, then the notes."""
    parts = [f"Call before you go: {VERIFICATION[center.verification].lower()}." if center.call_before else "",
             f"Newest information: {center.newest_source}." if center.newest_source else "",
             "" if center.standing == "current" else STANDING_LABELS[center.standing] + ".", center.notes or ""]
    return " ".join(p for p in parts if p) or None


def _attribute(service_id: str, term: dict) -> dict:
    return {"id": uid("attribute", service_id, term["code"]), "link_id": service_id, "link_type": "service_type",
            "link_entity": "service", "taxonomy_term_id": term["id"],
            "taxonomy_term": {**term, "taxonomy_detail": TAXONOMY}}


def _service(center: Center, org: dict, terms: dict[str, dict]) -> dict:
    service_id = uid("service", center.id)
    service: dict = {"id": service_id, "organization_id": org["id"], "name": center.name,
                     "description": _description(center),
                     "status": "defunct" if center.standing == "closed" else "active",
                     "assured_date": center.last_verified.isoformat()}
    if center.website:
        service["url"] = center.website
    if center.eligibility:
        service["eligibility_description"] = center.eligibility
    alert = _alert(center)
    if alert:
        service["alert"] = alert
    if center.phone:
        number, _, extension = center.phone.partition(" ext. ")  # HSDS keeps an extension in its own field
        service["phones"] = [{"id": uid("phone", center.id), "service_id": service_id, "number": number,
                              "type": "voice", **({"extension": int(extension)} if extension else {})}]
    schedules = _schedules(center, service_id)
    if schedules:
        service["schedules"] = schedules
    service["languages"] = [{"id": uid("language", center.id, code), "service_id": service_id,
                             "code": code, "name": LANGUAGE_NAMES[code]} for code in center.languages]
    service["service_areas"] = [{"id": uid("service_area", center.id, region), "service_id": service_id,
                                 "name": name}
                                for region, name in zip(center.regions, center.region_names, strict=True)]
    service["service_at_locations"] = _service_at_locations(center, service_id, org["id"])
    service["organization"] = org
    codes = [center.type] + [f"track:{track}" for track in center.tracks]
    service["attributes"] = [_attribute(service_id, terms[code]) for code in codes]
    service["metadata"] = _metadata(center, service_id)
    return service


def hsds_exports(site: Site) -> dict[str, dict]:
    """The HSDS files, keyed by their path in the site."""
    terms = _terms(site)
    by_code = {term["code"]: term for term in terms}
    orgs = _organizations(site)
    services = [_service(c, orgs[c.id], by_code) for c in site.centers]
    unique_orgs = sorted({o["id"]: o for o in orgs.values()}.values(), key=lambda o: o["name"].lower())
    return {
        "api/v1/hsds/index.json": {"version": HSDS_VERSION, "license": DATA_LICENSE},
        "api/v1/hsds/services.json": _page(services),
        "api/v1/hsds/organizations.json": _page(unique_orgs),
        "api/v1/hsds/taxonomies.json": _page([TAXONOMY]),
        "api/v1/hsds/taxonomy_terms.json": _page(terms),
    }
