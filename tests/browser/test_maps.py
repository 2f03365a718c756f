"""Maps load nothing from other origins until a visitor asks, and then show the places."""

from __future__ import annotations

import pytest

TILES = "https://tile.openstreetmap.org/"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6300010000050001"
                    "0d0a2db40000000049454e44ae426082")  # 1x1 transparent, stands in for a tile


def test_no_request_leaves_the_site_before_show_map_is_clicked(visit):
    page = visit.open("towns/worcester/")
    assert visit.foreign_requests() == []
    page.route(TILES + "**", lambda route: route.fulfill(body=PNG, content_type="image/png"))
    page.click("text=Show map")
    frame = page.frame_locator("iframe.prn-map__frame")
    frame.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for()
    frame.locator(".leaflet-tile-loaded").first.wait_for()  # they asked for the map: its streets come at once
    assert all(url.startswith(TILES) for url in visit.foreign_requests())


@pytest.mark.parametrize("path", ["map/", "es/map/#42.2626,-71.8023,9"])
def test_the_map_page_loads_street_tiles_only_when_the_visitor_chooses(visit, path):
    page = visit.open(path)
    page.locator(".leaflet-marker-icon, .marker-cluster").first.wait_for()
    assert visit.foreign_requests() == []
    assert page.locator(".leaflet-tile").count() == 0
    page.route(TILES + "**", lambda route: route.fulfill(body=PNG, content_type="image/png"))
    page.locator("#prn-street").click()
    page.locator(".leaflet-tile-loaded").first.wait_for()
    assert visit.foreign_requests() and all(url.startswith(TILES) for url in visit.foreign_requests())
    assert page.locator("#prn-street").is_hidden()


def test_the_map_page_has_a_main_landmark_a_heading_and_a_translated_list(visit):
    page = visit.open("pt/map/")
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("heading", level=1).inner_text() == \
        "Mapa dos centros de recuperação entre pares em Massachusetts"
    page.get_by_text("Todos os lugares deste mapa, em uma lista").click()
    assert page.locator(".prn-map-list h2").all_inner_texts() == [
        "Centros de Apoio à Recuperação entre Pares", "Comunidades de Aprendizagem em Recuperação",
        "Programas especializados"]


def test_markers_are_tap_targets_of_at_least_24_px(visit):
    page = visit.open("map/#42.2626,-71.8023,9")
    # the markers once the map has zoomed to the address's view and the clusters have settled
    page.wait_for_selector(".leaflet-map-pane:not(.leaflet-zoom-anim):not(.leaflet-cluster-anim) .leaflet-marker-icon")
    sizes = page.locator(".leaflet-marker-icon").evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.width, r.height]; })")
    assert len(sizes) > 3 and all(w >= 24 and h >= 24 for w, h in sizes), sizes


def test_the_map_page_has_all_three_layers_and_uses_local_leaflet(visit):
    page = visit.open("map/#42.2626,-71.8023,9")
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [label.split(" (")[0].strip() for label in labels] == [
        "Peer Recovery Support Centers", "Recovery Learning Communities", "Specialty programmes"]
    scripts = page.locator("script[src]").evaluate_all("s => s.map(e => e.getAttribute('src'))")
    # Leaflet from the site's own copy; besides it, only the frame guard (assets/map.js)
    assert [src for src in scripts if not src.startswith("../assets/vendor/")] == ["../assets/map.js"]


def test_the_map_button_is_a_keyboard_reachable_button(visit):
    page = visit.open("centers/everyday-miracles-worcester/")
    button = page.get_by_role("button", name="Show map")
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("iframe.prn-map__frame").get_attribute("title").startswith("Map of")
