"""The public /freshness/ page (en, es, pt) and /api/v1/freshness.json show the same figures as
`python -m generator report`: all three come from outputs/freshness_figures.figures (issue 23)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from generator.app.cli import main
from generator.model.site import load_site
from generator.outputs.freshness_figures import figures
from generator.settings import Settings
from tests.conftest import DATA, TODAY


@pytest.fixture(scope="module")
def expected():
    return figures(load_site(Settings(data_dir=DATA, today=TODAY)))


def _rows(page: str, heading: str) -> list[list[str]]:
    """The cells of the table after a heading, as text."""
    table = page[page.index(heading):].split("</table>")[0]
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table, re.S) if "<td>" in row]


def test_the_page_shows_the_figures_of_the_report(bundled_site, expected, capsys):
    page = (bundled_site / "freshness" / "index.html").read_text(encoding="utf-8")
    total = expected.total
    assert [int(r[1]) for r in _rows(page, "Listings by how far they have been checked")] == list(total.levels.values())
    assert [int(r[1]) for r in _rows(page, "Listings by standing")] == list(total.standings.values())
    assert [int(r[1]) for r in _rows(page, "Age of phone numbers")] == [b.count for b in expected.phone_bands]
    assert f"Median: {expected.phone_median_months} months." in page
    assert f"Listings without a number of their own: {total.without_number}." in page
    regions = _rows(page, "By region")
    assert [(r[0], int(r[1]), int(r[3])) for r in regions] == [
        (name, c.listings, c.without_number) for name, c in expected.regions.items()]
    assert "more than 2 years old" in page and "in the last 12 months" in page and "more than 3 years old" in page
    # the report prints the same figures
    assert main(["report", "--data", str(DATA), "--as-of", TODAY.isoformat()]) == 0
    report = capsys.readouterr().out
    assert (f"  by verification: confirmed {total.levels['confirmed']}, sourced {total.levels['sourced']}, "
            f"state-list {total.levels['state-list']}") in report
    assert f"  without a number of their own: {total.without_number}" in report
    assert f"median {expected.phone_median_months} months" in report
    # and so does the API
    api = json.loads((bundled_site / "api" / "v1" / "freshness.json").read_text())
    assert {k: v for k, v in api.items() if k not in ("version", "license")} == \
        json.loads(json.dumps(dataclasses.asdict(expected)))


def test_the_page_exists_in_three_languages_and_about_links_to_it(bundled_site):
    spanish = (bundled_site / "es" / "freshness" / "index.html").read_text(encoding="utf-8")
    portuguese = (bundled_site / "pt" / "freshness" / "index.html").read_text(encoding="utf-8")
    assert "¿Qué tan reciente es esta información?" in spanish
    assert "Quão recente é esta informação?" in portuguese
    for prefix in ("", "es/", "pt/"):
        about = (bundled_site / prefix / "about" / "index.html").read_text(encoding="utf-8")
        assert 'href="../freshness/"' in about, prefix
