"""Cards agencies put on their own sites in an <iframe> (issue 24, item 6), per language: one a town, its nearest
centres (embed/towns/<slug>/), and one a centre (embed/centers/<id>/), each with the age of its evidence, its
numbers as tel: links, 988 and the Helpline, and a link to the full page in the top window. Each is a document of
its own (templates/embed_*.html): no theme, no script, no font, styles inlined from templates/embed.css, noindex,
out of the nav, the sitemap and the search. They are the only pages meant to be framed; every other page hides
itself in a frame of another site (site_overrides/main.html, content/assets/map.js; docs/ARCHITECTURE.md).
Pure: returns files by path below a language's root; app/build.py writes them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..model.records import Site
from .render import absolute_url, card_context, environment
from .translations import Translator

FOLDER = "embed/"
ROOT = "../../../"  # from embed/<registry>/<id>/ back to the language's root
CSS = Path(__file__).resolve().parent / "templates" / "embed.css"
HEIGHTS = {"towns": 1500, "centers": 820}  # px a card needs at 375 px wide: the snippet's (tests/browser/test_embed.py)


@functools.cache
def _css() -> Markup:
    """The cards' styles, the project's own file: trusted like a template."""
    return Markup(CSS.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class EmbedCard:
    """One card: its path below the language's root, its template and what it is drawn from."""

    path: str
    template: str
    context: dict
    tr: Translator

    def render(self) -> str:
        return environment(self.tr).get_template(self.template).render(**self.context)


def embed_cards(site: Site, tr: Translator) -> list[EmbedCard]:
    """Every town's and centre's card in one language."""
    helpline = site.check_line
    shared = {**card_context(site), "css": _css(), "root": ROOT, "as_of": site.today,
              "lines": [line for line in (site.banner[:1] + ((helpline,) if helpline else ())) if line.call]}
    limit = site.settings.limits.embed_centers
    towns = [EmbedCard(f"{FOLDER}{t.url}index.html", "embed_town.html",
                       {"town": t.name, "centers": t.centers[:limit], "back_url": ROOT + t.url, **shared}, tr)
             for t in site.towns]
    return towns + [EmbedCard(f"{FOLDER}{c.url}index.html", "embed_center.html",
                              {"c": c, "back_url": ROOT + c.url, **shared}, tr) for c in site.centers]


def draw_cards(cards: list[EmbedCard]) -> dict[str, str]:
    """The cards' files, by path below the language's root."""
    return {card.path: card.render() for card in cards}


def snippet_context(site: Site, tr: Translator) -> dict:
    """What the open-data page's snippet (templates/embed_snippet.html) shows: a real card of each kind, the first
    centre's and its town's, by their public address and by their path from the page."""
    center = next(c for c in site.centers if c.town_slug)
    town = next(t for t in site.towns if t.slug == center.town_slug)
    _ = tr.gettext
    prefix = tr.language.prefix
    return {"embeds": [
        {"src": absolute_url(site, f"{prefix}{FOLDER}{town.url}"), "path": f"{FOLDER}{town.url}",
         "title": _("Peer recovery help near %(town)s") % {"town": town.name}, "height": HEIGHTS["towns"]},
        {"src": absolute_url(site, f"{prefix}{FOLDER}{center.url}"), "path": f"{FOLDER}{center.url}",
         "title": center.name, "height": HEIGHTS["centers"]},
    ]}
