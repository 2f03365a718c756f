"""How old a listing's evidence is on the build date, so no page reads fresher than its facts.

A fact "may have changed" when its newest source is more than Limits.source_years old; a listing
"may have ended" when its own sources give an end that has passed, or, for a programme, when its newest
source is more than Limits.ended_years old (a page that gives only the address of the building it is in, a
hospital's, says nothing of whether it still runs: `evidence`); "moved" and "closed" are declared in the data
with their source. A source dated only by its year or month counts as of its last day."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping

from ..settings import Limits
from .records import CONFIRMS_LISTING, Confirmation, Source

STANDINGS = ("current", "may-have-changed", "may-have-ended", "moved", "closed")  # the least doubt first
LOCATION = frozenset({"street", "zip", "place", "town"})  # what a source of the building alone supports
POSTAL = frozenset({"zip"})  # what a postal lookup supports (USPS data): nothing about the listing itself


def period_end(date: str) -> dt.date:
    """The last day a source's date can mean: '2016' -> 2016-12-31, '2026-02' -> 2026-02-28."""
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 1:
        return dt.date(parts[0], 12, 31)
    following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day `years` earlier; 29 February falls back to the 28th."""
    return day.replace(year=day.year - years, day=28 if (day.month, day.day) == (2, 29) else day.day)


def older_than(date: str, today: dt.date, years: int) -> bool:
    """Whether a source's date is more than `years` before today: exactly that many years is not."""
    return period_end(date) < years_before(today, years)


def newest_date(sources: Iterable[Source]) -> str | None:
    """The date of the newest source, as the source gives it ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD')."""
    return max((s.date for s in sources), key=period_end, default=None)


def evidence(kind: str, sources: Iterable[Source]) -> tuple[Source, ...]:
    """The sources a listing's age is judged by: not a postal lookup that gives only its ZIP code, and for a
    programme, not a page that gives only the address of the building it is in (a hospital's, its host's)."""
    sources = tuple(sources)
    about = LOCATION if kind == "program" else POSTAL
    return tuple(s for s in sources if not set(s.supports) <= about) or sources


def changed_facts(provenance: Mapping[str, Source], today: dt.date, limits: Limits) -> tuple[str, ...]:
    """The shown facts whose newest source is more than limits.source_years old, in the page's order."""
    return tuple(fact for fact, source in provenance.items() if older_than(source.date, today, limits.source_years))


def ends(sources: Iterable[Source]) -> dt.date | None:
    """The earliest end of term the sources give, if any."""
    return min((s.ends for s in sources if s.ends), default=None)


def standing(kind: str, status: str | None, sources: tuple[Source, ...], today: dt.date, limits: Limits) -> str:
    """current, may-have-changed, may-have-ended, moved or closed (one of STANDINGS): a declared move or
    closure first, then an end the sources give or a programme's old evidence, then old evidence."""
    if status:
        return status
    newest = newest_date(evidence(kind, sources))
    end = ends(sources)
    if (end and end < today) or (kind == "program" and newest and older_than(newest, today, limits.ended_years)):
        return "may-have-ended"
    if newest and older_than(newest, today, limits.source_years):
        return "may-have-changed"
    return "current"



def months_before(day: dt.date, months: int) -> dt.date:
    """The same day `months` earlier; a day the month lacks falls back to its last (31 Dec -> 30 Jun)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def fresh(on: dt.date, today: dt.date, limits: Limits) -> bool:
    """Whether a confirmation still counts: exactly Limits.confirmed_months old does, a day more does not."""
    return on >= months_before(today, limits.confirmed_months)


def verification(declared: str, confirmed_on: dt.date | None, confirmed: Mapping[str, Confirmation],
                 today: dt.date, limits: Limits) -> tuple[str, dt.date | None]:
    """The level a listing reads as, and since when it is confirmed: 'confirmed' while its phone and address
    (CONFIRMS_LISTING) were both confirmed within Limits.confirmed_months, or while a declared confirmation
    (`verification: confirmed`, `confirmed_on`) is that fresh; an older confirmation falls back to 'sourced'."""
    dates = [confirmed[name].on for name in CONFIRMS_LISTING if name in confirmed]
    if len(dates) == len(CONFIRMS_LISTING) and fresh(min(dates), today, limits):
        return "confirmed", min(dates)
    if declared == "confirmed" and confirmed_on and fresh(confirmed_on, today, limits):
        return "confirmed", confirmed_on
    if declared == "confirmed" or dates:
        return "sourced", None
    return declared, None
