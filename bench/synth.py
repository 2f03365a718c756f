"""Deterministic synthetic registries at N times the bundled data, for benchmarking only.

Copies are clearly synthetic: ids end in -s<k>, names in '(synthetic k)', every centre keeps its
sources as `verification: sourced`, every coach an example. They are never published."""

from __future__ import annotations

import csv
import random
import shutil
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
SCALED = ("centers", "coaches")


def _copied() -> list[str]:
    """Every other data file, as it is (the gazetteer, tracks, help lines, words, retired ids)."""
    return sorted(p.name for p in DATA.iterdir() if p.is_file() and p.suffix in (".yaml", ".csv")
                  and p.stem not in SCALED)


def _towns() -> list[str]:
    with open(DATA / "municipalities.csv", newline="", encoding="utf-8") as fh:
        return [row["name"] for row in csv.DictReader(fh)]


def _copy(record: dict, k: int, rng: random.Random, towns: list[str]) -> dict:
    out = yaml.safe_load(yaml.safe_dump(record))  # deep copy that keeps dates
    out["id"] = f"{record['id']}-s{k}"
    out["name"] = f"{record['name']} (synthetic {k})"
    out.pop("former_ids", None)
    if "address" in out:
        out["address"] = {"town": rng.choice(towns)}
        if record["address"].get("street"):  # a street only where a source supports the original's
            out["address"]["street"] = f"{rng.randint(1, 999)} Example St."
        out.pop("location", None)
    for site in out.get("sites", []):
        site["address"] = {"town": rng.choice(towns)}
        site.pop("location", None)
    if "serves" in out and out["serves"].get("towns"):
        out["serves"]["towns"] = sorted(set(rng.sample(towns, len(out["serves"]["towns"]))))
    if "verification" in out:
        out["verification"] = "sourced"  # 'confirmed' would need a confirmation date
    return out


def make_registry(scale: int, target: Path) -> dict[str, int]:
    """Write a data folder with `scale` times the bundled centres and coaches; returns the counts."""
    target.mkdir(parents=True, exist_ok=True)
    for name in _copied():
        shutil.copy(DATA / name, target / name)
    towns = _towns()
    counts = {}
    for key in SCALED:
        records = yaml.safe_load((DATA / f"{key}.yaml").read_text(encoding="utf-8"))[key]
        out = list(records)
        for k in range(1, scale):
            rng = random.Random(f"{key}-{k}")
            out += [_copy(record, k, rng, towns) for record in records]
        (target / f"{key}.yaml").write_text(yaml.safe_dump({key: out}, sort_keys=False, allow_unicode=True),
                                            encoding="utf-8")
        counts[key] = len(out)
    return counts
