"""The files besides the pages: open-data JSON (registries, towns, the /find/ index, ids, JSON
Schemas, HSDS), redirects at former ids, the map page, charts, and each language's strings.js."""

from __future__ import annotations

import dataclasses
import html
import json
from pathlib import Path
from typing import Any

from ..labels import CARC_LABELS, DATA_LICENSE
from ..model.records import Position, Site
from ..registry.schema import REGISTRIES, REGISTRY
from ..registry.validate import url_ids
from .charts import write_charts
from .find_index import find_index
from .freshness_figures import figures
from .hsds import hsds_exports
from .maps import map_page
from .translations import ENGLISH, STRINGS_JS, Translator, strings_js

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
    """Every id with a live URL, by registry (the published /api/v1/ids.json)."""
    return url_ids({
        "centers": [{"id": c.id, "former_ids": c.former_ids} for c in site.centers],
        "coaches": [{"id": c.id, "former_ids": c.former_ids} for c in site.coaches],
        "retired": [{"id": r.id, "registry": r.registry} for r in site.retired],
    })


def exports(site: Site) -> dict[str, Any]:
    """The open-data files, keyed by their path in the site."""
    coaches = [{**_export(c, "coaches"), "url": c.url, "carc_state": c.carc_status.state} for c in site.coaches]
    centers = []
    for c in site.centers:
        row = {**_export(c, "centers"), "url": c.url, "newest_source": c.newest_source, "standing": c.standing}
        if c.position:
            row.update(lat=c.position.lat, lon=c.position.lon, approximate_location=c.position.approximate)
        centers.append(row)
    towns = [{"name": t.name, "slug": t.slug, "county": t.county, "region": t.region, "lat": t.lat, "lon": t.lon}
             for t in site.places.towns.values()]
    header = {"version": API_VERSION, "as_of": site.today.isoformat(), "license": DATA_LICENSE}
    return {
        "api/v1/coaches.json": {**header, "coaches": coaches},
        "api/v1/centers.json": {**header, "centers": centers},
        "api/v1/towns.json": {**header, "towns": towns},
        "api/v1/find.json": {**find_index(site), "license": DATA_LICENSE},
        "api/v1/freshness.json": {**header, **dataclasses.asdict(figures(site))},
        IDS_PATH: {"version": API_VERSION, "license": DATA_LICENSE, **url_list(site)},
    } | {f"schema/{r.key}.schema.json": r.schema() for r in REGISTRIES} | hsds_exports(site)


def write_redirects(site: Site, docs_dir: Path) -> None:
    """A page at every former id that sends visitors (and agencies' old links) to the entry."""
    for record in site.centers + site.coaches:
        for former in record.former_ids:
            folder = docs_dir / record.url.split("/")[0] / former
            folder.mkdir(parents=True, exist_ok=True)
            target = f"../{record.id}/"
            (folder / "index.html").write_text(REDIRECT.format(name=html.escape(record.name), target=target),
                                               encoding="utf-8")


def write_map(site: Site, docs_dir: Path, t: Translator) -> None:
    """The language's map page; the vendored map libraries stay at the site's root."""
    (docs_dir / "map").mkdir(exist_ok=True)
    root = "" if t.language.english else "../"
    (docs_dir / "map" / "index.html").write_text(map_page(site, t, root), encoding="utf-8")


def write_exports(site: Site, docs_dir: Path) -> None:
    write_redirects(site, docs_dir)
    write_map(site, docs_dir, ENGLISH)
    write_charts(docs_dir)
    for rel, payload in exports(site).items():
        target = docs_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, default=_jsonable)
                          + "\n", encoding="utf-8")


def write_language_assets(site: Site, docs_dir: Path, t: Translator) -> None:
    """What a translated site needs besides its pages: the redirects at former ids (so /es/ mirrors
    every English profile URL), its map page, its CARC chart, and the strings and labels the scripts of /find/,
    /plan/ and the MassHealth checklist show (assets/strings.js)."""
    write_redirects(site, docs_dir)
    write_map(site, docs_dir, t)
    write_charts(docs_dir, t)
    index = find_index(site)
    labels = {name: t.labels(values) for name, values in index["labels"].items() if name not in ("language", "route")}
    labels["route"] = {via: t.route(via) for via in index["labels"]["route"]}
    labels["language"] = dict(sorted(((code, t.language_name(code)) for code in index["labels"]["language"]),
                                     key=lambda item: item[1]))
    labels["carc"] = {state: t.gettext(text) for state, text in CARC_LABELS.items()}
    target = docs_dir / STRINGS_JS
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(strings_js(t, labels, site.settings.content_dir / "assets"), encoding="utf-8")
