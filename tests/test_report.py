"""`python -m generator report` tells a maintainer what to check next, and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model.site import load_site
from generator.outputs.report import as_markdown, as_text, data_report, months_between
from generator.settings import Settings
from tests.conftest import MINIMAL_CENTER_SOURCES, TODAY
from tests.test_cli import run


def report(registry, today: dt.date = TODAY):
    """The report of a registry whose coach is an example: built as a preview, so the coach is in it."""
    return data_report(load_site(Settings(data_dir=registry.dir, today=today, examples=True)))


def section(rep, start: str) -> list[str]:
    found = next(s for s in rep.sections if s.title.startswith(start))
    return [f"{f.id}: {f.detail}" for f in found.findings]


def test_months_count_whole_calendar_months():
    assert months_between(dt.date(2025, 11, 23), dt.date(2026, 11, 23)) == 12
    assert months_between(dt.date(2025, 11, 24), dt.date(2026, 11, 23)) == 11
    assert months_between(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 11


def test_an_entry_last_verified_twelve_months_ago_is_stale_and_one_day_later_is_not(registry):
    registry.replace("centers.yaml", "last_verified: 2026-01-01", "last_verified: 2025-11-30")
    registry.replace("tracks.yaml", "last_verified: 2026-01-01", "last_verified: 2025-12-01")
    assert section(report(registry), "Not verified") == [
        "living-in-recovery-pittsfield: last verified 2025-11-30 (12 months ago)"]


def test_expired_and_soon_expiring_carcs_are_listed_but_not_current_or_in_progress_ones(registry):
    registry.replace("coaches.yaml", "expires: 2027-09-30", "expires: 2026-12-15")
    assert section(report(registry), "CARC") == ["rosa-example: CARC renewal due by 15 December 2026"]
    assert section(report(registry, dt.date(2026, 12, 16)), "CARC") == [
        "rosa-example: CARC expired on 15 December 2026"]
    assert section(report(registry, dt.date(2026, 10, 15)), "CARC") == []
    registry.replace("coaches.yaml", "status: certified\n      expires: 2026-12-15", "status: in_progress")
    assert section(report(registry), "CARC") == []


def test_a_centre_without_coordinates_is_listed_until_it_has_a_location(registry):
    assert section(report(registry), "Centres shown") == [
        "living-in-recovery-pittsfield: placed at the centre of Pittsfield; has a street address: run "
        "`python -m generator geocode` or add `location:`"]
    registry.replace("centers.yaml", "    phone:", "    location: {lat: 42.4501, lon: -73.2454}\n    phone:")
    assert section(report(registry), "Centres shown") == []


def test_each_site_of_a_network_is_checked_on_its_own(registry):
    registry.replace("centers.yaml", "    phone:", "    location: {lat: 42.4501, lon: -73.2454}\n"
                     "    sites:\n      - name: Adams site\n        address: {town: Adams}\n    phone:")
    registry.replace("centers.yaml", "phone]", "phone, sites]")
    rep = report(registry)
    found = next(s for s in rep.sections if s.title.startswith("Centres shown")).findings
    assert [(f.name, f.detail) for f in found] == [
        ("Living in Recovery: Adams site", "placed at the centre of Adams; no street address on the pages checked")]


def test_entries_not_confirmed_with_the_centre_are_listed(registry):
    assert section(report(registry), "Not confirmed") == ["living-in-recovery-pittsfield: verification: sourced"]
    registry.replace("centers.yaml", "verification: sourced", "verification: confirmed\n    confirmed_on: 2026-11-20")
    assert section(report(registry), "Not confirmed") == []


def test_text_report_names_file_id_and_reason(registry):
    text = as_text(report(registry))
    assert text.splitlines()[0] == "Data report as of 2026-11-30: 3 item(s) to check"
    assert "  data/centers.yaml  living-in-recovery-pittsfield  Living in Recovery: verification: sourced" in text
    assert "Not verified for 12 months or more (0)" in text


def test_markdown_report_has_a_table_per_section_and_says_none_when_empty(registry):
    registry.replace("centers.yaml", "name: Living in Recovery", "name: Living | <b>Recovery</b>")
    markdown = as_markdown(report(registry))
    assert markdown.startswith("## Data report as of 2026-11-30\n\n3 item(s) to check.\n")
    assert "### Not verified for 12 months or more (0)\n\nNone.\n" in markdown
    assert ("| Living \\| &lt;b&gt;Recovery&lt;/b&gt; | `living-in-recovery-pittsfield` | `data/centers.yaml` "
            "| verification: sourced |") in markdown


def test_the_report_command_prints_markdown_for_a_job_summary(registry):
    result = run("report", "--format", "markdown", "--as-of", "2026-11-23", cwd=registry.dir.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Data report as of 2026-11-23\n")


def test_the_report_command_refuses_invalid_data_like_the_others(registry):
    registry.replace("coaches.yaml", "masshealth: true", "masshealth: yes")
    result = run("report", "--as-of", "2026-11-23", cwd=registry.dir.parent)
    assert result.returncode == 1
    assert "must be true or false" in result.stderr


@pytest.mark.slow  # builds a site of its own
def test_report_and_the_maintainers_page_agree_on_a_geocoded_position(registry, tmp_path):
    """A geocode cache entry makes a centre's position exact for every command, since all of them load the
    data through load_site(): neither the report nor /maintainers/ asks to geocode it again."""
    from generator.app.build import build

    town_level = "living-in-recovery-pittsfield: placed at the centre of Pittsfield"
    assert any(line.startswith(town_level) for line in section(report(registry), "Centres shown"))
    registry.write("geocode-cache.yaml", """\
        "75 North St., Pittsfield, MA":
          lat: 42.4501
          lon: -73.2454
          display_name: 75, North Street, Pittsfield, Massachusetts
          date: 2026-11-23
        """)
    printed = run("report", "--data", "data", "--as-of", TODAY.isoformat(), cwd=registry.dir.parent)
    assert printed.returncode == 0 and "Centres shown at the centre of their town (0)" in printed.stdout
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    page = (site / "maintainers" / "index.html").read_text()
    assert "Centres shown at the centre of their town (0)" in page
    assert "placed at the centre of Pittsfield" not in page


def test_old_sources_conflicts_and_listings_without_a_number_are_listed(registry):
    """Freshness: a fact whose newest source is over two years old, sources that disagree, no number of its own."""
    registry.replace("centers.yaml", MINIMAL_CENTER_SOURCES, """\
    conflicts: A 2016 page gave another street.
    sources:
      - url: https://www.wamc.org/news/2024-01-15/example
        title: "WAMC: Living in Recovery moves downtown"
        date: 2024-11-29
        supports: [street, phone]
      - url: https://www.example.org/2016/old-story
        title: "An old story"
        date: 2016
        supports: [street, phone]
""")
    assert section(report(registry), "Facts whose newest source") == [
        "living-in-recovery-pittsfield: newest source: address (2024-11-29), phone (2024-11-29)"]
    registry.replace("centers.yaml", "date: 2024-11-29", "date: 2024-11-30")  # two years to the day: not old
    assert section(report(registry), "Facts whose newest source") == []
    assert section(report(registry), "Sources that disagree") == [
        "living-in-recovery-pittsfield: A 2016 page gave another street."]
    assert section(report(registry), "Listings without a number") == []
    registry.replace("centers.yaml", '    phone: "(413) 570-8243"\n', "")
    assert section(report(registry), "Listings without a number") == [
        "living-in-recovery-pittsfield: no phone; its page gives the Helpline to check it"]


def test_lapsing_carcs_come_soonest_first_within_the_renewal_window(registry):
    registry.replace("coaches.yaml", "expires: 2027-09-30", "expires: 2027-01-20")
    text = (registry.dir / "coaches.yaml").read_text()
    registry.write("coaches.yaml", text + text.split("coaches:\n", 1)[1]
                   .replace("rosa-example", "sam-sample").replace("Rosa", "Sam").replace("2027-01-20", "2026-12-01"))
    assert section(report(registry), "CARC expired or due for renewal within 60 days") == [
        "sam-sample: CARC renewal due by 1 December 2026", "rosa-example: CARC renewal due by 20 January 2027"]


def test_the_report_reads_and_names_the_data_folder_it_is_given(registry, tmp_path):
    """`report --data DIR` reports on DIR's files, not on data/ of the working directory."""
    elsewhere = tmp_path / "elsewhere"
    registry.dir.rename(elsewhere)
    printed = run("report", "--data", "elsewhere", "--as-of", TODAY.isoformat(), cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert "  elsewhere/centers.yaml  living-in-recovery-pittsfield  Living in Recovery: verification: sourced" \
        in printed.stdout
    assert "data/centers.yaml" not in printed.stdout
