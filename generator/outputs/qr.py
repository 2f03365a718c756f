"""QR codes drawn at build time (segno, no network): the printed town sheet carries its page's address."""

from __future__ import annotations

import hashlib
from pathlib import Path

import segno
from markupsafe import Markup

# One mask for every code: segno's choice of the best of eight took 80% of the time (17 ms a code, 6 s for a
# language's 351 town sheets, more than the rest of the build). Any mask is valid QR; tests/browser/test_print.py
# reads every sheet's code.
MASK = 2


# Every code drawn, by address and title: `serve` stamps a changed town's sheet again with the same address, and
# app/build.py keeps them between builds (VERSION names what they were drawn with).
DRAWN: dict[str, str] = {}
VERSION = hashlib.sha256(Path(__file__).read_bytes() + segno.__version__.encode()).hexdigest()[:12]


def qr_svg(url: str, title: str) -> Markup:
    """An inline SVG QR code of `url` (error correction M, 4-module quiet zone), titled for assistive tech."""
    key = url + "\n" + title
    if key not in DRAWN:
        DRAWN[key] = segno.make_qr(url, error="m", mask=MASK).svg_inline(
            scale=2, border=4, title=title, svgclass="prn-qr", lineclass=None, omitsize=True)
    return Markup(DRAWN[key])  # segno escapes the title; the URL is only encoded as modules, never as markup
