"""What a visitor does here stays here: a place found from their position is never sent on in a Referer,
and a phone never turns digits in text into numbers to dial (only the site's own tel: links)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visit

PITTSFIELD_PARK_SQUARE = {"latitude": 42.4501, "longitude": -73.2540}


def test_after_use_my_location_the_next_page_is_not_told_where_the_visitor_is(browser, base_url):
    context = browser.new_context(viewport={"width": 1000, "height": 900}, geolocation=PITTSFIELD_PARK_SQUARE,
                                  permissions=["geolocation"])
    tab = Visit(context, base_url)
    page = tab.open("find/")
    page.click("#prn-locate")
    expect(page.locator("#prn-status")).to_be_focused()
    assert "near Pittsfield" in page.inner_text("#prn-status")
    assert "Pittsfield" not in page.url  # a place found from the visitor's position never goes into the address
    sent: list[dict[str, str]] = []
    page.on("request", lambda request: sent.append({**request.headers, "url": request.url}))
    with page.expect_navigation():
        page.locator("section[aria-labelledby=prn-places] li a").first.click()
    assert len(sent) > 3 and [(h["url"], h["referer"]) for h in sent if h.get("referer")] == []
    context.close()


@pytest.mark.parametrize("path", ["", "find/", "towns/pittsfield/", "es/plan/", "pt/centers/"])
def test_every_page_sends_no_referrer_and_leaves_only_its_own_links_dialable(visit, path):
    page = visit.open(path)
    assert page.locator("meta[name=referrer]").get_attribute("content") == "no-referrer"
    assert page.locator("meta[name=format-detection]").get_attribute("content") == "telephone=no"
