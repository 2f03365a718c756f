"""Data cannot reshape the built site (issue 22 item 5), proved with MkDocs itself: the plain data of
tests/test_hostile_text.py and the same data with every text and web-address field holding one of its nastiest
accepted values (shell tokens, `</script>`, `"><img onerror>`, `{{ }}`, `<!--`, Hebrew, emoji) are each built once.
Every page, JSON-LD block, export, search index, sitemap and service worker of the second build is read back as
the fast test reads the outputs layer's: no element kind, script, event handler or `javascript:` link the plain
build lacks, every file parses, each value comes back exactly wherever the plain value shows; and every page keeps
the plain build's Content-Security-Policy (no script hash comes from data) but the map pages, whose scripts carry
the centres' names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.app.build import build
from generator.settings import Settings
from tests.conftest import SITE_URL, TODAY, Registry
from tests.test_hostile_text import BASE, FILES, nasty_data, output_problems, plain_outputs, read

pytestmark = pytest.mark.slow  # builds two small sites

READ = re.compile(r".*\.(html|json|xml|webmanifest)$|(.*/)?sw\.js$")
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')
# One town page stands for the 351; the vendored scripts and the schemas hold no data.
SKIPPED = re.compile(r"towns/(?!pittsfield/)[^/]+/|assets/(?!answers\.html)|schema/")


def built(folder: Path, data: dict[str, dict]):
    """The site built from the data, and its files that data can reach, by path."""
    registry = Registry(folder / "data")
    for key, name in FILES.items():
        registry.write(name, yaml.safe_dump(data[key], allow_unicode=True, sort_keys=False))
    site = folder / "site"
    report = build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, site_url=SITE_URL, examples=True))
    files = {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}
    return report.site, {rel: path.read_text(encoding="utf-8") for rel, path in files.items()
                         if READ.fullmatch(rel) and not SKIPPED.match(rel.removeprefix("es/").removeprefix("pt/"))}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stamp")
    _, plain = built(folder / "plain", BASE)
    data, changed = nasty_data()
    site, nasty = built(folder / "nasty", data)
    return plain_outputs(plain), site, nasty, changed


def test_the_nastiest_accepted_values_change_no_structure_of_any_built_file_and_come_back_exactly(builds):
    plain, site, nasty, changed = builds
    assert set(nasty) == set(plain)
    assert len(plain) > 90
    assert [t.where for t, _ in changed if not plain.shown[t] and not t.field.private] == ["help_lines[0].options"]
    failures = output_problems(site, read(nasty), plain, changed)
    assert not failures, "\n".join(failures[:12])


def _policy(text: str) -> str:
    found = POLICY.search(text)
    return found.group(1) if found else ""


def test_every_page_keeps_the_plain_builds_content_security_policy_but_the_maps(builds):
    plain, _, nasty, _ = builds
    changed = [rel for rel in plain if rel.endswith(".html") and _policy(nasty[rel]) != _policy(plain[rel])]
    assert changed == ["es/map/index.html", "map/index.html", "pt/map/index.html"]
