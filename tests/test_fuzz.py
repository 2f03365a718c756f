"""Seeded fuzzing: every corruption of a data file ends in `validate` exiting 0 or 1 with located problems.

Each case copies the bundled data, corrupts one file (flipped bytes, a cut, a deletion, repeated or re-indented
lines, odd YAML scalars, invisible characters, broken CSV rows) and runs the command in-process. It must return 0
or 1, raise nothing, print no traceback, and on 1 every problem line must start with the corrupted file's name.
The one exception is a consequence the data cannot tell from a cause: when the corruption removed a name other
files use (a town of municipalities.csv, a region of places.yaml, a track id, a help line's number that a note
quotes), their use of that name is
reported where it stands, and such a line must quote the removed name.

Seed 20261123, bundled data of 2026-11-30: 420 cases (60 a file, the first deleting it), 327 rejected, 93 accepted
(edits to comments and free text, digits of a centroid, blank lines); about 18 s of CPU.
"""

from __future__ import annotations

import contextlib
import io
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.app.cli import main
from generator.registry.load import load_yaml
from tests.conftest import DATA

SEED = 20261123
CASES_PER_FILE = 60
FILES = sorted(path.name for path in DATA.glob("*.yaml")) + ["municipalities.csv"]
ODD_SCALARS = ["yes", "~", "1e400", "-.inf", ".nan", "!!binary aGVsbG8=", "x" * 5000, "&a x", "*a", "[", "{}", "''",
               "null", "2026-02-30", "0x1F", "!!python/object:os.system x", "!!float abc", "'unclosed", "- a",
               "{a: [b}", "|\n  block", "? complex", "!!set {a, b}", "@reserved", "%TAG", "12:30:00", "\"\\x\""]
ODD_FIELDS = ["", "nan", "inf", "1e400", '"', '"Boston', "42,1", "  Boston", "Boston ", "x" * 5000, "-0", "Éire",
              "41.18.2", "Suffolk County", "=cmd()"]
INVISIBLE = ["\x00", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\x9b", "\r", "\u202a", "\u202e", "\u2066",
             "\u2069", "\ufffe", "\ufeff", "\u2028"]


@dataclass
class Case:
    file: str
    what: str
    data: bytes | None  # None: the file is deleted


def _lines(raw: bytes) -> list[bytes]:
    return raw.split(b"\n")


def _yaml_mutation(rng: random.Random, raw: bytes) -> tuple[str, bytes]:
    lines = _lines(raw)
    i = rng.randrange(len(lines))
    kind = rng.choice(["odd scalar", "odd scalar", "re-indent", "duplicate line", "delete line", "swap lines"])
    if kind == "odd scalar":
        valued = [n for n, line in enumerate(lines) if b": " in line or line.lstrip().startswith(b"- ")]
        i = rng.choice(valued)
        odd = rng.choice(ODD_SCALARS).encode()
        sep = b": " if b": " in lines[i] else b"- "
        head = lines[i].split(sep, 1)[0]
        lines[i] = head + sep + odd
        return f"line {i + 1} value -> {odd[:30]!r}", b"\n".join(lines)
    if kind == "re-indent":
        indent = rng.choice([b" ", b"  ", b"\t", b"      "])
        lines[i] = indent + lines[i] if rng.random() < 0.6 else lines[i].lstrip()
    elif kind == "duplicate line":
        lines.insert(i, lines[i])
    elif kind == "delete line":
        del lines[i]
    else:
        j = rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    return f"{kind} at line {i + 1}", b"\n".join(lines)


def _csv_mutation(rng: random.Random, raw: bytes) -> tuple[str, bytes]:
    lines = _lines(raw)
    i = rng.randrange(1, len(lines) - 1)
    kind = rng.choice(["odd field", "odd field", "drop field", "extra field", "duplicate row", "delete row",
                       "swap columns", "header", "blank lines"])
    fields = lines[i].split(b",")
    if kind == "odd field":
        fields[rng.randrange(len(fields))] = rng.choice(ODD_FIELDS).encode()
    elif kind == "drop field":
        del fields[rng.randrange(len(fields))]
    elif kind == "extra field":
        fields.insert(rng.randrange(len(fields) + 1), b"extra")
    elif kind == "swap columns":
        a, b = rng.sample(range(len(fields)), 2)
        fields[a], fields[b] = fields[b], fields[a]
    elif kind == "duplicate row":
        lines.insert(i, lines[i])
    elif kind == "delete row":
        del lines[i]
    elif kind == "header":
        i = 0
        fields = rng.choice([b"name,county,lat", b"Name,County,Lat,Lon", b"", b"name;county;lat;lon"]).split(b",")
    else:
        lines.insert(i, b"")
    if kind in ("odd field", "drop field", "extra field", "swap columns", "header"):
        lines[i] = b",".join(fields)
    return f"{kind} at line {i + 1}", b"\n".join(lines)


def mutate(rng: random.Random, name: str, raw: bytes) -> Case:
    """One random corruption of one file."""
    kind = rng.choice(["flip", "flip", "cut", "invisible", "not utf-8", "structure", "structure", "structure"])
    at = rng.randrange(len(raw))
    if kind == "flip":
        data = bytearray(raw)
        data[at] = data[at] ^ (1 << rng.randrange(8)) if rng.random() < 0.7 else rng.randrange(256)
        return Case(name, f"byte {at} flipped", bytes(data))
    if kind == "cut":
        return Case(name, f"cut at byte {at}", raw[:at])
    if kind == "invisible":
        char = rng.choice(INVISIBLE)
        while raw[at] & 0xC0 == 0x80:  # not inside a multi-byte character
            at -= 1
        return Case(name, f"U+{ord(char):04X} at byte {at}", raw[:at] + char.encode() + raw[at:])
    if kind == "not utf-8":
        return Case(name, f"bad UTF-8 at byte {at}", raw[:at] + rng.choice([b"\xff", b"\xc3", b"\xe2\x80"]) + raw[at:])
    what, data = (_csv_mutation if name.endswith(".csv") else _yaml_mutation)(rng, raw)
    return Case(name, what, data)


def defined_names(path: Path) -> set[str]:
    """The names a data file defines for the other files: towns, region ids, record ids."""
    if not path.exists():
        return set()
    if path.suffix == ".csv":
        text = path.read_bytes().decode("utf-8", "replace")
        return {line.split(",")[0] for line in text.split("\n")[1:]}
    doc, _ = load_yaml(path)
    data = doc.data if doc is not None and isinstance(doc.data, dict) else {}
    if path.name == "places.yaml":
        regions = data.get("regions")
        return set(regions) if isinstance(regions, dict) else set()
    items = next(iter(data.values()), None) if len(data) == 1 else None
    items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    names = {item["id"] for item in items if isinstance(item.get("id"), str)}
    # a help line's numbers: the one kind of number free text may quote
    return names | {item[k] for item in items for k in ("call", "text") if isinstance(item.get(k), str)}


def run_validate(folder: Path) -> tuple[object, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = main(["validate", "--data", str(folder), "--as-of", "2026-11-30"])
        except BaseException as exc:  # noqa: BLE001 (a SystemExit or a crash is the finding)
            code = f"raised {type(exc).__name__}: {exc}"
    return code, out.getvalue() + err.getvalue()


def wrong_lines(case: Case, output: str, removed: set[str]) -> list[str]:
    """Problem lines that neither start with the corrupted file nor quote a name the corruption removed."""
    problems = output.splitlines()[:-1]  # the last line counts them
    return [line for line in problems if not line.startswith(f"data/{case.file}:")
            and not any(f"'{name}'" in line for name in removed)]


@pytest.mark.slow  # hundreds of validations
def test_every_corruption_of_every_data_file_is_a_located_problem_or_accepted(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "data"
    folder.mkdir()
    originals = {name: (DATA / name).read_bytes() for name in FILES}
    before = {name: defined_names(DATA / name) for name in FILES}
    rng = random.Random(SEED)
    failures, rejected, ran = [], 0, 0
    for name in FILES:
        deleted = Case(name, "deleted", None)
        for case in [deleted] + [mutate(rng, name, originals[name]) for _ in range(CASES_PER_FILE - 1)]:
            for file, raw in originals.items():
                (folder / file).write_bytes(raw)
            if case.data is None:
                (folder / name).unlink()
            else:
                (folder / name).write_bytes(case.data)
            code, output = run_validate(folder)
            ran += 1
            rejected += code == 1
            wrong = wrong_lines(case, output, before[name] - defined_names(folder / name)) if code == 1 else []
            if code not in (0, 1) or "Traceback" in output or wrong:
                failures.append(f"{case.file}: {case.what}: exit {code}; {(wrong or output.splitlines())[:3]}")
    summary = f"{ran} cases, {rejected} rejected, {ran - rejected} accepted"
    print(summary)
    assert not failures, f"{len(failures)} of {summary} went wrong:\n" + "\n".join(failures[:20])
    assert ran == len(FILES) * CASES_PER_FILE and rejected > ran * 0.7, summary
