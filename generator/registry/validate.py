"""Validate every registry against its declaration, then across records.

All problems are collected; the caller gets either clean records or a DataError listing every
problem with its file, line and column.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .fields import INVALID, Check, did_you_mean, us_number
from .load import Document, display_name, load_yaml
from .places import Places
from .problems import DataError, Problem
from .schema import LINKED, REGISTRIES, REGISTRY, Registry


@dataclass
class Registries:
    """The validated records of every registry, keyed by registry key."""

    records: dict[str, list[dict]]
    places: Places

    def __getattr__(self, key: str) -> list[dict]:
        try:
            return self.records[key]
        except KeyError:
            raise AttributeError(key) from None


def validate(data_dir: Path, places: Places, today: dt.date,
             published: dict[str, list[str]] | None = None, fiction: bool = False) -> Registries:
    """Load and check every registry in data_dir. Raises DataError with all problems.

    `published` maps a registry to the ids already on the public site (a previous build's
    /api/v1/ids.json); each must still be an id, a former id or a retired id. `fiction` lets 555-01xx
    numbers stand in any entry: for test fixtures only."""
    problems: list[Problem] = []
    records: dict[str, list[dict]] = {}
    indexed: dict[str, list[tuple[int, dict]]] = {}
    docs: dict[str, Document] = {}
    refs: list = []
    numbers: list = []
    id_marks: dict[str, dict[str, tuple[Document, tuple]]] = {}
    for registry in REGISTRIES:
        path = data_dir / registry.file
        if not path.exists():
            problems.append(Problem(display_name(path), 1, 1, "",
                                    f"the file is missing; it must hold '{registry.key}:'"))
            continue
        doc, load_problems = load_yaml(path)
        problems += load_problems
        if doc is None:
            continue
        check = Check(doc, today, places, fiction=fiction)
        parsed = _parse_registry(registry, doc, check)
        if parsed is not None:
            # records whose id is missing or malformed were reported already and take no part below
            indexed[registry.key] = [(i, record) for i, record in parsed if "id" in record]
            docs[registry.key] = doc
            records[registry.key] = [record for _, record in parsed]
            id_marks[registry.key] = _check_ids(registry, doc, check)
        problems += check.problems
        refs += check.refs
        numbers += check.numbers
    for doc, path, target, value in refs:
        known = id_marks.get(target)
        if known is not None and value not in known:  # unknown when its file could not be read
            problems.append(doc.problem(path, f"'{value}' is not an id in {target}{did_you_mean(value, known)}"))
    if "help_lines" in records:
        problems += _numbers_in_text(numbers, records["help_lines"])
    if all(key in indexed for key in LINKED + ("retired",)):
        problems += _check_urls(indexed, docs, published or {})
    if problems:
        raise DataError(problems)
    return Registries(records, places)


def _parse_registry(registry: Registry, doc: Document, check: Check) -> list[tuple[int, dict]] | None:
    """The file's valid records with their place in the list, or None when the file is not a list
    under its key."""
    data = doc.data
    for key in data if isinstance(data, dict) else ():
        if key != registry.key:
            check.report((key,), f"unknown top-level key '{key}'; the file holds only '{registry.key}:'", key=True)
    if not isinstance(data, dict) or registry.key not in data:
        check.report((), f"the file must start with '{registry.key}:' followed by a list of entries")
        return None
    items = data[registry.key]
    if items is None:
        return []
    if not isinstance(items, list):
        check.report((registry.key,), "must be a list of entries, each starting with '- id:'")
        return None
    parsed = [(i, registry.record.parse(item, (registry.key, i), check)) for i, item in enumerate(items)]
    return [(i, record) for i, record in parsed if record is not INVALID]


def _numbers_in_text(numbers: list, help_lines: list[dict]) -> list[Problem]:
    """A phone number in free text has no source and no check of its own: only a help line's may be quoted."""
    known = {line[k] for line in help_lines for k in ("call", "text") if k in line}
    return [doc.problem(path, f"'{raw}' looks like a phone number; a number goes in the entry's phone field, with the "
                              "dated source that gives it (text may quote only a help line's number from "
                              "data/help.yaml)")
            for doc, path, raw in numbers if us_number(raw)[0] not in known]


def _check_ids(registry: Registry, doc: Document, check: Check) -> dict[str, tuple]:
    seen: dict[str, tuple] = {}
    data = doc.data if isinstance(doc.data, dict) else {}
    items = data.get(registry.key) or []
    for i, item in enumerate(items):
        record_id = item.get("id") if isinstance(item, dict) else None
        if not isinstance(record_id, str):
            continue
        path = (registry.key, i, "id")
        if record_id in seen:
            first_line = doc.mark(seen[record_id])[0]
            check.report(path, f"duplicate id '{record_id}' (first used at line {first_line}); ids must be unique")
        else:
            seen[record_id] = path
    return seen


def id_digest(record_id: str) -> str:
    """How /api/v1/ids.json names a removed coach's id: a digest, so the published list spells out no name
    (old ids were made from names) while the check below still knows the URL it must keep."""
    return "sha256:" + hashlib.sha256(record_id.encode("utf-8")).hexdigest()


def url_ids(records: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Every id with a live URL, by registry: current ids, former ids (redirects), retired ids."""
    out = {}
    for key in LINKED:
        ids = {r["id"] for r in records[key]} | {f for r in records[key] for f in r.get("former_ids", [])}
        ids |= {r["id"] for r in records["retired"] if r["registry"] == key}
        out[key] = sorted(ids)
    return out


def _check_urls(indexed: dict, docs: dict[str, Document], published: dict[str, list[str]]) -> list[Problem]:
    """Former and retired ids never collide with live ones; no published id disappears."""
    problems = []
    for key in LINKED:
        owners = {record["id"]: record["id"] for _, record in indexed[key]}
        for i, record in indexed[key]:
            for n, former in enumerate(record.get("former_ids", [])):
                if former in owners:
                    problems.append(docs[key].problem((key, i, "former_ids", n), f"'{former}' is already the id or "
                                                      f"a former id of '{owners[former]}'; an old URL can lead to "
                                                      "one page only"))
                owners[former] = record["id"]
        for i, record in indexed["retired"]:
            if record["registry"] == key and record["id"] in owners:
                problems.append(docs["retired"].problem(("retired", i, "id"), f"'{record['id']}' is retired but "
                                                        f"still used in {REGISTRY[key].file}; keep one"))
    live = url_ids({key: [r for _, r in indexed[key]] for key in LINKED + ("retired",)})
    for key in LINKED:
        reachable = set(live[key]) | {id_digest(i) for i in live[key]}
        for gone in sorted(set(published.get(key, [])) - reachable):
            problems.append(Problem(docs[key].file, 1, 1, key, f"'{gone}' was published at /{key}/{gone}/ and is "
                                    "gone; if you renamed it, add it to the new entry's former_ids; if it closed, "
                                    "move it to data/retired.yaml"))
    return problems
