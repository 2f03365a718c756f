"""Command line: validate, build, serve, schema, fields, report, callsheet, translations, ids, geocode, intake.

Each command is one handler in COMMANDS; the defaults of --data, --site-dir and --as-of are Settings'."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ..model.site import load_site
from ..outputs.find_index import FIND_SCHEMA, SCHEMA_PATH
from ..registry.places import ZIP_TABLE, load_places, zip_table
from ..registry.problems import DataError
from ..registry.schema import REGISTRIES
from ..registry.validate import validate
from ..settings import PROJECT, Settings
from .build import BuildError, build, file_fault
from .callsheet import add_parser as add_callsheet
from .callsheet import run as run_callsheet
from .intake import timestamp

DEFAULTS = {f.name: f.default for f in dataclasses.fields(Settings)}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write YYYY-MM-DD") from None


def _published(text: str) -> dict:
    try:
        return json.loads(Path(text).read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise argparse.ArgumentTypeError(f"cannot read published ids from {text}: {err}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    dated = argparse.ArgumentParser(add_help=False)
    dated.add_argument("--data", type=Path, dest="data_dir",
                       help=f"registry directory (default: {DEFAULTS['data_dir']}/)")
    dated.add_argument("--as-of", type=_date, dest="today",
                       help="treat this date as today (CARC status, future dates); default: today")
    common = argparse.ArgumentParser(add_help=False, parents=[dated])
    common.add_argument("--format", choices=("text", "github"), default="text",
                        help="how to print problems; github prints ::error annotations")
    common.add_argument("--published", type=_published, metavar="IDS_JSON",
                        help="ids already published (an /api/v1/ids.json, e.g. from `ids` on the base branch); "
                             "each must still be reachable. build also reads the replaced site's own file")
    sub.add_parser("validate", parents=[common], help="check the registries and print every problem")
    for name, text in (("build", "validate, then build the site atomically"),
                       ("serve", "build, serve on http://127.0.0.1:8000, show data edits at once and rebuild on "
                                 "other changes")):
        cmd = sub.add_parser(name, parents=[common], help=text)
        cmd.add_argument("--site-dir", type=Path, help=f"output directory (default: {DEFAULTS['site_dir']}/)")
        cmd.add_argument("--site-url", default=os.environ.get("SITE_URL"),
                         help="public address of the site, for citations, JSON-LD and the sitemap (env SITE_URL)")
        cmd.add_argument("--repo-url", default=os.environ.get("REPO_URL"),
                         help="repository for 'report a problem' links, e.g. https://github.com/org/repo "
                              "(env REPO_URL)")
        cmd.add_argument("--examples", action="store_true", default=None,
                         help="include the fictional example coaches, with a 'preview' ribbon on every page; "
                              "never for the public site")
        if name == "serve":
            cmd.add_argument("--port", type=int, default=8000)
    sub.add_parser("schema", help="write the JSON Schemas of the registries to schema/ and the Massachusetts ZIP "
                   "table (generator/registry/ma_zips.csv) from the zipcodes package")
    sub.add_parser("ids", parents=[dated], help="print the ids whose URLs the data publishes (for --published)")
    sub.add_parser("fields", help="rewrite the field reference in CONTRIBUTING.md from generator/registry/schema.py")
    sub.add_parser("geocode", parents=[dated], help="find coordinates for street addresses with Nominatim "
                   "(1 request/second) and keep them in data/geocode-cache.yaml; uses the network")
    report = sub.add_parser("report", parents=[dated], help="list stale entries, lapsing CARCs, town-level "
                            "positions, entries not confirmed with the centre and missing translations")
    report.add_argument("--format", choices=("text", "markdown"), default="text",
                        help="markdown suits a GitHub Actions job summary")
    add_callsheet(sub, dated)
    sub.add_parser("translations", parents=[dated], help="list Spanish and Portuguese strings and pages that are "
                   "missing, unused or older than their English source, with each page's current source_hash; "
                   "exits 1 when there is any")
    intake = sub.add_parser("intake", parents=[dated], help="turn an approved issue-form request into changed data "
                            "files and a pull request's title and body, or into a comment listing its problems "
                            "(exit 3)")
    intake.add_argument("--kind", choices=("correction", "confirmation", "listing", "removal"), required=True,
                        help="correction: the listing form; confirmation: the confirm-a-listing form; listing: a "
                             "coach's listing request; removal: a coach's removal request")
    intake.add_argument("--body", type=Path, required=True, help="file holding the issue's body")
    intake.add_argument("--issue", type=int, required=True, help="the issue's number")
    intake.add_argument("--issue-url", default="", help="the issue's address, kept as a coach's consent record")
    intake.add_argument("--requester", default="", help="the GitHub account that filed the issue")
    intake.add_argument("--body-updated-at", type=timestamp, help="when the issue's text was last edited (ISO 8601)")
    intake.add_argument("--last-review-at", type=timestamp,
                        help="the last maintainer comment or label before approval (ISO 8601)")
    intake.add_argument("--out", type=Path, required=True, help="folder for the changed files (data/...), "
                        "pr-title.txt and pr-body.md, or comment.md")
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """The one settings object of this run: what the command line (and SITE_URL, REPO_URL) gives, Settings'
    defaults for the rest."""
    given = {f.name: getattr(args, f.name) for f in dataclasses.fields(Settings)
             if getattr(args, f.name, None) is not None}
    return Settings(**given)


def write_schemas(target: Path = PROJECT / "schema") -> None:
    target.mkdir(exist_ok=True)
    for registry in REGISTRIES:
        (target / f"{registry.key}.schema.json").write_text(
            json.dumps(registry.schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    from ..outputs.words_index import SCHEMA_PATH as WORDS_PATH
    from ..outputs.words_index import WORDS_SCHEMA

    for path, schema in ((SCHEMA_PATH, FIND_SCHEMA), (WORDS_PATH, WORDS_SCHEMA)):
        (target / Path(path).name).write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---- the commands: each takes the parsed arguments and the run's settings, and returns the exit code ----------


def _schema(args: argparse.Namespace, settings: Settings) -> int:
    write_schemas()
    ZIP_TABLE.write_text(zip_table(), encoding="utf-8")
    return 0


def _fields(args: argparse.Namespace, settings: Settings) -> int:
    from ..registry.fieldref import with_reference
    guide = PROJECT / "CONTRIBUTING.md"
    guide.write_text(with_reference(guide.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


def _validate(args: argparse.Namespace, settings: Settings) -> int:
    registries = validate(settings.data_dir, load_places(settings.data_dir), settings.today, settings.published)
    print(f"OK: {', '.join(f'{len(v)} {k}' for k, v in registries.records.items())}")
    return 0


def _build(args: argparse.Namespace, settings: Settings) -> int:
    report = build(settings)
    stages = ", ".join(f"{k} {v:.2f}s" for k, v in report.seconds.items())
    print(f"Built {report.pages} pages into {settings.site_dir}/ ({stages})")
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    from .serve import serve
    return serve(settings, args.port, lambda err: _print_problems(err, args.format))


def _report(args: argparse.Namespace, settings: Settings) -> int:
    from ..outputs.report import as_markdown, as_text, data_report, translation_section
    site = load_site(settings)
    print((as_markdown if args.format == "markdown" else as_text)(data_report(site, translation_section(site))),
          end="")
    return 0


def _translations(args: argparse.Namespace, settings: Settings) -> int:
    from ..outputs.content import source_hash
    from ..outputs.translation_check import check
    from ..outputs.translations import CODES
    problems = check(settings, load_site(settings).places.translated_names)
    for p in problems:
        print(f"{p.file}: {p.key}: {p.detail}")
    print(f"{len(problems)} translation problem(s) in {', '.join(CODES[1:])}." if problems else
          f"Translations complete and up to date: {', '.join(CODES[1:])}.")
    print("\nsource_hash of each English page (copy it into a translation's front matter once it matches):")
    for page in sorted(settings.content_dir.rglob("*.md")):
        print(f"  {source_hash(page)}  content/{page.relative_to(settings.content_dir)}")
    return 1 if problems else 0


def _ids(args: argparse.Namespace, settings: Settings) -> int:
    from ..outputs.exports import url_list
    print(json.dumps(url_list(load_site(settings)), indent=1))
    return 0


def _geocode(args: argparse.Namespace, settings: Settings) -> int:
    from geopy.exc import GeopyError

    from .geocode import geocode
    try:
        print(geocode(settings).summary())
    except GeopyError as err:
        print(f"error: the geocoder failed ({err}); positions found so far are saved", file=sys.stderr)
        return 1
    return 0


def _intake(args: argparse.Namespace, settings: Settings) -> int:
    from .intake import Context, run
    return run(args.kind, args.body, args.issue, args.out, settings, args.issue_url,
               Context(args.requester, args.body_updated_at, args.last_review_at))


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings], int]] = {
    "validate": _validate, "build": _build, "serve": _serve, "schema": _schema, "fields": _fields,
    "report": _report, "callsheet": run_callsheet, "translations": _translations, "ids": _ids, "geocode": _geocode,
    "intake": _intake,
}


def _print_problems(err: DataError, fmt: str) -> None:
    for problem in err.problems:
        print(problem.github() if fmt == "github" else str(problem), file=sys.stderr)
    print(f"{len(err.problems)} problem(s) found; nothing was built.", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = settings_from(args)
    if hasattr(args, "data_dir") and not settings.data_dir.is_dir():
        reason = "it is not a folder" if settings.data_dir.exists() else "there is no such folder"
        print(f"error: cannot open the data folder ({settings.data_dir}): {reason}", file=sys.stderr)
        return 1
    try:
        return COMMANDS[args.command](args, settings)
    except DataError as err:
        _print_problems(err, getattr(args, "format", "text"))
        return 1
    except BuildError as err:  # a bug in a language's process comes with that process's traceback
        print(f"error: {err}; the existing site was left as it was.\n{err.trace}", end="", file=sys.stderr)
        return 1
    except OSError as err:
        print(f"error: {file_fault(err, settings)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl+C: the build's workspace is removed on the way out, the site stays as it was
        print("\nstopped; the existing site was left as it was.", file=sys.stderr)
        return 130
