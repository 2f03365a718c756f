"""A number corrected in data/ reaches every place that shows it, with no other edit: the pages in every
language, the cards the scripts draw on /find/ and /plan/, and the open-data exports (issue 21)."""

from __future__ import annotations

import shutil

import pytest

from generator.app.build import build
from generator.settings import Settings
from tests.browser.conftest import Visit, _serve
from tests.conftest import DATA, TODAY

CHANGES = {  # file: (old, new), as written in the YAML and as shown
    "help.yaml": ('call: "(800) 841-2900"', 'call: "(800) 841-2911"'),  # MassHealth Customer Service
    "centers.yaml": ('phone: "(413) 570-8243"', 'phone: "(413) 570-8299"'),  # Living in Recovery, Pittsfield
}
OLD = ("(800) 841-2900", "18008412900", "(413) 570-8243", "14135708243", "413-570-8243")
NEW_MASSHEALTH, NEW_CENTRE = "(800) 841-2911", "(413) 570-8299"


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    data = tmp_path_factory.mktemp("changed") / "data"
    shutil.copytree(DATA, data)
    for name, (old, new) in CHANGES.items():
        text = (data / name).read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        (data / name).write_text(text.replace(old, new), encoding="utf-8")
    site = data.parent / "site"
    build(Settings(data_dir=data, site_dir=site, today=TODAY))
    return site


@pytest.fixture(scope="module")
def changed_url(changed_site):
    yield from _serve(changed_site)


def test_the_old_numbers_are_gone_from_every_file_of_the_site(changed_site):
    stale = [f"{path.relative_to(changed_site)}: {old}" for path in changed_site.rglob("*")
             if path.suffix in (".html", ".json", ".js", ".mjs", ".xml", ".csv")
             for old in OLD if old in path.read_text(encoding="utf-8")]
    assert stale == []


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
def test_every_page_that_shows_them_shows_the_new_numbers(changed_site, prefix):
    for page in ("coaches", "find", "plan", ""):  # the coach routes, the cards' templates, the step, the home page
        html = (changed_site / prefix / page / "index.html").read_text(encoding="utf-8")
        assert f'href="tel:+18008412911">{NEW_MASSHEALTH}</a>' in html, prefix + page
    centre = (changed_site / prefix / "centers/living-in-recovery-pittsfield/index.html").read_text(encoding="utf-8")
    assert NEW_CENTRE in centre
    assert NEW_CENTRE in (changed_site / prefix / "towns/pittsfield/index.html").read_text(encoding="utf-8")


def test_the_exports_carry_the_new_centre_number(changed_site):
    for export in ("api/v1/find.json", "api/v1/centers.json"):
        assert NEW_CENTRE in (changed_site / export).read_text(encoding="utf-8"), export


def test_the_cards_the_scripts_draw_show_the_new_numbers(browser, changed_url):
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    tab = Visit(context, changed_url)
    page = tab.open("find/?q=Pittsfield")
    first = page.locator("section[aria-labelledby=prn-places] li").first
    assert first.get_attribute("data-id") == "living-in-recovery-pittsfield"
    assert first.locator("a[data-slot=phone]").inner_text() == NEW_CENTRE
    routes = page.locator("#prn-no-coach")
    assert routes.locator("a[href='tel:+18008412911']").inner_text() == NEW_MASSHEALTH
    plan = tab.open("plan/")
    plan.fill("#plan-town", "Pittsfield")
    plan.locator("#plan-town").press("Enter")
    card = plan.locator("#plan-prsc .prn-slot__card")
    card.wait_for()
    assert card.get_attribute("data-center") == "living-in-recovery-pittsfield"
    assert card.locator("a[data-slot=phone]").inner_text() == NEW_CENTRE
    plan.check("input[name=masshealth][value=yes]")
    step = plan.locator("[data-step=w2-call] [data-masshealth=yes]")
    assert step.is_visible() and NEW_MASSHEALTH in step.inner_text()
    assert tab.errors == []
    context.close()


@pytest.mark.parametrize("prefix, note", [("es/", "(en inglés)"), ("pt/", "(em inglês)")])
def test_script_drawn_cards_say_registry_text_is_in_english_as_the_pages_do(visit, prefix, note):
    page = visit.open(prefix + "find/?q=Hyannis")  # the PIER Recovery Center lists its hours
    card = page.locator("section[aria-labelledby=prn-places] li[data-id=pier-recovery-center-barnstable]")
    assert card.locator(".prn-in-english").first.inner_text() == note
    town = visit.open(prefix + "towns/barnstable/").locator(".prn-near__item .prn-in-english").first
    assert town.inner_text() == note  # the same words as the Jinja macro's
