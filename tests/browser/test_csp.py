"""In Chromium, with the site's own Content-Security-Policy: every page type, in the three languages, runs its
inline scripts (the theme's, the site's) and breaks no directive of its policy."""

from __future__ import annotations

import pytest

from tests.browser.conftest import Visit

PAGES = {"home": "", "coach list": "coaches/", "coach profile": "coaches/rosa-example/", "centre list": "centers/",
         "centre profile": "centers/everyday-miracles-worcester/", "town page": "towns/worcester/",
         "town index": "towns/", "find": "find/?q=01201", "planner": "plan/", "guide": "guides/faq/",
         "track": "tracks/older-adults/", "help in other languages": "help/", "offline": "offline/",
         "map": "map/", "404": "404.html"}
LANGUAGES = ("", "es/", "pt/")
# Recorded from the first script the page runs: the browser's report of each refused script, style or request.
RECORD = """window.__prnRefused = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__prnRefused.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});"""
RAN = {"map": "typeof L === 'object' && document.querySelector('.leaflet-container') !== null",
       "404": "typeof __md_scope === 'object'"}
# The site's no-js swap, the theme's scope and the site's palette all ran.
RAN_EVERYWHERE = ("document.documentElement.classList.contains('js') && typeof __md_scope === 'object' && "
                  "document.body.hasAttribute('data-md-color-scheme')")


@pytest.fixture(scope="module")
def context(browser):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    context.add_init_script(RECORD)
    yield context
    context.close()


@pytest.mark.parametrize("language", LANGUAGES, ids=["en", "es", "pt"])
@pytest.mark.parametrize("name", PAGES)
def test_every_page_type_runs_its_scripts_within_its_policy(context, preview_url, name, language):
    visit = Visit(context, preview_url)
    page = visit.open(language + PAGES[name])
    try:
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
        assert page.evaluate(RAN.get(name, RAN_EVERYWHERE))
        refused = page.evaluate("window.__prnRefused")
        assert refused == [] and [e for e in visit.errors if "Content Security Policy" in e] == []
    finally:
        page.close()
