"""schema.org JSON-LD for profile pages, made safe to place inside a <script> element."""

from __future__ import annotations

import json

from ..labels import LANGUAGE_NAMES as LANGUAGES
from ..model.records import Center, Coach, Source, tel_href

CARC_NAME = "Certified Addiction Recovery Coach (CARC)"


def script_json(data: dict) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def telephone(number: str) -> str:
    """'(413) 570-8243' -> '+1-413-570-8243', the international form schema.org consumers dial; a short
    code such as 988 stays as it is."""
    dial = tel_href(number).removeprefix("tel:")
    return f"{dial[:2]}-{dial[2:5]}-{dial[5:8]}-{dial[8:]}" if dial.startswith("+1") else dial


def coach(view: Coach, page_url: str) -> dict:
    person: dict = {
        "@type": "Person",
        "name": view.name,
        "knowsLanguage": [{"@type": "Language", "name": LANGUAGES[c], "alternateName": c} for c in view.languages],
        "hasCredential": {"@type": "EducationalOccupationalCredential", "name": CARC_NAME,
                          "credentialCategory": "certification"},
    }
    if view.carc.expires:
        person["hasCredential"]["validUntil"] = view.carc.expires.isoformat()
    if view.carc.status == "in_progress":
        person["hasCredential"]["description"] = "In progress"
    if view.employer:
        person["worksFor"] = {"@type": "Organization", "name": view.employer}
    if view.phone:
        person["telephone"] = telephone(view.phone)
    if view.example:
        person["disambiguatingDescription"] = "Fictional example listing, not a real person"
    return {"@context": "https://schema.org", "@type": "ProfilePage", "url": page_url,
            "dateModified": view.last_verified.isoformat(), "mainEntity": person}


def center(view: Center, page_url: str) -> dict:
    data: dict = {"@context": "https://schema.org", "@type": ["Organization", "Place"], "name": view.name,
                  "url": page_url}
    if view.address:
        address = view.address
        data["address"] = {"@type": "PostalAddress", "addressLocality": address.place or address.town,
                           "addressRegion": "MA", "addressCountry": "US"}
        if address.street:
            data["address"]["streetAddress"] = address.street
        if address.zip:
            data["address"]["postalCode"] = address.zip
    position = view.position
    if position and not position.approximate:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": position.lat, "longitude": position.lon}
    if view.opening_hours:
        data["openingHours"] = list(view.opening_hours)
    if view.phone:
        data["telephone"] = telephone(view.phone)
    if view.website:
        data["sameAs"] = view.website
    if view.host:
        data["parentOrganization"] = {"@type": "Organization", "name": view.host}
    if view.languages:
        data["knowsLanguage"] = [LANGUAGES[c] for c in view.languages]
    sources = [_source(source) for source in view.sources]
    if sources:
        data["subjectOf"] = sources
    return data


def _source(source: Source) -> dict:
    """A page the listing's facts come from, as a CreativeWork about the place, with its date and what it gives."""
    work: dict = {"@type": "CreativeWork", "url": source.url}
    if source.title:
        work["name"] = source.title
    if source.date:
        work["datePublished"] = source.date
    if source.supports:
        work["description"] = "Source of: " + ", ".join(source.supports)
    return work
