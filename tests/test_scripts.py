"""The page scripts share one copy of their helpers (assets/common.js), loaded before them on every page
and in every language, so a fix to translation, dates or element building reaches /find/, /plan/ and the
MassHealth checklist at once."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT

ASSETS = ROOT / "content" / "assets"
SHARED = ("fill", "t", "tn", "withEN", "el", "parseDay", "nearestPoint", "nearest", "miles", "norm")
PAGES = {"find.md": ["common.js", "places.js", "find.js"], "plan.md": ["common.js", "places.js", "plan.js"],
         "guides/masshealth.md": ["common.js", "eligibility.js"]}


@pytest.mark.parametrize("script", ["find.js", "plan.js", "eligibility.js"])
def test_no_page_script_keeps_its_own_copy_of_a_shared_helper(script):
    text = (ASSETS / script).read_text()
    copies = [name for name in SHARED if re.search(rf"\bfunction {name}\s*\(", text)]
    assert copies == [], f"{script} defines {copies}: use window.PRN (common.js) or window.PRN_PLACES (places.js)"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("folder", ["content", "translations/es", "translations/pt"])
def test_every_page_loads_the_shared_helpers_before_its_script(folder, page):
    text = (ROOT / folder / page).read_text()
    loaded = re.findall(r'<script src="(?:\.\./)+assets/([\w.]+)"></script>', text)
    translations = [] if folder == "content" else ["strings.js"]  # first: common.js reads its strings
    assert loaded == translations + PAGES[page]
