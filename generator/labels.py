"""The words the site shows for the codes in the data, in English, as data.

The record declarations take their choices from here, the pages their labels, the translation
catalogues their keys. This module imports nothing of the project's, so every layer may use it."""

from __future__ import annotations

import datetime as dt

import pycountry


def N_(text: str) -> str:
    """Marks a string in Python code for the catalogue, translated later where it is shown. Literals
    in N_() and _() calls in generator/ are what the translation check counts as used."""
    return text


MODES = {"in_person": "In person", "phone": "Phone", "video": "Video", "text": "Text message"}

SPECIALTIES = {
    "opioids": "Opioid use, including medication for opioid use disorder",
    "alcohol": "Alcohol use",
    "stimulants": "Stimulant use",
    "co-occurring": "Co-occurring mental health conditions",
    "parenting": "Pregnant and parenting",
    "older-adults": "Older adults (50 and over)",
    "veterans": "Veterans and military families",
    "lgbtq": "LGBTQ+ people",
    "young-adults": "Young adults (18 to 25)",
    "criminal-legal": "Courts, probation and re-entry",
    "benefits-housing": "Benefits, housing and work",
}

CENTER_TYPES = {
    "prsc": "Peer Recovery Support Center",
    "rlc": "Recovery Learning Community",
    "program": "Specialty programme",
}
CENTER_TYPE_PLURALS = {
    "prsc": "Peer Recovery Support Centers",
    "rlc": "Recovery Learning Communities",
    "program": "Specialty programmes",
}

VERIFICATION = {
    "confirmed": "Confirmed with the centre or mass.gov on the date it was last verified",
    "sourced": "This listing comes from cited public pages and has not been confirmed with the centre",
    "state-list": "This listing comes from the state's list of centres and has not been confirmed with the centre",
}

# A listing's standing as of the build date (model/freshness.py STANDINGS), as exports and /freshness/ say it.
STANDING_LABELS = {
    "current": "Current",
    "may-have-changed": "May have changed: call to check",
    "may-have-ended": "May have ended: call to check",
    "moved": "Moved",
    "closed": "Closed",
}

# How a maintainer or the centre's staff confirmed a field of a listing (`confirmed:` in centers.yaml).
CONFIRMED_HOW = {
    "phone": "by phone",
    "email": "by e-mail",
    "visit": "in person",
    "own-page": "on the centre's own page",
}

# What a listing's page says of its confirmation (Center.confirmation), by how it was made.
CONFIRMED_SENTENCES = {
    "phone": N_("Confirmed with the centre by phone on %(date)s."),
    "email": N_("Confirmed with the centre by e-mail on %(date)s."),
    "visit": N_("Confirmed with the centre in person on %(date)s."),
    "own-page": N_("Confirmed on the centre's own page on %(date)s."),
}

# The CARC status as pages say it, by the state the model computes.
CARC_LABELS = {
    "current": N_("CARC current until %(date)s"),
    "renewal_due": N_("CARC renewal due by %(date)s"),
    "expired": N_("CARC expired on %(date)s"),
    "in_progress": N_("Working toward the CARC (in progress)"),
}

# What the theme's templates show in the page's language (site_overrides/main.html, faq.html, 404.html).
PAGE_NOTES = {
    "sources": N_("Sources"),
    "unreviewed": N_("Translated page, not yet reviewed by a native speaker."),
    "reviewed": N_("Reviewed by a native speaker."),
    "fallback": N_("This page is not translated yet, so it is shown in English."),
    "switcher": N_("Language"),
    "other_languages": N_("Other languages"),  # the switcher's link to /help/ (generator/outputs/language_pages.py)
    "not_found": N_("Page not found"),
    "not_found_text": N_("There is no page at this address. A listing may have moved or been taken off the list."),
    "not_found_home": N_("Go to the home page"),
    "not_found_find": N_("Find help near you"),
    "not_found_centers": N_("All recovery centers"),
    "find_near": N_("Find help near {place}"),  # the search box's first answer for a place (search-places.js)
}

# The licence of the registries and every export (the code is MIT, LICENSE): reuse with attribution,
# as 211-style directories need. Named in /api/v1/*.json, the HSDS index and content/open-data.md.
DATA_LICENSE = {"name": "Creative Commons Attribution 4.0 International (CC BY 4.0)", "id": "CC-BY-4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
                "attribution": "Peer Recovery Navigator, from public sources named in each record"}

# ISO 639-1 codes and their English names.
LANGUAGE_NAMES = {lang.alpha_2: lang.name for lang in pycountry.languages if hasattr(lang, "alpha_2")}


def long_date(day: dt.date) -> str:
    """2027-03-12 -> '12 March 2027' (English)."""
    return f"{day.day} {day:%B %Y}"
