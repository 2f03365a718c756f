"""One settings object for a run: where things are, the date to build as, the public addresses,
the languages and the limits. The command line builds it and every stage receives it, as MkDocs
passes its config; no module reads these from globals. Imports nothing of the project's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

# The checkout this package lives in: mkdocs.yml, content/ and translations/ are beside it.
PROJECT = Path(__file__).resolve().parent.parent
LANGUAGE_CODES = ("en", "es", "pt")


@dataclass(frozen=True)
class Limits:
    """Caps that keep pages the same weight however large the registry grows, and the windows of
    the maintainers' report. /find/ holds what a capped list leaves out."""

    list_page: int = 60  # cards on one page of /coaches/ or /centers/
    track_list: int = 60  # coaches, and centres, shown on a track's page
    nearest_centers: int = 5  # PRSCs on a town page
    nearby_programs: int = 5  # programmes on a town page
    nearby_program_miles: float = 30.0  # programmes (and their tracks) counted as near a town
    town_coaches: int = 8  # coaches on a town page
    embed_centers: int = 3  # nearest PRSCs on a town's embed card (outputs/embed.py)
    renewal_days: int = 60  # a CARC expiring this soon is "renewal due"
    stale_months: int = 12  # an entry not verified for this long is reported
    source_years: int = 2  # a fact whose newest source is older than this "may have changed" (and is reported)
    confirmed_months: int = 12  # a confirmation with the centre older than this falls back to "sourced"
    ended_years: int = 3  # a programme whose newest source is older than this "may have ended"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    site_dir: Path = Path("site")
    config_file: Path = PROJECT / "mkdocs.yml"  # content/ and translations/ are beside it
    today: dt.date = field(default_factory=dt.date.today)
    site_url: str = ""  # public address of the site: citations, JSON-LD, sitemap
    repo_url: str = ""  # the registry's repository: "report a problem" links
    languages: tuple[str, ...] = LANGUAGE_CODES  # English first
    published: dict[str, list[str]] | None = None  # ids already public, each must stay reachable
    limits: Limits = Limits()
    examples: bool = False  # include the fictional `example: true` coaches (a preview, never the public site)
    fiction: bool = False  # 555-01xx numbers pass in any entry: test fixtures only, never set by a command

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"
