"""The map page of each language, /map/ (and /es/map/, /pt/map/), built with folium: every site of
every centre in PRSC, RLC and programme layers with clustering. Leaflet comes from the site itself;
markers are one JSON array per layer, drawn by a single callback. No street tile is requested until
the visitor asks: on the page by its "Show street map" button, or on a profile by "Show map", which
embeds the page as `/map/?street=1#lat,lon,zoom`."""

from __future__ import annotations

import functools
import html
import json
import re

import folium
from branca.element import Element, Figure, MacroElement
from folium.plugins import FastMarkerCluster
from jinja2 import Template
from markupsafe import Markup

from ..labels import CENTER_TYPE_PLURALS
from ..model.records import Site
from .render import environment
from .translations import Translator

MA_CENTER, MA_ZOOM = (42.15, -71.75), 8
TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_CREDIT = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'

# Each row: [lat, lon, name, url, precision ("" exact, "zip", "town")]. Popups are built with DOM text nodes,
# never HTML strings.
MARKER = """function (row) {
    var marker = L.marker(new L.LatLng(row[0], row[1]), {title: row[2], alt: row[2]});
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = row[3]; link.target = "_top"; link.textContent = row[2];
    box.appendChild(link);
    if (row[4]) { box.appendChild(document.createTextNode(" " + %s[row[4]])); }
    marker.bindPopup(box);
    return marker;
}"""


def _vendor(root: str) -> tuple[list, list, list, list]:
    """Leaflet's and the cluster plugin's scripts and styles, from the site's root (`root` away)."""
    vendor = f"{root}assets/vendor"
    return ([("leaflet", f"{vendor}/leaflet/leaflet.js")], [("leaflet_css", f"{vendor}/leaflet/leaflet.css")],
            [("markerclusterjs", f"{vendor}/leaflet.markercluster/leaflet.markercluster.js")],
            [("markerclustercss", f"{vendor}/leaflet.markercluster/MarkerCluster.css"),
             ("markerclusterdefaultcss", f"{vendor}/leaflet.markercluster/MarkerCluster.Default.css")])


class _StreetTiles(MacroElement):
    """OpenStreetMap's tiles, added only when the visitor presses the "Show street map" button, or at
    once when the page is embedded by a "Show map" button (`?street=1`): the visitor asked already."""

    _template = Template("""{% macro script(this, kwargs) %}
    (function (map) {
        var button = document.getElementById("prn-street");
        function load() {
            L.tileLayer({{ this.url | tojson }}, {maxZoom: 19, attribution: {{ this.credit | tojson }}}).addTo(map);
            button.parentNode.hidden = true;
        }
        if (new URLSearchParams(window.location.search).get("street") === "1") { load(); }
        else { button.addEventListener("click", load); }
    })({{ this._parent.get_name() }});
    {% endmacro %}""")

    def __init__(self) -> None:
        super().__init__()
        self.url, self.credit = TILES, TILES_CREDIT


class _FocusFromHash(MacroElement):
    """Centre the map on `#lat,lon,zoom` from the address, as the embedding page asks."""

    _template = Template("""{% macro script(this, kwargs) %}
    (function (map) {
        var parts = window.location.hash.slice(1).split(",").map(Number);
        if (parts.length === 3 && parts.every(isFinite)) { map.setView([parts[0], parts[1]], parts[2]); }
    })({{ this._parent.get_name() }});
    {% endmacro %}""")


def _rows(site: Site, kind: str) -> tuple[tuple, ...]:
    """One row per place: the main address under the centre's name, each further site with its own name."""
    rows: list[tuple] = []
    for center in site.centers:
        if center.type != kind:
            continue
        places = ([(center.name, center.position)] if center.position else []) + \
            [(f"{center.name}: {s.name}", s.position) for s in center.sites]
        rows += [(p.lat, p.lon, name, f"../{center.url}", "" if p.precision == "exact" else p.precision)
                 for name, p in places]
    return tuple(rows)


def _stable_ids(html: str) -> str:
    """folium names elements with random hex; number them in order so builds are byte-identical."""
    names: dict[str, str] = {}

    def rename(match: re.Match) -> str:
        return names.setdefault(match.group(0), f"{match.group(1)}_{len(names) + 1}")

    return re.sub(r"\b([a-z][a-z_]*?)_[0-9a-f]{32}(?![0-9a-f])", rename, html)


def map_page(site: Site, tr: Translator, root: str) -> str:
    """The HTML of one language's map/index.html; `root` leads from that language's root to the site's
    (where the vendored scripts are): "" for English, "../" for the others."""
    return _map_page(tuple((kind, _rows(site, kind)) for kind in CENTER_TYPE_PLURALS), tr, root)


@functools.lru_cache(maxsize=8)  # `serve` draws a language's map again only when an edit changed its places
def _map_page(places: tuple[tuple[str, tuple[tuple, ...]], ...], tr: Translator, root: str) -> str:
    fmap = folium.Map(location=MA_CENTER, zoom_start=MA_ZOOM, tiles=None, control_scale=True,
                      minZoom=6, maxZoom=19)  # no tile layer to take them from
    leaflet_js, leaflet_css, cluster_js, cluster_css = _vendor(f"../{root}")
    fmap.default_js, fmap.default_css = leaflet_js, leaflet_css
    groups = []
    for kind, rows in places:
        label = CENTER_TYPE_PLURALS[kind]
        groups.append({"title": tr.gettext(label), "rows": rows})
        group = folium.FeatureGroup(name=f"{tr.gettext(label)} ({len(rows)})").add_to(fmap)
        # A wide cluster radius keeps markers from overlapping, so each stays a whole 24 px target.
        callback = MARKER % json.dumps({"zip": tr.gettext("(approximate location: ZIP code centre)"),
                                        "town": tr.gettext("(approximate location: town centre)")})
        cluster = FastMarkerCluster([list(row) for row in rows], callback=callback, options={"maxClusterRadius": 120})
        cluster.default_js, cluster.default_css = cluster_js, cluster_css
        cluster.add_to(group)
    folium.LayerControl(collapsed=False).add_to(fmap)
    _FocusFromHash().add_to(fmap)
    _StreetTiles().add_to(fmap)
    figure: Figure = fmap.get_root()  # type: ignore[assignment]  # a folium Map's root is always its Figure
    title = html.escape(tr.gettext("Map of peer recovery centres in Massachusetts"))
    figure.header.add_child(Element(f'<meta name="description" content="{title}"><title>{title}</title>'
                                    f'<link rel="icon" href="../{root}assets/images/favicon.png">'
                                    f'<link rel="stylesheet" href="../{root}assets/map-page.css">'
                                    f'<script src="../{root}assets/map.js"></script>'))
    page = figure.render().replace("<html>", f'<html lang="{tr.code}">', 1)
    # The page's own body around folium's map: a main landmark, a heading, the street-map button, and
    # the same places as links, an equivalent for every marker (WCAG 2.5.8).
    # folium's script, which it writes after </body>, goes inside the body, where HTML allows it.
    head, _, rest = page.partition("<body>")
    body, _, tail = rest.partition("</body>")
    script = tail.replace("</html>", "").strip()
    main = environment(tr).get_template("map_list.html").render(groups=groups, map_div=Markup(body.strip()))
    out = f"{head}<body>\n{main}\n{script}\n</body>\n</html>\n"
    # folium forbids zooming the page; people with low vision need it (WCAG 1.4.4).
    out = re.sub(r'<meta name="viewport"[^>]*>',
                 '<meta name="viewport" content="width=device-width, initial-scale=1">', out)
    return _stable_ids(out)
