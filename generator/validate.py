"""Validate every registry against its declaration, then across records.

All problems are collected; the caller gets either clean records or a DataError listing every
problem with its file, line and column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .fields import INVALID, Check, did_you_mean
from .load import Document, display_name, load_yaml
from .places import Places
from .problems import DataError, Problem
from .schema import REGISTRIES, Registry


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


def validate(data_dir: Path, places: Places, today: dt.date) -> Registries:
    """Load and check every registry in data_dir. Raises DataError with all problems."""
    problems: list[Problem] = []
    records: dict[str, list[dict]] = {}
    refs: list = []
    id_marks: dict[str, dict[str, tuple[Document, tuple]]] = {}
    for registry in REGISTRIES:
        path = data_dir / registry.file
        if not path.exists():
            problems.append(Problem(display_name(path), 1, 1, "", f"the file is missing; it must hold '{registry.key}:'"))
            continue
        doc, load_problems = load_yaml(path)
        problems += load_problems
        if doc is None:
            continue
        check = Check(doc, today, places)
        parsed = _parse_registry(registry, doc, check)
        if parsed is not None:
            records[registry.key] = parsed
            id_marks[registry.key] = _check_ids(registry, doc, check)
        problems += check.problems
        refs += check.refs
    for doc, path, target, value in refs:
        known = id_marks.get(target)
        if known is not None and value not in known:  # unknown when its file could not be read
            problems.append(doc.problem(path, f"'{value}' is not an id in {target}{did_you_mean(value, known)}"))
    if problems:
        raise DataError(problems)
    return Registries(records, places)


def _parse_registry(registry: Registry, doc: Document, check: Check) -> list[dict] | None:
    """The file's valid records, or None when the file is not a list under its key."""
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
    parsed = [registry.record.parse(item, (registry.key, i), check) for i, item in enumerate(items)]
    return [record for record in parsed if record is not INVALID]


def _check_ids(registry: Registry, doc: Document, check: Check) -> dict[str, tuple]:
    seen: dict[str, tuple] = {}
    items = doc.data[registry.key] or []
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
