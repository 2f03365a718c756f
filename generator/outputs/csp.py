"""A Content-Security-Policy <meta> for every page of the built site.

Scripts may come only from the site itself, plus the inline scripts the build wrote, each
allowed by its SHA-256 hash; nothing from other origins, no `data:` scripts, no plugins, no
'unsafe-inline'. The hashes are those of the inline scripts found in each emitted page, and only
of scripts the site's own templates write: each must be one of KNOWN (the theme's, the site's
overrides', folium's on the map pages), so a script that came from anywhere else (data that
escaped its escaping, a theme upgrade) stops the build instead of being allowed. Only the map page
may load images (tiles) from OpenStreetMap, and it loads only when a visitor asks. Pure:
app/build.py puts the policy into the files."""

from __future__ import annotations

import base64
import hashlib
import re

TILES = "https://tile.openstreetmap.org"
TILED = "map/index.html"  # the one page that may load tiles, below a language's root
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPES = ("application/json", "application/ld+json")

# Every inline script a page may carry, by where it comes from, as the start of its text (whitespace trimmed).
# The site's own are in site_overrides/ (main.html, partials/javascripts/palette.html); the theme's in
# mkdocs-material's base.html (the scope's path depends on the page's depth); folium's only on the map pages.
KNOWN = {
    "site: the js class (main.html)": r'document\.documentElement\.classList\.replace\("no-js", "js"\)\Z',
    "site: the search index held (main.html)": r'\(function \(\) \{\s+var toggle = '
                                               r'document\.getElementById\("__search"\)',
    "site: the palette (palette.html)": r'\(function \(\) \{\s+var inputs = Array\.prototype\.slice\.call\('
                                        r'document\.querySelectorAll\("\[data-prn-palette\] input"\)\)',
    "theme: scope and storage": r'__md_scope=new URL\("[./a-z]*",location\),__md_hash=',
    "theme: linked tabs": r"var target=document\.getElementById\(location\.hash\.slice\(1\)\);target&&target\.name&&"
                          r'\(target\.checked=target\.name\.startsWith\("__tabbed_"\)\)\Z',
}
MAP_ONLY = {
    "folium: Leaflet's flags": r"L_NO_TOUCH = false;\s+L_DISABLE_3D = false;\Z",
    "folium: the map and its markers (maps.py)": r"var map_\d+ = L\.map\(",
}


class UnknownScript(Exception):
    """A page has an inline script that is not one of the site's own templates' (KNOWN)."""


def origin(body: str, tiles: bool = False) -> str:
    """Which of the known inline scripts this is; UnknownScript if none."""
    known = KNOWN | (MAP_ONLY if tiles else {})
    text = body.strip()
    found = next((name for name, start in known.items() if re.match(start, text)), None)
    if found is None:
        raise UnknownScript(f"an inline script that no template of the site writes: {text[:80]!r}; if a template "
                            "or the theme now writes it, add it to KNOWN in generator/outputs/csp.py")
    return found


def scripts(html: str) -> list[str]:
    """The executable inline scripts of a page, as written (data blocks are never executed)."""
    return [match.group("body") for match in INLINE_SCRIPT.finditer(html)
            if not any(kind in match.group("attrs") for kind in DATA_TYPES)]


def sha256(body: str) -> str:
    """A script's hash as script-src names it."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"


def policy(html: str, tiles: bool = False) -> str:
    """The page's policy, naming the hash of each of its inline scripts (UnknownScript for a script of no template)."""
    allowed = " ".join(["'self'", *sorted({sha256(body) for body in scripts(html) if origin(body, tiles)})])
    images = "'self' data:" + (f" {TILES}" if tiles else "")
    return (f"default-src 'self'; script-src {allowed}; style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'")


def with_policy(html: str, tiles: bool = False) -> str:
    """The page with its policy first in <head>; a file without <head> as it is."""
    if "<head>" not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, tiles)}">'
    return html.replace("<head>", "<head>" + meta, 1)
