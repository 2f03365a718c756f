"""Small charts drawn at build time as plain SVG: no JavaScript, no fonts or images from anywhere.

Today there is one, the hours a Certified Addiction Recovery Coach (CARC) needs, shown on the
"CARC explained" guide next to a table that says the same in words."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..labels import N_
from .translations import ENGLISH, Translator

# CARC Information and Requirements (mass.gov, MBSACC):
# https://www.mass.gov/doc/application-carc-requirements/download
CARC_INITIAL_HOURS = (
    (N_("Supervised work"), 500),
    (N_("Education"), 60),
    (N_("Direct supervision"), 35),
)
CARC_RENEWAL_HOURS = (N_("Continuing education"), 30)
CARC_VALID_YEARS = 2

CARC_CHART = "assets/carc-hours.svg"

_INK = "#1f2a2e"       # text: 14.6:1 on white
_BAR = "#00695c"       # first credential: 6.6:1 on white
_RENEW = "#8a4b00"     # renewal: 6.8:1 on white
_GRID = "#c9d1d3"


def carc_hours_svg(tr: Translator = ENGLISH) -> str:
    """A horizontal bar chart of the CARC hours, with a title and description for screen readers."""
    _ = tr.gettext
    rows = [(_(label), hours, _BAR) for label, hours in CARC_INITIAL_HOURS]
    rows.append((_(CARC_RENEWAL_HOURS[0]), CARC_RENEWAL_HOURS[1], _RENEW))
    # Room for the longest label (about 8.5 px a character at 16 px), so translated labels fit.
    width, row_h, top = 500, 44, 56
    label_w = max(195, round(24 + 8.5 * max(len(label) for label, _, _ in rows)))
    bar_max = 230 - (label_w - 195)
    height = top + row_h * len(rows) + 40
    scale = bar_max / max(hours for _, hours, _ in rows)
    earn = "; ".join(_(N_("%(what)s, %(hours)s hours")) % {"what": label.lower(), "hours": hours}
                     for label, hours, _colour in rows[:len(CARC_INITIAL_HOURS)])
    desc = _(N_("To earn the CARC: %(earn)s. The credential is valid for %(years)s years; renewing it takes "
                "%(renew)s contact hours of approved continuing education.")) % {
        "earn": earn, "years": CARC_VALID_YEARS, "renew": CARC_RENEWAL_HOURS[1]}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'role="img" aria-labelledby="carc-title carc-desc" font-family="system-ui, -apple-system, Segoe UI, '
        'Roboto, Helvetica, Arial, sans-serif">',
        f'<title id="carc-title">{escape(_(N_("Hours needed for the CARC credential")))}</title>',
        f'<desc id="carc-desc">{escape(desc)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="16" y="30" font-size="18" font-weight="700" fill="{_INK}">'
        f'{escape(_(N_("Hours needed for the CARC")))}</text>',
    ]
    for i, (label, hours, colour) in enumerate(rows):
        y = top + i * row_h
        bar = max(2, round(hours * scale))
        if i == len(CARC_INITIAL_HOURS):
            out.append(f'<line x1="16" x2="{width - 16}" y1="{y - 6}" y2="{y - 6}" stroke="{_GRID}" '
                       'stroke-dasharray="4 4"/>')
        out.append(f'<text x="{label_w - 10}" y="{y + 20}" font-size="16" text-anchor="end" fill="{_INK}">'
                   f'{escape(label)}</text>')
        out.append(f'<rect class="bar" data-hours="{hours}" x="{label_w}" y="{y + 4}" width="{bar}" height="24" '
                   f'rx="3" fill="{colour}"/>')
        out.append(f'<text x="{label_w + bar + 8}" y="{y + 21}" font-size="16" font-weight="700" fill="{_INK}">'
                   f'{hours} h</text>')
    legend = _(N_("Green: to earn it. Brown: to renew it, every %(years)s years.")) % {"years": CARC_VALID_YEARS}
    out.append(f'<text x="16" y="{height - 14}" font-size="14" fill="{_INK}">{escape(legend)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def charts(tr: Translator = ENGLISH) -> dict[str, str]:
    """Every chart in the page's language, by its path in the docs folder, where the guide pages link to it."""
    return {CARC_CHART: carc_hours_svg(tr)}
