"""A Content-Security-Policy <meta> for every page of the built site.

Scripts may come only from the site itself, plus the inline scripts the build wrote, each
allowed by its SHA-256 hash; nothing from other origins, no `data:` scripts, no plugins. Only
the map page may load images (tiles) from OpenStreetMap, and it loads only when a visitor asks. Pure:
app/build.py puts the policy into the files."""

from __future__ import annotations

import base64
import hashlib
import re

TILES = "https://tile.openstreetmap.org"
TILED = "map/index.html"  # the one page that may load tiles, below a language's root
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
DATA_TYPES = ("application/json", "application/ld+json")


def _hashes(html: str) -> list[str]:
    out = []
    for match in INLINE_SCRIPT.finditer(html):
        if any(kind in match.group("attrs") for kind in DATA_TYPES):
            continue  # data blocks are never executed
        digest = base64.b64encode(hashlib.sha256(match.group("body").encode("utf-8")).digest()).decode()
        out.append(f"'sha256-{digest}'")
    return sorted(set(out))


def policy(html: str, tiles: bool = False) -> str:
    scripts = " ".join(["'self'", *_hashes(html)])
    images = "'self' data:" + (f" {TILES}" if tiles else "")
    return (f"default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; img-src {images}; "
            "font-src 'self' data:; connect-src 'self'; frame-src 'self'; object-src 'none'; base-uri 'self'; "
            "form-action 'self'")


def with_policy(html: str, tiles: bool = False) -> str:
    """The page with its policy first in <head>; a file without <head> as it is."""
    if "<head>" not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, tiles)}">'
    return html.replace("<head>", "<head>" + meta, 1)
