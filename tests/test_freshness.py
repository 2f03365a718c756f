"""No listing reads fresher than its evidence: facts that may have changed, programmes that may have
ended, and listings that moved or closed, as of the build date (model/freshness.py, issue 23)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from generator.model.enrich import enrich
from generator.model.freshness import STANDINGS, evidence, newest_date, older_than, standing
from generator.model.records import Source
from generator.registry.validate import validate
from generator.settings import Limits, Settings
from tests.conftest import DATA, TODAY

ISLANDS = ("Edgartown", "Oak Bluffs", "Tisbury", "West Tisbury", "Chilmark", "Aquinnah", "Gosnold", "Nantucket")
ENDED = ("mission-springfield-drug-court", "heart-team-quincy", "moms-do-care-empower-greenfield",
         "moms-do-care-whittier-boston", "compass-moms-do-care-beverly")


@pytest.fixture(scope="module")
def registries(places):
    return validate(DATA, places, TODAY)


@pytest.fixture(scope="module")
def site(registries):
    return enrich(registries, Settings(today=TODAY))


@pytest.fixture(scope="module")
def centers(site):
    return {c.id: c for c in site.centers}


@pytest.mark.parametrize("date, today, old", [
    ("2024-11-30", dt.date(2026, 11, 30), False),  # exactly two years
    ("2024-11-29", dt.date(2026, 11, 30), True),  # a day over
    ("2024-11", dt.date(2026, 11, 30), False),  # a month counts as its last day
    ("2024-10", dt.date(2026, 11, 30), True),
    ("2024", dt.date(2026, 12, 31), False),  # a year counts as 31 December
    ("2024", dt.date(2027, 1, 1), True),
    ("2026-02-28", dt.date(2028, 2, 29), False),  # 29 February falls back to the 28th
    ("2026-02-27", dt.date(2028, 2, 29), True),
])
def test_a_fact_may_have_changed_only_when_its_newest_source_is_more_than_two_years_old(date, today, old):
    assert older_than(date, today, Limits().source_years) is old


def _source(date: str, ends: dt.date | None = None) -> tuple[Source, ...]:
    return (Source("https://example.org/", "A page", date, ("name",), ends=ends),)


@pytest.mark.parametrize("kind, date, ends, expected", [
    ("program", "2023-11-30", None, "may-have-changed"),  # exactly three years: not yet ended
    ("program", "2023-11-29", None, "may-have-ended"),  # a day over three years
    ("program", "2024-11-30", None, "current"),  # exactly two years
    ("program", "2024-11-29", None, "may-have-changed"),
    ("prsc", "2020", None, "may-have-changed"),  # old evidence alone ends only a programme
    ("program", "2026-01", dt.date(2026, 11, 30), "current"),  # its term runs to today
    ("program", "2026-01", dt.date(2026, 11, 29), "may-have-ended"),  # its term ended yesterday
    ("prsc", "2026-01", dt.date(2026, 11, 29), "may-have-ended"),
])
def test_standing_at_the_boundaries_of_the_limits(kind, date, ends, expected):
    assert standing(kind, None, _source(date, ends), TODAY, Limits()) == expected


def test_the_limits_come_from_settings_and_a_declared_move_comes_first():
    assert standing("program", None, _source("2026-10"), TODAY, Limits(source_years=0)) == "may-have-changed"
    assert standing("program", None, _source("2025-10"), TODAY, Limits(ended_years=1)) == "may-have-ended"
    assert standing("prsc", "moved", _source("2026-10"), TODAY, Limits()) == "moved"


def test_a_newer_page_with_only_the_buildings_address_does_not_make_a_programme_current():
    """Moms Do Care EMPOWER's street is Baystate Franklin Medical Center's, from a 2021 list of hospitals; the
    programme's own newest page is from 2019."""
    own = Source("https://example.org/programme", "The programme", "2019-02-10", ("name", "town", "tracks"))
    building = Source("https://example.org/hospitals", "Hospitals", "2026-02", ("street", "zip"))
    assert standing("program", None, (own, building), TODAY, Limits()) == "may-have-ended"
    assert newest_date(evidence("program", (own, building))) == "2019-02-10"
    assert newest_date(evidence("prsc", (own, building))) == "2026-02"  # a centre's own address is its news
    assert evidence("program", (building,)) == (building,)  # nothing else: the building's page is all there is


def test_a_zip_code_from_the_postal_data_does_not_make_a_listing_look_newer(centers):
    """Ware's centre has its ZIP code from USPS data (the zipcodes package, June 2026), its street from 2022."""
    ware = centers["recovery-center-of-hope-ware"]
    assert ware.address.zip == "01082" and ware.newest_source == "2022-11-09"
    assert ware.provenance["address"].date == "2022-11-09" and "address" in ware.changed_facts


def test_programmes_whose_term_passed_or_whose_evidence_is_old_may_have_ended(centers):
    assert {c.standing for c in centers.values()} == set(STANDINGS) - {"closed"}
    assert {c.id for c in centers.values() if c.standing == "may-have-ended"} >= set(ENDED)
    assert centers["mission-springfield-drug-court"].ends == dt.date(2026, 1, 31)  # five years from Jan 2021
    assert centers["moms-do-care-whittier-boston"].ends == dt.date(2020, 12, 31)  # two years from Dec 2018
    assert centers["heart-team-quincy"].newest_source == "2016-12-29"
    assert centers["connect2recovery-nc8"].standing == "current"
    assert centers["red-house-oak-bluffs"].standing == "moved"
    assert centers["red-house-oak-bluffs"].provenance["status"].date == "2025-04-10"


def test_facts_that_may_have_changed_are_those_the_report_lists(site, centers):
    """The audit of December 2026 counted 79 such facts over 31 listings on the bundled data; South
    County's host, added since from a WAMC story of August 2024, is the 80th, over 32 listings."""
    changed = {c.id: c.changed_facts for c in site.centers if c.changed_facts}
    assert (sum(map(len, changed.values())), len(changed)) == (80, 32)
    assert "host" in centers["south-county-recovery-center-great-barrington"].changed_facts
    everett = centers["cha-everett-recovery-coaches"]
    assert "services" in everett.changed_facts and everett.provenance["services"].date == "2018-02-15"
    assert "phone" not in centers["living-in-recovery-pittsfield"].changed_facts  # the state's list, 2026


def test_the_red_house_is_no_nearest_place_for_any_island_town(site):
    towns = {t.name: t for t in site.towns}
    for name in ISLANDS:
        assert "red-house-oak-bluffs" not in {item.center.id for item in towns[name].centers + towns[name].programs}
    assert all(item.miles > 0 for item in towns["Oak Bluffs"].centers)
    assert [c.id for c in towns["Oak Bluffs"].changed] == ["red-house-oak-bluffs"]
    assert [c.id for c in towns["Edgartown"].changed] == ["red-house-oak-bluffs"]
    assert not any("red-house-oak-bluffs" in {i.center.id for i in t.centers} for t in site.towns)
    assert towns["Pittsfield"].changed == ()


def test_listings_that_may_have_ended_rank_after_current_choices(registries):
    """A current programme farther away comes before H.E.A.R.T. in Quincy itself; a centre whose term
    ended comes after the current centres however near it is."""
    heart = next(c for c in registries.centers if c["id"] == "heart-team-quincy")
    current = {**heart, "id": "current-programme", "address": {"town": "Braintree"},
               "sources": [{**heart["sources"][0], "date": "2026-06-01"}]}
    ended_prsc = [{**c, "sources": [{**s, "ends": dt.date(2026, 6, 30)} for s in c["sources"]]}
                  if c["id"] == "a-new-way-quincy" else c for c in registries.centers]
    edited = replace(registries, records={**registries.records, "centers": ended_prsc + [current]})
    quincy = next(t for t in enrich(edited, Settings(today=TODAY)).towns if t.name == "Quincy")
    programs = [(item.center.id, item.center.standing) for item in quincy.programs]
    assert programs[0] == ("current-programme", "current")
    assert all(s == "may-have-ended" for _, s in programs[1:]) and ("heart-team-quincy", "may-have-ended") in programs
    assert programs.index(("heart-team-quincy", "may-have-ended")) == 1  # nearest of the ended ones
    prscs = [item.center.id for item in quincy.centers]
    assert len(prscs) == Limits().nearest_centers and "a-new-way-quincy" not in prscs[:-1]  # 0 mi, yet after them


def test_a_move_or_closure_needs_a_source_that_gives_it(registry):
    registry.replace("centers.yaml", "verification: sourced", "status: closed\n    verification: sourced")
    assert [p.split(": ", 1)[1] for p in registry.problems()] == [
        "centers[0].status: no source supports the status shown here; add 'status' to the supports of the dated "
        "source that gives it, or remove the field"]
    registry.replace("centers.yaml", "supports: [name, street, town, phone]",
                     "supports: [name, street, town, phone, status]")
    assert registry.problems() == []
    registry.replace("centers.yaml", "status: closed", "status: gone")
    assert [p.split(": ", 1)[1] for p in registry.problems()] == [
        "centers[0].status: 'gone' is not one of: moved, closed"]


# The fixes of the December 2026 audit (issue 23, items 5-6), each on its dated source.

def _giving(center, field: str) -> list[tuple[str, str]]:
    return [(s.url, s.date) for s in center.sources if field in s.supports]


def test_lynn_is_at_35_exchange_st_on_the_daily_item_of_31_august_2023(centers):
    lynn = centers["recovery-exchange-lynn"]
    assert lynn.address.street == "35 Exchange St" and lynn.conflicts is None
    assert ("https://itemlive.com/2023/08/31/lynn-observes-national-overdose-awareness-day", "2023-08-31") in \
        _giving(lynn, "street")


def test_north_suffolk_is_shown_by_its_name_since_december_2022(centers):
    renamed = ("https://eastietimes.com/2022/12/28/new-name-new-era-for-mental-health-services-in-east-boston/",
               "2022-12-28")
    for center_id in ("cha-everett-recovery-coaches", "recovery-on-the-harbor-boston"):
        center = centers[center_id]
        assert "North Suffolk Community Services" in center.host and "Mental Health Association" not in center.host
        assert (center.provenance["host"].url, center.provenance["host"].date) == renamed


def test_the_state_list_numbers_stay_and_the_press_contact_stays_out(centers):
    assert centers["room-to-grow-boston"].phone == "(781) 656-5027"
    assert centers["northampton-recovery-center"].phone == "(413) 834-4127"
    for center in (centers["room-to-grow-boston"], centers["northampton-recovery-center"]):
        assert center.provenance["phone"].date == "2026-02"  # the state's list
    for name in ("centers.yaml", "help.yaml", "tracks.yaml", "coaches.yaml"):
        assert "834-8627" not in (DATA / name).read_text()


def test_the_schema_examples_use_no_real_withheld_number():
    from generator.registry.schema import CENTER

    assert "(617) 555-0100" in CENTER.fields["phone"].doc
    for path in [*(DATA.parent / "schema").glob("*.json"), DATA.parent / "CONTRIBUTING.md"]:
        text = path.read_text()
        assert not any(number in text for number in ("693-2900", "693-7900", "996-8900", "499-0412")), path


def test_the_older_adults_track_keeps_only_what_its_dated_source_gives(site):
    track = next(t for t in site.tracks if t.id == "older-adults")
    assert track.name == "Older adults"
    text = f"{track.summary} {track.description}"
    assert "50" not in text and "recovery coaches aged" not in text
    assert "Kiva Centers runs the Massachusetts Certified Peer Specialist training" in text
    assert [s.date for s in track.sources] == ["2022"]


def test_each_rlc_site_has_its_own_dated_source(site):
    sites = {s.name: s for c in site.centers if c.type == "rlc" for s in c.sites}
    assert sites and all(s.sources for s in sites.values())
    # In the data's order: the page that gives the site first, then the newer one that only fills in its ZIP code.
    assert [(s.date, s.url) for s in sites["Greenfield resource center"].sources] == [
        ("2017-12-20", "https://www.recorder.com/Recovery-Learning-Community-welcomes-new-space-on-Chapman-Street-14304486"),
        ("2026-06-14", "https://pypi.org/project/zipcodes/3.0.0/")]  # its ZIP code: Greenfield's only street one
    assert sites["Hyannis Recovery Connection Center"].sources[0].date == "2025"


def test_a_track_lists_its_current_programmes_before_those_that_may_have_ended(registries):
    renamed = [{**c, "name": "Zeta programme"} if c["id"] == "connect2recovery-nc8" else c
               for c in registries.centers]
    edited = enrich(replace(registries, records={**registries.records, "centers": renamed}), Settings(today=TODAY))
    courts = next(t for t in edited.tracks if t.id == "courts-reentry")
    assert [c.id for c in courts.centers] == ["connect2recovery-nc8", "mission-springfield-drug-court"]


def test_only_a_listing_s_own_sources_give_an_end(registry):
    registry.replace("tracks.yaml", 'date: "2022"', 'date: "2022"\n        ends: 2023-12-31')
    assert [p.split(": ", 1)[1] for p in registry.problems()] == [
        "tracks[0].sources[0].ends: a source here stands for the whole entry; remove 'ends' (only a centre's or "
        "programme's sources give its end)"]
