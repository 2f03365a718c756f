"""Spanish and Portuguese next to English.

English is the source language and has no prefix; every other language mirrors the English URLs
under its own prefix (/es/, /pt/). What a maintainer edits in a pull request:

- `translations/<lang>.yaml`: the interface strings (templates, the help banner, labels from
  generator/schema.py, region names, the scripts of /find/, /plan/ and the MassHealth checklist,
  the nav), keyed by the English text as in gettext. A changed English string no longer matches
  its key, so it shows up as missing.
- `translations/<lang>/...md`: the hand-written pages of content/, at the same paths, with
  `reviewed: true|false` and `source_hash:` (see source_hash()) in their front matter. A content
  page with no translation is built from the English page, marked lang="en", with a note.

check() lists what is missing or out of date; the data report and `python -m generator
translations` print it. Registry text (names, summaries, hours, notes) is never translated: the
templates mark it lang="en" on translated pages."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
CONTENT = ROOT / "content"
TEMPLATES = Path(__file__).resolve().parent / "templates"
SCRIPTS = ("find.js", "plan.js", "eligibility.js")  # in content/assets/; their strings go to strings.js
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


def N_(text: str) -> str:
    """Marks a string in Python code for the catalogue, translated later where it is shown. Literals
    in N_() and _() calls in generator/*.py are what check() counts as used."""
    return text


# What the theme's templates show in the page's language (site_overrides/main.html, faq.html).
PAGE_NOTES = {
    "sources": N_("Sources"),
    "unreviewed": N_("Translated page, not yet reviewed by a native speaker."),
    "reviewed": N_("Reviewed by a native speaker."),
    "fallback": N_("This page is not translated yet, so it is shown in English."),
    "switcher": N_("Language"),
}


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


def load_catalogue(code: str, folder: Path = TRANSLATIONS) -> Catalogue:
    if code == "en":
        return Catalogue("en", True)
    path = folder / f"{code}.yaml"
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_FAST) or {}
    except (OSError, yaml.YAMLError) as err:
        raise TranslationError(f"{path}: cannot read the catalogue ({err})") from err
    strings = data.get("strings") or {}
    if not isinstance(strings, dict):
        raise TranslationError(f"{path}: 'strings' must be a mapping of English text to its translation")
    for key, value in strings.items():
        ok = isinstance(value, str) or (isinstance(value, dict) and set(value) <= {"one", "other", "many"}
                                       and all(isinstance(v, str) for v in value.values()))
        if not isinstance(key, str) or not ok:
            raise TranslationError(f"{path}: {key!r}: a translation is a string, or one:/other: for plurals")
    return Catalogue(code, bool(data.get("reviewed", False)), strings, path)


# ---- dates and names ---------------------------------------------------------------------------


def long_date(day) -> str:
    """2027-03-12 -> '12 March 2027' (English)."""
    return f"{day.day} {day:%B %Y}"


class Translator:
    """Everything a page needs to speak one language: strings, plurals, dates, language names."""

    def __init__(self, language: Language, catalogue: Catalogue):
        self.language, self.catalogue = language, catalogue
        self._env = None
        if not language.english:
            from babel import Locale
            self._locale = Locale.parse(language.locale)

    @property
    def code(self) -> str:
        return self.language.code

    def gettext(self, text: str) -> str:
        value = self.catalogue.strings.get(text)
        return value if isinstance(value, str) and value else text

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        value = self.catalogue.strings.get(singular)
        if isinstance(value, dict):
            form = self._locale.plural_form(n)
            return value.get(form) or value.get("other") or plural
        return singular if n == 1 else plural

    def date(self, day) -> str:
        if self.language.english:
            return long_date(day)
        from babel.dates import format_date
        return format_date(day, format="long", locale=self._locale)

    def miles(self, miles: float) -> str:
        if self.language.english:
            return f"{miles:.1f} mi"
        from babel.numbers import format_decimal
        return f"{format_decimal(miles, '0.0', locale=self._locale)} mi"

    def language_name(self, code: str, standalone: bool = True) -> str:
        """'Spanish' -> 'Español' in a list (standalone), 'español' inside a sentence."""
        from .fields import LANGUAGES as NAMES
        if self.language.english:
            return NAMES[code]
        name = self._locale.languages.get(code)
        if not name:
            return NAMES[code]
        return name[:1].upper() + name[1:] if standalone else name

    def labels(self, mapping: dict) -> dict:
        return {key: self.gettext(value) for key, value in mapping.items()}

    def carc(self, status) -> str:
        """The CARC status label (see enrich.CARC_LABELS) in this language."""
        from .enrich import CARC_LABELS
        text = self.gettext(CARC_LABELS[status.state])
        return text % {"date": self.date(status.expires)} if status.expires else text

    @property
    def env(self):
        """The templates' Jinja environment in this language (render.environment)."""
        if self._env is None:
            from .render import environment
            self._env = environment(self)
        return self._env


def translator(code: str, folder: Path = TRANSLATIONS) -> Translator:
    return Translator(LANGUAGES[code], load_catalogue(code, folder))


ENGLISH = Translator(LANGUAGES["en"], Catalogue("en", True))


# ---- hand-written pages ------------------------------------------------------------------------


def source_hash(path: Path) -> str:
    """The hash a translation records of the English page it was translated from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def recorded_hash(text: str) -> str:
    """A translation's source_hash, read as text (YAML would read 614503230258 as a number)."""
    match = re.search(r"""^source_hash:[ \t]*["']?([0-9a-f]+)["']?[ \t]*$""", text.split("\n---", 1)[0], re.M)
    return match.group(1) if match else ""


def front_matter(text: str) -> dict:
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = yaml.load(text[4:end], Loader=_FAST) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def mark_fallback(text: str) -> str:
    """An English page shown in place of a missing translation: flagged for the theme (main.html)."""
    if text.startswith("---\n"):
        return "---\nfallback: true\n" + text[4:]
    return "---\nfallback: true\n---\n" + text


MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def english_only_links(text: str, page: Path, content: Path = CONTENT) -> str:
    """Markdown links from a page of another language to files only the English site has (the
    exports under api/ and schema/) become links to the English files: the other languages' builds
    have no copy of them."""
    depth = len(page.parts) - (1 if page.name == "index.md" else 0)
    up = "../" * (depth + 1)

    def fix(match: re.Match) -> str:
        label, target = match.groups()
        path = target.split("#")[0]
        if not path or re.match(r"[a-z]+:", target) or path.endswith((".md", "/")):
            return match.group(0)
        resolved = (page.parent / path).as_posix()
        if (content / resolved).exists():
            return match.group(0)
        parts = []
        for part in resolved.split("/"):
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return f'<a href="{up}{"/".join(parts)}">{label}</a>'

    return MD_LINK.sub(fix, text)


def write_content(code: str, docs_dir: Path, content: Path = CONTENT, folder: Path = TRANSLATIONS) -> None:
    """The hand-written pages of one language: content/ for English; otherwise each page's
    translation, or the English page marked as a fallback. Assets come along, except the vendored
    map libraries, which only the English /map/ page uses."""
    for source in sorted(content.rglob("*")):
        rel = source.relative_to(content)
        if source.is_dir() or (code != "en" and rel.parts[:2] == ("assets", "vendor")):
            continue
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if code == "en" or source.suffix != ".md":
            target.write_bytes(source.read_bytes())
            continue
        translated = folder / code / rel
        text = translated.read_text(encoding="utf-8") if translated.is_file() else \
            mark_fallback(source.read_text(encoding="utf-8"))
        target.write_text(english_only_links(text, rel, content), encoding="utf-8")


# ---- strings for the browser -------------------------------------------------------------------


JS_CALL = re.compile(r"""\bt[n]?\(\s*"((?:[^"\\]|\\.)*)\"""")


def js_keys(folder: Path = CONTENT / "assets") -> set[str]:
    """The English strings the scripts translate with t() or tn() (first argument, a literal)."""
    keys = set()
    for name in SCRIPTS:
        for raw in JS_CALL.findall((folder / name).read_text(encoding="utf-8")):
            keys.add(json.loads(f'"{raw}"'))
    return keys


def strings_js(t: Translator, labels: dict) -> str:
    """assets/strings.js of one language: the scripts' strings and the find index's labels."""
    keys = js_keys()
    strings = {key: t.catalogue.strings[key] for key in sorted(keys) if key in t.catalogue.strings}
    payload = {"lang": t.code, "locale": t.language.js_locale, "strings": strings, "labels": labels}
    # Not sort_keys: the labels keep their order (the filters list them in it).
    text = json.dumps(payload, ensure_ascii=False, indent=1).replace("</", "<\\/")
    return ("/* Generated by generator/i18n.py from translations/" + t.code + ".yaml: the strings of find.js, "
            "plan.js and eligibility.js. Edit the catalogue, not this file. */\nwindow.PRN_I18N = " + text + ";\n")


# ---- what needs translating --------------------------------------------------------------------


PY_CALL = re.compile(r"""\b(?:N_|_)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)""")  # one or more adjacent "literals"


def _py_keys(source: str) -> set[str]:
    return {"".join(json.loads(f'"{part}"') for part in re.findall(r'"((?:[^"\\]|\\.)*)"', literals))
            for literals in PY_CALL.findall(source)}


def used_keys(region_names: list[str] = (), config_file: Path = ROOT / "mkdocs.yml") -> set[str]:
    """Every English string the site shows that a catalogue must translate."""
    import jinja2

    from .schema import CENTER_TYPE_PLURALS, CENTER_TYPES, MODES, SPECIALTIES, VERIFICATION

    keys = set(region_names)
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # only parses the templates
    for template in sorted(TEMPLATES.glob("*.html")):
        for _line, _function, message in env.extract_translations(template.read_text(encoding="utf-8")):
            keys.add(message[0] if isinstance(message, tuple) else message)
    for module in sorted(Path(__file__).resolve().parent.glob("*.py")):
        keys |= _py_keys(module.read_text(encoding="utf-8"))
    for labels in (MODES, SPECIALTIES, CENTER_TYPES, CENTER_TYPE_PLURALS, VERIFICATION):
        keys.update(labels.values())
    keys |= js_keys()
    keys |= config_keys(config_file)
    return keys


def _nav_titles(items) -> set[str]:
    titles = set()
    for item in items or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.add(title)
                titles |= _nav_titles(value) if isinstance(value, list) else set()
    return titles


def config_keys(config_file: Path = ROOT / "mkdocs.yml") -> set[str]:
    """Titles of the nav, the palette toggles' names and the site description in mkdocs.yml."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    keys = _nav_titles(config.get("nav")) | {config.get("site_description") or ""}
    for palette in (config.get("theme") or {}).get("palette") or []:
        if isinstance(palette, dict) and (palette.get("toggle") or {}).get("name"):
            keys.add(palette["toggle"]["name"])
    return keys - {""}


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold tags such as !ENV or !!python/name; their values do not matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _placeholders(text: str) -> set[str]:
    """%(name)s, {name} and HTML tags: what a translation must keep exactly."""
    return set(re.findall(r"%\(\w+\)[sd]|\{\w+\}|</?\w+(?: [^>]*)?>", text))


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the repository
    code: str  # the language
    key: str  # the catalogue's English string, or the page's path in content/
    detail: str


def check(region_names: list[str] = (), folder: Path = TRANSLATIONS, content: Path = CONTENT,
          root: Path = ROOT) -> list[Problem]:
    """Catalogue strings missing or no longer used; pages untranslated, outdated or without a review flag."""
    used = used_keys(region_names)
    problems = []

    def rel(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    for code in CODES[1:]:
        path = folder / f"{code}.yaml"
        try:
            catalogue = load_catalogue(code, folder)
        except TranslationError as err:
            problems.append(Problem(rel(path), code, code + ".yaml", str(err)))
            continue
        for key in sorted(used - set(catalogue.strings)):
            problems.append(Problem(rel(path), code, key, "missing: the English text has no translation"))
        for key in sorted(set(catalogue.strings) - used):
            problems.append(Problem(rel(path), code, key, "no longer used: the site does not show this English text"))
        for key, value in sorted(catalogue.strings.items()):
            forms = value.values() if isinstance(value, dict) else [value]
            if key in used and not all(forms):
                problems.append(Problem(rel(path), code, key, "empty translation"))
            elif any(_placeholders(form) != _placeholders(key) for form in forms):
                problems.append(Problem(rel(path), code, key, f"the translation must keep the placeholders "
                                        f"{', '.join(sorted(_placeholders(key))) or '(none)'} and add none"))
        for source in sorted(content.rglob("*.md")):
            page = source.relative_to(content)
            translated = folder / code / page
            if not translated.is_file():
                problems.append(Problem(rel(translated), code, str(page),
                                        "not translated: the English page is shown"))
                continue
            text = translated.read_text(encoding="utf-8")
            meta, recorded = front_matter(text), recorded_hash(text)
            if recorded != source_hash(source):
                problems.append(Problem(rel(translated), code, str(page),
                                        f"out of date: content/{page} changed since it was translated "
                                        f"(source_hash: {recorded or 'missing'}; the English page is now "
                                        f"{source_hash(source)})"))
            if not isinstance(meta.get("reviewed"), bool):
                problems.append(Problem(rel(translated), code, str(page),
                                        "front matter needs reviewed: true or false"))
        for translated in sorted((folder / code).rglob("*.md")) if (folder / code).is_dir() else []:
            if not (content / translated.relative_to(folder / code)).is_file():
                problems.append(Problem(rel(translated), code, str(translated.relative_to(folder / code)),
                                        "no English page at this path: rename or remove the translation"))
    return problems
