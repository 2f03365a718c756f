"""Every page type of the built site is valid HTML by the Nu Html Checker (vnu), the W3C's validator.

vnu is the version pinned in package-lock.json (npm `vnu-jar`), installed by `make checkers` (part of
`make install` and `make test`), and runs on the machine's Java: without either the test fails. All
pages go to one Java process, which takes a few seconds. Errors that come from mkdocs-material's own
templates, where an override would mean copying a large template, are allowed below with the reason."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a Java process, and vnu over dozens of pages

VNU_JAR = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = ["", "find/", "plan/", "about/", "open-data/", "guides/", "guides/faq/", "guides/masshealth/",
         "towns/worcester/", "towns/", "centers/everyday-miracles-worcester/", "centers/central-mass-rlc/",
         "centers/", "coaches/", "tracks/older-adults/", "tracks/", "map/", "centers/connect2recovery-nc8/",
         "towns/canton/", "tracks/courts-reentry/",
         "maintainers/", "404.html", "es/", "es/find/", "es/plan/", "es/towns/worcester/", "es/coaches/",
         "es/map/", "es/404.html", "pt/", "pt/centers/everyday-miracles-worcester/", "pt/guides/faq/",
         "pt/map/", "pt/maintainers/", "pt/404.html", "help/", "help/ar/", "help/zh-Hant/", "help/km/", "es/help/",
         "offline/", "es/offline/", "pt/offline/", "embed/towns/worcester/", "embed/centers/steprox-roxbury/",
         "es/embed/centers/everyday-miracles-worcester/", "pt/embed/towns/dracut/"]
RETIRED_PAGES = ["centers/old-centre-pittsfield/", "es/centers/old-centre-pittsfield/"]
PREVIEW_PAGES = ["coaches/rosa-example/", "coaches/paulo-template/", "coaches/", "es/coaches/rosa-example/"]

# (message pattern, a piece of the offending markup, why it is allowed): mkdocs-material 9.x's templates.
THEME_ERRORS = [
    (r"Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"',
     "base.html gives its drawer and search checkboxes autocomplete=off (so Firefox does not restore them "
     "open on Back); overriding means copying the theme's whole base.html"),
    (r"Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"',
     "partials/nav-item.html writes tabindex=\"\" on section labels; a 170-line partial to copy"),
    (r"The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     'for="__toc"',
     "partials/toc.html labels the table-of-contents toggle that nav-item.html writes only for pages in "
     "the navigation; a page outside it (/open-data/) has the label without the toggle"),
]


def _theme_error(message: dict) -> int | None:
    """The index of the THEME_ERRORS entry that allows this message, if any."""
    for index, (pattern, markup, _) in enumerate(THEME_ERRORS):
        if re.search(pattern, message["message"]) and markup in message.get("extract", ""):
            return index
    return None


def _vnu() -> list[str]:
    java = shutil.which("java")
    if not java:
        pytest.fail("java not found: the Nu Html Checker needs a Java runtime (e.g. apt-get install "
                    "default-jre-headless)", pytrace=False)
    if not VNU_JAR.is_file():
        pytest.fail(f"the Nu Html Checker is not installed ({VNU_JAR} missing): run `make checkers`", pytrace=False)
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def test_every_page_type_is_valid_html(bundled_site, preview_site, moved_site):
    files = [bundled_site / (page if page.endswith(".html") else page + "index.html") for page in PAGES] + \
        [moved_site / page / "index.html" for page in RETIRED_PAGES] + \
        [preview_site / page / "index.html" for page in PREVIEW_PAGES]
    assert all(f.is_file() for f in files), [str(f) for f in files if not f.is_file()]
    run = subprocess.run(_vnu() + [str(f) for f in files], capture_output=True, text=True, timeout=300)
    messages = json.loads(run.stderr)["messages"]
    assert all(m["type"] == "error" for m in messages), [m for m in messages if m["type"] != "error"]
    ours = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages
            if _theme_error(m) is None]
    assert ours == []
    used = {_theme_error(m) for m in messages}
    assert [reason for index, (_, _, reason) in enumerate(THEME_ERRORS) if index not in used] == [], \
        "an allowed theme error no longer occurs: remove it from THEME_ERRORS"


def test_the_checker_reports_an_error_it_is_shown(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="en"><title>x</title><p><div></p>', encoding="utf-8")
    run = subprocess.run(_vnu() + [str(page)], capture_output=True, text=True, timeout=120)
    assert json.loads(run.stderr)["messages"], "vnu passed an invalid page"
