"""The age of a listing's evidence, in a real browser (issue 23): the newest-information line on the first
screen of a phone, programmes that may have ended after current choices on /find/ and the town pages, and
a listing that moved never a nearest place (tests/test_age_first.py walks every page without a browser)."""

from __future__ import annotations

import pytest

from generator.model.site import load_site
from generator.settings import Settings
from tests.browser.conftest import Visit
from tests.conftest import DATA, TODAY
from tests.test_freshness import ENDED

SAMPLE = ("living-in-recovery-pittsfield", "southeast-rlc", "mission-springfield-drug-court",
          "heart-team-quincy", "cha-everett-recovery-coaches")
RED_HOUSE = "red-house-oak-bluffs"


@pytest.fixture(scope="module")
def site():
    return load_site(Settings(data_dir=DATA, today=TODAY))


@pytest.fixture
def phone(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 667})
    yield Visit(context, base_url)
    context.close()


@pytest.mark.parametrize("prefix", ["", "es/", "pt/"])
def test_the_newest_information_is_on_the_first_screen_of_a_phone(phone, site, prefix):
    kinds = {c.id: c.type for c in site.centers}
    assert {kinds[i] for i in SAMPLE} == {"prsc", "rlc", "program"}
    for center_id in SAMPLE:
        page = phone.open(f"{prefix}centers/{center_id}/")
        line = page.locator(".prn-newest strong")
        assert line.is_visible(), center_id
        box = line.bounding_box()
        assert box and box["y"] + box["height"] <= 667, (center_id, box)
    assert not phone.errors


def _places(page) -> list[tuple[str, str]]:
    """(id, text) of each card under "Places near", in the order shown, every page of them."""
    more = page.locator("section[aria-labelledby=prn-places] .prn-more")
    while more.count() and more.is_visible():
        more.click()
    return page.locator("section[aria-labelledby=prn-places] li").evaluate_all(
        "items => items.map(i => [i.dataset.id, i.innerText])")


def test_find_ranks_programmes_that_may_have_ended_after_current_choices(visit, site):
    by_id = {c.id: c for c in site.centers}
    for town in sorted({by_id[i].address.town for i in ENDED if by_id[i].address}):
        page = visit.open(f"find/?q={town}&within=any")
        shown = _places(page)
        ids = [i for i, _ in shown]
        ended = [by_id[i].may_have_ended for i in ids]
        assert any(ended) and not all(ended), town
        assert ended == sorted(ended), (town, ids)  # every current choice first
        for center_id, text in shown:
            assert "Newest information:" in text, center_id
            assert ("May have ended — call to check" in text) is by_id[center_id].may_have_ended, center_id
    assert not visit.errors


def test_the_red_house_is_no_nearest_place_for_edgartown_on_find_but_is_named_as_changed(visit):
    page = visit.open("find/?q=Edgartown&within=any")
    ids = [i for i, _ in _places(page)]
    assert ids and RED_HOUSE not in ids
    changed = page.locator("section[aria-labelledby=prn-changed]")
    assert changed.locator("h2").inner_text() == "Changed recently"
    card = changed.locator(f"li[data-id={RED_HOUSE}]")
    assert card.count() == 1
    assert "Moved — call to check" in card.inner_text()
    assert card.locator(".prn-distance").count() == 0
    assert card.locator("a[href^='tel:']").count() == 1  # its own number, or the Helpline's
    assert not visit.errors


def test_the_town_page_lists_ended_programmes_last_and_the_red_house_apart(visit, site):
    """Quincy's nearest programmes all may have ended (each says so, after the current centres); the model's
    ranking of an ended one after a farther current one is tested in tests/test_freshness.py."""
    page = visit.open("towns/quincy/")
    cards = page.locator("li.prn-near__item, li.prn-card").evaluate_all(
        "items => items.filter(i => i.querySelector('h3 a[href*=\"/centers/\"]')).map(i => "
        "[i.querySelector('h3 a').getAttribute('href').split('/').slice(-2)[0], i.innerText])")
    by_id = {c.id: c for c in site.centers}
    ended = [by_id[i].may_have_ended for i, _ in cards]
    assert "heart-team-quincy" in [i for i, _ in cards] and any(ended) and not all(ended)
    assert ended == sorted(ended), cards  # the current centres first
    for center_id, text in cards:
        assert ("May have ended — call to check" in text) is by_id[center_id].may_have_ended, center_id
    page = visit.open("towns/edgartown/")
    nearest = page.locator("#centers ~ ol.prn-near li h3 a").evaluate_all("links => links.map(a => a.href)")
    assert nearest and not any(RED_HOUSE in href for href in nearest)
    assert page.locator(f"#changed + ul a[href*='{RED_HOUSE}']").count() == 1
