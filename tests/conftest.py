"""Shared fixtures: the bundled data, the site built from it once per run, and small registries written
into a temporary folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.app import build as app_build
from generator.app.build import build
from generator.registry.places import load_places
from generator.registry.problems import DataError
from generator.registry.validate import validate
from generator.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = dt.date(2026, 11, 30)
SITE_URL = "https://navigator.example/"  # as when published: the sitemap and canonical links are absolute

# The minimal centre's dated source, as the written centers.yaml has it (tests replace it).
MINIMAL_CENTER_SOURCES = """\
    sources:
      - url: https://www.wamc.org/news/2024-01-15/example
        title: "WAMC: Living in Recovery settles into its new downtown headquarters"
        date: 2024-01-15
        supports: [name, street, town, phone]
"""

MINIMAL = {
    "tracks.yaml": """\
        tracks:
          - id: older-adults
            name: Older adults
            summary: Peers aged 50 and over working with older adults.
            description: Support from peers who are 50 or older.
            sources:
              - url: https://kivacenters.org/trainings/certified-peer-specialist/
                title: "Kiva Centers: Massachusetts Certified Peer Specialist training program"
                date: "2022"
            last_verified: 2026-01-01
        """,
    "words.yaml": """\
        words:
          - id: naloxone
            answer: naloxone
            en: [narcan]
        """,
    "help.yaml": """\
        help_lines:
          - id: lifeline-988
            name: 988 Suicide & Crisis Lifeline
            call: "988"
            text: "988"
            description: Call or text 988.
            banner: true
            sources:
              - url: https://www.nepm.org/regional-news/2022-07-01/example
                title: "New England Public Media: Massachusetts preps for '988' mental health hotline launch"
                date: 2022-07-01
            last_verified: 2026-01-01
          # The lines the hand-written pages name by id (content/: {{ call("...") }}), outside the banner.
          - id: ma-substance-use-helpline
            name: Massachusetts Substance Use Helpline
            call: "(800) 327-5050"
            description: Free information and referrals.
            sources:
              - url: https://helplinema.org/2015/07/30/helpline-calls-exceed-20000-in-one-year/
                title: "Massachusetts Substance Use Helpline: Helpline calls exceed 20,000 in one year"
                date: 2015-07-30
            last_verified: 2026-01-01
          - id: behavioral-health-help-line
            name: Massachusetts Behavioral Health Help Line
            call: "(833) 773-2445"
            description: Call, text or chat 24/7.
            sources:
              - url: https://www.mamh.org/blog/massachusetts-behavioral-health-help-line
                title: "Massachusetts Association for Mental Health: Massachusetts Behavioral Health Help Line"
                date: 2023-01-03
            last_verified: 2026-01-01
          - id: overdose-prevention-helpline
            name: Massachusetts Overdose Prevention Helpline
            call: "(800) 972-0590"
            description: Free and confidential, 24/7.
            sources:
              - url: https://www.bostonglobe.com/2023/09/26/metro/state-provides-funding-for-mass-overdose-prevention-helpline/
                title: "The Boston Globe: State provides funding for Mass. Overdose Prevention Helpline"
                date: 2023-09-26
            last_verified: 2026-01-01
          - id: masshealth-customer-service
            name: MassHealth Customer Service
            call: "(800) 841-2900"
            tty: "(800) 497-4648"
            description: MassHealth's member line.
            sources:
              - url: https://www.masslegalhelp.org/
                title: "Massachusetts Legal Help (masslegalhelp.org): MassHealth Customer Service numbers"
                date: "2022-04"
            last_verified: 2026-01-01
        """,
    "centers.yaml": """\
        centers:
          - id: living-in-recovery-pittsfield
            name: Living in Recovery
            type: prsc
            address:
              street: 75 North St.
              town: Pittsfield
            phone: "(413) 570-8243"
            verification: sourced
            sources:
              - url: https://www.wamc.org/news/2024-01-15/example
                title: "WAMC: Living in Recovery settles into its new downtown headquarters"
                date: 2024-01-15
                supports: [name, street, town, phone]
            last_verified: 2026-01-01
        """,
    "retired.yaml": "retired: []\n",
    "coaches.yaml": """\
        coaches:
          - id: rosa-example
            name: Rosa Example
            example: true
            languages: [es, en]
            carc:
              status: certified
              expires: 2027-09-30
            masshealth: true
            tracks: [older-adults]
            modes: [in_person]
            serves:
              towns: [Pittsfield]
            phone: "(413) 555-0101"
            last_verified: 2026-10-14
        """,
}


class Registry:
    """A data folder in tmp_path: the real gazetteer plus small registries a test can edit."""

    def __init__(self, folder: Path):
        self.dir = folder
        folder.mkdir(parents=True, exist_ok=True)
        for name in ("places.yaml", "municipalities.csv"):
            shutil.copy(DATA / name, folder / name)
        for name, text in MINIMAL.items():
            self.write(name, text)

    def write(self, name: str, text: str | bytes) -> None:
        path = self.dir / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")

    def replace(self, name: str, old: str, new: str) -> None:
        path = self.dir / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def problems(self, today: dt.date = TODAY) -> list[str]:
        """Every problem as the maintainer sees it: 'data/coaches.yaml:5:17: coaches[0]...: ...'."""
        try:
            validate(self.dir, load_places(self.dir), today)
        except DataError as err:
            return [str(p) for p in err.problems]
        return []


# The small registries' shared builds: a test reading one is in the slow tier, whose cost they are. The fast
# tier's only builds are bundled_site and preview_site, which most of its tests read.
SMALL_BUILDS = {"minimal_site", "last_build", "minimal_public_site", "moved_site"}
_MKDOCS_BUILD = app_build.mkdocs_build  # the real one, which the fast tier's guard replaces


@pytest.hookimpl(tryfirst=True)  # before `-m "not slow"` deselects by the marker
def pytest_collection_modifyitems(items):
    for item in items:
        if SMALL_BUILDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _the_fast_tier_runs_no_mkdocs(request, monkeypatch):
    """`make check` runs the tests marked neither slow nor browser in well under 90 s, so those may read the
    shared builds below but not run MkDocs themselves: one that does fails here, to be marked slow."""
    if request.node.get_closest_marker("slow") or request.node.get_closest_marker("browser"):
        return

    def refuse(config):
        raise AssertionError(f"{request.node.nodeid} builds a whole site: mark it @pytest.mark.slow, or read "
                             "a shared build (bundled_site, preview_site, minimal_site...) in tests/conftest.py")

    monkeypatch.setattr(app_build, "mkdocs_build", refuse)


@pytest.fixture
def registry(tmp_path, monkeypatch) -> Registry:
    monkeypatch.chdir(tmp_path)
    return Registry(tmp_path / "data")


@pytest.fixture(scope="session")
def places():
    return load_places(DATA)


def _digest(site: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(site.rglob("*")):
        sha.update(str(path.relative_to(site)).encode())
        if path.is_file():
            sha.update(path.read_bytes())
    return sha.hexdigest()


def _shared_build(tmp_path_factory, name: str, data: Path | None = None, **settings):
    """Build once for the session (once per xdist worker), and fail the run if a test wrote into it."""
    folder = tmp_path_factory.mktemp(name)
    site = folder / "site"
    if data is None:
        data, settings = DATA, {"site_url": SITE_URL, **settings}
    # A shared build may be asked for first by a fast test (getfixturevalue): it runs MkDocs for the whole run.
    guarded, app_build.mkdocs_build = app_build.mkdocs_build, _MKDOCS_BUILD
    try:
        build(Settings(data_dir=data, site_dir=site, today=TODAY, **settings))
    finally:
        app_build.mkdocs_build = guarded
    before = _digest(site)
    yield site
    assert _digest(site) == before, f"a test changed the shared site in {site}: copy it before writing"


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory) -> Path:
    """The bundled data built once for the whole run, as published (with its site URL): the public site,
    without the fictional example coaches. Shared by every test that reads the real site, so no test may
    write into it: the run fails if one did."""
    yield from _shared_build(tmp_path_factory, "bundled")


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory) -> Path:
    """The bundled data built once with the example coaches (`build --examples`), for the tests of coach
    pages, lists and searches. Read-only like bundled_site."""
    yield from _shared_build(tmp_path_factory, "preview", examples=True)


def built_pages(site: Path, lang: str, folders: tuple[str, ...]) -> dict[str, str]:
    """{'centers/<id>/': the page's content (its <article>)} of the pages below `folders` in one language of a
    shared build: what the build rendered, without reading the theme's header and navigation around it."""
    root = site if lang == "en" else site / lang
    return {f"{folder}/{page.parent.name}/": page.read_text(encoding="utf-8").split("<article", 1)[1]
            for folder in folders for page in sorted((root / folder).glob("*/index.html"))}


# The small registries' sites that several tests read without changing their data: each built once.
# A test that needs other data or settings builds its own (a few seconds each).

@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    """MINIMAL built with the default settings: the published site a failing or repeated build must keep or
    match. Read-only; `last_build` gives a test its own copy."""
    registry = Registry(tmp_path_factory.mktemp("minimal-data") / "data")
    yield from _shared_build(tmp_path_factory, "minimal", registry.dir)


@pytest.fixture
def last_build(registry, tmp_path, minimal_site) -> Path:
    """tmp_path/site as a build of the unchanged `registry` leaves it (a copy of minimal_site), for tests of
    what the next build does to a published site."""
    site = tmp_path / "site"
    shutil.copytree(minimal_site, site)
    return site


@pytest.fixture(scope="session")
def minimal_public_site(tmp_path_factory) -> Path:
    """MINIMAL with the example coach, built with a site URL and a repository as the deploy passes them."""
    registry = Registry(tmp_path_factory.mktemp("public-data") / "data")
    yield from _shared_build(tmp_path_factory, "public", registry.dir, site_url=SITE_URL,
                             repo_url="https://github.com/o/r", examples=True)


@pytest.fixture(scope="session")
def moved_site(tmp_path_factory) -> Path:
    """MINIMAL after a rename (former id lir-pittsfield) and a retirement (tests/test_stable_links.RETIRED)."""
    from tests.test_stable_links import RETIRED

    registry = Registry(tmp_path_factory.mktemp("moved-data") / "data")
    registry.replace("centers.yaml", "    name: Living in Recovery\n",
                     "    name: Living in Recovery\n    former_ids: [lir-pittsfield]\n")
    registry.write("retired.yaml", RETIRED)
    yield from _shared_build(tmp_path_factory, "moved", registry.dir)
