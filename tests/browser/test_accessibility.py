"""axe-core (WCAG 2.2 A and AA rules, and its best practices) finds nothing on any page type, at desktop
and phone widths, in light and dark palettes. axe-core is the version pinned in package-lock.json,
installed by `make checkers` (part of `make install` and `make test`); without it these tests fail."""

from __future__ import annotations

import pytest

from tests.browser.conftest import goto

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

PAGE_TYPES = {
    "home": "", "coach list": "coaches/", "centre list": "centers/",
    "centre profile": "centers/everyday-miracles-worcester/", "rlc": "centers/central-mass-rlc/",
    "programme": "centers/moms-do-care-whittier-boston/", "town page": "towns/worcester/", "town index": "towns/",
    "programme serving towns": "centers/connect2recovery-nc8/", "town served by a programme": "towns/canton/",
    "track with programmes": "tracks/courts-reentry/",
    "find": "find/?q=01201", "planner": "plan/", "guides": "guides/", "faq": "guides/faq/",
    "masshealth checklist": "guides/masshealth/", "peer and clinical": "guides/peer-and-clinical/",
    "qualified coach": "guides/qualified-coach/", "carc": "guides/carc/", "tracks guide": "guides/specialty-tracks/",
    "track": "tracks/older-adults/", "track list": "tracks/", "open data": "open-data/", "about": "about/",
    "maintainers": "maintainers/", "404": "404.html", "map": "map/",
    "find coaches, none listed": "find/?q=Hyannis&type=coach",
    "es home": "es/", "es town page": "es/towns/worcester/",
    "es planner": "es/plan/", "pt find": "pt/find/?q=Boston", "pt guide": "pt/guides/masshealth/",
    "es find": "es/find/?q=01201&lang=es", "es checklist": "es/guides/masshealth/", "es carc": "es/guides/carc/",
    "pt centre profile": "pt/centers/everyday-miracles-worcester/", "pt coach list": "pt/coaches/",
    "pt faq": "pt/guides/faq/", "pt maintainers (English fallback)": "pt/maintainers/",
    "help in other languages": "help/", "help in arabic (rtl)": "help/ar/", "help in chinese": "help/zh-Hans/",
    "pt help in other languages": "pt/help/",
    "offline": "offline/", "es offline": "es/offline/", "pt offline": "pt/offline/",
    "embed town": "embed/towns/worcester/", "es embed centre": "es/embed/centers/everyday-miracles-worcester/",
    "pt embed town": "pt/embed/towns/dracut/",
}
# Pages that are not the theme's: no palette of their own.
UNTHEMED = ("map", "404", "embed town", "es embed centre", "pt embed town")
# Pages only the preview with the example coaches has (`build --examples`), with its ribbon.
PREVIEW_PAGES = {"coach profile": "coaches/rosa-example/", "expired coach": "coaches/paulo-template/",
                 "coach list": "coaches/", "es coach profile": "es/coaches/rosa-example/", "town page": "towns/boston/",
                 "find coaches": "find/?q=Boston&type=coach"}


def audit(page, axe: str, skip: tuple[str, ...] = ()) -> list:
    page.add_script_tag(content=axe)
    return page.evaluate("""async ([tags, skip]) => {
        const rules = Object.fromEntries(skip.map(id => [id, {enabled: false}]));
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules});
        return result.violations.map(v => ({rule: v.id, nodes: v.nodes.map(n => n.target.join(" "))}));
    }""", [TAGS, list(skip)])


# On /map/, clusters of different layers (centres, RLCs, programmes) may overlap where places are close, so
# axe's target-size spacing check can fail there. Every marker's place is also a link in the page's text list
# (WCAG 2.5.8's "equivalent" exception), and tests/browser/test_maps.py checks each marker is at least 24 px.
SKIP = {"map": ("target-size",)}


PHONE_PAGES = ["home", "find", "planner", "town page", "town index", "centre profile", "centre list",
               "find coaches, none listed", "coach list", "track", "guides", "masshealth checklist", "open data", "map",
               "es home", "pt centre profile", "help in other languages", "help in arabic (rtl)", "help in chinese",
               "embed town", "es embed centre"]
SIZES = {"desktop": {"viewport": {"width": 1280, "height": 900}},
         "phone": {"viewport": {"width": 375, "height": 667}, "is_mobile": True, "has_touch": True}}


CASES = [(size, scheme, name) for size in SIZES for scheme in ("light", "dark") for name in PAGE_TYPES
         if size == "desktop" or name in PHONE_PAGES]


@pytest.fixture(scope="module")
def tabs(browser):
    """One tab per width and palette, opened when first needed."""
    contexts: dict = {}

    def tab(size: str, scheme: str):
        if (size, scheme) not in contexts:  # bypass_csp lets the audit inject axe; CSP is tested elsewhere
            contexts[size, scheme] = browser.new_context(color_scheme=scheme, bypass_csp=True, **SIZES[size])
            contexts[size, scheme].new_page()
        return contexts[size, scheme].pages[0]

    yield tab
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize(("size", "scheme", "name"), CASES, ids=["-".join(case) for case in CASES])
def test_no_axe_violations(tabs, axe_source, base_url, size, scheme, name):
    page = tabs(size, scheme)
    goto(page, base_url + PAGE_TYPES[name])
    if name not in UNTHEMED:  # the theme's palette follows the visitor's light or dark preference
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    assert audit(page, axe_source, SKIP.get(name, ())) == []


PREVIEW_CASES = [(size, name) for size in SIZES for name in PREVIEW_PAGES]


@pytest.mark.parametrize(("size", "name"), PREVIEW_CASES, ids=["-".join(case) for case in PREVIEW_CASES])
def test_no_axe_violations_in_the_preview(tabs, axe_source, preview_url, size, name):
    page = tabs(size, "light")
    goto(page, preview_url + PREVIEW_PAGES[name])
    assert audit(page, axe_source) == []
