"""The build: every record gets its page, exports carry coordinates, output is escaped,
and a failed build leaves the published site exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.app import build as build_module
from generator.app.build import BuildError, build
from generator.registry.problems import DataError
from generator.settings import Limits, Settings
from tests.conftest import DATA, ROOT, TODAY


def _yaml_ids(name: str) -> list[str]:
    return [line.split("id:", 1)[1].strip() for line in (DATA / name).read_text().splitlines()
            if line.startswith("  - id:")]


def test_every_coach_centre_and_track_has_a_profile_page(preview_site):
    for name, folder in (("coaches.yaml", "coaches"), ("centers.yaml", "centers"), ("tracks.yaml", "tracks")):
        ids = _yaml_ids(name)
        assert ids, name
        for record_id in ids:
            assert (preview_site / folder / record_id / "index.html").is_file(), f"{folder}/{record_id}/"


def test_home_offers_the_three_doors_and_every_page_has_the_help_banner(bundled_site):
    home = (bundled_site / "index.html").read_text()
    for door in ("Find a coach", "Find a place near a town", "Plan the next 30 days"):
        assert door in home
    for page in (bundled_site / "index.html", bundled_site / "centers" / "index.html",
                 bundled_site / "coaches" / "index.html", bundled_site / "404.html"):
        text = page.read_text()
        assert 'href="tel:988"' in text and 'href="sms:988"' in text, page
        assert 'href="tel:+18003275050"' in text, page  # Massachusetts Substance Use Helpline
        assert 'href="tel:+18337732445"' in text, page  # Behavioral Health Help Line


def test_a_centre_page_shows_address_phone_sources_and_verification(bundled_site):
    page = (bundled_site / "centers" / "living-in-recovery-pittsfield" / "index.html").read_text()
    assert "75 North St. (entrance on McKay Street), Pittsfield, MA 01201" in page
    assert '<a class="md-button md-button--primary prn-call" href="tel:+14135708243">Call (413) 570-8243</a>' in page
    assert "Call before you go." in page
    assert "Living in Recovery group is settling into its new downtown headquarters</a> (15 January 2024)" in page
    moved = (bundled_site / "centers" / "red-house-oak-bluffs" / "index.html").read_text()
    assert "12 Beach" not in moved and "693-2900" not in moved and "693-7900" not in moved


def test_a_coach_page_shows_carc_status_as_of_the_build_date_and_the_example_badge(preview_site):
    rosa = (preview_site / "coaches" / "rosa-example" / "index.html").read_text()
    assert "CARC current until 30 September 2027" in rosa
    assert "prn-badge--example" in rosa and "fictional" in rosa
    sam = (preview_site / "coaches" / "sam-sample" / "index.html").read_text()
    assert "CARC renewal due by 15 December 2026" in sam


def test_json_exports_carry_every_record_with_coordinates(bundled_site, preview_site, places):
    centers = json.loads((bundled_site / "api" / "v1" / "centers.json").read_text())
    assert centers["version"] == 1 and centers["as_of"] == TODAY.isoformat()
    assert len(centers["centers"]) == len(_yaml_ids("centers.yaml"))
    worcester = next(c for c in centers["centers"] if c["id"] == "everyday-miracles-worcester")
    postal = places.zips["01609"]  # no street coordinates yet: its ZIP code's centre, flagged approximate
    assert (worcester["lat"], worcester["lon"], worcester["approximate_location"]) == (postal.lat, postal.lon, True)
    coaches = json.loads((preview_site / "api" / "v1" / "coaches.json").read_text())
    assert {c["id"] for c in coaches["coaches"]} == set(_yaml_ids("coaches.yaml"))  # all examples, so public has none
    towns = json.loads((bundled_site / "api" / "v1" / "towns.json").read_text())
    assert len(towns["towns"]) == 351


def test_the_json_schemas_are_published_with_the_site(bundled_site):
    """Every schema a data user can download is the one the registries (and the find index) are checked against."""
    committed = sorted(path.name for path in (ROOT / "schema").glob("*.schema.json"))
    assert committed == [f"{key}.schema.json"
                         for key in ("centers", "coaches", "find", "help_lines", "retired", "tracks", "words-index",
                                     "words")]
    assert sorted(path.name for path in (bundled_site / "schema").iterdir()) == committed
    for name in committed:
        published = json.loads((bundled_site / "schema" / name).read_text())
        assert published == json.loads((ROOT / "schema" / name).read_text()), name


def test_no_page_loads_fonts_or_scripts_from_another_origin(bundled_site):
    for page in bundled_site.rglob("*.html"):
        text = page.read_text()
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, page
        assert '<script src="http' not in text and '<link rel="stylesheet" href="http' not in text, page


def test_registry_pages_stay_out_of_the_navigation(bundled_site):
    home = (bundled_site / "index.html").read_text()
    assert "rosa-example" not in home and "red-house-oak-bluffs" not in home


@pytest.mark.slow  # builds a site of its own
def test_text_from_yaml_is_escaped_everywhere(registry, tmp_path):
    hostile = "<script>alert(1)</script> & <b>bold</b>"
    registry.replace("coaches.yaml", "name: Rosa Example", f'name: "{hostile}"')
    registry.replace("coaches.yaml", "    example: true\n",
                     f'    example: true\n    summary: "{hostile} *not markdown*"\n')
    registry.replace("centers.yaml", "street: 75 North St.", f'street: "{hostile}"')
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, examples=True))
    for page in (site / "coaches" / "rosa-example" / "index.html", site / "coaches" / "index.html",
                 site / "centers" / "living-in-recovery-pittsfield" / "index.html",
                 site / "tracks" / "older-adults" / "index.html"):
        text = page.read_text()
        assert "<script>alert(1)" not in text, page
        assert "<b>bold</b>" not in text, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page
    coach = (site / "coaches" / "rosa-example" / "index.html").read_text()
    assert "*not markdown*" in coach and "<em>not markdown</em>" not in coach


def test_bad_data_builds_nothing_and_keeps_the_published_site(registry, tmp_path, last_build):
    site = last_build
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh]")
    with pytest.raises(DataError):
        build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_failing_mkdocs_run_leaves_the_published_site_and_no_debris(registry, tmp_path, monkeypatch, last_build):
    site = last_build
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}

    def broken_mkdocs(config):
        (Path(config.site_dir) / "index.html").parent.mkdir(parents=True, exist_ok=True)
        (Path(config.site_dir) / "index.html").write_text("half a site")
        raise SystemExit("Aborted with 1 warnings in strict mode!")

    monkeypatch.setattr(build_module, "mkdocs_build", broken_mkdocs)
    with pytest.raises(BuildError, match="strict mode"):
        build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


@pytest.mark.slow  # builds a site of its own
def test_a_first_build_creates_the_site_folder(registry, tmp_path):
    site = tmp_path / "out" / "site"
    report = build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, examples=True))
    assert (site / "index.html").is_file()
    assert report.pages == len(list(site.rglob("index.html")))
    for page in ("coaches/rosa-example", "centers/living-in-recovery-pittsfield", "tracks/older-adults",
                 "towns/pittsfield", "towns/aquinnah", "coaches", "centers", "tracks", "towns", "maintainers"):
        assert (site / page / "index.html").is_file(), page
    assert not (site / "_shell").exists()
    # The English stages, then the wait for the other languages, built alongside in their own processes, then the
    # service workers and the swap.
    assert list(report.seconds) == ["load", "validate", "enrich", "render", "mkdocs", "stamp", "offline", "languages",
                                    "finish"]


@pytest.mark.slow  # builds a site of its own
def test_the_build_makes_no_network_connection(registry, tmp_path, monkeypatch):
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the build tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    build(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY))


@pytest.mark.slow  # builds a site of its own
def test_a_geocoded_street_address_gives_an_exact_position(registry, tmp_path):
    registry.write("geocode-cache.yaml", '"75 North St., Pittsfield, MA":\n  lat: 42.4501\n  lon: -73.2454\n'
                                         "  display_name: 75 North Street, Pittsfield\n  date: 2026-11-20\n")
    site = tmp_path / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    centers = json.loads((site / "api" / "v1" / "centers.json").read_text())["centers"]
    assert (centers[0]["lat"], centers[0]["lon"], centers[0]["approximate_location"]) == (42.4501, -73.2454, False)
    page = (site / "towns" / "pittsfield" / "index.html").read_text()
    assert "approximate location" not in page.split('id="rlc"')[0]


def test_the_maintainers_page_lists_what_needs_checking(preview_site):
    page = (preview_site / "maintainers" / "index.html").read_text()
    assert "CARC expired or due for renewal within 60 days" in page
    assert 'href="../coaches/paulo-template/"' in page and "CARC expired on 30 June 2026" in page
    assert 'Not confirmed with the centre' in page


def test_the_open_data_page_links_every_export(bundled_site):
    page = (bundled_site / "open-data" / "index.html").read_text()
    for target in ("api/v1/centers.json", "api/v1/coaches.json", "api/v1/towns.json", "api/v1/ids.json",
                   "api/v1/hsds/index.json", "schema/retired.schema.json"):
        assert f'href="../{target}"' in page
        assert (bundled_site / target).is_file()


def test_stamped_profiles_are_whole_theme_pages_with_one_heading(preview_site):
    page = (preview_site / "coaches" / "rosa-example" / "index.html").read_text()
    assert page.count("<h1") == 1
    assert "<title>Rosa Example - Peer Recovery Navigator</title>" in page
    assert '<meta name="description" content="Rosa Example: peer recovery coach.' in page
    assert 'href="../../assets/stylesheets/' in page and "PRN-SHELL" not in page and "_shell" not in page


def test_profiles_are_in_the_search_index_without_their_whole_body(preview_site):
    index = json.loads((preview_site / "search" / "search_index.json").read_text())
    docs = {d["location"]: d for d in index["docs"]}
    assert docs["coaches/rosa-example/"]["title"] == "Rosa Example"
    assert "Spanish" in docs["coaches/rosa-example/"]["text"]
    assert "centers/everyday-miracles-worcester/" in docs
    assert not any(location.startswith("towns/") and not location.startswith("towns/#") and location != "towns/"
                   for location in docs)


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
def test_the_visitors_search_leaves_out_the_maintainers_page(bundled_site, prefix):
    index = json.loads((bundled_site / prefix / "search" / "search_index.json").read_text())
    assert [d["location"] for d in index["docs"] if d["location"].startswith("maintainers/")] == []
    assert any(d["location"] == "find/" for d in index["docs"])


def test_the_find_index_places_villages_and_names_the_national_helpline(bundled_site):
    index = json.loads((bundled_site / "api" / "v1" / "find.json").read_text())
    hyannis = next(v for v in index["villages"] if v["name"] == "Hyannis")
    assert hyannis == {"name": "Hyannis", "town": "barnstable", "lat": 41.6601, "lon": -70.2967}  # ZIP 02601
    lines = yaml.safe_load((DATA / "help.yaml").read_text())["help_lines"]
    line = next(h for h in lines if h["id"] == "samhsa-helpline")
    assert index["national"] == {"name": "SAMHSA National Helpline", "call": "(800) 662-4357",
                                 "call_href": "tel:+18006624357", "source": line["sources"][0]["title"],
                                 "verified": str(line["last_verified"])}


def test_every_page_has_a_phone_help_bar_and_the_numbers_in_the_menu_drawer(bundled_site):
    for page in (bundled_site / "index.html", bundled_site / "es" / "guides" / "faq" / "index.html",
                 bundled_site / "towns" / "worcester" / "index.html"):
        text = page.read_text()
        bar = text[text.index('class="prn-help__bar"'):text.index("</details>", text.index('class="prn-help__bar"'))]
        assert 'href="tel:988"' in bar and 'href="tel:+18003275050"' in bar and 'href="tel:911"' in bar, page
        drawer = text[text.index('class="prn-drawer-help"'):]
        assert 'href="tel:988"' in drawer[:2000] and 'href="tel:+18003275050"' in drawer[:2000], page


def test_the_sitemap_lists_profiles_when_the_site_url_is_known(minimal_public_site):
    site = minimal_public_site  # site_url="https://navigator.example/", with the example coach
    sitemap = (site / "sitemap.xml").read_text()
    assert "<loc>https://navigator.example/coaches/rosa-example/</loc>" in sitemap
    assert "<loc>https://navigator.example/towns/pittsfield/</loc>" in sitemap
    assert f"<lastmod>{TODAY.isoformat()}</lastmod>" in sitemap


@pytest.mark.slow  # builds a site of its own
def test_a_language_failing_in_its_own_process_fails_the_build_and_keeps_the_site(registry, tmp_path, monkeypatch,
                                                                                   last_build):
    site = last_build
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    real_mkdocs = build_module.mkdocs_build

    def portuguese_breaks(config):
        if config.theme["language"] == "pt-BR":
            raise SystemExit("Aborted with 1 warnings in strict mode!")
        real_mkdocs(config)

    monkeypatch.setattr(build_module, "mkdocs_build", portuguese_breaks)
    with pytest.raises(BuildError) as failed:
        build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    assert str(failed.value) == ("the Portuguese (pt) build failed: mkdocs failed (Português): "
                                 "Aborted with 1 warnings in strict mode!")
    assert failed.value.trace == ""  # a fault MkDocs explains, not a bug
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "site"]


@pytest.mark.slow  # builds a site of its own
@pytest.mark.parametrize("forked", [True, False], ids=["forked", "in-place"])
def test_a_bug_in_a_language_names_the_language_the_error_and_keeps_its_traceback(registry, tmp_path, monkeypatch,
                                                                                  forked):
    import multiprocessing

    real_assets = build_module.language_files

    def spanish_assets_break(site, tr):
        if tr.code == "es":
            raise KeyError("track_ids")
        return real_assets(site, tr)

    monkeypatch.setattr(build_module, "language_files", spanish_assets_break)
    if not forked:
        monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with pytest.raises(BuildError) as failed:
        build(Settings(data_dir=registry.dir, site_dir=tmp_path / "site", today=TODAY))
    assert str(failed.value) == "the Spanish (es) build failed: KeyError: 'track_ids'"
    trace = failed.value.trace
    assert trace.startswith("Traceback (most recent call last):")
    assert "in spanish_assets_break" in trace and trace.endswith("KeyError: 'track_ids'\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


@pytest.mark.slow  # builds a site of its own
def test_a_killed_build_leaves_the_site_whole_and_the_next_build_removes_its_leftovers(registry, tmp_path, last_build):
    import os
    import signal
    import subprocess
    import sys
    import time

    site = last_build
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    registry.replace("centers.yaml", "name: Living in Recovery", "name: Living in Recovery Renamed")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--as-of", "2026-11-23"], cwd=tmp_path,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".site-build-*")) and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its language processes, as a cancelled CI job
    proc.wait()
    assert [p.name for p in tmp_path.glob(".site-build-*")] != [], "the build ended before it was killed"
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before

    dead, living = proc.pid, os.getppid()
    (tmp_path / f".site-old-{dead}").mkdir()  # a swap killed between its renames and its clean-up
    keep = [f".site-build-{living}-abc_123",  # a build that still runs
            ".site-build-notes", f".other-build-{dead}-abc", f"site-old-{dead}", f".site-old-{dead}-copy"]
    for name in keep:
        (tmp_path / name).mkdir()
    keep.append(f".site-build-{dead}-afile")
    (tmp_path / keep[-1]).write_text("a file, not a build's folder")
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", "site", *keep])
    assert "Recovery Renamed" in (site / "centers" / "living-in-recovery-pittsfield" / "index.html").read_text()


@pytest.mark.slow  # builds a site of its own
def test_languages_built_in_place_or_in_parallel_give_the_same_site(registry, tmp_path, monkeypatch, minimal_site):
    """Where fork is missing (Windows) the languages are built one after another, to the same bytes."""
    import multiprocessing

    parallel, in_place = minimal_site, tmp_path / "in-place"  # minimal_site: the same data, built in parallel
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    build(Settings(data_dir=registry.dir, site_dir=in_place, today=TODAY))
    files = sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(in_place) for p in in_place.rglob("*") if p.is_file())
    assert [f for f in files if (parallel / f).read_bytes() != (in_place / f).read_bytes()] == []


@pytest.mark.slow  # builds a site of its own
def test_two_builds_of_the_same_data_are_byte_identical(registry, tmp_path, minimal_site):
    first, second = minimal_site, tmp_path / "two"  # the same data, built earlier from another folder
    build(Settings(data_dir=registry.dir, site_dir=second, today=TODAY))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []


@pytest.mark.slow  # builds a site of its own
def test_long_lists_are_split_into_pages_that_link_to_each_other(tmp_path, monkeypatch):
    site = tmp_path / "site"
    build(Settings(data_dir=DATA, site_dir=site, today=TODAY, limits=Limits(list_page=10), examples=True))
    coaches = sorted((c for c in json.loads((site / "api/v1/coaches.json").read_text())["coaches"]
                      if c["carc_state"] != "expired"), key=lambda c: c["name"].lower())  # the list leaves them out
    first = (site / "coaches/index.html").read_text()
    second = (site / "coaches/page-2/index.html").read_text()
    assert first.count('class="prn-card"') == 10 and second.count('class="prn-card"') == len(coaches) - 10
    assert f"{len(coaches)} coaches." in first and f"{len(coaches)} coaches." in second
    assert f'/{coaches[10]["id"]}/' in second and f'/{coaches[10]["id"]}/' not in first
    assert '<a href="../coaches/page-2/">2</a>' in first and '<a href="../../coaches/">1</a>' in second
    assert "<title>Peer recovery coaches, page 2 of 2" in second
    assert not (site / "coaches/page-3").exists()
    # Centres keep their type headings, with the type's whole count, on whichever pages they fall.
    centers = (site / "centers/index.html").read_text() + (site / "centers/page-2/index.html").read_text()
    prscs = (DATA / "centers.yaml").read_text().count("\n    type: prsc\n")
    assert centers.count(f'<h2 id="prsc">Peer Recovery Support Centers ({prscs})</h2>') == 2
    search = json.loads((site / "search/search_index.json").read_text())
    assert "coaches/" in {d["location"] for d in search["docs"]}
    assert not {d["location"] for d in search["docs"]} & {"coaches/page-2/", "centers/page-2/"}
    spanish = (site / "es/coaches/page-2/index.html").read_text()
    assert "página 2 de 2" in spanish and '<a href="../../coaches/">1</a>' in spanish


@pytest.mark.slow  # builds a site of its own
def test_templates_compiled_by_an_earlier_build_change_no_byte_of_the_site(registry, tmp_path, minimal_site,
                                                                          monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # Jinja's cache folder, empty: the first build compiles
    plain, cold, warm = minimal_site, tmp_path / "cold", tmp_path / "warm"
    build(Settings(data_dir=registry.dir, site_dir=cold, today=TODAY))
    cached = {path.name.split("-")[1] for path in tmp_path.glob("_jinja2-cache-*/prn-*.cache")}
    assert cached == {"theme", "en", "es", "pt"}, "the theme's and each language's templates are kept"
    build(Settings(data_dir=registry.dir, site_dir=warm, today=TODAY))
    files = sorted(p.relative_to(plain) for p in plain.rglob("*") if p.is_file())
    for other in (cold, warm):
        assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
        assert [f for f in files if (plain / f).read_bytes() != (other / f).read_bytes()] == []


def test_a_changed_catalogue_compiles_the_pages_templates_again():
    from generator.app.build import compiled_templates
    from generator.outputs.render import compiled_salt
    from generator.outputs.translations import LANGUAGES, Catalogue, Translator

    spanish = Translator(LANGUAGES["es"], Catalogue("es", strings={"Call": "Llamar"}))
    edited = Translator(LANGUAGES["es"], Catalogue("es", strings={"Call": "Llame"}))
    source = "<a>{{ _('Call') }}</a>"
    checksums = {compiled_templates("es", compiled_salt(tr)).get_source_checksum(source) for tr in (spanish, edited)}
    assert len(checksums) == 2


def test_the_sitemap_gets_the_stamped_pages_and_loses_the_shell():
    import gzip

    from generator.outputs.stamp import with_sitemap

    mkdocs = ("<urlset>\n    <url>\n         <loc>https://prn.example/</loc>\n    </url>\n"
              "    <url>\n         <loc>https://prn.example/_shell/page/</loc>\n"
              "         <lastmod>2026-11-23</lastmod>\n    </url>\n</urlset>")
    files = with_sitemap(mkdocs, ["centers/a/"], "https://prn.example/", TODAY)
    assert "_shell" not in files["sitemap.xml"]
    sitemap = files["sitemap.xml"]
    assert sitemap.count("<loc>") == 2 and "<loc>https://prn.example/centers/a/</loc>" in sitemap
    assert gzip.decompress(files["sitemap.xml.gz"]).decode() == files["sitemap.xml"]
    assert with_sitemap(mkdocs, ["centers/a/"], "", TODAY) == {}


def test_a_ctrl_c_during_the_fork_of_a_language_process_still_stops_the_build():
    """Python prints and drops a KeyboardInterrupt raised inside the fork's own hooks (logging's lock), and the
    interrupted build carried on to serve: a Ctrl+C then is held back and raised once the process has started."""
    import os
    import signal

    from generator.app.parallel import start

    armed: list[bool] = []
    os.register_at_fork(after_in_parent=lambda: armed and os.kill(os.getpid(), signal.SIGINT))
    armed.append(True)
    heard = signal.signal(signal.SIGINT, signal.default_int_handler)  # a background job starts with it ignored
    try:
        with pytest.raises(KeyboardInterrupt):
            start(os.getpid)
    finally:
        armed.clear()
        signal.signal(signal.SIGINT, heard)
