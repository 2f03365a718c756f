"""A family types a town, village or ZIP on /find/ and gets the nearest help, in a real browser."""

from __future__ import annotations

import pytest

from generator.model.site import load_site
from generator.model.towns import nearest_centers, place_spot
from generator.outputs.translations import ENGLISH
from generator.settings import Settings
from tests.conftest import DATA, TODAY


@pytest.fixture(scope="module")
def towns(places):
    site = load_site(Settings(data_dir=DATA, today=TODAY))
    return {t.name: t for t in site.towns}


def first_places(page, count=3):
    return page.locator("section[aria-labelledby=prn-places] li").evaluate_all(
        f"items => items.slice(0, {count}).map(i => i.dataset.id)")


def test_typing_a_zip_lists_the_nearest_centre_first(visit, towns):
    page = visit.open("find/")
    page.fill("#prn-q", "01201")
    page.keyboard.press("Enter")
    expected = [item.center.id for item in towns["Pittsfield"].centers]
    assert first_places(page, 1) == expected[:1]
    assert "Pittsfield" in page.inner_text("#prn-status")
    # Living in Recovery is placed at 01201's centre: from 01201 it is in the ZIP code, not "0.0 mi" away
    first = page.locator("section[aria-labelledby=prn-places] li").first
    assert first.locator(".prn-card__title").inner_text().endswith("Living in Recovery in this ZIP code")
    assert "Nearest: Living in Recovery, in this ZIP code," in page.inner_text("#prn-status")


def test_a_village_is_measured_from_its_own_position_as_the_build_measures_it(visit):
    """Whitinsville (Northbridge) from its own ZIP code's centre, not Northbridge's: the distances Python's
    place_spot/nearest_centers give, and its own centre (NOWA, placed at that ZIP code's centre) first."""
    site = load_site(Settings(data_dir=DATA, today=TODAY))
    expected = nearest_centers(site.places, site.centers, place_spot(site.places, "Whitinsville"), 3)
    page = visit.open("find/?within=any&type=prsc")
    page.fill("#prn-q", "Whitinsville")
    page.keyboard.press("Enter")
    items = page.locator("section[aria-labelledby=prn-places] li").all()[:3]
    assert [i.get_attribute("data-id") for i in items] == [n.center.id for n in expected]
    # NOWA is placed at the village's ZIP code's centre: "in this ZIP code", as the town pages say it
    assert [i.locator(".prn-distance").inner_text().strip() for i in items] == [
        ENGLISH.miles(n.miles, n.center.position.precision) for n in expected] == ["in this ZIP code", *(
            f"{n.miles:.1f} mi" for n in expected[1:])]
    assert expected[0].center.name == "No One Walks Alone (NOWA)"


def test_long_results_come_twenty_at_a_time_and_show_more_moves_focus_to_the_next(visit):
    page = visit.open("find/?within=any")
    page.fill("#prn-q", "Boston")
    page.keyboard.press("Enter")
    items = page.locator("section[aria-labelledby=prn-places] li")
    total = page.evaluate("fetch('../api/v1/find.json').then(r => r.json())"
                          ".then(i => i.centers.filter(c => c.points.length"
                          " && !['moved', 'closed'].includes(c.standing)).length)")  # what moved is never ranked
    assert total > 20 and items.count() == 20
    assert f"{total} places near Boston" in page.inner_text("#prn-status")
    more = page.locator("section[aria-labelledby=prn-places] button.prn-more")
    assert more.inner_text() == f"Show {min(20, total - 20)} more"
    more.focus()
    page.keyboard.press("Enter")
    assert items.count() == min(40, total) and more.is_hidden() == (total <= 40)
    assert page.evaluate("document.activeElement.closest('li')?.dataset.id") == items.nth(20).get_attribute("data-id")


def test_the_autocomplete_works_with_the_keyboard_alone(visit):
    page = visit.open("find/")
    page.focus("#prn-q")
    page.keyboard.type("Hyan")
    assert page.get_attribute("#prn-q", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#prn-q", "aria-activedescendant") == "prn-q-option-0"
    page.keyboard.press("Enter")
    assert page.input_value("#prn-q") == "Hyannis"
    assert first_places(page, 1) == ["pier-recovery-center-barnstable"]
    assert page.url.endswith("?q=Hyannis")


def test_filters_narrow_the_results_and_round_trip_through_the_url(preview):
    visit = preview  # coaches to filter: the preview with the example coaches
    page = visit.open("find/?q=Boston&type=coach&lang=es")
    assert page.input_value("#prn-q") == "Boston"
    assert page.locator("select[name=lang]").input_value() == "es"
    assert page.locator("section[aria-labelledby=prn-places]").count() == 0
    coaches = page.locator("section[aria-labelledby=prn-coaches] li")
    assert coaches.count() >= 1
    for text in coaches.all_inner_texts():
        assert "Spanish" in text
    page.select_option("select[name=type]", "rlc")
    assert "type=rlc" in page.url and "lang=es" in page.url
    page.check("input[name=masshealth]")
    assert "masshealth=1" in page.url
    reloaded = visit.open(page.url.removeprefix(visit.base_url))
    assert reloaded.locator("input[name=masshealth]").is_checked()
    assert reloaded.locator("select[name=type]").input_value() == "rlc"


def test_nothing_nearby_offers_virtual_options_instead_of_an_empty_list(visit):
    page = visit.open("find/?q=Nantucket&within=10")
    assert page.locator("#prn-nothing-near").is_visible()
    assert page.locator("#prn-nothing-near li").count() >= 1


def test_an_unknown_place_says_so(visit):
    page = visit.open("find/?q=Atlantis")
    assert "No Massachusetts town" in page.inner_text("#prn-message")  # next to the box
    assert page.inner_text("#prn-status") == ""


def test_find_runs_without_errors_or_requests_elsewhere(visit):
    page = visit.open("find/?q=02119")
    assert first_places(page, 1)
    assert visit.errors == []
    assert visit.foreign_requests() == []


def test_results_follow_the_keystrokes_once_the_text_names_a_place(visit, towns):
    page = visit.open("find/")
    page.focus("#prn-q")
    page.keyboard.type("Gardner")
    assert first_places(page, 1) == [towns["Gardner"].centers[0].center.id]
    assert page.url.endswith("?q=Gardner")


def _coach_ids(page) -> list[str]:
    return page.locator("section[aria-labelledby=prn-coaches] li").evaluate_all("items => items.map(i => i.dataset.id)")


def test_a_coach_whose_carc_expired_shows_only_when_the_filter_asks(preview):
    page = preview.open("find/?q=New%20Bedford&type=coach")
    page.wait_for_selector("#prn-status:not(:empty)")
    assert "paulo-template" not in _coach_ids(page)
    page.check("input[name=expired]")
    assert "expired=1" in page.url
    assert "paulo-template" in _coach_ids(page)
    assert preview.errors == []


def test_with_no_coach_listed_find_gives_the_routes_to_one_on_a_phone(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + "find/?q=Hyannis&type=coach")
    routes = page.locator("#prn-no-coach")
    routes.wait_for()
    assert routes.locator("a[href='../coaches/#routes']").is_visible()
    for number in ("tel:+18008412900", "tel:+18003275050"):
        link = routes.locator(f"a[href='{number}']")
        box = link.bounding_box()
        assert link.is_visible() and box and box["height"] >= 24, number
    assert "Massachusetts Legal Help" in routes.inner_text()
    with page.expect_navigation():
        page.locator("a[href='../coaches/#routes']").click()
    assert page.locator("#routes-title").is_visible()
    context.close()
