"""The page scripts share one copy of their helpers (assets/common.js, and the modules assets/places.mjs and
assets/cards.mjs), loaded before them on every page and in every language, so a fix to translation, dates,
distances or element building reaches /find/, /plan/, the towns index and the MassHealth checklist at once."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

ASSETS = ROOT / "content" / "assets"
SHARED = ("fill", "t", "tn", "withEN", "el", "parseDay", "nearestPoint", "nearest", "miles", "norm")
PAGES = {"find.md": ["common.js", "find.js"], "plan.md": ["common.js", "plan.js"],
         "guides/masshealth.md": ["common.js", "eligibility.js"]}
MODULE_USERS = ("find.js", "plan.js", "towns.js", "search-places.js", "cards.mjs")


@pytest.mark.parametrize("script", ["eligibility.js", *MODULE_USERS])
def test_no_page_script_keeps_its_own_copy_of_a_shared_helper(script):
    text = (ASSETS / script).read_text()
    copies = [name for name in SHARED if re.search(rf"\bfunction {name}\s*\(", text)]
    assert copies == [], f"{script} defines {copies}: use window.PRN (common.js) or import from places.mjs"


@pytest.mark.parametrize("script", MODULE_USERS)
def test_every_script_reads_the_find_index_through_places_mjs_by_name(script):
    text = (ASSETS / script).read_text()
    assert "places.mjs" in text and "fetch(" not in text  # one loader: loadIndex, with its response.ok check
    assert "PRN_PLACES" not in text
    positional = re.findall(r"\b(?:town|row|z|v|t|index\.towns\[[^\]]*\])\[\d\]", text)
    assert positional == [], f"{script} reads the find index by position: {positional}"


def test_the_places_module_loads_the_index_once_and_sets_no_global():
    text = (ASSETS / "places.mjs").read_text()
    assert text.count("fetch(") == 1 and "response.ok" in text
    assert "window" not in text and "document" not in text  # pure: node --test runs it (tests/js/)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("folder", ["content", "translations/es", "translations/pt"])
def test_every_page_loads_the_shared_helpers_before_its_script(folder, page):
    text = (ROOT / folder / page).read_text()
    loaded = re.findall(r'<script (?:type="module" )?src="(?:\.\./)+assets/([\w.]+)"></script>', text)
    translations = [] if folder == "content" else ["strings.js"]  # first: common.js reads its strings
    assert loaded == translations + PAGES[page]
