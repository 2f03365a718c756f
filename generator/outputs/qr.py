"""QR codes drawn at build time (segno, no network): the printed town sheet carries its page's address."""

from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, title: str) -> Markup:
    """An inline SVG QR code of `url` (error correction M, 4-module quiet zone), titled for assistive tech."""
    svg = segno.make_qr(url, error="m").svg_inline(scale=2, border=4, title=title, svgclass="prn-qr",
                                                   lineclass=None, omitsize=True)
    return Markup(svg)  # segno escapes the title; the URL is only encoded as modules, never as markup
