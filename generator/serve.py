"""Serve the built site on 127.0.0.1 and rebuild when data, content or templates change."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
import time
from pathlib import Path
from typing import Callable

import jinja2

from .build import ROOT, BuildError, build
from .problems import DataError

WATCHED = ("content", "translations", "site_overrides", "generator/templates", "mkdocs.yml")


def _snapshot(paths: list[Path]) -> dict[Path, float]:
    stamps = {}
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                stamps[file] = file.stat().st_mtime
    return stamps


def _watched(data_dir: Path) -> list[Path]:
    return [data_dir] + [ROOT / p for p in WATCHED]


def _rebuilder(data_dir: Path, site_dir: Path, today: dt.date, on_problems: Callable, urls: dict) -> Callable:
    """A function that rebuilds the site, reports the outcome and never raises. The theme's compiled
    templates are kept between its builds (Jinja's bytecode cache, in the user's temporary folder)."""
    templates = jinja2.FileSystemBytecodeCache()

    def rebuild() -> None:
        try:
            report = build(data_dir, site_dir, today, template_cache=templates, **urls)
            print(f"Rebuilt {report.pages} pages in {sum(report.seconds.values()):.1f}s", flush=True)
        except DataError as err:
            on_problems(err)
        except BuildError as err:
            print(f"error: {err}; still serving the previous site.", flush=True)

    return rebuild


def _watch(paths: list[Path], seen: dict[Path, float], rebuild: Callable) -> None:
    """Rebuild whenever the watched files differ from `seen`, the state the last build started from."""
    while True:
        time.sleep(0.3)
        now = _snapshot(paths)
        if now != seen:
            seen = now
            rebuild()


def serve(data_dir: Path, site_dir: Path, today: dt.date, port: int, on_problems: Callable, **urls: str) -> int:
    rebuild = _rebuilder(data_dir, site_dir, today, on_problems, urls)
    seen = _snapshot(_watched(data_dir))  # before the first build: an edit saved during it is not missed
    rebuild()
    if not site_dir.exists():
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=_watch, args=(_watched(data_dir), seen, rebuild), daemon=True).start()
    print(f"Serving http://127.0.0.1:{port}/ (Ctrl+C to stop); edits to {data_dir}/ rebuild the site.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0
