"""The call sheet: every centre and programme listing, the riskiest first, with the number to call, a short
script and blanks to fill, for a maintainer or volunteer confirming listings by phone (issue 23).

The risks and their order are declared once, in RISKS. Listings are ordered by the first risk in that list
that applies to them, then the next, and so on; then by the oldest newest-information date; then by name.
The sheet is returned as text (CSV, Markdown) or a printable HTML page; the app layer writes it."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
from collections.abc import Callable
from dataclasses import dataclass

from ..labels import LANGUAGE_NAMES, long_date
from ..model.freshness import period_end
from ..model.records import Center, Site

# The state's list of Peer Recovery Support Centers: a public copy, one source for most centres' numbers.
STATE_LIST_TITLE = "The state's list of Peer Recovery Support Centers"


def state_list_phone(center: Center) -> bool:
    """Its number rests only on the state's list: the listing is state-list, or every source giving the
    phone is the state's list."""
    phones = [s for s in center.sources if "phone" in s.supports]
    return bool(center.phone) and (center.verification == "state-list" or
                                   all(s.title.startswith(STATE_LIST_TITLE) for s in phones))


@dataclass(frozen=True)
class Risk:
    code: str
    words: str  # as the sheet says it
    applies: Callable[[Center], bool]


RISKS = (
    Risk("state-list-phone", "number only on the state's list", state_list_phone),
    Risk("old-facts", "some facts may have changed (their sources are old)", lambda c: bool(c.changed_facts)),
    Risk("conflicts", "sources disagree", lambda c: bool(c.conflicts)),
    Risk("moved-or-ended", "may have ended, moved or closed", lambda c: c.may_have_ended or c.gone),
)


@dataclass(frozen=True)
class Row:
    """One listing on the sheet, with its script."""

    rank: int
    center: Center
    number: str
    helpline: bool  # the number is the Helpline's: the listing has none of its own
    risks: tuple[str, ...]  # the words of each risk that applies
    script: tuple[str, ...]  # the questions to ask, with what the listing says now


def oldest_fact(center: Center) -> str | None:
    """The date of the oldest shown fact's newest source: how stale the stalest fact is."""
    return min((s.date for s in center.provenance.values()), key=period_end, default=None)


def _sort_key(center: Center) -> tuple:
    oldest = oldest_fact(center)
    return (tuple(not risk.applies(center) for risk in RISKS), period_end(oldest) if oldest else dt.date.min,
            center.name, center.id)


def _script(center: Center, helpline: bool) -> tuple[str, ...]:
    listed = lambda value: f"(we list: {value})" if value else "(we list nothing)"  # noqa: E731
    first = (f"Ask the Helpline for the number of {center.name}, then call it." if helpline else
             f"Is this the number for {center.name}?")
    languages = ", ".join(LANGUAGE_NAMES.get(code, code) for code in center.languages)
    return (first,
            f"Is the address still right? {listed(center.address.line if center.address else '')}",
            f"When are you open? {listed(center.hours)}",
            f"Who can come? {listed(center.eligibility)}",
            f"Which languages do you speak with visitors? {listed(languages)}",
            "Can people walk in, or do they need an appointment?")


def rows(site: Site) -> tuple[Row, ...]:
    """Every centre and programme listing, the riskiest first (RISKS)."""
    line = site.check_line
    out = []
    for rank, center in enumerate(sorted(site.centers, key=_sort_key), start=1):
        helpline = not center.phone
        number = center.phone or (line.call if line and line.call else "")
        out.append(Row(rank, center, number, helpline, tuple(r.words for r in RISKS if r.applies(center)),
                       _script(center, helpline)))
    return tuple(out)


def _newest(center: Center) -> str:
    return center.newest_source or "none"


BLANKS = ("reached (name or role)", "number right / new number", "address right / new address", "hours",
          "who can come", "languages", "walk-in or appointment", "date", "how (phone, email, visit, own-page)",
          "by (your login)")


def as_csv(sheet: tuple[Row, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("rank", "id", "name", "number", "whose number", "risks", "newest information", "address",
                     "hours", "who can come", "languages", *BLANKS))
    for row in sheet:
        c = row.center
        writer.writerow((row.rank, *map(_inert, (c.id, c.name, row.number, "Helpline" if row.helpline else "listing",
                         "; ".join(row.risks), _newest(c), c.address.line if c.address else "", c.hours or "",
                         c.eligibility or "", " ".join(c.languages))), *("" for _ in BLANKS)))
    return out.getvalue()


def _inert(text: str) -> str:
    """A cell a spreadsheet shows as text: one that starts like a formula (=, +, -, @, tab, return) gets a ' first,
    so that data can never run as a formula on the caller's computer."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _cell(text: str) -> str:
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def as_markdown(sheet: tuple[Row, ...], title: str) -> str:
    lines = [f"## {title}", "", "| # | listing | number | why call | newest information |", "|---|---|---|---|---|"]
    lines += [f"| {r.rank} | {_cell(r.center.name)} (`{r.center.id}`) | {_cell(r.number)}"
              f"{' (Helpline)' if r.helpline else ''} | {_cell('; '.join(r.risks) or 'routine check')} | "
              f"{_newest(r.center)} |" for r in sheet]
    return "\n".join(lines) + "\n"


PRINT_CSS = """@page { size: auto; margin: 15mm; }
body { font: 11pt/1.35 system-ui, sans-serif; color: #000; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 16pt; } h2 { font-size: 12.5pt; margin: 0 0 2mm; }
section { break-inside: avoid; border-top: 1px solid #000; padding: 3mm 0; }
ol { margin: 1mm 0; padding-left: 6mm; } li { margin: 1mm 0; }
.blank { display: inline-block; min-width: 70mm; border-bottom: 1px solid #000; }
.risk { font-weight: bold; }"""


def as_html(sheet: tuple[Row, ...], title: str) -> str:
    """A page to print on Letter or A4: no script, no links, no form controls."""
    e = html.escape
    parts = ["<!doctype html>", '<html lang="en">', "<head>", '<meta charset="utf-8">', f"<title>{e(title)}</title>",
             f"<style>\n{PRINT_CSS}\n</style>", "</head>", "<body>", f"<h1>{e(title)}</h1>",
             "<p>Call each listing, ask the questions and fill in the blanks; then file a “Confirm a listing” "
             "request with what you heard.</p>"]
    for row in sheet:
        c = row.center
        whose = " (the Helpline: the listing has no number of its own)" if row.helpline else ""
        parts += ["<section>", f"<h2>{row.rank}. {e(c.name)}</h2>",
                  f"<p>Call <strong>{e(row.number)}</strong>{e(whose)}. Id: {e(c.id)}. "
                  f"Newest information: {e(_newest(c))}.</p>",
                  f'<p class="risk">Why call: {e("; ".join(row.risks) or "routine check")}</p>', "<ol>"]
        parts += [f"<li>{e(q)}<br><span class=\"blank\">&nbsp;</span></li>" for q in row.script]
        parts += ["</ol>", "<p>" + " ".join(f"{e(label.capitalize())}: <span class=\"blank\">&nbsp;</span>"
                                            for label in ("reached", "date", "how", "by")) + "</p>", "</section>"]
    return "\n".join(parts + ["</body>", "</html>"]) + "\n"


def title(site: Site) -> str:
    return f"Call sheet as of {long_date(site.today)}"
