"""What needs translating: catalogue strings missing, empty or no longer used, placeholders lost,
and translated pages missing or older than their English source. The data report and
`python -m generator translations` print it; `make test` fails until it is empty."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from ..labels import CENTER_TYPE_PLURALS, CENTER_TYPES, MODES, SPECIALTIES, STANDING_LABELS, VERIFICATION
from ..model.records import CHECK_LINE, NATIONAL_LINE
from ..registry.load import load_yaml
from ..settings import Settings
from .content import front_matter, recorded_hash, source_hash
from .translations import CODES, TranslationError, js_keys, load_catalogue

PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "templates"


PY_CALL = re.compile(r"""\b(?:N_|_)\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)""")  # one or more adjacent "literals"


def _py_keys(source: str) -> set[str]:
    return {"".join(json.loads(f'"{part}"') for part in re.findall(r'"((?:[^"\\]|\\.)*)"', literals))
            for literals in PY_CALL.findall(source)}


def used_keys(place_names, config_file: Path, assets: Path) -> set[str]:
    """Every English string the site shows that a catalogue must translate (place_names: Places.translated_names)."""
    keys = set(place_names)
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])  # only parses the templates
    for template in sorted(TEMPLATES.glob("*.html")):
        source = template.read_text(encoding="utf-8")
        for _line, _function, message in env.extract_translations(source):  # type: ignore[attr-defined]
            keys.add(message[0] if isinstance(message, tuple) else message)
    for module in sorted(PACKAGE.rglob("*.py")):
        keys |= _py_keys(module.read_text(encoding="utf-8"))
    for labels in (MODES, SPECIALTIES, CENTER_TYPES, CENTER_TYPE_PLURALS, VERIFICATION, STANDING_LABELS):
        keys.update(labels.values())
    keys |= js_keys(assets)
    keys |= config_keys(config_file)
    return keys


def registry_names(data_dir: Path) -> set[str]:
    """The registry names pages show translated: every track's name, and the name and short name of
    the help lines in the banner, of the line a listing without a number gives and of the national line
    /find/ offers a place outside Massachusetts. Read loosely: `validate` reports a broken file."""
    names = set()
    for file, key in (("tracks.yaml", "tracks"), ("help.yaml", "help_lines")):
        doc, _problems = load_yaml(data_dir / file)
        records = doc.data.get(key) if doc and isinstance(doc.data, dict) else None
        for record in records if isinstance(records, list) else []:
            if not isinstance(record, dict) or (key == "help_lines" and not record.get("banner")
                                                and record.get("id") not in (CHECK_LINE, NATIONAL_LINE)):
                continue
            names |= {record[field] for field in ("name", "short_name") if isinstance(record.get(field), str)}
    return names


def _nav_titles(items) -> set[str]:
    titles = set()
    for item in items or []:
        if isinstance(item, dict):
            for title, value in item.items():
                titles.add(title)
                titles |= _nav_titles(value) if isinstance(value, list) else set()
    return titles


def config_keys(config_file: Path) -> set[str]:
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


def check(settings: Settings, place_names) -> list[Problem]:
    """Catalogue strings missing or no longer used (with the registry names of settings.data_dir and the region and
    area names of its gazetteer); pages untranslated, outdated or without a review flag."""
    root, folder, content = settings.root, settings.translations_dir, settings.content_dir
    used = used_keys(place_names, settings.config_file, content / "assets")

    def rel(path: Path) -> str:
        try:
            return str(path.relative_to(root))
        except ValueError:
            return str(path)

    used |= registry_names(settings.data_dir)
    problems = []
    for code in CODES[1:]:
        problems += _check_catalogue(code, folder, used, rel)
        problems += _check_pages(code, folder, content, rel)
    return problems


def _check_catalogue(code: str, folder: Path, used: set[str], rel) -> list[Problem]:
    path = folder / f"{code}.yaml"
    try:
        catalogue = load_catalogue(code, folder)
    except TranslationError as err:
        return [Problem(rel(path), code, code + ".yaml", str(err))]
    problems = [Problem(rel(path), code, key, "missing: the English text has no translation")
                for key in sorted(used - set(catalogue.strings))]
    # A name that the data no longer has is not reported: a small data folder (a test's) has few names.
    problems += [Problem(rel(path), code, key, "no longer used: the site does not show this English text")
                 for key in sorted(set(catalogue.strings) - used - catalogue.names)]
    for key, value in sorted(catalogue.strings.items()):
        forms = value.values() if isinstance(value, dict) else [value]
        if key in used and not all(forms):
            problems.append(Problem(rel(path), code, key, "empty translation"))
        elif any(_placeholders(form) != _placeholders(key) for form in forms):
            problems.append(Problem(rel(path), code, key, f"the translation must keep the placeholders "
                                    f"{', '.join(sorted(_placeholders(key))) or '(none)'} and add none"))
    return problems


def _check_pages(code: str, folder: Path, content: Path, rel) -> list[Problem]:
    problems = []
    for source in sorted(content.rglob("*.md")):
        page = source.relative_to(content)
        translated = folder / code / page
        if not translated.is_file():
            problems.append(Problem(rel(translated), code, str(page), "not translated: the English page is shown"))
            continue
        text = translated.read_text(encoding="utf-8")
        meta, recorded = front_matter(text), recorded_hash(text)
        if recorded != source_hash(source):
            problems.append(Problem(rel(translated), code, str(page),
                                    f"out of date: content/{page} changed since it was translated "
                                    f"(source_hash: {recorded or 'missing'}; the English page is now "
                                    f"{source_hash(source)})"))
        if not isinstance(meta.get("reviewed"), bool):
            problems.append(Problem(rel(translated), code, str(page), "front matter needs reviewed: true or false"))
    for translated in sorted((folder / code).rglob("*.md")) if (folder / code).is_dir() else []:
        if not (content / translated.relative_to(folder / code)).is_file():
            problems.append(Problem(rel(translated), code, str(translated.relative_to(folder / code)),
                                    "no English page at this path: rename or remove the translation"))
    return problems
