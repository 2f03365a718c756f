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

    full = tmp_path / "full"
    build(Settings(data_dir=registry.dir, site_dir=full, today=TODAY, site_url="https://prn.example/",
                   published=None))
    expected = files(full)
    # The list pages MkDocs built keep their search entries from the last full build (their full text).
    differ = sorted(path for path in expected.keys() | now.keys() if expected.get(path) != now.get(path)
                    and not path.endswith("search_index.json"))
    assert differ == []


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
