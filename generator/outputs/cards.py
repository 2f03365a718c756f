"""What the hand-written pages and the scripts show from data/: the help numbers written in content/ and
translations/ as markers, and the cards and controls of /find/, /plan/ and the towns index, rendered once
per language from templates (templates/cards.html, find_form.html, plan_form.html, plan_steps.html).

A Markdown page names a number by its line's id in data/help.yaml, never by its digits:
`{{ call("ma-substance-use-helpline") }}` (a tel: link), `{{ tty("masshealth-customer-service") }}`,
`{{ cited("masshealth-customer-service") }}` (its dated sources), and a part drawn from a template:
`{{ part("find-form") }}`, `{{ part("plan-week-1") }}` (the controls, the catalogue's words),
`{{ part("embed-snippet") }}` (the embed cards' code, outputs/embed.py). The scripts clone the <template>
elements and fill them with textContent (assets/cards.mjs)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from markupsafe import Markup

from ..model.records import HelpLine, Site
from .embed import snippet_context
from .render import card_context, environment
from .translations import ENGLISH, Translator

PARTS = {"find-form": "find_form.html", "find-cards": "cards.html", "plan-form": "plan_form.html",
         "plan-cards": "cards.html", **{f"plan-week-{n}": "plan_steps.html" for n in range(1, 5)},
         "embed-snippet": "embed_snippet.html"}
MARKER = re.compile(r"""\{\{ (call|tty|cited|part)\("([a-z0-9-]+)"\) \}\}""")


class MarkerError(ValueError):
    """A page names a help line or a part that does not exist."""


def help_line(site: Site, line_id: str) -> HelpLine:
    line = next((h for h in site.help_lines if h.id == line_id), None)
    if line is None:
        raise MarkerError(f"no help line '{line_id}' in data/help.yaml")
    return line


def expand(text: str, site: Site, t: Translator, root: str, page: str = "") -> str:
    """A hand-written page with its markers replaced by the numbers, sources and parts they name.
    `root` leads from the page back to its language's root ("../" for /find/)."""
    if "{{ " not in text:
        return text
    env = environment(t)
    macros = env.get_template("_macros.html").module
    shared = {**card_context(site), **snippet_context(site, t), "root": root,
              "site_root": root + ("" if t.language.english else "../")}

    def number(kind: str, line_id: str) -> str:
        line = help_line(site, line_id)
        value, href = (line.call, line.call_href) if kind == "call" else (line.tty, line.tty_href)
        if not value:
            raise MarkerError(f"help line '{line_id}' has no {kind} number")
        return Markup('<a href="%s">%s</a>') % (href, value)

    handlers: dict[str, Callable[[str], str]] = {
        "call": lambda name: number("call", name),
        "tty": lambda name: number("tty", name),
        "cited": lambda name: str(macros.cited(help_line(site, name).sources)).strip(),  # type: ignore[attr-defined]
        "part": lambda name: env.get_template(PARTS[name]).render(part=name, **shared).strip(),
    }

    def replace(match: re.Match) -> str:
        kind, name = match.groups()
        if kind == "part" and name not in PARTS:
            raise MarkerError(f"no part '{name}'; use one of {', '.join(PARTS)}")
        return handlers[kind](name)

    try:
        return MARKER.sub(replace, text)
    except MarkerError as err:
        raise MarkerError(f"{page}: {err}") from err


def shown(site: Site) -> tuple:
    """What of the data the markers of every language's hand-written pages show: the help lines (their numbers and
    sources, and the cards' lines drawn from them: card_context) and the embed snippet's cards. Only a full build
    changes those pages."""
    return site.help_lines, snippet_context(site, ENGLISH)


def page_root(rel: str) -> str:
    """From a hand-written page (its path below content/) back to its language's root."""
    depth = rel.count("/") + (0 if rel.endswith("index.md") else 1)
    return "../" * depth


def expanded(files: Mapping[str, str | bytes], site: Site, t: Translator) -> dict[str, str | bytes]:
    """The hand-written pages of one language (content.content_files) with their markers expanded."""
    out = dict(files)
    for rel, body in files.items():
        if rel.endswith(".md"):
            out[rel] = expand(body.decode("utf-8") if isinstance(body, bytes) else body, site, t, page_root(rel), rel)
    return out


ANSWERS_PATH = "assets/answers.html"


def answers(site: Site, t: Translator) -> str:
    """The answer cards of the search vocabulary in one language (templates/answers.html), as assets/answers.html."""
    lines = {line.id: line for line in site.help_lines}
    return environment(t).get_template("answers.html").render(lines=lines).strip() + "\n"
