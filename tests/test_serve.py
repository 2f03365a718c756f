"""`generator serve` after a data edit: only the generated pages and files are rendered again, in memory,
and what it then serves is what a full build of the edited data gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.app.build import build
from generator.app.serve import LiveSite
from generator.settings import Settings
from tests.conftest import TODAY

pytestmark = pytest.mark.slow  # each test builds a site of its own


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def served(live: LiveSite, on_disk: dict[str, bytes]) -> dict[str, bytes]:
    """What the live site serves: its View over the folder of the last full build."""
    return {path: body for path, body in on_disk.items() if path not in live.view.gone} | live.view.files


def test_a_data_edit_serves_what_a_full_build_of_the_edited_data_gives(registry, tmp_path):
    problems: list = []
    settings = Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY,
                        site_url="https://prn.example/")
    live = LiveSite(settings, problems.append)
    live.rebuild()
    before = files(settings.site_dir)
    assert live.view.files == {}

    registry.replace("centers.yaml", '"(413) 570-8243"', '"(413) 570-9999"')
    live.refresh()
    assert problems == []
    now = served(live, before)
    assert "(413) 570-9999" in now["centers/living-in-recovery-pittsfield/index.html"].decode()
    assert "(413) 570-9999" in now["es/towns/pittsfield/index.html"].decode()
    assert set(live.view.files) < set(before), "only files the edit changed, no new ones"
    assert "assets/javascripts/bundle.js" not in str(live.view.files)  # nothing MkDocs copied is rendered again

    assert differences(registry, tmp_path / "full", now) == []

    # A second edit, served against the first edit's pages: a centre added (after the first, which the open-data
    # page's snippet shows), so the maps and list pages change too.
    last = "    last_verified: 2026-01-01\n"
    registry.replace("centers.yaml", last, last + SECOND_CENTER)
    live.refresh()
    now = served(live, before)
    assert "Springfield Example Centre" in now["pt/map/index.html"].decode()
    assert "Springfield Example Centre" in now["es/centers/springfield-example-centre/index.html"].decode()
    assert "(413) 570-9999" in now["es/towns/pittsfield/index.html"].decode(), "the first edit stays"
    assert differences(registry, tmp_path / "full-2", now) == []


def test_an_edit_to_what_the_hand_written_pages_show_rebuilds_them(registry, tmp_path):
    """The open-data page's embed snippet names the first centre: MkDocs must build it again."""
    settings = Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY,
                        site_url="https://prn.example/")
    live = LiveSite(settings, pytest.fail)
    live.rebuild()
    registry.replace("centers.yaml", "name: Living in Recovery", "name: Living in Recovery Pittsfield")
    live.refresh()
    now = served(live, files(settings.site_dir))
    assert 'title="Living in Recovery Pittsfield"' in now["pt/open-data/index.html"].decode()
    assert differences(registry, tmp_path / "full", now) == []


SECOND_CENTER = """\
  - id: springfield-example-centre
    name: Springfield Example Centre
    type: prsc
    address:
      town: Springfield
    verification: sourced
    sources:
      - url: https://www.mass.gov/example
        title: "Springfield Example Centre's page"
        date: 2026-01-15
        supports: [name, town]
    last_verified: 2026-01-01
"""


def differences(registry, full: Path, served: dict[str, bytes]) -> list[str]:
    """The files a full build of the registry writes otherwise than `served`."""
    build(Settings(data_dir=registry.dir, site_dir=full, today=TODAY, site_url="https://prn.example/",
                   published=None))
    expected = files(full)
    # The list pages MkDocs built keep their search entries from the last full build (their full text).
    return sorted(path for path in expected.keys() | served.keys() if expected.get(path) != served.get(path)
                  and not path.endswith("search_index.json"))


def test_a_data_edit_that_breaks_validation_keeps_the_served_site_and_reports_the_place(registry, tmp_path):
    problems: list = []
    live = LiveSite(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY), problems.append)
    live.rebuild()
    registry.replace("centers.yaml", '"(413) 570-8243"', '"(413) 570-9999"')
    live.refresh()
    view = live.view
    registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh, en]")
    live.refresh()
    assert live.view is view
    assert [str(p) for p in problems[0].problems][0].startswith("data/coaches.yaml:5:17: coaches[0].languages[0]")


def test_an_edit_to_the_help_lines_in_the_banner_rebuilds_every_page(registry, tmp_path):
    """The banner is on every page, hand-written ones too: only a full build shows its edit."""
    live = LiveSite(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY), print)
    live.rebuild()
    registry.replace("help.yaml", "name: 988 Suicide & Crisis Lifeline", "name: 988 Crisis Line")
    live.refresh()
    assert live.view.files == {}
    assert "988 Crisis Line" in (tmp_path / "site" / "about" / "index.html").read_text()
