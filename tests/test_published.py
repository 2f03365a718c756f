"""The site as GitHub Pages publishes it: a project site under /<repository>/, built with SITE_URL
and REPO_URL as the deploy workflow passes them. Addresses a visitor, a search engine or an agency
copies must be absolute and under that path, and the 404 pages must work from any missing address."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.app.build import build
from generator.settings import Settings
from tests.conftest import DATA, TODAY

pytestmark = pytest.mark.slow  # builds the bundled data as a project site of its own

BASE = "https://example.org/prn/"
REPO = "https://github.com/example/prn"
PREFIXES = {"en": "", "es": "es/", "pt": "pt/"}
NOT_FOUND = {"en": "Page not found", "es": "Página no encontrada", "pt": "Página não encontrada"}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The bundled data built once for this module, for a project site at https://example.org/prn/."""
    site = tmp_path_factory.mktemp("published") / "site"
    build(Settings(data_dir=DATA, site_dir=site, today=TODAY, site_url=BASE, repo_url=REPO))
    return site


def centre_ids() -> list[str]:
    return re.findall(r"^  - id: (\S+)$", (DATA / "centers.yaml").read_text(), re.MULTILINE)


@pytest.mark.parametrize("code", PREFIXES)
def test_each_sitemap_lists_every_page_at_its_absolute_address_under_the_sub_path(published, code):
    prefix = PREFIXES[code]
    locs = re.findall(r"<loc>([^<]+)</loc>", (published / prefix / "sitemap.xml").read_text())
    assert locs and all(loc.startswith(BASE + prefix) for loc in locs)
    assert {f"{BASE}{prefix}centers/{cid}/" for cid in centre_ids()} <= set(locs)
    assert f"{BASE}{prefix}find/" in locs


@pytest.mark.parametrize("code", PREFIXES)
def test_a_centre_page_gives_absolute_canonical_citation_json_ld_and_report_addresses(published, code):
    cid = centre_ids()[0]
    here = f"{BASE}{PREFIXES[code]}centers/{cid}/"
    page = (published / PREFIXES[code] / "centers" / cid / "index.html").read_text()
    assert f'<link rel="canonical" href="{here}">' in page
    assert f"Peer Recovery Navigator, {here} (" in page  # the "Cite or link this listing" line
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["url"] == here
    report = re.search(r'href="([^"]*issues/new\?[^"]*)"', page)
    assert report and report[1].startswith(f"{REPO}/issues/new?template=listing.yml&amp;")
    assert report[1].endswith(f"&amp;listing={cid}")  # the form's id field, prefilled


def test_every_theme_page_has_a_canonical_link_under_the_sub_path(published):
    """/map/ and the embed cards are standalone pages outside the theme (generator/outputs/maps.py, embed.py; the
    cards are noindex and lead to the full page, tests/test_embed.py)."""
    pages = [p for p in published.rglob("index.html") if not {"search", "map", "embed"} & set(p.parts)]
    assert len(pages) > 300
    missing = [str(p.relative_to(published)) for p in pages
               if f'<link rel="canonical" href="{BASE}{p.parent.relative_to(published).as_posix()}/'.replace(
                   f"{BASE}./", BASE) not in p.read_text()]
    assert missing == []


@pytest.mark.parametrize("code", PREFIXES)
def test_every_404_page_is_translated_and_links_only_under_the_sub_path(published, code):
    """GitHub Pages serves 404.html at any missing address, so a root-relative link (/assets/...)
    would leave the project site; relative links would resolve against the missing address."""
    page = (published / PREFIXES[code] / "404.html").read_text()
    assert f"<h1>{NOT_FOUND[code]}</h1>" in page
    assert "404 - Not found" not in page
    assert f'<html lang="{code}"' in page or f'<html lang="{code}-' in page
    links = re.findall(r'(?:href|src)="([^"]+)"', page)
    outside = [link for link in links if not (
        link.startswith(("/prn/", "#", "tel:", "sms:", "https://")) or link == "/prn")]
    assert outside == []
    assert f'href="/prn/{PREFIXES[code]}find/"' in page
    assert f'/prn/{PREFIXES[code]}assets/site.css' in page
    assert 'href="tel:+18003275050"' in page  # the help banner: a number to call from a dead end


def jsonld(page: Path) -> dict:
    return json.loads(page.read_text().split('<script type="application/ld+json">')[1].split("</script>")[0])


def test_centre_json_ld_gives_international_numbers_postcodes_and_dated_sources(published):
    """What a search engine or directory reads: +1 numbers, the ZIP and coordinates when known, and the
    pages each listing's facts come from, with their dates (schema.org `subjectOf` CreativeWork)."""
    from generator.model.site import load_site
    site = load_site(Settings(data_dir=DATA, today=TODAY))
    for center in site.centers:
        data = jsonld(published / "centers" / center.id / "index.html")
        assert data["url"] == f"{BASE}centers/{center.id}/"
        if center.phone:
            assert re.fullmatch(r"\+1-\d{3}-\d{3}-\d{4}", data["telephone"]), center.id
            assert data["telephone"].replace("-", "") == center.phone_href.removeprefix("tel:")
        if center.address and center.address.zip:
            assert data["address"]["postalCode"] == center.address.zip
        assert ("geo" in data) == bool(center.position and not center.position.approximate), center.id
        assert [work["url"] for work in data["subjectOf"]] == [s.url for s in center.sources]
        for work, source in zip(data["subjectOf"], center.sources, strict=True):
            assert work["@type"] == "CreativeWork"
            assert work.get("datePublished") == source.date
    assert any(c.phone for c in site.centers) and any(c.address and c.address.zip for c in site.centers)


CC_BY = "https://creativecommons.org/licenses/by/4.0/"


def test_every_json_export_names_the_data_licence(published):
    """A 211 directory that copies a file must be able to see what it may do with it."""
    files = [*sorted((published / "api" / "v1").glob("*.json")), published / "api" / "v1" / "hsds" / "index.json"]
    assert len(files) >= 6
    for path in files:
        licence = json.loads(path.read_text())["license"]
        assert (licence["id"], licence["url"]) == ("CC-BY-4.0", CC_BY), path.name


def test_every_centre_in_the_json_export_carries_its_dated_sources(published):
    centers = json.loads((published / "api" / "v1" / "centers.json").read_text())["centers"]
    assert len(centers) == len(centre_ids())
    for center in centers:
        assert center["sources"], center["id"]
        assert all(s["url"] and s["date"] and s["supports"] for s in center["sources"]), center["id"]


@pytest.mark.parametrize("code", PREFIXES)
def test_the_open_data_page_states_the_licence_in_each_language(published, code):
    page = (published / PREFIXES[code] / "open-data" / "index.html").read_text()
    assert re.search(rf'<a href="{re.escape(CC_BY)}[^"]*">[^<]*\(CC BY 4\.0\)</a>', page)
    assert "MIT" in page and "Peer Recovery Navigator" in page


def test_the_code_licence_matches_pyproject_and_each_vendored_library_keeps_its_licence():
    from tests.conftest import ROOT
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()
    vendor = ROOT / "content" / "assets" / "vendor"
    listing = (vendor / "VENDOR.txt").read_text()
    libraries = [p for p in vendor.iterdir() if p.is_dir()]
    assert libraries
    for library in libraries:
        assert f"{library.name}/" in listing, library.name
        assert [p for p in library.iterdir() if "LICEN" in p.name.upper()], f"{library.name} has no licence text"
