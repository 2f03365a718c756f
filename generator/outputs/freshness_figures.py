"""How fresh the listings are, in figures: computed once here for the public /freshness/ page, its
/api/v1/freshness.json and the maintainers' report (issue 23), so the three never disagree."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..labels import VERIFICATION
from ..model.freshness import STANDINGS, period_end
from ..model.records import Center, Site


@dataclass(frozen=True)
class Band:
    """Phone numbers whose newest source is at least `low` and under `high` months old (None: no upper end)."""

    low: int
    high: int | None
    count: int


@dataclass(frozen=True)
class Counts:
    """One set of figures: for the whole registry or for one region."""

    listings: int
    levels: dict[str, int]  # verification level -> listings (VERIFICATION's order)
    standings: dict[str, int]  # standing -> listings (STANDINGS' order)
    without_number: int  # listings without a number of their own (their pages give the Helpline)


@dataclass(frozen=True)
class Figures:
    as_of: str
    total: Counts
    phone_median_months: int | None  # age of the newest source of each listing's own number, in whole months
    phone_bands: tuple[Band, ...]
    regions: dict[str, Counts]  # region name -> its listings' figures (a listing serving several counts in each)
    source_years: int
    ended_years: int
    confirmed_months: int


def _counts(centers: list[Center]) -> Counts:
    return Counts(len(centers), {level: sum(c.verification == level for c in centers) for level in VERIFICATION},
                  {standing: sum(c.standing == standing for c in centers) for standing in STANDINGS},
                  sum(not c.phone for c in centers))


def _regions(site: Site, center: Center) -> list[str]:
    """The regions a listing is in: its address's, else those it serves, else its towns'."""
    towns = site.places.towns
    ids = ([towns[center.address.town].region] if center.address else list(center.regions) or
           list(dict.fromkeys(towns[t].region for t in center.towns)))
    return [site.places.regions[r].name for r in ids]


def phone_age(site: Site, center: Center) -> int | None:
    """Whole months since the newest source giving the listing's own number (its date's last day)."""
    source = center.provenance.get("phone") if center.phone else None
    if not source:
        return None
    day, today = period_end(source.date), site.today
    return max(0, (today.year - day.year) * 12 + today.month - day.month - (today.day < day.day))


def figures(site: Site) -> Figures:
    limits = site.settings.limits
    ages = [age for c in site.centers if (age := phone_age(site, c)) is not None]
    edges = [0, 12, 12 * limits.source_years, 12 * limits.ended_years]
    bands = tuple(Band(low, high, sum(low <= a < high if high is not None else a >= low for a in ages))
                  for low, high in zip(edges, [*edges[1:], None], strict=True))
    by_region: dict[str, list[Center]] = {region.name: [] for region in site.places.regions.values()}
    for center in site.centers:
        for name in _regions(site, center):
            by_region[name].append(center)
    return Figures(site.today.isoformat(), _counts(list(site.centers)),
                   int(statistics.median_low(ages)) if ages else None, bands,
                   {name: _counts(centers) for name, centers in by_region.items()},
                   limits.source_years, limits.ended_years, limits.confirmed_months)


def band_words(band: Band) -> str:
    """'under 12 months', '12 to 23 months', '36 months or more'."""
    if band.low == 0:
        return f"under {band.high} months"
    return f"{band.low} months or more" if band.high is None else f"{band.low} to {band.high - 1} months"


def as_lines(f: Figures) -> list[str]:
    """The figures as the report prints them (plain text; each line also a Markdown list item)."""
    t = f.total
    lines = [f"listings: {t.listings}",
             "by verification: " + ", ".join(f"{k} {v}" for k, v in t.levels.items()),
             "by standing: " + ", ".join(f"{k} {v}" for k, v in t.standings.items()),
             f"without a number of their own: {t.without_number}",
             f"age of phone facts: median {f.phone_median_months} months; " +
             ", ".join(f"{band_words(b)} {b.count}" for b in f.phone_bands)]
    lines += [f"{name}: {c.listings} listings, confirmed {c.levels['confirmed']}, without a number "
              f"{c.without_number}, may have ended {c.standings['may-have-ended']}, moved or closed "
              f"{c.standings['moved'] + c.standings['closed']}" for name, c in f.regions.items()]
    return lines
