"""axe-core (WCAG 2.2 A and AA rules) finds nothing on any page type, in light and dark palettes."""

from __future__ import annotations

from pathlib import Path

import axe_playwright_python
import pytest

AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

PAGE_TYPES = {
    "home": "", "coach list": "coaches/", "centre list": "centers/",
    "centre profile": "centers/everyday-miracles-worcester/", "rlc": "centers/central-mass-rlc/",
    "programme": "centers/moms-do-care-whittier-boston/", "town page": "towns/worcester/", "town index": "towns/",
    "find": "find/?q=01201", "planner": "plan/", "guides": "guides/", "faq": "guides/faq/",
    "masshealth checklist": "guides/masshealth/", "peer and clinical": "guides/peer-and-clinical/",
    "qualified coach": "guides/qualified-coach/", "carc": "guides/carc/", "tracks guide": "guides/specialty-tracks/",
    "track": "tracks/older-adults/", "track list": "tracks/", "open data": "open-data/", "about": "about/",
    "maintainers": "maintainers/", "404": "404.html", "map": "map/",
    "es home": "es/", "es town page": "es/towns/worcester/",
    "es planner": "es/plan/", "pt find": "pt/find/?q=Boston", "pt guide": "pt/guides/masshealth/",
    "es find": "es/find/?q=01201&lang=es", "es checklist": "es/guides/masshealth/", "es carc": "es/guides/carc/",
    "pt centre profile": "pt/centers/everyday-miracles-worcester/", "pt coach list": "pt/coaches/",
    "pt faq": "pt/guides/faq/", "pt maintainers (English fallback)": "pt/maintainers/",
}
# Pages only the preview with the example coaches has (`build --examples`), with its ribbon.
PREVIEW_PAGES = {"coach profile": "coaches/rosa-example/", "expired coach": "coaches/paulo-template/",
                 "coach list": "coaches/", "es coach profile": "es/coaches/rosa-example/", "town page": "towns/boston/",
                 "find coaches": "find/?q=Boston&type=coach"}


def audit(page, exclude: list | None = None) -> list:
    page.add_script_tag(content=AXE)
    context = {"exclude": exclude} if exclude else "document"
    return page.evaluate("""async ([context, tags]) => {
        const result = await axe.run(context === "document" ? document : context,
                                     {runOnly: {type: "tag", values: tags}});
        return result.violations.map(v => ({rule: v.id, nodes: v.nodes.map(n => n.target.join(" "))}));
    }""", [context, TAGS])


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_tab(request, browser, base_url):
    context = browser.new_context(color_scheme=request.param, viewport={"width": 1000, "height": 900},
                                  bypass_csp=True)  # lets the audit inject axe; CSP is tested elsewhere
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_axe_violations(scheme_tab, base_url, name):
    scheme_tab.goto(base_url + PAGE_TYPES[name])
    scheme_tab.wait_for_load_state("networkidle")
    # On /map/, markers of different layers may overlap; every marker has an equivalent link in the
    # text list on the same page, which is WCAG 2.5.8's "equivalent" exception, so the marker pane
    # is left out of the audit there.
    exclude = [[".leaflet-marker-pane"]] if name == "map" else None
    assert audit(scheme_tab, exclude) == []


@pytest.mark.parametrize("name", PREVIEW_PAGES)
def test_no_axe_violations_in_the_preview(scheme_tab, preview_url, name):
    scheme_tab.goto(preview_url + PREVIEW_PAGES[name])
    scheme_tab.wait_for_load_state("networkidle")
    assert audit(scheme_tab) == []


@pytest.mark.parametrize("path", ["", "towns/worcester/", "find/?q=01201", "plan/", "guides/masshealth/", "coaches/",
                                  "find/?q=Hyannis&type=coach"])
def test_no_axe_violations_on_a_phone(browser, base_url, path):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True,
                                  bypass_csp=True)
    page = context.new_page()
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert audit(page) == []
    context.close()
