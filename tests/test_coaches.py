"""Coaches on the public site (issue 14): no fictional coach is published, a preview shows them under a
ribbon, a visitor always gets a route to a real coach, a removed coach's page keeps nothing personal, and
a coach whose CARC has expired is left out of default results."""

from __future__ import annotations

import gzip
import json
import re

import pytest
import yaml

from generator.app.build import build
from generator.registry.places import load_places
from generator.registry.validate import id_digest, validate
from generator.settings import Settings
from tests.conftest import DATA, TODAY

EXAMPLES = [c for c in yaml.safe_load((DATA / "coaches.yaml").read_text(encoding="utf-8"))["coaches"]
            if c.get("example")]
RIBBON = {"": "Preview with example coaches — not the public site",
          "es/": "Versión de prueba con coaches de ejemplo: no es el sitio público",
          "pt/": "Pré-visualização com coaches de exemplo: não é o site público"}
ROUTES = {"": ("How to reach a recovery coach today", "MassHealth Customer Service"),
          "es/": ("Cómo encontrar hoy un coach de recuperación", "Servicio al Cliente de MassHealth"),
          "pt/": ("Como encontrar um coach de recuperação hoje", "Atendimento ao Cliente do MassHealth")}


def _traces(coach: dict) -> set[str]:
    """What would give a fictional coach away in a file: id, name, phone (as printed and as dialled), e-mail."""
    digits = re.sub(r"\D", "", coach["phone"])
    return {coach["id"], coach["name"], coach["phone"], digits, f"{digits[:3]}-{digits[3:6]}-{digits[6:]}",
            *([coach["email"]] if coach.get("email") else [])}


def _text(path) -> str:
    data = path.read_bytes()
    return (gzip.decompress(data) if path.suffix == ".gz" else data).decode("utf-8", "replace")


def test_the_bundled_data_has_example_coaches_to_keep_out():
    assert len(EXAMPLES) >= 10 and all(c["phone"] for c in EXAMPLES)


def test_the_public_build_has_no_example_coach_in_any_file(bundled_site):
    traces = set().union(*(_traces(c) for c in EXAMPLES))
    files = [p for p in bundled_site.rglob("*") if p.is_file()]
    assert len(files) > 1000
    found = {(str(p.relative_to(bundled_site)), t) for p in files for text in [_text(p)] for t in traces if t in text}
    assert not found
    for language in RIBBON:
        assert RIBBON[language] not in (bundled_site / language / "index.html").read_text()
    assert json.loads((bundled_site / "api/v1/coaches.json").read_text())["coaches"] == []


def test_the_preview_shows_every_example_coach_under_a_ribbon_on_every_page(preview_site):
    find = json.loads((preview_site / "api/v1/find.json").read_text())
    assert {c["id"] for c in find["coaches"]} == {c["id"] for c in EXAMPLES}
    for coach in EXAMPLES:
        page = (preview_site / "coaches" / coach["id"] / "index.html").read_text()
        assert coach["name"] in page and coach["phone"] in page
    for language, ribbon in RIBBON.items():
        for page in ("index.html", "coaches/rosa-example/index.html", "towns/springfield/index.html",
                     "find/index.html", "about/index.html"):
            assert ribbon in (preview_site / language / page).read_text(), language + page
    assert RIBBON[""] in (preview_site / "404.html").read_text()


@pytest.mark.parametrize("language", list(ROUTES))
def test_the_public_coach_list_gives_the_routes_to_a_coach(bundled_site, language):
    page = (bundled_site / language / "coaches/index.html").read_text()
    heading, masshealth = ROUTES[language]
    assert heading in page and masshealth in page and 'class="prn-card"' not in page
    for track in ("emergency-department", "courts-reentry"):
        assert f'href="../tracks/{track}/"' in page
        assert (bundled_site / language / "tracks" / track / "index.html").is_file()
    assert 'href="../centers/"' in page
    for number in ('href="tel:+18008412900">(800) 841-2900', 'href="tel:+18004974648">(800) 497-4648',
                   'href="tel:+18003275050">(800) 327-5050'):
        assert number in page
    assert "masslegalhelp.org" in page and "2022" in page  # the MassHealth numbers' source and its date


@pytest.mark.parametrize("language", list(ROUTES))
def test_every_door_to_a_coach_leads_to_the_routes(bundled_site, language):
    home = (bundled_site / language / "index.html").read_text()
    assert 'href="coaches/#routes"' in home and 'href="tel:+18008412900"' in home
    plan = (bundled_site / language / "plan/index.html").read_text()
    week2 = plan[plan.index('id="week-2"'):plan.index('id="week-3"')]
    for target in ('href="../tracks/emergency-department/"', 'href="../tracks/courts-reentry/"',
                   'href="../centers/"', 'href="tel:+18008412900"', 'href="tel:+18003275050"'):
        assert target in week2
    town = (bundled_site / language / "towns/barnstable/index.html").read_text()
    assert 'href="../../coaches/#routes"' in town


def test_a_removed_coach_entry_refuses_their_name_town_and_reason(registry):
    registry.write("coaches.yaml", "coaches: []\n")
    registry.write("retired.yaml", "retired:\n" + """\
  - id: rosa-example
    registry: coaches
    name: Rosa Example
    town: Springfield
    retired_on: 2026-11-01
    reason: She asked to be removed.
""")
    problems = registry.problems()
    assert len(problems) == 3
    for field, line in (("name", 4), ("town", 5), ("reason", 7)):
        assert any(p.startswith(f"data/retired.yaml:{line}:") and f"remove '{field}'" in p
                   and "removed person" in p for p in problems), problems


def test_a_retired_centre_still_needs_its_name_and_reason(registry):
    registry.write("retired.yaml", "retired:\n  - id: old-centre\n    registry: centers\n    retired_on: 2026-11-01\n")
    problems = registry.problems()
    assert any("missing required field 'name'" in p for p in problems)
    assert any("missing required field 'reason'" in p for p in problems)


@pytest.mark.slow  # builds a site of its own
def test_a_removed_coach_is_gone_and_their_url_keeps_a_neutral_page(registry, tmp_path):
    registry.write("retired.yaml", "retired:\n  - {id: rosa-example, registry: coaches, retired_on: 2026-11-01}\n")
    registry.write("coaches.yaml", "coaches: []\n")
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, languages=("en", "es"), examples=True,
                   site_url="https://navigator.example/"))
    for language, title in (("", "This coach is no longer listed"), ("es/", "Este coach ya no aparece en la lista")):
        page = (site / language / "coaches/rosa-example/index.html").read_text()
        assert f"<h1>{title}</h1>" in page
        assert "Rosa" not in page and "Pittsfield" not in page and "555" not in page
        assert 'id="routes-title"' in page and 'href="tel:+18008412900"' in page
        # Not findable: no search engine is asked to index it, and no sitemap or id list spells the old id out.
        assert page.count('<meta name="robots" content="noindex">') == 1
        assert "rosa-example" not in (site / language / "sitemap.xml").read_text()
    every = "".join(_text(p) for p in site.rglob("*") if p.is_file())
    assert "Rosa Example" not in every
    ids = json.loads((site / "api/v1/ids.json").read_text())
    assert "rosa-example" not in ids["coaches"] and id_digest("rosa-example") in ids["coaches"]
    # The next build still keeps that address: the published digest is matched against the retired id.
    assert registry.problems() == []
    validate(registry.dir, load_places(registry.dir), TODAY, {"coaches": ids["coaches"], "centers": ids["centers"]})


def test_an_expired_carc_leaves_default_results_and_the_profile_says_so(preview_site):
    paulo = next(c for c in EXAMPLES if c["id"] == "paulo-template")
    assert paulo["carc"]["expires"] < TODAY
    profile = (preview_site / "coaches/paulo-template/index.html").read_text()
    assert "This coach&#39;s CARC expired on" in profile or "This coach's CARC expired on" in profile
    assert "left out of the lists and searches" in profile
    for page in ("coaches/index.html", "towns/new-bedford/index.html", "towns/fall-river/index.html",
                 "tracks/courts-reentry/index.html"):
        assert "paulo-template" not in (preview_site / page).read_text(), page
    listing = (preview_site / "coaches/index.html").read_text()
    assert "1 coach whose CARC has expired is not shown here" in listing
    assert 'find/?type=coach&amp;expired=1' in listing
    assert "rosa-example" in listing and "paulo-template" in (preview_site / "api/v1/find.json").read_text()
