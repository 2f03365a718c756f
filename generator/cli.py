"""Command line: validate, build, serve, schema, report."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from .build import ROOT, BuildError, build
from .enrich import enrich
from .places import load_places
from .problems import DataError
from .schema import REGISTRIES
from .validate import validate


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument("--data", type=Path, default=Path("data"), help="registry directory (default: data/)")
    dated.add_argument("--as-of", type=_date, default=dt.date.today(), dest="today",
                       help="treat this date as today (CARC status, future dates); default: today")
    common = argparse.ArgumentParser(add_help=False, parents=[dated])
    common.add_argument("--format", choices=("text", "github"), default="text",
                        help="how to print problems; github prints ::error annotations")
    sub.add_parser("validate", parents=[common], help="check the registries and print every problem")
    for name, text in (("build", "validate, then build the site atomically"),
                       ("serve", "build, serve on http://127.0.0.1:8000 and rebuild on every change")):
        cmd = sub.add_parser(name, parents=[common], help=text)
        cmd.add_argument("--site-dir", type=Path, default=Path("site"), help="output directory (default: site/)")
        if name == "serve":
            cmd.add_argument("--port", type=int, default=8000)
    sub.add_parser("schema", help="write the JSON Schemas of the registries to schema/")
    report = sub.add_parser("report", parents=[dated], help="list stale entries, lapsing CARCs, town-level "
                            "positions and entries not confirmed with the centre")
    report.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="markdown suits a GitHub Actions job summary")
    return parser


def _print_problems(err: DataError, fmt: str) -> None:
    for problem in err.problems:
        print(problem.github() if fmt == "github" else str(problem), file=sys.stderr)
    print(f"{len(err.problems)} problem(s) found; nothing was built.", file=sys.stderr)


def write_schemas(target: Path = ROOT / "schema") -> None:
    target.mkdir(exist_ok=True)
    for registry in REGISTRIES:
        (target / f"{registry.key}.schema.json").write_text(
            json.dumps(registry.schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "schema":
            write_schemas()
            return 0
        if args.command == "validate":
            registries = validate(args.data, load_places(args.data), args.today)
            counts = ", ".join(f"{len(v)} {k}" for k, v in registries.records.items())
            print(f"OK: {counts}")
            return 0
        if args.command == "report":
            from .report import as_markdown, as_text, data_report
            site = enrich(validate(args.data, load_places(args.data), args.today), args.today)
            print((as_markdown if args.format == "markdown" else as_text)(data_report(site)), end="")
            return 0
        if args.command == "build":
            report = build(args.data, args.site_dir, args.today)
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in report.seconds.items())
            print(f"Built {report.pages} generated pages into {args.site_dir}/ ({stages})")
            return 0
        from .serve import serve
        return serve(args.data, args.site_dir, args.today, args.port, lambda e: _print_problems(e, args.format))
    except DataError as err:
        _print_problems(err, args.format)
        return 1
    except BuildError as err:
        print(f"error: {err}; the existing site was left as it was.", file=sys.stderr)
        return 1
