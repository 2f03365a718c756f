"""Agencies' links never break: renamed ids redirect, retired listings keep a page, and an id that
was published cannot silently disappear."""

from __future__ import annotations

import json

import pytest

from generator.app.build import build
from generator.registry.problems import DataError
from generator.settings import Settings
from tests.conftest import TODAY

RETIRED = """\
retired:
  - id: old-centre-pittsfield
    registry: centers
    name: Old Centre
    town: Pittsfield
    retired_on: 2026-06-01
    reason: The centre closed in June 2026.
"""


def test_a_renamed_id_redirects_from_its_old_url(moved_site):
    site = moved_site  # living-in-recovery-pittsfield was lir-pittsfield
    page = (site / "centers" / "lir-pittsfield" / "index.html").read_text()
    assert '<meta http-equiv="refresh" content="0; url=../living-in-recovery-pittsfield/">' in page
    assert '<link rel="canonical" href="../living-in-recovery-pittsfield/">' in page
    ids = json.loads((site / "api" / "v1" / "ids.json").read_text())
    assert "lir-pittsfield" in ids["centers"] and "living-in-recovery-pittsfield" in ids["centers"]


def test_a_retired_listing_keeps_a_page_with_the_nearest_alternatives(moved_site):
    site = moved_site  # with RETIRED
    page = (site / "centers" / "old-centre-pittsfield" / "index.html").read_text()
    assert "No longer listed." in page and "The centre closed in June 2026." in page
    assert "Alternatives near Pittsfield" in page
    assert 'href="../../centers/living-in-recovery-pittsfield/"' in page


def test_a_published_id_that_disappears_fails_the_build_and_keeps_the_site(registry, last_build):
    site = last_build
    registry.replace("centers.yaml", "id: living-in-recovery-pittsfield", "id: living-in-recovery")
    with pytest.raises(DataError) as caught:
        build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    assert [str(p) for p in caught.value.problems] == [
        "data/centers.yaml:1:1: centers: 'living-in-recovery-pittsfield' was published at "
        "/centers/living-in-recovery-pittsfield/ and is gone; if you renamed it, add it to the new entry's "
        "former_ids; if it closed, move it to data/retired.yaml"]
    assert (site / "centers" / "living-in-recovery-pittsfield" / "index.html").is_file()


def test_keeping_the_old_id_as_a_former_id_satisfies_the_check(registry):
    published = {"centers": ["living-in-recovery-pittsfield"], "coaches": ["rosa-example"]}
    registry.replace("centers.yaml", "id: living-in-recovery-pittsfield",
                     "id: living-in-recovery\n    former_ids: [living-in-recovery-pittsfield]")
    from generator.registry.places import load_places
    from generator.registry.validate import validate

    validate(registry.dir, load_places(registry.dir), TODAY, published)  # no DataError


def test_a_former_id_cannot_point_at_two_pages(registry):
    registry.replace("coaches.yaml", "    name: Rosa Example\n",
                     "    name: Rosa Example\n    former_ids: [rosa-example]\n")
    assert registry.problems() == [
        "data/coaches.yaml:4:18: coaches[0].former_ids[0]: 'rosa-example' is already the id or a former id of "
        "'rosa-example'; an old URL can lead to one page only"]


def test_a_retired_id_still_in_use_is_reported(registry):
    registry.write("retired.yaml", RETIRED.replace("old-centre-pittsfield", "living-in-recovery-pittsfield"))
    assert registry.problems() == [
        "data/retired.yaml:2:9: retired[0].id: 'living-in-recovery-pittsfield' is retired but still used in "
        "centers.yaml; keep one"]


def test_profiles_carry_json_ld_a_citation_and_a_report_link(minimal_public_site):
    site = minimal_public_site  # site_url="https://navigator.example/", repo_url="https://github.com/o/r"
    centre = (site / "centers" / "living-in-recovery-pittsfield" / "index.html").read_text()
    head = centre.split("</head>")[0]
    data = json.loads(head.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == ["Organization", "Place"]
    assert data["url"] == "https://navigator.example/centers/living-in-recovery-pittsfield/"
    assert data["address"] == {"@type": "PostalAddress", "streetAddress": "75 North St.",
                               "addressLocality": "Pittsfield", "addressRegion": "MA", "addressCountry": "US"}
    assert "geo" not in data  # only a town-level position: not published as the place's coordinates
    assert data["telephone"] == "+1-413-570-8243"  # E.164 with separators: dialable from anywhere
    assert data["subjectOf"] == [{"@type": "CreativeWork", "url": "https://www.wamc.org/news/2024-01-15/example",
                                  "name": "WAMC: Living in Recovery settles into its new downtown headquarters",
                                  "datePublished": "2024-01-15", "description": "Source of: name, street, town, phone"}]
    assert ("Living in Recovery. Peer Recovery Navigator, https://navigator.example/centers/"
            "living-in-recovery-pittsfield/ (last verified 1 January 2026).") in centre
    assert ('href="https://github.com/o/r/issues/new?template=listing.yml&amp;title=Listing%3A+Living+in+Recovery'
            '&amp;listing=living-in-recovery-pittsfield"') in centre
    coach = (site / "coaches" / "rosa-example" / "index.html").read_text().split("</head>")[0]
    person = json.loads(coach.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert person["@type"] == "ProfilePage"
    assert person["mainEntity"]["hasCredential"]["validUntil"] == "2027-09-30"
    assert [lang["alternateName"] for lang in person["mainEntity"]["knowsLanguage"]] == ["es", "en"]
    assert person["mainEntity"]["disambiguatingDescription"].startswith("Fictional")


@pytest.mark.slow  # builds a site of its own
def test_json_ld_cannot_break_out_of_its_script_element(registry, tmp_path):
    registry.replace("centers.yaml", "name: Living in Recovery", 'name: "</script><script>alert(1)</script>"')
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    head = (site / "centers" / "living-in-recovery-pittsfield" / "index.html").read_text().split("</head>")[0]
    assert "<script>alert(1)" not in head
    assert "\\u003c/script\\u003e" in head
