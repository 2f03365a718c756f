"""Maps load nothing from other origins until a visitor asks, and then show the places."""

from __future__ import annotations


def test_no_request_leaves_the_site_before_show_map_is_clicked(visit):
    page = visit.open("towns/worcester/")
    assert visit.foreign_requests() == []
    page.click("text=Show map")
    frame = page.frame_locator("iframe.prn-map__frame")
    frame.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for()
    assert all(url.startswith("https://tile.openstreetmap.org/") for url in visit.foreign_requests())


def test_the_map_page_has_all_three_layers_and_uses_local_leaflet(visit):
    page = visit.open("map/#42.2626,-71.8023,9")
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [label.split(" (")[0].strip() for label in labels] == [
        "Peer Recovery Support Centers", "Recovery Learning Communities", "Specialty programmes"]
    scripts = page.locator("script[src]").evaluate_all("s => s.map(e => e.getAttribute('src'))")
    assert all(src.startswith("../assets/vendor/") for src in scripts)


def test_the_map_button_is_a_keyboard_reachable_button(visit):
    page = visit.open("centers/everyday-miracles-worcester/")
    button = page.get_by_role("button", name="Show map")
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("iframe.prn-map__frame").get_attribute("title").startswith("Map of")
