"""`python -m generator callsheet`: print the call sheet (outputs/callsheet.py) as CSV, Markdown or HTML."""

from __future__ import annotations

import argparse
import sys

from ..model.site import load_site
from ..outputs import callsheet


def add_parser(sub, dated: argparse.ArgumentParser) -> None:
    """The command's options, under the CLI's sub-commands."""
    cmd = sub.add_parser("callsheet", parents=[dated], help="print every listing, the riskiest first, with its "
                         "number, a short call script and blanks to fill (csv, printable html, or markdown)")
    cmd.add_argument("--format", choices=("csv", "html", "markdown"), default="csv",
                     help="html prints on Letter or A4; markdown suits a GitHub Actions job summary")
    cmd.add_argument("--limit", type=int, default=None, help="only the N riskiest listings")


def run(args: argparse.Namespace, settings) -> int:
    """Write the sheet to standard output."""
    site = load_site(settings)
    sheet = callsheet.rows(site)[:args.limit]
    title = callsheet.title(site) + (f": the {len(sheet)} riskiest listings" if args.limit else "")
    text = (callsheet.as_csv(sheet) if args.format == "csv" else
            callsheet.as_html(sheet, title) if args.format == "html" else callsheet.as_markdown(sheet, title))
    sys.stdout.write(text)
    return 0
