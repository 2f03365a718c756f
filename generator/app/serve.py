"""Serve the built site on 127.0.0.1 and rebuild when data, content or templates change."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

import jinja2

from ..registry.problems import DataError
from ..settings import Settings
from .build import BuildError, build, file_fault

WATCHED = ("content", "translations", "site_overrides", "generator/outputs/templates", "mkdocs.yml")


def _snapshot(paths: list[Path]) -> dict[Path, float]:
    stamps = {}
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                stamps[file] = file.stat().st_mtime
    return stamps


def _watched(settings: Settings) -> list[Path]:
    return [settings.data_dir] + [settings.root / p for p in WATCHED]


def _rebuilder(settings: Settings, on_problems: Callable) -> Callable:
    """A function that rebuilds the site, reports the outcome and never raises. The theme's compiled
    templates are kept between its builds (Jinja's bytecode cache, in the user's temporary folder)."""
    templates = jinja2.FileSystemBytecodeCache()

    def rebuild() -> None:
        try:
            report = build(settings, template_cache=templates)
            print(f"Rebuilt {report.pages} pages in {sum(report.seconds.values()):.1f}s", flush=True)
        except DataError as err:
            on_problems(err)
        except BuildError as err:
            print(f"error: {err}; {_kept(settings)}.\n{err.trace}", end="", flush=True)
        except OSError as err:
            print(f"error: {file_fault(err, settings)}; {_kept(settings)}.", flush=True)

    return rebuild


def _kept(settings: Settings) -> str:
    return "still serving the previous site" if settings.site_dir.exists() else "there is no site to serve"


def _watch(paths: list[Path], seen: dict[Path, float], rebuild: Callable) -> None:
    """Rebuild whenever the watched files differ from `seen`, the state the last build started from."""
    while True:
        time.sleep(0.3)
        now = _snapshot(paths)
        if now != seen:
            seen = now
            rebuild()


def serve(settings: Settings, port: int, on_problems: Callable) -> int:
    rebuild = _rebuilder(settings, on_problems)
    seen = _snapshot(_watched(settings))  # before the first build: an edit saved during it is not missed
    rebuild()
    site_dir = settings.site_dir
    if not site_dir.exists():
        return 1
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=_watch, args=(_watched(settings), seen, rebuild), daemon=True).start()
    print(f"Serving http://127.0.0.1:{port}/ (Ctrl+C to stop); edits to {settings.data_dir}/ rebuild the site.",
          flush=True)
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    return 0
