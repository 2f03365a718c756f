"""Every listing leads with the age of its evidence (issue 23, items 1, 2 and 6), on every centre, programme
and RLC page in the three languages, on the town pages' cards and in find.json: the pages of the shared public
build (tests/browser/test_age_first.py checks the first screen in a browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.model.site import load_site
from generator.outputs.find_index import find_index
from generator.settings import Limits, Settings
from tests.conftest import DATA, TODAY, built_pages
from tests.test_freshness import ENDED, ISLANDS

ROOT = Path(__file__).resolve().parent.parent
RED_HOUSE = "red-house-oak-bluffs"
NEWEST = {"en": "Newest information: ", "es": "Información más reciente: ", "pt": "Informação mais recente: "}
LOOKED = {"en": "We looked for newer sources on", "es": "Buscamos fuentes más recientes el",
          "pt": "Procuramos fontes mais recentes em"}
CHANGED = {"en": "may have changed — call to check", "es": "puede haber cambiado: llame para confirmar",
           "pt": "pode ter mudado: ligue para confirmar"}
ENDED_WORDS = {"en": "May have ended — call to check", "es": "Puede haber terminado: llame para confirmar",
               "pt": "Pode ter terminado: ligue para confirmar"}
NO_ANSWER = {"en": "If no one answers, call the", "es": "Si nadie contesta, llame a la",
             "pt": "Se ninguém atender, ligue para a"}


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


@pytest.fixture(scope="module", params=["en", "es", "pt"])
def rendered(request, bundled_site):
    """(language, {'centers/<id>/': content}) of every listing and town page of the public build in that language."""
    return request.param, built_pages(bundled_site, request.param, ("centers", "towns"))


def _center_pages(site, bodies) -> list[tuple[object, str]]:
    found = [(c, bodies[f"centers/{c.id}/"]) for c in site.centers]
    assert len(found) == len(site.centers) > 40
    return found


def test_every_listing_page_leads_with_its_newest_information(site, rendered):
    lang, bodies = rendered
    for c, body in _center_pages(site, bodies):
        newest = body.find('class="prn-newest"')
        assert newest > 0 and NEWEST[lang] in body, c.id
        assert body.find("<h1") < newest < body.find("<dl"), c.id  # under the name, before every fact
        for later in ("<h2", 'class="prn-sources"', 'class="prn-verified"'):
            assert body.find(later) == -1 or newest < body.find(later), (c.id, later)
        # The date we looked for sources reads as that, and never without the newest information.
        assert LOOKED[lang] in body and "We last checked these sources" not in body, c.id


def test_every_fact_older_than_two_years_carries_the_mark(site, rendered):
    lang, bodies = rendered
    marked = 0
    for c, body in _center_pages(site, bodies):
        shown = {key for key in c.changed_facts if key != "status"}
        assert body.count(CHANGED[lang]) == len(shown), (c.id, sorted(shown))
        marked += len(shown)
    assert marked == 80  # facts over two years old: the audit's 79 and South County's host (tests/test_freshness.py)


def test_programmes_that_may_have_ended_say_so_and_current_ones_do_not(site, rendered):
    lang, bodies = rendered
    for c, body in _center_pages(site, bodies):
        assert (ENDED_WORDS[lang] in body) is c.may_have_ended, c.id
    assert set(ENDED) <= {c.id for c in site.centers if c.may_have_ended}


def test_a_number_only_the_state_list_gives_shows_the_helpline_beside_it(site, rendered):
    lang, bodies = rendered
    from_list = [c for c in site.centers if c.phone_from_state_list]
    assert len(from_list) >= 19
    for c, body in _center_pages(site, bodies):
        assert (NO_ANSWER[lang] in body) is c.phone_from_state_list, c.id
    own_page = [c for c in site.centers if c.phone and not c.phone_from_state_list]
    assert own_page, "some numbers are on a dated page of the centre's own"


def _town(bodies, slug: str) -> str:
    return bodies[f"towns/{slug}/"]


def test_town_pages_list_what_may_have_ended_after_current_choices_and_moved_listings_apart(site, rendered):
    lang, bodies = rendered
    ended_ids = {c.id for c in site.centers if c.may_have_ended}
    for town in site.towns:
        body = _town(bodies, town.slug)
        near = re.findall(r'centers/([^/]+)/"[^>]*>[^<]*</a> <span class="prn-distance">', body)
        assert RED_HOUSE not in near, town.name
        cards = len(town.centers) + len(town.changed) + len(town.rlcs) + len(town.serving_programs) + len(town.programs)
        assert body.count('class="prn-newest"') == cards, town.name  # every listing card leads with its age
        programmes = [i.center.id for i in town.programs]
        flags = [p in ended_ids for p in programmes]
        assert flags == sorted(flags), town.name  # current first
    edgartown = _town(bodies, "edgartown")
    changed = edgartown.split('id="changed"')[1].split("</ul>")[0]
    assert RED_HOUSE in changed and "prn-distance" not in changed
    for name in ISLANDS:
        slug = next(t.slug for t in site.towns if t.name == name)
        assert RED_HOUSE not in re.findall(r'centers/([^/]+)/"[^>]*>[^<]*</a> <span class="prn-distance">',
                                           _town(bodies, slug)), name


def test_find_index_gives_each_centre_its_standing_and_newest_source(site):
    index = find_index(site)
    by_id = {c["id"]: c for c in index["centers"]}
    assert by_id[RED_HOUSE]["standing"] == "moved"
    assert all(by_id[i]["standing"] == "may-have-ended" for i in ENDED)
    assert by_id["heart-team-quincy"]["newest_source"] == "2016-12-29"
    assert all(c["newest_source"] for c in index["centers"])
    assert RED_HOUSE not in {t["prsc"] for t in index["towns"]} | {t["rlc"] for t in index["towns"]}


WORDS = {"en": {2: "two", 3: "three"}, "es": {2: "dos", 3: "tres"}, "pt": {2: "dois", 3: "três"}}


@pytest.mark.parametrize("lang, page", [("en", ROOT / "content/about.md"), ("es", ROOT / "translations/es/about.md"),
                                        ("pt", ROOT / "translations/pt/about.md")])
def test_about_the_data_gives_the_thresholds_that_settings_use(lang, page):
    """The Markdown cannot read Limits: its words say the same numbers, the "may have changed" one first."""
    section = page.read_text(encoding="utf-8").split("{#freshness}")[1].split("\n## ")[0]
    section = " ".join(section.split())
    limits = Limits()
    said = re.findall(r"(?:more than|más de|mais de) (\w+) (?:years|años|anos)", section)
    assert said == [WORDS[lang][limits.source_years], WORDS[lang][limits.ended_years]], said
