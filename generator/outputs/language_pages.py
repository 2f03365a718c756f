"""Help in other languages: a one-screen page per language at /help/<code>/ and the index /help/, in every site
language (/es/help/vi/ is the same Vietnamese page in the Spanish site's frame, so the switcher keeps the page).

The words come from one catalogue, translations/help-languages.yaml, whose shape is declared here once
(`STRINGS`, `Spoken`) and checked as it is read; the numbers come only from data/help.yaml. The pages are
returned as page specs (the keyword arguments of render.Page), in memory."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml
from babel import Locale
from markupsafe import Markup, escape

from ..model.records import HelpLine, Site, Source
from .translations import ENGLISH, Translator

CATALOGUE = "help-languages.yaml"
# The page's text, in each language; every language has every one.
STRINGS = ("title", "lead", "bhhl", "say", "crisis", "call", "text", "emergency", "free", "find", "towns",
           "places", "unreviewed", "i_speak", "sources", "more")
ENGLISH_STRINGS = ("help_in", "unreviewed", "i_speak", "sources")
DIRECTIONS = ("ltr", "rtl")
# The lines a language page gives, in order (data/help.yaml ids): the one that answers in 200+ languages first.
LINES = ("behavioral-health-help-line", "lifeline-988")
# Where the help bar and the drawer (rendered once for every page) link to help/: site_overrides/main.html and
# partials/nav.html put each page's own relative URL of its language's root in its place.
HELP_LINK = "prn-help-languages:/"


class HelpLanguagesError(ValueError):
    """translations/help-languages.yaml does not have the declared shape; the message names the file and key."""


@dataclass(frozen=True)
class Spoken:
    """One language's page: its code (lang), its own name, its English name, the English word(s) a caller
    says to get an interpreter, its direction, whether a fluent speaker has signed it off, and its text."""

    code: str
    name: str
    english: str
    speak: str  # "I speak <speak>." on the card
    say: tuple[str, ...]
    dir: str
    reviewed: bool
    strings: dict[str, str]

    @property
    def url(self) -> str:
        return f"help/{self.code}/"

    def text(self, key: str, **values: object) -> Markup:
        """One of the page's strings, escaped, with `%(language)s` / `%(places)s` filled with marked-up values."""
        return escape(self.strings[key]) % values if values else escape(self.strings[key])


@dataclass(frozen=True)
class HelpLanguages:
    english: dict[str, str]
    places: tuple[str, ...]
    sources: tuple[Source, ...]
    languages: tuple[Spoken, ...]


def _need(mapping: object, keys: tuple[str, ...], where: str) -> dict:
    if not isinstance(mapping, dict):
        raise HelpLanguagesError(f"{where}: expected a mapping")
    missing = [key for key in keys if key not in mapping]
    extra = [key for key in mapping if key not in keys]
    if missing or extra:
        faults = ([f"missing {', '.join(missing)}"] if missing else []) + \
            ([f"unknown {', '.join(extra)}"] if extra else [])
        raise HelpLanguagesError(f"{where}: " + "; ".join(faults))
    empty = [key for key in keys if not isinstance(mapping[key], (str, bool, list, dict)) or mapping[key] in ("", [])]
    if empty:
        raise HelpLanguagesError(f"{where}: empty {', '.join(empty)}")
    return mapping


def parse(data: object, name: str = CATALOGUE) -> HelpLanguages:
    """The catalogue, checked against its declared shape: every key there, none unknown, no empty string."""
    top = _need(data, ("english", "places", "sources", "languages"), name)
    english = _need(top["english"], ENGLISH_STRINGS, f"{name}: english")
    languages = []
    for index, item in enumerate(top["languages"]):
        where = f"{name}: languages[{index}]"
        required = ("code", "name", "english", "dir", "reviewed", "strings")
        if isinstance(item, dict):
            where += f" ({item.get('code', '?')})"
        entry = _need(item, required + tuple(k for k in ("speak", "say") if isinstance(item, dict) and k in item),
                      where)
        strings = _need(entry["strings"], STRINGS, f"{where}: strings")
        if entry["dir"] not in DIRECTIONS:
            raise HelpLanguagesError(f"{where}: dir must be ltr or rtl, not {entry['dir']!r}")
        if not isinstance(entry["reviewed"], bool):
            raise HelpLanguagesError(f"{where}: reviewed must be true or false")
        for key, slot in (("say", "%(language)s"), ("places", "%(places)s")):
            if slot not in strings[key]:
                raise HelpLanguagesError(f"{where}: strings.{key} must contain {slot}")
        say = entry.get("say", [entry["english"]])
        languages.append(Spoken(entry["code"], entry["name"], entry["english"], entry.get("speak", entry["english"]),
                                tuple(say), entry["dir"], entry["reviewed"], {k: str(v) for k, v in strings.items()}))
    sources = tuple(Source(s["url"], s["title"], str(s.get("date") or "")) for s in top["sources"])
    return HelpLanguages({k: str(v) for k, v in english.items()}, tuple(top["places"]), sources, tuple(languages))


@functools.cache
def load(folder: Path) -> HelpLanguages:
    path = folder / CATALOGUE
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")), str(path))


def _en(text: str) -> Markup:
    return Markup('<span lang="en" dir="ltr">%s</span>') % text


def _lines(site: Site) -> tuple[HelpLine, ...]:
    by_id = {line.id: line for line in site.help_lines}
    return tuple(by_id[key] for key in LINES if key in by_id)


def local_name(t: Translator, language: Spoken) -> str:
    """The language's name in the site's language: its English name, or Babel's name in Spanish/Portuguese."""
    if t.language.english:
        return language.english
    name = Locale.parse(language.code, sep="-").get_display_name(t.language.locale) or language.english
    return name[:1].upper() + name[1:]


def pages(site: Site, t: Translator) -> list[dict]:
    """The index /help/ in this site language, and one page per language."""
    _ = t.gettext
    catalogue = load(site.settings.translations_dir)
    lines = _lines(site)
    listed = [{"l": language, "local": local_name(t, language)} for language in catalogue.languages]
    out = [dict(path="help/index.md", title=_("Help in other languages"), template="help_languages.html",
                context={"languages": listed, "bhhl": lines[0] if lines else None,
                         "unreviewed": not all(language.reviewed for language in catalogue.languages)},
                description=_("How to get help in your own language, with an interpreter on the phone."))]
    english = catalogue.english
    places = Markup(", ").join(_en(place) for place in catalogue.places)
    # The sources are listed in English (the page's dates too), whatever the site's language.
    sources = [{"line": line.name, "url": s.url, "title": s.title, "date": ENGLISH.source_date(s.date)}
               for line in lines for s in line.sources] + \
        [{"line": "", "url": s.url, "title": s.title, "date": s.date and ENGLISH.source_date(s.date)}
         for s in catalogue.sources]
    for language in catalogue.languages:
        say = Markup(" / ").join(Markup('<strong lang="en" dir="ltr">%s</strong>') % word for word in language.say)
        title = f"{language.name}: {english['help_in'] % {'language': language.english}}"
        out.append(dict(
            path=f"help/{language.code}.md", title=title, template="help_language.html",
            context={"l": language, "lines": lines, "say": language.text("say", language=say),
                     "places": language.text("places", places=places), "english": english,
                     "sources": sources},
            description=f"{language.strings['title']} ({english['help_in'] % {'language': language.english}})",
            search_text=" ".join(dict.fromkeys([
                language.name, language.english, language.speak, *language.say, language.strings["title"],
                english["help_in"] % {"language": language.english},
                english["i_speak"] % {"language": language.speak}]))))
    return out
