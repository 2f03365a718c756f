"""The one map page, /map/, built with folium: every centre in PRSC, RLC and programme layers with
clustering. Leaflet comes from the site itself; markers are one JSON array per layer, drawn by a
single callback. Pages embed it on request (`/map/#lat,lon,zoom`), so tiles load only after a
visitor asks for the map."""

from __future__ import annotations

import re

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import FastMarkerCluster
from jinja2 import Template

from ..labels import CENTER_TYPE_PLURALS
from ..model.records import Site

VENDOR = "../assets/vendor"
LEAFLET_JS = [("leaflet", f"{VENDOR}/leaflet/leaflet.js")]
LEAFLET_CSS = [("leaflet_css", f"{VENDOR}/leaflet/leaflet.css")]
CLUSTER_JS = [("markerclusterjs", f"{VENDOR}/leaflet.markercluster/leaflet.markercluster.js")]
CLUSTER_CSS = [("markerclustercss", f"{VENDOR}/leaflet.markercluster/MarkerCluster.css"),
               ("markerclusterdefaultcss", f"{VENDOR}/leaflet.markercluster/MarkerCluster.Default.css")]
MA_CENTER, MA_ZOOM = (42.15, -71.75), 8

# Each row: [lat, lon, name, url, approximate]. Popups are built with DOM text nodes, never HTML strings.
MARKER = """function (row) {
    var marker = L.marker(new L.LatLng(row[0], row[1]), {title: row[2], alt: row[2]});
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = row[3]; link.target = "_top"; link.textContent = row[2];
    box.appendChild(link);
    if (row[4]) { box.appendChild(document.createTextNode(" (approximate location: town centre)")); }
    marker.bindPopup(box);
    return marker;
}"""


class _FocusFromHash(MacroElement):
    """Centre the map on `#lat,lon,zoom` from the address, as the embedding page asks."""

    _template = Template("""{% macro script(this, kwargs) %}
    (function (map) {
        var parts = window.location.hash.slice(1).split(",").map(Number);
        if (parts.length === 3 && parts.every(isFinite)) { map.setView([parts[0], parts[1]], parts[2]); }
    })({{ this._parent.get_name() }});
    {% endmacro %}""")


def _rows(site: Site, kind: str) -> list[list]:
    rows = []
    for center in site.centers:
        if center.type != kind:
            continue
        points = ([center.position] if center.position else []) + [s.position for s in center.sites]
        rows += [[p.lat, p.lon, center.name, f"../{center.url}", p.approximate] for p in points]
    return rows


def _stable_ids(html: str) -> str:
    """folium names elements with random hex; number them in order so builds are byte-identical."""
    names: dict[str, str] = {}

    def rename(match: re.Match) -> str:
        return names.setdefault(match.group(0), f"{match.group(1)}_{len(names) + 1}")

    return re.sub(r"\b([a-z][a-z_]*?)_[0-9a-f]{32}(?![0-9a-f])", rename, html)


def place_groups(site: Site) -> list[dict]:
    """The map's markers by layer, for the text list under the map."""
    return [{"title": label, "rows": _rows(site, kind)} for kind, label in CENTER_TYPE_PLURALS.items()]


def map_page(site: Site, place_list: str) -> str:
    """The HTML of /map/index.html; place_list is the escaped HTML list of place_groups()."""
    fmap = folium.Map(location=MA_CENTER, zoom_start=MA_ZOOM, tiles=None, control_scale=True)
    fmap.default_js, fmap.default_css = LEAFLET_JS, LEAFLET_CSS
    folium.TileLayer("OpenStreetMap", control=False).add_to(fmap)
    for kind, label in CENTER_TYPE_PLURALS.items():
        rows = _rows(site, kind)
        group = folium.FeatureGroup(name=f"{label} ({len(rows)})").add_to(fmap)
        # A wide cluster radius keeps markers from overlapping, so each stays a whole 24 px target.
        cluster = FastMarkerCluster(rows, callback=MARKER, options={"maxClusterRadius": 120})
        cluster.default_js, cluster.default_css = CLUSTER_JS, CLUSTER_CSS
        cluster.add_to(group)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _FocusFromHash().add_to(fmap)
    root: Figure = fmap.get_root()  # type: ignore[assignment]  # a folium Map's root is always its Figure
    root.header.add_child(Element("<title>Map of peer recovery centres in Massachusetts</title>"
                                  '<link rel="icon" href="../assets/images/favicon.png">'))
    # The same places as links: an equivalent for every marker (WCAG 2.5.8).
    root.html.add_child(Element(place_list))
    html = root.render().replace("<html>", '<html lang="en">', 1)
    # folium forbids zooming the page; people with low vision need it (WCAG 1.4.4).
    html = re.sub(r'<meta name="viewport"[^>]*>',
                  '<meta name="viewport" content="width=device-width, initial-scale=1">', html)
    return _stable_ids(html)
