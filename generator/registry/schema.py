"""The data contract: one declaration per record type.

These declarations drive the validator, the published JSON Schemas (`schema/*.json`) and the
field reference. Add a field here and all three follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..labels import CENTER_TYPES, CONFIRMED_HOW, MODES, SPECIALTIES, VERIFICATION
from .fields import (
    FICTIONAL_PHONE,
    Bool,
    Check,
    Choice,
    Date,
    Email,
    Field,
    HelpNumber,
    Kind,
    Language,
    ListOf,
    Number,
    Obj,
    PartialDate,
    Pattern,
    Phone,
    Ref,
    Slug,
    Text,
    Town,
    Url,
    Zip,
    _show,
    did_you_mean,
)
from .geography import MA_LAT, MA_LON


class RegionId(Kind):
    """The id of a region from data/places.yaml, such as 'western'."""

    def schema(self) -> dict:
        return {"type": "string", "pattern": "^[a-z-]+$"}

    def parse(self, value, path, check):
        if value in check.places.regions:
            return value
        hint = did_you_mean(value, check.places.regions) if isinstance(value, str) else ""
        return check.report(path, f"{_show(value)} is not a region; use one of: "
                                  f"{', '.join(check.places.regions)}{hint}")


SOURCE_DOC = "Web pages where every published fact of this entry can be checked"
LAST_VERIFIED = Field("last_verified", Date(not_future=True),
                      "The date someone last checked this entry against its sources (YYYY-MM-DD)", required=True)

LOCATION = Obj([
    Field("lat", Number(*MA_LAT, where="inside Massachusetts"), "Latitude (WGS84)", required=True),
    Field("lon", Number(*MA_LON, where="inside Massachusetts"), "Longitude (WGS84)", required=True),
])

ADDRESS = Obj([
    Field("street", Text(120), "Street address as the source gives it, e.g. '25 Pleasant St.'"),
    Field("place", Text(60), "Village or neighbourhood, when the postal name is not the town (e.g. Hyannis)"),
    Field("town", Town(), "The city or town (one of the 351 municipalities)", required=True),
    Field("zip", Zip(), "ZIP code, in quotes, e.g. '01604'"),
])

# The fields of a centre a source can give, and those a visitor is shown as facts: each of the latter
# needs a dated source that gives it.
SUPPORTABLE = ("name", "type", "host", "funder", "street", "place", "town", "zip", "location", "sites", "regions",
               "phone", "website", "hours", "opening_hours", "services", "eligibility", "languages", "tracks",
               "virtual", "since", "towns", "status")
MUST_SUPPORT = ("street", "zip", "phone", "hours", "opening_hours", "services", "website", "host", "funder", "sites",
                "regions", "eligibility", "languages", "tracks", "virtual", "since", "towns", "status")

SOURCE = Obj([
    Field("url", Url(), "The page's address", required=True),
    Field("title", Text(200), "Who published it and its headline, e.g. 'WAMC: Living in Recovery settles into its "
          "new downtown headquarters'", required=True),
    Field("date", PartialDate(), "The page's own date (published or updated): YYYY-MM-DD, or \"YYYY-MM\" or YYYY",
          required=True),
    Field("titles", Obj([Field(code, Text(200), f"The title in {name}") for code, name in
                         (("es", "Spanish"), ("pt", "Portuguese"))]),
          "The title translated, shown on that language's pages with the original kept for citation, e.g. "
          "{es: 'la lista estatal…', pt: 'a lista estadual…'}; translate the words only, never the facts"),
    Field("supports", ListOf(Choice({name: name for name in SUPPORTABLE}), min_items=1),
          "The fields of this entry that the page gives, e.g. [street, phone] (centres and programmes; a "
          "track's or help line's sources stand for the whole entry)"),
    Field("ends", Date(), "When the programme's term ends by this page's own words (a grant's or award's term), "
          "as the last day it covers, e.g. 2026-01-31 for a five-year grant from January 2021 (centres and "
          "programmes)"),
])

SOURCES_DOC = "The dated pages where the entry's facts can be checked, each naming the fields it gives"
WHOLE_ENTRY_DOC = "The dated pages where the entry's facts can be checked (each with url, title and date)"


def _whole_entry_sources(record: dict, path: tuple, check: Check) -> None:
    """A track's, help line's or site's page stands for the whole entry, so it names no fields and no end."""
    for i, source in enumerate(record.get("sources", ())):
        if "supports" in source:
            check.report(path + ("sources", i, "supports"), "a source here stands for the whole entry; remove "
                                                            "'supports' (only centres name the fields a source gives)")
        if "ends" in source:
            check.report(path + ("sources", i, "ends"), "a source here stands for the whole entry; remove 'ends' "
                                                        "(only a centre's or programme's sources give its end)")


SITE = Obj([
    Field("name", Text(120), "Name of this site", required=True),
    Field("address", ADDRESS, "Where the site is", required=True),
    Field("location", LOCATION, "Exact coordinates, when known"),
    Field("sources", ListOf(SOURCE, min_items=1), "The dated pages that give this site's name and address "
          "(each with url, title and date), when the entry's sources do not all give it; shown in this order, so "
          "put the site's own page first and one that only fills in a part (a ZIP code from USPS data) after it"),
], rules=(_whole_entry_sources,))


TRACK = Obj([
    Field("id", Slug(), "Stable id, used in the page URL /tracks/<id>/", required=True),
    Field("name", Text(100), "Name of the specialty track", required=True),
    Field("summary", Text(300), "One or two sentences on who the track serves", required=True),
    Field("description", Text(3000, multiline=True), "What the track offers and how to reach it", required=True),
    Field("sources", ListOf(SOURCE, min_items=1), WHOLE_ENTRY_DOC, required=True),
    LAST_VERIFIED,
], rules=(_whole_entry_sources,))


# The fields of a centre a maintainer or its staff can confirm, each with when, how and by whom.
CONFIRMABLE = ("name", "phone", "address", "website", "hours", "opening_hours", "eligibility", "languages")
CONFIRMATION = Obj([
    Field("on", Date(not_future=True), "The day it was confirmed (YYYY-MM-DD)", required=True),
    Field("how", Choice(CONFIRMED_HOW), "phone, email, visit or own-page", required=True),
    Field("by", Text(80), "Who confirmed it: a maintainer's GitHub login or the centre staff's role, never a "
          "private person's name", required=True),
])


def _requires_place(record: dict, path: tuple, check: Check) -> None:
    if "address" not in record and not record.get("regions") and not record.get("towns"):
        check.report(path, "give an address (with at least a town), the regions the centre serves or the towns the "
                           "programme serves")


def _sourced_facts(record: dict, path: tuple, check: Check) -> None:
    """Every fact a visitor is shown has a source that gives it; a confirmed entry says when."""
    if record.get("verification") == "confirmed" and "confirmed_on" not in record:
        check.report(path + ("verification",), "a confirmed entry needs 'confirmed_on: YYYY-MM-DD', the day a "
                                               "maintainer confirmed it with the centre")
    for i, source in enumerate(record["sources"]):
        if "supports" not in source:
            check.report(path + ("sources", i), "missing required field 'supports' (the fields of this entry that "
                                                "the page gives, e.g. [street, phone])")
    supported = {name for source in record["sources"] for name in source.get("supports", ())}
    shown: list[tuple[str, tuple[str, ...]]] = [(name, (name,)) for name in MUST_SUPPORT if name in record]
    shown += [(name, ("address", name)) for name in ("street", "zip") if name in record.get("address", {})]
    if "address" in record and not record["address"].keys() & {"street", "zip"}:  # else their sources give it
        shown.append(("town", ("address", "town")))
    for name, where in shown:
        if name not in supported:
            check.report(path + where, f"no source supports the {name} shown here; add '{name}' to the supports of "
                                       "the dated source that gives it, or remove the field")


CENTER = Obj([
    Field("id", Slug(), "Stable id, used in the page URL /centers/<id>/; never change it", required=True),
    Field("former_ids", ListOf(Slug()), "Ids this entry had before a rename; their old URLs redirect here"),
    Field("name", Text(120), "Name as the centre uses it", required=True),
    Field("type", Choice(CENTER_TYPES), "prsc: free drop-in centre (DPH/BSAS funded); rlc: peer-run network "
          "(DMH funded); program: specialty programme site such as Moms Do Care", required=True),
    Field("host", Text(120), "The organisation that runs it"),
    Field("funder", Text(120), "Who funds it, as the source says"),
    Field("address", ADDRESS, "Main address; at least the town"),
    Field("location", LOCATION, "Exact coordinates of the main address, when known (else the town centre is used)"),
    Field("sites", ListOf(SITE), "Other sites of the same network (RLC resource centres)"),
    Field("regions", ListOf(RegionId()), "Regions the centre serves (RLC catchment areas)"),
    Field("towns", ListOf(Town()), "The cities and towns a programme serves, as its source names them"),
    Field("since", PartialDate(), "When the programme began, as a source gives it: YYYY-MM-DD, \"YYYY-MM\" or YYYY"),
    Field("phone", Phone(), "Main phone number, e.g. '(617) 555-0100'"),
    Field("website", Url(), "The centre's own website"),
    Field("hours", Text(300), "Opening hours as the source gives them"),
    Field("opening_hours", ListOf(Pattern(r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
                                          r"(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)* "
                                          r"[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]",
                                          "opening hours in schema.org form", "Mo-Fr 09:00-17:00")),
          "The same hours in machine-readable form, one line per rule, e.g. 'Mo-Fr 09:00-17:00'"),
    Field("services", ListOf(Text(200)), "What the centre offers"),
    Field("eligibility", Text(300), "Who may come (age, sobriety, cost)"),
    Field("languages", ListOf(Language()), "Languages spoken, as ISO 639-1 codes"),
    Field("tracks", ListOf(Ref("tracks")), "Specialty tracks this site offers (ids from tracks.yaml)"),
    Field("virtual", Text(300, numbers=True), "Virtual options (online meetings, phone lines)"),
    Field("notes", Text(1000, multiline=True), "Anything a visitor should know, such as a recent move"),
    Field("conflicts", Text(600, multiline=True), "Where sources disagree: what each says, shown to visitors"),
    Field("status", Choice({"moved": "It left the address its sources give", "closed": "It no longer runs"}),
          "moved: it left the address shown and no dated page gives where it is now; closed: it no longer runs. "
          "A dated source must support it. Never ranked as a nearest place"),
    Field("verification", Choice(VERIFICATION), "How far the entry has been checked: state-list (on the state's "
          "list only), sourced (on cited, dated pages) or confirmed (with the centre)", required=True),
    Field("confirmed_on", Date(not_future=True), "The day a maintainer confirmed the entry with the centre"),
    Field("confirmed", Obj([Field(name, CONFIRMATION, f"When, how and by whom the {name.replace('_', ' ')} was "
                                  "confirmed") for name in CONFIRMABLE]),
          "Per field, the confirmation with the centre: {on, how, by}, e.g. phone: {on: 2026-12-04, how: phone, by: "
          "maintainer-login}. The listing reads 'confirmed' while its phone and address were confirmed recently "
          "enough (Limits.confirmed_months in generator/settings.py)"),
    Field("sources", ListOf(SOURCE, min_items=1), SOURCES_DOC, required=True),
    LAST_VERIFIED,
], rules=(_requires_place, _sourced_facts))

def _certified_needs_expiry(carc: dict, path: tuple, check: Check) -> None:
    if carc.get("status") == "certified" and "expires" not in carc:
        check.report(path, "a certified CARC needs its expiry date; add 'expires: YYYY-MM-DD'")


CARC = Obj([
    Field("status", Choice({"certified": "Holds a current CARC", "in_progress": "Working toward the CARC"}),
          "Certified Addiction Recovery Coach credential status", required=True),
    Field("expires", Date(), "Expiry date of the credential (YYYY-MM-DD)"),
], rules=(_certified_needs_expiry,))

SERVES = Obj([
    Field("towns", ListOf(Town()), "Cities and towns the coach meets people in"),
    Field("regions", ListOf(RegionId()), "Regions the coach covers"),
    Field("statewide", Bool(), "Works with people anywhere in Massachusetts (by phone or video)"),
])

CONSENT_MISSING = ("a real coach is listed only with their consent; add 'consent:' with its 'date' and 'how' it was "
                   "given (the address of the listing request, or a reference to a signed form)")


def _coach_rules(record: dict, path: tuple, check: Check) -> None:
    example = record.get("example", False)
    if not example and "consent" not in record:
        check.report(path, CONSENT_MISSING)
    phone = record.get("phone")
    if phone and example and not FICTIONAL_PHONE.fullmatch(phone[:14]):
        check.report(path + ("phone",), f"an example coach must use a fictional 555-01xx number, not '{phone}'")
    if phone and not example and FICTIONAL_PHONE.fullmatch(phone[:14]):
        check.report(path + ("phone",), f"'{phone}' is a fictional number; only example entries may use it")
    serves = record.get("serves", {})
    if not (serves.get("towns") or serves.get("regions") or serves.get("statewide")):
        check.report(path + ("serves",), "say where the coach works: towns, regions, or statewide: true")


CONSENT = Obj([
    Field("date", Date(not_future=True), "The day the coach agreed to be listed (YYYY-MM-DD)", required=True),
    Field("how", Text(300), "How the coach agreed: the address of their listing request, or a reference to a "
          "signed form, e.g. 'signed form 2026-11-12, kept by the maintainers'. Never published", required=True),
    Field("by", Pattern(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", "a GitHub account name", "rosa-example"),
          "The GitHub account that asked for the listing, when it came through the form: a later change or removal "
          "from another account is checked with the coach"),
])

COACH = Obj([
    Field("id", Slug(), "Stable id, used in the page URL /coaches/<id>/; never change it", required=True),
    Field("former_ids", ListOf(Slug()), "Ids this entry had before a rename; their old URLs redirect here"),
    Field("name", Text(100), "Name the coach works under", required=True),
    Field("example", Bool(), "true for a fictional demonstration entry (shown with an Example badge)"),
    Field("summary", Text(600, multiline=True), "A few sentences in the coach's own words"),
    Field("employer", Text(120), "The licensed behavioural health organisation that employs the coach"),
    Field("languages", ListOf(Language(), min_items=1), "Languages the coach works in, as ISO 639-1 codes",
          required=True),
    Field("carc", CARC, "CARC credential status", required=True),
    Field("two_year_recovery", Bool(), "The employer attests at least two years of sustained recovery"),
    Field("supervised", Bool(), "Supervised by a trained recovery coach supervisor"),
    Field("masshealth", Bool(), "Works for a provider contracted to bill MassHealth (H2016-HM)", required=True),
    Field("specialties", ListOf(Choice(SPECIALTIES)), "Lived experience and focus areas"),
    Field("tracks", ListOf(Ref("tracks")), "Specialty tracks (ids from tracks.yaml)"),
    Field("modes", ListOf(Choice(MODES), min_items=1), "How the coach meets people", required=True),
    Field("serves", SERVES, "Where the coach works", required=True),
    Field("phone", Phone(examples=True), "Phone number to reach the coach or their programme"),
    Field("email", Email(), "E-mail address"),
    Field("website", Url(), "Programme web page"),
    Field("consent", CONSENT, "The coach's consent to be listed (required unless example: true); kept in the "
          "repository, never shown on the site", private=True),
    Field("source", ListOf(Url(), min_items=1), "Public pages that confirm the coach's facts, such as the employer's "
          "staff page (a consented coach's own request is its source)"),
    LAST_VERIFIED,
], rules=(_coach_rules,))

def _banner_needs_a_number(line: dict, path: tuple, check: Check) -> None:
    if line.get("banner") and "call" not in line:
        check.report(path, "a line shown in the banner needs a number to call; add 'call:'")


LANGUAGE_OPTION = Obj([
    Field("language", Language(), "The language, as an ISO 639-1 code, e.g. 'es'", required=True),
    Field("press", Pattern(r"[0-9*#]{1,3}", "a key to press on the phone", '"2"', 3),
          "What to press on the call for that language, in quotes, e.g. \"2\"", required=True),
    Field("text_word", Pattern(r"[A-Z]{2,20}", "a word in capitals", "AYUDA", 20),
          "The word a text in that language starts with, e.g. AYUDA for 988 in Spanish; that language's banner "
          "names it (the line needs `text:`)"),
])

HELP_LINE = Obj([
    Field("id", Slug(), "Stable id", required=True),
    Field("name", Text(100), "Name of the line", required=True),
    Field("short_name", Text(40), "Short name for the banner on small screens, e.g. 'Substance Use Helpline'"),
    Field("call", HelpNumber(), "Number to call: '(800) 327-5050', or a short code such as '988' or '2-1-1'"),
    Field("text", HelpNumber(), "Number to text, when texting works, written as 'call' is"),
    Field("tty", Phone(), "TTY number for deaf and hard-of-hearing callers, e.g. '(800) 497-4648'"),
    Field("chat", Url(), "Web chat address"),
    Field("description", Text(300, numbers=True), "What the line is for and when it is open", required=True),
    Field("options", Text(300, numbers=True), "Options on the call, such as language or veterans lines"),
    Field("language_options", ListOf(LANGUAGE_OPTION),
          "Keys to press for a language on the call; pages in that language name it in the banner"),
    Field("banner", Bool(), "Show in the help banner on every page"),
    Field("sources", ListOf(SOURCE, min_items=1), WHOLE_ENTRY_DOC, required=True),
    LAST_VERIFIED,
], rules=(_banner_needs_a_number, _whole_entry_sources))


ANSWERS = {
    "naloxone": "naloxone at any pharmacy without a prescription, and the Overdose Prevention Helpline",
    "treatment": "the Substance Use Helpline, which finds treatment, and FindTreatment.gov",
    "meetings": "how peer centres and RLCs host groups, and the fellowships' own meeting finders",
    "sober-homes": "what a certified sober home is, and the certifying body's (MASH's) list",
    "language": "help in your language: a free interpreter",
    "crisis": "988, the Suicide & Crisis Lifeline",
}


def _some_words(record: dict, path: tuple, check: Check) -> None:
    if not any(record.get(code) for code in ("en", "es", "pt")):
        check.report(path, "an entry needs words people type, under en, es or pt")


WORD = Obj([
    Field("id", Slug(), "Stable id", required=True),
    Field("answer", Choice(ANSWERS), "The answer card shown first for these words (templates/answers.html)",
          required=True),
    *(Field(code, ListOf(Text(60), min_items=1), f"What people type in {name}, e.g. {example}")
      for code, name, example in (("en", "English", "[narcan, naloxone]"), ("es", "Spanish", "[naloxona]"),
                                  ("pt", "Portuguese", "[naloxona]"))),
    Field("language", Pattern(r"[a-z]{2,3}(-[A-Z][a-z]{3})?", "a language code", "vi", 8),
          "For a language's names: its code, so the answer links to /help/<code>/ once that page exists"),
], rules=(_some_words,))


PERSONAL = ("name", "town", "reason", "source")  # what a retired centre may keep and a retired coach may not


def _retired_rules(record: dict, path: tuple, check: Check) -> None:
    """A centre keeps its name and the reason it closed; a coach who left keeps nothing personal."""
    if record.get("registry") == "coaches":
        for name in PERSONAL:
            if name in record:
                check.report(path + (name,), f"remove '{name}': a retired coach entry keeps only id, registry and "
                             "retired_on, because a removed person's name and details must not stay in the "
                             "repository or on the site")
        return
    for name in ("name", "reason"):
        if name not in record:
            check.report(path, f"missing required field '{name}' ({RETIRED_FIELDS[name]})")


RETIRED_FIELDS = {
    "name": "The name it was listed under (centres only; never for a coach)",
    "reason": "Why, in a sentence a visitor can read, e.g. 'The centre closed in 2026.' (centres only)",
}
RETIRED = Obj([
    Field("id", Slug(), "The id the listing had; its URL keeps a page saying it is no longer listed", required=True),
    Field("registry", Choice({"centers": "a centre, RLC or programme", "coaches": "a coach"}),
          "Which registry the listing was in", required=True),
    Field("name", Text(120), RETIRED_FIELDS["name"]),
    Field("town", Town(), "Its town, so the page can suggest the nearest alternatives (centres only)"),
    Field("retired_on", Date(not_future=True), "When it was taken off the registry (YYYY-MM-DD)", required=True),
    Field("reason", Text(300), RETIRED_FIELDS["reason"]),
    Field("source", ListOf(Url()), "Pages that confirm the closure or change (centres only)"),
], rules=(_retired_rules,))


@dataclass(frozen=True)
class Registry:
    """A YAML file holding one list of records under one top-level key."""

    key: str
    file: str
    record: Obj
    title: str

    def schema(self) -> dict:
        """The draft-07 JSON Schema of the whole file."""
        return {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "$id": f"schema/{self.key}.schema.json",
            "title": self.title,
            "type": "object",
            "additionalProperties": False,
            "required": [self.key],
            "properties": {self.key: {"type": "array", "items": self.record.schema()}},
        }


REGISTRIES = (
    Registry("tracks", "tracks.yaml", TRACK, "Specialty tracks"),
    Registry("help_lines", "help.yaml", HELP_LINE, "Help lines shown on every page"),
    Registry("centers", "centers.yaml", CENTER, "Peer Recovery Support Centers, RLCs and programme sites"),
    Registry("coaches", "coaches.yaml", COACH, "Peer recovery coaches"),
    Registry("retired", "retired.yaml", RETIRED, "Listings no longer on the registry, whose URLs stay alive"),
    Registry("words", "words.yaml", WORD, "Words people search for, and the answer card each gets first"),
)
LINKED = ("centers", "coaches")  # registries whose ids are public URLs that must never break

REGISTRY = {registry.key: registry for registry in REGISTRIES}
