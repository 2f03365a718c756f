"""Spanish and Portuguese next to English: the languages, their catalogues and the translator
that pages, scripts and charts speak through.

English is the source language and has no prefix; every other language mirrors the English URLs
under its own prefix (/es/, /pt/). `translations/<lang>.yaml` holds the interface strings
(templates, the help banner, labels from generator/labels.py, region names, the scripts of /find/,
/plan/ and the MassHealth checklist, the nav), keyed by the English text as in gettext: a changed
English string no longer matches its key, so the translation check shows it as missing. Registry
text (names, summaries, hours, notes) is never translated: the templates mark it lang="en", and free
text says "(in English)". The exceptions are the names of specialty tracks and of the help lines in
the banner and the national line, which the catalogue translates under `names:`, and source titles that
the data translates itself (`titles:`)."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..labels import CARC_LABELS, CONFIRMED_SENTENCES, LANGUAGE_NAMES, N_, long_date
from ..model.travel import STEPS

# In content/assets/; their strings go to strings.js.
SCRIPTS = ("common.js", "find.js", "plan.js", "eligibility.js", "cards.mjs", "towns.js")
STRINGS_JS = "assets/strings.js"

@dataclass(frozen=True)
class Language:
    code: str  # URL prefix and catalogue name
    name: str  # the language's name in itself, for the switcher
    theme: str  # mkdocs-material's theme.language (its own interface strings and search language)
    locale: str  # Babel locale for dates and language names
    js_locale: str  # BCP 47 tag for toLocaleDateString in the browser

    @property
    def prefix(self) -> str:
        """Where the language's pages live below the site root: '' or 'es/'."""
        return "" if self.code == "en" else f"{self.code}/"

    @property
    def english(self) -> bool:
        return self.code == "en"


# Brazilian Portuguese: Massachusetts' Portuguese-speaking communities are largely Brazilian.
# Material's pt-BR strings set <html lang="pt">, and hreflang says "pt" too: the one Portuguese version.
LANGUAGES = {
    "en": Language("en", "English", "en", "en", "en-GB"),
    "es": Language("es", "Español", "es", "es_US", "es-US"),  # US Spanish: 12.3 mi, not 12,3
    "pt": Language("pt", "Português", "pt-BR", "pt_BR", "pt-BR"),
}
CODES = tuple(LANGUAGES)

# A listing placed only at the centre of its ZIP code or town, under 0.05 mi away, is "in this town": "0.0 mi" would
# say it is next door. The scripts' rule too: places.mjs, inPlace.
IN_PLACE = {"zip": N_("in this ZIP code"), "town": N_("in this town")}


def in_place(miles: float, precision: str) -> bool:
    return miles < 0.05 and precision in IN_PLACE


# libyaml's safe loader when PyYAML has it: the catalogues are read on every build.
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class TranslationError(Exception):
    """A catalogue or translated page cannot be read."""


# ---- the catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Catalogue:
    code: str
    reviewed: bool = False
    strings: dict = field(default_factory=dict)  # English -> translation, or {one:, other:} for plurals
    path: Path | None = None
    names: frozenset = frozenset()  # keys of `names:`, registry names (tracks, help lines) also in strings


def load_catalogue(code: str, folder: Path) -> Catalogue:
    """The catalogue of one language from folder/<code>.yaml; English has none."""
    if code == "en":
        return Catalogue("en", True)
    path = folder / f"{code}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST) or {}
    except (OSError, yaml.YAMLError) as err:
        raise TranslationError(f"{path}: cannot read the catalogue ({err})") from err
    strings, names = data.get("strings") or {}, data.get("names") or {}
    for section, mapping in (("strings", strings), ("names", names)):
        if not isinstance(mapping, dict):
            raise TranslationError(f"{path}: '{section}' must be a mapping of English text to its translation")
    for key, value in strings.items():
        ok = isinstance(value, str) or (isinstance(value, dict) and set(value) <= {"one", "other", "many"}
                                       and all(isinstance(v, str) for v in value.values()))
        if not isinstance(key, str) or not ok:
            raise TranslationError(f"{path}: {key!r}: a translation is a string, or one:/other: for plurals")
    for key, value in names.items():
        if not isinstance(key, str) or not isinstance(value, str) or key in strings:
            raise TranslationError(f"{path}: names: {key!r}: a name's translation is a string, once in the file")
    return Catalogue(code, bool(data.get("reviewed", False)), {**strings, **names}, path, frozenset(names))


# A page shows the same few dates and distances many times, and Babel takes a while over each: each is formatted
# once a language.
@functools.cache
def _babel_date(day: dt.date, form: str, locale: str) -> str:
    """A date in the locale: "long", or the skeleton "yMMMM" (month and year)."""
    from babel.dates import format_date, format_skeleton
    return format_date(day, format=form, locale=locale) if form == "long" else format_skeleton(form, day, locale=locale)


@functools.cache
def _babel_decimal(number: float, locale: str) -> str:
    """A number with one decimal in the locale."""
    from babel.numbers import format_decimal
    return format_decimal(number, "0.0", locale=locale)


class Translator:
    """Everything a page needs to speak one language: strings, plurals, dates, language names."""

    def __init__(self, language: Language, catalogue: Catalogue):
        self.language, self.catalogue = language, catalogue
        if not language.english:
            from babel import Locale
            self._locale = Locale.parse(language.locale)

    @property
    def code(self) -> str:
        return self.language.code

    def gettext(self, text: str) -> str:
        value = self.catalogue.strings.get(text)
        return value if isinstance(value, str) and value else text

    def has(self, text: str) -> bool:
        """Whether text has a translation here (English has every text)."""
        return self.language.english or bool(self.catalogue.strings.get(text))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        value = self.catalogue.strings.get(singular)
        if isinstance(value, dict):
            form = self._locale.plural_form(n)
            return value.get(form) or value.get("other") or plural
        return singular if n == 1 else plural

    def date(self, day) -> str:
        return long_date(day) if self.language.english else _babel_date(day, "long", self.language.locale)

    def source_date(self, text: str) -> str:
        """A source's own date as precise as it is: '2016', 'February 2026' or '15 January 2024'."""
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return text
        day = dt.date(parts[0], parts[1], parts[2] if len(parts) > 2 else 1)
        if len(parts) == 3:
            return self.date(day)
        return f"{day:%B %Y}" if self.language.english else _babel_date(day, "yMMMM", self.language.locale)

    def miles(self, miles: float, precision: str = "exact") -> str:
        """'42.5 mi', its unit from the catalogue like find.js's ('42,5 milhas': 'mi' reads as 'milhões' in Brazil);
        'in this town' (or ZIP code) for a listing placed at the centre of the town it is in (in_place)."""
        if in_place(miles, precision):
            return self.gettext(IN_PLACE[precision])
        number = f"{miles:.1f}" if self.language.english else _babel_decimal(miles, self.language.locale)
        return self.gettext(N_("{miles} mi")).replace("{miles}", number)

    def route(self, via: str, miles: float | None = None, precision: str = "exact") -> str:
        """How a distance was measured (model/travel.py): "as the crow flies", or "via Orleans and the
        Sagamore Bridge" for the crossings in `via`; nothing beside 'in this town' (in_place)."""
        if miles is not None and in_place(miles, precision):
            return ""
        if not via:
            return self.gettext(N_("as the crow flies"))
        steps = [self.gettext(STEPS[step]) for step in via.split()]
        route = steps[0] if len(steps) == 1 else self.gettext(N_("%(steps)s and %(last)s")) % {
            "steps": ", ".join(steps[:-1]), "last": steps[-1]}
        return self.gettext(N_("via %(route)s")) % {"route": route}

    def language_name(self, code: str, standalone: bool = True) -> str:
        """'Spanish' -> 'Español' in a list (standalone), 'español' inside a sentence."""
        if self.language.english:
            return LANGUAGE_NAMES[code]
        name = self._locale.languages.get(code)
        if not name:
            return LANGUAGE_NAMES[code]
        return name[:1].upper() + name[1:] if standalone else name

    def labels(self, mapping: dict) -> dict:
        return {key: self.gettext(value) for key, value in mapping.items()}

    def carc(self, status) -> str:
        """The CARC status label (labels.CARC_LABELS) in this language."""
        text = self.gettext(CARC_LABELS[status.state])
        return text % {"date": self.date(status.expires)} if status.expires else text

    def confirmed(self, confirmation) -> str:
        """How and when a listing was confirmed with the centre (labels.CONFIRMED_SENTENCES) in this language."""
        return self.gettext(CONFIRMED_SENTENCES[confirmation.how]) % {"date": self.date(confirmation.on)}


def translator(code: str, folder: Path) -> Translator:
    """The translator of one language, its catalogue read from folder."""
    return Translator(LANGUAGES[code], load_catalogue(code, folder))


ENGLISH = Translator(LANGUAGES["en"], Catalogue("en", True))


# ---- strings for the browser -------------------------------------------------------------------


JS_CALL = re.compile(r"""\bt[n]?\(\s*"((?:[^"\\]|\\.)*)\"""")


def js_keys(folder: Path) -> set[str]:
    """The English strings the scripts in folder (content/assets) translate with t() or tn() (first argument,
    a literal)."""
    keys = set()
    for name in SCRIPTS:
        for raw in JS_CALL.findall((folder / name).read_text(encoding="utf-8")):
            keys.add(json.loads(f'"{raw}"'))
    return keys


def strings_js(tr: Translator, labels: dict, assets: Path) -> str:
    """assets/strings.js of one language: the scripts' strings, the registry names the catalogue translates
    (places.js names the national help line) and the find index's labels."""
    keys = js_keys(assets) | tr.catalogue.names
    strings = {key: tr.catalogue.strings[key] for key in sorted(keys) if key in tr.catalogue.strings}
    payload = {"lang": tr.code, "locale": tr.language.js_locale, "strings": strings, "labels": labels}
    # Not sort_keys: the labels keep their order (the filters list them in it).
    text = json.dumps(payload, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return ("/* Generated by generator/outputs/translations.py from translations/" + tr.code + ".yaml: the strings "
            "of the page scripts (SCRIPTS). Edit the catalogue, not this file. */\nwindow.PRN_I18N = "
            + text + ";\n")
