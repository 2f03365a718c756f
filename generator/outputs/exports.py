"""The files besides the pages: open-data JSON (registries, towns, the /find/ index, ids, JSON
Schemas, HSDS), redirects at former ids, the map page, charts, the embed cards and each language's strings.js, each by
its path below the language's root; app/build.py writes them."""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Callable
from typing import Any, cast

from ..labels import CARC_LABELS, DATA_LICENSE
from ..model.records import Position, Site
from ..registry.schema import REGISTRIES, REGISTRY
from ..registry.validate import id_digest, url_ids
from .cards import ANSWERS_PATH, answers
from .charts import charts
from .embed import EmbedCard, draw_cards, embed_cards
from .find_index import FIND_SCHEMA, SCHEMA_PATH, find_index
from .freshness_figures import figures
from .hsds import hsds_exports
from .maps import map_page
from .translations import ENGLISH, STRINGS_JS, Translator, strings_js
from .words_index import SCHEMA_PATH as WORDS_SCHEMA_PATH
from .words_index import WORDS_PATH, WORDS_SCHEMA, words_index

API_VERSION = 1
IDS_PATH = "api/v1/ids.json"
REDIRECT = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Moved: {name}</title>
<meta name="robots" content="noindex"><link rel="canonical" href="{target}">
<meta http-equiv="refresh" content="0; url={target}"></head>
<body><p>This listing has moved: <a href="{target}">{name}</a>.</p></body></html>
"""


def _jsonable(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


def _plain(value):
    """A record's value as JSON data: nested records as objects without their empty fields."""
    if isinstance(value, Position):
        return {"lat": value.lat, "lon": value.lon, "approximate": value.approximate}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(v) for f in dataclasses.fields(value)
                for v in (getattr(value, f.name),) if v is not None and v != ()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):  # a centre's `confirmed`: field -> {on, how, by}
        return {key: _plain(item) for key, item in value.items()}
    return value


def _export(record, key: str) -> dict:
    """The public fields of a record that its registry declares, as given (a position from the data as
    `location`)."""
    row = {}
    for name, spec in REGISTRY[key].record.fields.items():
        if spec.private:
            continue
        value = getattr(record, name, None)
        if isinstance(value, Position):
            row[name] = {"lat": value.lat, "lon": value.lon}
        elif value is not None and value != ():
            row[name] = _plain(value)
    return row


def url_list(site: Site) -> dict[str, list[str]]:
    """Every id with a live URL, by registry (the published /api/v1/ids.json); a removed coach's id only as its
    digest, since older coach ids were made from names."""
    ids = url_ids({
        "centers": [{"id": c.id, "former_ids": c.former_ids} for c in site.centers],
        "coaches": [{"id": c.id, "former_ids": c.former_ids} for c in site.coaches],
        "retired": [{"id": r.id, "registry": r.registry} for r in site.retired],
    })
    removed = {r.id for r in site.retired if r.registry == "coaches"}
    ids["coaches"] = sorted(id_digest(i) if i in removed else i for i in ids["coaches"])
    return ids


def exports(site: Site) -> dict[str, Any]:
    """The open-data files, keyed by their path in the site."""
    coaches = [{**_export(c, "coaches"), "url": c.url, "carc_state": c.carc_status.state} for c in site.coaches]
    centers = []
    for c in site.centers:
        row = {**_export(c, "centers"), "url": c.url, "newest_source": c.newest_source, "standing": c.standing}
        if c.position:
            row.update(lat=c.position.lat, lon=c.position.lon, approximate_location=c.position.approximate)
        centers.append(row)
    towns = [{"name": town.name, "slug": town.slug, "county": town.county, "region": town.region, "lat": town.lat,
              "lon": town.lon} for town in site.places.towns.values()]
    header = {"version": API_VERSION, "as_of": site.today.isoformat(), "license": DATA_LICENSE}
    return {
        "api/v1/coaches.json": {**header, "coaches": coaches},
        "api/v1/centers.json": {**header, "centers": centers},
        "api/v1/towns.json": {**header, "towns": towns},
        "api/v1/find.json": {**find_index(site), "license": DATA_LICENSE},
        "api/v1/freshness.json": {**header, **dataclasses.asdict(figures(site))},
        IDS_PATH: {"version": API_VERSION, "license": DATA_LICENSE, **url_list(site)},
        SCHEMA_PATH: FIND_SCHEMA,
        WORDS_PATH: words_index(site),
        WORDS_SCHEMA_PATH: WORDS_SCHEMA,
    } | {f"schema/{r.key}.schema.json": r.schema() for r in REGISTRIES} | hsds_exports(site)


def redirects(site: Site) -> dict[str, str]:
    """A page at every former id that sends visitors (and agencies' old links) to the entry."""
    return {f"{record.url.split('/')[0]}/{former}/index.html":
            REDIRECT.format(name=html.escape(record.name), target=f"../{record.id}/")
            for record in site.centers + site.coaches for former in record.former_ids}


def json_text(payload) -> str:
    """An export as the site publishes it: sorted keys, no spaces between tokens (a phone fetches find.json, and
    json's C encoder writes nothing else: an indent is five times slower), dates as ISO text."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=_jsonable) + "\n"


Draw = Callable[[list[EmbedCard]], dict[str, str]]  # the embed cards' files (`serve` keeps those it drew before)


def english_files(site: Site, draw: Draw = draw_cards) -> dict[str, str]:
    """The English site's files besides its pages: redirects, the map page (the vendored map libraries stay at
    the site's root), charts and the open data, shared by every language."""
    return {**redirects(site), "map/index.html": map_page(site, ENGLISH, ""), **charts(),
            ANSWERS_PATH: answers(site, ENGLISH), **draw(embed_cards(site, ENGLISH)),
            **{rel: json_text(payload) for rel, payload in exports(site).items()}}


def language_files(site: Site, tr: Translator, draw: Draw = draw_cards) -> dict[str, str]:
    """What a translated site needs besides its pages: the redirects at former ids (so /es/ mirrors
    every English profile URL), its map page, its CARC chart, its embed cards, and the strings and labels the
    scripts of /find/, /plan/ and the MassHealth checklist show (assets/strings.js)."""
    index = find_index(site)
    english = cast(dict[str, dict[str, str]], index["labels"])
    labels = {name: tr.labels(values) for name, values in english.items() if name not in ("language", "route")}
    labels["route"] = {via: tr.route(via) for via in index["labels"]["route"]}
    labels["language"] = dict(sorted(((code, tr.language_name(code)) for code in index["labels"]["language"]),
                                     key=lambda item: item[1]))
    labels["carc"] = {state: tr.gettext(text) for state, text in CARC_LABELS.items()}
    return {**redirects(site), "map/index.html": map_page(site, tr, "../"), **charts(tr),
            ANSWERS_PATH: answers(site, tr), **draw(embed_cards(site, tr)),
            STRINGS_JS: strings_js(tr, labels, site.settings.content_dir / "assets")}
