"""The typed, frozen records the site is drawn from.

Each record keeps the fields of its declaration in registry/schema.py under the same names (a
test holds them together), plus what enrich derives once: positions, links between records, the
CARC status as of the build date. Nothing changes a record after it is built; templates and
exports read attributes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import quote

from ..registry.places import Places
from ..settings import Settings

CALL_BEFORE = ("sourced", "state-list")  # verification levels that ask visitors to call first
CONFIRMS_LISTING = ("phone", "address")  # a listing reads "confirmed" only while both of these are
CHECK_LINE = "ma-substance-use-helpline"  # the help line a listing without a number of its own gives
NATIONAL_LINE = "samhsa-helpline"  # the line offered to a place outside Massachusetts
STATE_LIST = ("https://github.com/timspit/ccb_foundation/blob/6d42b5ecacb43248687213e260677a97d485ddad/"
              "ma_recovery_directory/data/peer_recovery_centers.csv")  # the public copy of the state's list


def tel_href(number: str) -> str:
    """'(800) 327-5050' -> 'tel:+18003275050'; short codes such as 988 and 2-1-1 -> 'tel:988', 'tel:211'.
    An extension, stored as '(413) 555-0100 ext. 12', goes in its own part, 'tel:+14135550100;ext=12'
    (RFC 3966), so a phone never dials its digits as part of the number."""
    line, _, extension = number.partition(" ext. ")
    digits = re.sub(r"\D", "", line)
    href = f"tel:+1{digits}" if len(digits) == 10 else f"tel:{digits}"
    return f"{href};ext={extension}" if extension else href


# Directions open the visitor's choice of route on OpenStreetMap, only when they tap: no request before that.
DIRECTIONS = "https://www.openstreetmap.org/directions?to="


def sms_href(number: str) -> str:
    """A text message goes to the number itself, never to an extension."""
    return "sms:" + tel_href(number.partition(" ext. ")[0]).removeprefix("tel:")


@dataclass(frozen=True)
class Position:
    """Where a place is: given in the data, found by the geocoder, or only the centre of its ZIP code or town."""

    lat: float
    lon: float
    source: str  # "data" | "geocoded" | "zip" | "town"

    @property
    def approximate(self) -> bool:
        return self.source in ("zip", "town")

    @property
    def precision(self) -> Literal["exact", "zip", "town"]:
        """The precision ladder: "exact" (given or geocoded), else "zip" (its ZIP code's centre), else "town"."""
        return "zip" if self.source == "zip" else "town" if self.source == "town" else "exact"


@dataclass(frozen=True)
class Address:
    town: str
    line: str  # 'street, place (town), MA ZIP', as pages print it
    street: str | None = None
    place: str | None = None
    zip: str | None = None


@dataclass(frozen=True)
class Location:
    """One more site of a network (an RLC's resource centres)."""

    name: str
    address: Address
    position: Position
    # The dated pages that give this site, in the data's order: its own page first, then any that only fill in a
    # part of its address (the ZIP code from USPS data).
    sources: tuple[Source, ...] = ()


@dataclass(frozen=True)
class Source:
    """A page where facts of an entry can be checked, with its own date and the fields it gives."""

    url: str
    title: str
    date: str  # 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    supports: tuple[str, ...] = ()  # the fields of a centre it gives; a track's or help line's names none
    titles: tuple[tuple[str, str], ...] = ()  # (language, translated title)
    ends: dt.date | None = None  # the last day of the programme's term, when the page gives one

    def title_in(self, language: str) -> str | None:
        """The title translated into that language, when the data gives it (`titles:`)."""
        return dict(self.titles).get(language)


@dataclass(frozen=True)
class Confirmation:
    """A field confirmed with the centre: the day, how (phone, email, visit, own-page) and by whom."""

    on: dt.date
    how: str
    by: str


@dataclass(frozen=True)
class Track:
    id: str
    name: str
    summary: str
    description: str
    sources: tuple[Source, ...]
    last_verified: dt.date
    # Filled in once coaches and centres are known; the copy a coach or centre links to has none.
    coaches: tuple[Coach, ...] = ()
    coach_total: int = 0
    centers: tuple[Center, ...] = ()
    center_total: int = 0

    @property
    def url(self) -> str:
        return f"tracks/{self.id}/"


@dataclass(frozen=True)
class Center:
    """A Peer Recovery Support Center, Recovery Learning Community or programme site."""

    id: str
    name: str
    type: str
    verification: str  # derived by model/freshness.py: 'confirmed' only while phone and address confirmations are fresh
    sources: tuple[Source, ...]
    last_verified: dt.date
    position: Position | None = None  # of the main address; None for an RLC known only by its regions
    former_ids: tuple[str, ...] = ()
    host: str | None = None
    funder: str | None = None
    address: Address | None = None
    sites: tuple[Location, ...] = ()
    regions: tuple[str, ...] = ()
    region_names: tuple[str, ...] = ()
    towns: tuple[str, ...] = ()  # the towns a programme serves
    town_links: tuple[TownLink, ...] = ()
    since: str | None = None  # when a programme began: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    phone: str | None = None
    website: str | None = None
    hours: str | None = None
    opening_hours: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    eligibility: str | None = None
    languages: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    track_list: tuple[Track, ...] = ()
    virtual: str | None = None
    notes: str | None = None
    conflicts: str | None = None
    confirmed_on: dt.date | None = None  # derived: the older of the phone's and address's confirmations, while fresh
    confirmed: dict[str, Confirmation] = field(default_factory=dict)  # a confirmable field -> its confirmation
    town_slug: str | None = None
    map_focus: str | None = None  # 'lat,lon,zoom' of the first located place, for the map
    provenance: dict[str, Source] = field(default_factory=dict)  # a shown fact -> the newest source giving it
    status: str | None = None  # declared in the data: 'moved' or 'closed', with a source supporting it
    # Derived by model/freshness.py as of the build date:
    newest_source: str | None = None  # date of the newest source: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    changed_facts: tuple[str, ...] = ()  # provenance keys whose newest source is over Limits.source_years old
    ends: dt.date | None = None  # the earliest end of term its sources give (a grant's, an award's)
    standing: str = "current"  # current | may-have-changed | may-have-ended | moved | closed

    @property
    def url(self) -> str:
        return f"centers/{self.id}/"

    @property
    def location(self) -> Position | None:
        """The coordinates the data gives, if any."""
        return self.position if self.position and self.position.source == "data" else None

    @property
    def call_before(self) -> bool:
        return self.verification in CALL_BEFORE

    @property
    def confirmation(self) -> Confirmation | None:
        """What makes the listing read "confirmed" (its page says how and when): the older of its phone's and
        address's confirmations; None for a listing confirmed only by a declared `confirmed_on`, or not at all."""
        return next((self.confirmed[name] for name in CONFIRMS_LISTING
                     if name in self.confirmed and self.confirmed[name].on == self.confirmed_on), None)

    @property
    def may_have_ended(self) -> bool:
        """Ranked after current choices: its term has passed, or a programme's evidence is old."""
        return self.standing == "may-have-ended"

    @property
    def gone(self) -> bool:
        """Moved or closed: never a nearest place with a distance."""
        return self.standing in ("moved", "closed")

    @property
    def phone_href(self) -> str | None:
        return tel_href(self.phone) if self.phone else None

    @property
    def directions_url(self) -> str | None:
        """Directions to its street address: to the point the data or the geocoder gives, else to the address
        as written; None without a street (a town's centre would send a visitor to the wrong door)."""
        if not (self.address and self.address.street):
            return None
        there = (f"{self.position.lat:.5f},{self.position.lon:.5f}" if self.position and not self.position.approximate
                 else self.address.line)
        return DIRECTIONS + quote(there, safe=",")

    def note(self, key: str) -> int | None:
        """The number of the source giving a shown fact in the page's numbered list of sources (1 first)."""
        source = self.provenance.get(key)
        return self.sources.index(source) + 1 if source in self.sources else None

    @property
    def phone_from_state_list(self) -> bool:
        """Its number rests only on the state's list: shown with the help line "if no one answers"."""
        phone_sources = [s for s in self.sources if "phone" in s.supports]
        return bool(self.phone) and (self.verification == "state-list"
                                     or all(s.url == STATE_LIST for s in phone_sources))


@dataclass(frozen=True)
class Carc:
    status: str  # certified | in_progress
    expires: dt.date | None = None


@dataclass(frozen=True)
class CarcStatus:
    """The credential as of the build date."""

    state: str  # current | renewal_due | expired | in_progress
    expires: dt.date | None = None


@dataclass(frozen=True)
class Serves:
    towns: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    statewide: bool | None = None


@dataclass(frozen=True)
class TownLink:
    name: str
    url: str


@dataclass(frozen=True)
class Coach:
    id: str
    name: str
    languages: tuple[str, ...]
    carc: Carc
    carc_status: CarcStatus
    masshealth: bool
    modes: tuple[str, ...]
    serves: Serves
    last_verified: dt.date
    former_ids: tuple[str, ...] = ()
    example: bool | None = None  # given in the data as true for a fictional entry
    summary: str | None = None
    employer: str | None = None
    two_year_recovery: bool | None = None
    supervised: bool | None = None
    specialties: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    track_list: tuple[Track, ...] = ()
    serves_towns: tuple[TownLink, ...] = ()
    serves_regions: tuple[str, ...] = ()  # region names
    phone: str | None = None
    email: str | None = None
    website: str | None = None
    source: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"coaches/{self.id}/"

    @property
    def listed(self) -> bool:
        """In the default results (lists, towns, tracks, /find/): not while the CARC has expired.
        The profile stays at its URL and says so."""
        return self.carc_status.state != "expired"

    @property
    def statewide(self) -> bool:
        return bool(self.serves.statewide)

    @property
    def phone_href(self) -> str | None:
        return tel_href(self.phone) if self.phone else None


@dataclass(frozen=True)
class LanguageOption:
    language: str
    press: str
    text_word: str | None = None  # the word a text in this language starts with (988: AYUDA)


@dataclass(frozen=True)
class Word:
    """Words people type (data/words.yaml, every language's together) and the answer card they get first."""

    id: str
    answer: str
    words: tuple[str, ...]
    language: str | None = None


@dataclass(frozen=True)
class HelpLine:
    id: str
    name: str
    description: str
    sources: tuple[Source, ...]
    last_verified: dt.date
    short_name: str | None = None
    call: str | None = None
    text: str | None = None
    tty: str | None = None
    chat: str | None = None
    options: str | None = None
    language_options: tuple[LanguageOption, ...] = ()
    banner: bool = False

    @property
    def call_href(self) -> str | None:
        return tel_href(self.call) if self.call else None

    @property
    def text_href(self) -> str | None:
        return sms_href(self.text) if self.text else None

    def text_word(self, language: str) -> str | None:
        """The word a text in that language starts with, when the line has one (988: AYUDA for Spanish)."""
        return next((o.text_word for o in self.language_options if o.language == language and o.text_word), None)

    @property
    def tty_href(self) -> str | None:
        return tel_href(self.tty) if self.tty else None


@dataclass(frozen=True)
class Nearby:
    """A centre and its distance from a town, in miles, and the crossings it was measured through
    (model/travel.py; "" for a straight line)."""

    center: Center
    miles: float
    via: str = ""


@dataclass(frozen=True)
class AreaRlc:
    """The RLC whose area a town is in, with its site nearest the town when one is located."""

    center: Center
    site: Location | None = None
    miles: float | None = None
    via: str = ""


@dataclass(frozen=True)
class TownView:
    name: str
    slug: str
    county: str
    region: str
    region_name: str
    lat: float
    lon: float
    map_focus: str
    centers: tuple[Nearby, ...] = ()  # nearest PRSCs
    changed: tuple[Center, ...] = ()  # moved or closed listings that would be among the nearest, without a distance
    programs: tuple[Nearby, ...] = ()
    more_programs: bool = False
    serving_programs: tuple[Center, ...] = ()  # programmes that name the town among those they serve
    rlcs: tuple[AreaRlc, ...] = ()
    coaches: tuple[Coach, ...] = ()
    more_coaches: bool = False
    tracks: tuple[Track, ...] = ()
    villages: tuple[str, ...] = ()
    zips: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"towns/{self.slug}/"


@dataclass(frozen=True)
class Retired:
    """A listing taken off the registry, whose URL keeps a page with alternatives near its town. A
    retired coach has no name, town or reason: the page says only that this coach is no longer listed."""

    id: str
    registry: str
    retired_on: dt.date
    name: str | None = None
    reason: str | None = None
    town: str | None = None
    source: tuple[str, ...] = ()
    town_view: TownView | None = None
    alternatives: tuple[Center, ...] = ()

    @property
    def url(self) -> str:
        return f"{self.registry}/{self.id}/"


@dataclass(frozen=True)
class Site:
    """Everything the pages and exports are drawn from: the records, the gazetteer, the settings."""

    settings: Settings
    places: Places
    tracks: tuple[Track, ...]
    help_lines: tuple[HelpLine, ...]
    centers: tuple[Center, ...]
    coaches: tuple[Coach, ...]
    towns: tuple[TownView, ...]
    retired: tuple[Retired, ...] = ()
    words: tuple[Word, ...] = ()

    @property
    def today(self) -> dt.date:
        return self.settings.today

    @property
    def listed_coaches(self) -> tuple[Coach, ...]:
        """The coaches default results show: those whose CARC has not expired."""
        return tuple(c for c in self.coaches if c.listed)

    @property
    def check_line(self) -> HelpLine | None:
        """The line that can confirm a centre and its hours, for listings without a number of their own."""
        return next((line for line in self.help_lines if line.id == CHECK_LINE and line.call), None)

    @property
    def banner(self) -> tuple[HelpLine, ...]:
        return tuple(line for line in self.help_lines if line.banner)
