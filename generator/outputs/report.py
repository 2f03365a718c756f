"""What maintainers should check next: stale entries, CARCs that lapse, centres placed only at
their town, entries not confirmed with the centre, and (for `python -m generator report`, not the
site's page) translations missing or out of date. One structured report, printed as plain text for
the terminal or as Markdown for a GitHub Actions job summary or a site page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.records import Site
from ..registry.schema import REGISTRY
from .freshness_figures import Figures, as_lines, figures
from .translation_check import check
from .translations import ENGLISH


@dataclass(frozen=True)
class Finding:
    """One entry that needs a look: where it is, what it is, and why."""

    file: str
    id: str
    name: str
    detail: str
    url: str = ""  # the finding's page on the site, when it has one


@dataclass(frozen=True)
class Section:
    title: str
    advice: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Report:
    as_of: dt.date
    sections: tuple[Section, ...]
    figures: Figures | None = None  # how fresh the listings are: the same figures as /freshness/

    @property
    def total(self) -> int:
        return sum(len(s.findings) for s in self.sections)


def months_between(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from earlier to later: 2025-11-23 -> 2026-11-23 is 12."""
    return (later.year - earlier.year) * 12 + later.month - earlier.month - (later.day < earlier.day)


def data_file(site: Site, key: str) -> str:
    """The file of a registry, named by the data folder the site was loaded from: 'data/centers.yaml' (the same
    wherever the command runs, so two builds of the same data are byte-identical)."""
    return f"{site.settings.data_dir.name}/{REGISTRY[key].file}"


def _entries(site: Site):
    """(file, record, display name) of every entry that has a last_verified date."""
    for key, records in (("centers", site.centers), ("coaches", site.coaches), ("tracks", site.tracks),
                         ("help_lines", site.help_lines)):
        file = data_file(site, key)
        for record in records:
            yield file, record, record.name + (" (example)" if getattr(record, "example", None) else "")


def _stale(site: Site) -> tuple[Finding, ...]:
    out = []
    for file, record, name in _entries(site):
        months = months_between(record.last_verified, site.today)
        if months >= site.settings.limits.stale_months:
            out.append(Finding(file, record.id, name,
                               f"last verified {record.last_verified.isoformat()} ({months} months ago)"))
    return tuple(out)


def _carc(site: Site) -> tuple[Finding, ...]:
    """Expired CARCs and those expiring within Limits.renewal_days, the soonest first."""
    lapsing = [c for c in site.coaches if c.carc_status.state in ("expired", "renewal_due")]
    return tuple(Finding(data_file(site, "coaches"), c.id, c.name + (" (example)" if c.example else ""),
                         ENGLISH.carc(c.carc_status))
                 for c in sorted(lapsing, key=lambda c: (c.carc_status.expires, c.name)))


def _town_level(site: Site) -> tuple[Finding, ...]:
    out = []
    for center in site.centers:
        places = [(center.name, center.address, center.position)] if center.address else []
        places += [(f"{center.name}: {s.name}", s.address, s.position) for s in center.sites]
        for name, address, position in places:
            if position and position.approximate:
                hint = ("has a street address: run `python -m generator geocode` or add `location:`"
                        if address.street else "no street address on the pages checked")
                centre = f"ZIP code {address.zip}" if position.precision == "zip" else address.town
                out.append(Finding(data_file(site, "centers"), center.id, name,
                                   f"placed at the centre of {centre}; {hint}"))
    return tuple(out)


def _old_facts(site: Site) -> tuple[Finding, ...]:
    """Facts shown on a centre's page whose newest source is older than the limit (model/freshness.py)."""
    return tuple(Finding(data_file(site, "centers"), center.id, center.name, "newest source: " + ", ".join(
        f"{fact} ({center.provenance[fact].date})" for fact in center.changed_facts))
        for center in site.centers if center.changed_facts)


def _conflicts(site: Site) -> tuple[Finding, ...]:
    return tuple(Finding(data_file(site, "centers"), c.id, c.name, c.conflicts) for c in site.centers if c.conflicts)


def _no_number(site: Site) -> tuple[Finding, ...]:
    return tuple(Finding(data_file(site, "centers"), c.id, c.name, "no phone; its page gives the Helpline to check it")
                 for c in site.centers if not c.phone)


def _call_before(site: Site) -> tuple[Finding, ...]:
    return tuple(Finding(data_file(site, "centers"), c.id, c.name, f"verification: {c.verification}")
                 for c in site.centers if c.call_before)


def translation_section(site: Site) -> Section:
    """Spanish and Portuguese strings and pages that are missing, unused or older than their English source.
    Reads every template, script and module of the generator: the report command adds it, builds do not."""
    problems = check(site.settings, site.places.translated_names)
    return Section("Translations missing or out of date",
                   "Translate the English text in the named file under translations/; for a page, then set its "
                   "`source_hash` to the one given (`python -m generator translations` lists them all).",
                   tuple(Finding(p.file, p.code, p.key, p.detail) for p in problems))


def data_report(site: Site, *extra: Section) -> Report:
    """Everything in the registries that a maintainer should check, as of the site's date, then `extra`."""
    return Report(site.today, figures=figures(site), sections=(
        Section(f"Not verified for {site.settings.limits.stale_months} months or more",
                "Check the entry against its sources, then update `last_verified`.", _stale(site)),
        Section(f"CARC expired or due for renewal within {site.settings.limits.renewal_days} days",
                "Ask the coach or employer for the renewed credential and update `carc.expires`.", _carc(site)),
        Section("Centres shown at the centre of their town",
                "Distances to these are approximate until the entry has exact coordinates.", _town_level(site)),
        Section('Not confirmed with the centre ("call before you go")',
                "Call the centre, confirm each field, then set `verification: confirmed`.", _call_before(site)),
        Section(f"Facts whose newest source is more than {site.settings.limits.source_years} years old",
                "Find a newer dated page, or confirm the fact with the centre, and add it to `sources`.",
                _old_facts(site)),
        Section("Sources that disagree",
                "Find out which is right (a call to the centre settles it), then correct the entry and remove "
                "`conflicts`.", _conflicts(site)),
        Section("Listings without a number of their own",
                "Find the number on a dated page or confirm it with the centre, then add `phone` and its source.",
                _no_number(site)),
        *extra,
    ))


def as_text(report: Report) -> str:
    lines = [f"Data report as of {report.as_of.isoformat()}: {report.total} item(s) to check"]
    for section in report.sections:
        lines += ["", f"{section.title} ({len(section.findings)})"]
        if section.findings:
            lines.append(f"  {section.advice}")
        lines += [f"  {f.file}  {f.id}  {f.name}: {f.detail}" for f in section.findings]
    if report.figures:
        lines += ["", "How fresh the listings are (as on /freshness/)"]
        lines += [f"  {line}" for line in as_lines(report.figures)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


def as_markdown(report: Report) -> str:
    lines = [f"## Data report as of {report.as_of.isoformat()}", "",
             f"{report.total} item(s) to check."]
    for section in report.sections:
        lines += ["", f"### {section.title} ({len(section.findings)})", ""]
        if not section.findings:
            lines.append("None.")
            continue
        lines += [section.advice, "", "| entry | id | file | why |", "|---|---|---|---|"]
        lines += [f"| {_cell(f.name)} | `{f.id}` | `{f.file}` | {_cell(f.detail)} |" for f in section.findings]
    if report.figures:
        lines += ["", "### How fresh the listings are (as on /freshness/)", ""]
        lines += [f"- {_cell(line)}" for line in as_lines(report.figures)]
    return "\n".join(lines) + "\n"
