"""schema.org JSON-LD for profile pages, made safe to place inside a <script> element."""

from __future__ import annotations

import json

from ..labels import LANGUAGE_NAMES as LANGUAGES
from ..model.records import Center, Coach

CARC_NAME = "Certified Addiction Recovery Coach (CARC)"


def script_json(data: dict) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


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
        person["telephone"] = view.phone
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
        data["telephone"] = view.phone
    if view.website:
        data["sameAs"] = view.website
    if view.host:
        data["parentOrganization"] = {"@type": "Organization", "name": view.host}
    if view.languages:
        data["knowsLanguage"] = [LANGUAGES[c] for c in view.languages]
    return data
