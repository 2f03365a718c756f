"""Serve the built site on 127.0.0.1 and follow edits: a change to content, templates, translations or the
theme rebuilds the whole site; a change to the data only re-renders, in memory, the generated pages and
files whose inputs changed, stamped into the shells the last full build kept, and swaps them in at once."""

from __future__ import annotations

import contextlib
import functools
import gc
import http.server
import io
import json
import mimetypes
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..model.records import Site
from ..model.site import load_site
from ..outputs import offline
from ..outputs.cards import shown
from ..outputs.embed import EmbedCard
from ..outputs.exports import IDS_PATH, english_files, language_files
from ..outputs.render import Page, environment, help_banner, help_drawer, maintainers_report, pages
from ..outputs.stamp import stamped
from ..outputs.translations import TranslationError, Translator, translator
from ..registry.problems import DataError
from ..settings import Settings
from .build import (
    BuildError,
    Stamping,
    build,
    drawn_codes,
    file_fault,
    offline_files,
    site_name,
    stamping_indexes,
    with_policies,
)

WATCHED = ("content", "translations", "site_overrides", "generator/outputs/templates", "mkdocs.yml")
POLL_SECONDS = 0.05


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


@dataclass(frozen=True)
class View:
    """What is served besides the folder of the last full build: files changed or added since (by path
    below the site's root) and files gone. Replaced whole, never changed: one assignment swaps it in."""

    files: dict[str, bytes] = field(default_factory=dict)
    gone: frozenset[str] = frozenset()


class LiveSite:
    """The served site: the last full build on disk, and the View of the data edits made since."""

    def __init__(self, settings: Settings, on_problems: Callable):
        self.settings, self.on_problems = settings, on_problems
        self.view = View()
        self._stamping: dict[str, Stamping] = {}
        self._translators: list[Translator] = []
        self._site_name = ""  # mkdocs.yml's, as the last full build read it
        self._base: dict[str, str | bytes] = {}  # every generated file as the last full build wrote it, by path
        self._pages: dict[str, tuple[Page, str]] = {}  # each generated page and its HTML as last stamped
        self._cards: dict[str, tuple[EmbedCard, str]] = {}  # each embed card and its HTML as last drawn
        self._shown: tuple = ()  # what the last full build put into the hand-written pages from the data
        self._disk: dict[str, bytes | None] = {}  # files of the last full build on disk, each read once
        self._disk_paths: frozenset[str] = frozenset()  # every file's path below the site's root, listed once
        self._reader = offline.Reader(self._as_built)  # the precache's hashes and references, kept across edits
        self._changed: frozenset[str] = frozenset()  # the files the last edit served changed or removed

    def rebuild(self) -> None:
        """Build the whole site, then keep what the next data edit is compared with: the generated files as
        built, from the site that was built. Reports the outcome and never raises."""
        gc.unfreeze()
        self._stamping, self._base, self._pages, self._cards = {}, {}, {}, {}
        self._disk, self._disk_paths = {}, frozenset()
        self._reader, self._changed = offline.Reader(self._as_built), frozenset()
        try:
            report = build(self.settings)
            print(f"Rebuilt {report.pages} pages in {sum(report.seconds.values()):.1f}s", flush=True)
            self.view = View()
            self._stamping = report.stamping
            for code in self.settings.languages:  # the codes each language's process drew, for the next edit
                drawn_codes(code)
            for kept in report.kept.values():  # its pages' hashes and references: an edit finds only its own
                self._reader.learn(kept)
            self._site_name = site_name(self.settings.config_file)
            self._translators = [translator(code, self.settings.translations_dir) for code in self.settings.languages]
            self._base = self._render(report.site, built=True) or {}
            self._shown = shown(report.site) if report.site else ()
            self._warm()
        except DataError as err:
            self.on_problems(err)
        except (BuildError, TranslationError, OSError) as err:
            self._failed(err)

    def _warm(self) -> None:
        """Make the first edit as quick as the next: load the page templates the full build's processes compiled,
        list the site's files, and let the garbage collector skip the objects kept until the next full build."""
        for page, _ in self._pages.values():
            environment(page.tr).get_template(page.template)
        root = self.settings.site_dir
        self._disk_paths = frozenset(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())
        gc.collect()
        gc.freeze()

    def refresh(self) -> None:
        """Re-render the generated pages and files from the data and swap in those that changed; the site
        served stays as it was when the data is invalid. Falls back to a full build when what the hand-written
        pages show from the data changed (a help line: the banner is on every page too; the embed snippet's cards:
        outputs/cards.py) or there was no full build."""
        start = time.perf_counter()
        try:
            site = load_site(replace(self.settings, published=self._published()))
            files = self._render(site) if shown(site) == self._shown else None
        except DataError as err:
            self.on_problems(err)
            return
        except (TranslationError, OSError) as err:
            self._failed(err)
            return
        if files is None or not self._base:
            self.rebuild()
            return
        changed = {path: content.encode("utf-8") if isinstance(content, str) else content
                   for path, content in files.items() if self._base.get(path) != content}
        gone = frozenset(self._base.keys() - files.keys())
        if changed or gone:
            changed |= self._offline(changed, gone)
        self.view = View(changed, gone)
        print(f"Updated {len(changed)} file(s) from the data in {time.perf_counter() - start:.2f}s", flush=True)

    def _offline(self, changed: dict[str, bytes], gone: frozenset[str]) -> dict[str, bytes]:
        """The service workers (and manifests) that differ once `changed` and `gone` are served: their precache
        lists name every kept file's hash."""
        self._reader.forget(self._changed | changed.keys() | gone)  # as the last edit served them, or as built
        self._changed = frozenset(changed.keys() | gone)
        self._reader.read = lambda rel: changed[rel] if rel in changed else self._as_built(rel)
        made = offline_files(sorted((self._disk_paths | changed.keys()) - gone), self._reader, self._translators,
                             self._site_name)
        return {rel: data for rel, data in made.items() if self._built(rel) != data}

    def _as_built(self, rel: str) -> bytes:
        return self._built(rel) or b""

    def _built(self, rel: str) -> bytes | None:
        """A file as the last full build wrote it (None if it wrote none), read from disk once per build."""
        if rel not in self._disk:
            path = self.settings.site_dir / rel
            self._disk[rel] = path.read_bytes() if path.is_file() else None
        return self._disk[rel]

    def _render(self, site: Site | None, built: bool = False) -> dict[str, str | bytes] | None:
        """Every generated page and file of every language, by path below the site's root, or None when only a
        full build can show the edit. A page whose inputs are unchanged keeps its HTML; a profile or town page
        is stamped into the shell again; a list page (MkDocs's, in the nav) gets its new content in its last
        HTML. `built`: the pages as the full build just wrote them."""
        if not self._stamping or site is None:
            return None
        report = maintainers_report(site)
        same = _Same()
        files: dict[str, str | bytes] = {}
        rendered: dict[str, tuple[Page, str]] = {}
        cards: dict[str, tuple[EmbedCard, str]] = {}
        for tr in self._translators:
            stamping = self._stamping[tr.code]
            if (stamping.chrome["help_banner"], stamping.chrome["help_drawer"]) != (help_banner(site, tr),
                                                                                  help_drawer(site, tr)):
                return None
            generated = pages(site, tr, report)
            for page in generated:
                path = tr.language.prefix + page.url + "index.html"
                html = self._page(path, page, stamping, same, built)
                if html is None:
                    return None
                rendered[path], files[path] = (page, html), html
            draw = functools.partial(self._draw, tr.language.prefix, cards, same)
            own = with_policies(english_files(site, draw) if tr.language.english else language_files(site, tr, draw))
            own |= stamping_indexes(stamping, generated, self.settings, tr)
            files |= {tr.language.prefix + rel: content for rel, content in own.items()}
        self._pages, self._cards = rendered, cards
        return files

    def _draw(self, prefix: str, drawn: dict[str, tuple[EmbedCard, str]], same: _Same,
              cards: list[EmbedCard]) -> dict[str, str]:
        """The embed cards' files, each drawn again only when what it is drawn from changed; kept in `drawn`."""
        out = {}
        for card in cards:
            before = self._cards.get(prefix + card.path)
            html = before[1] if before and same(card, before[0]) else card.render()
            drawn[prefix + card.path], out[card.path] = (card, html), html
        return out

    def _page(self, path: str, page: Page, stamping: Stamping, same: _Same, built: bool) -> str | None:
        """The page's HTML: kept, stamped anew, read as built, or (a list page) its new body put in its last
        HTML; None when MkDocs must draw it."""
        before = self._pages.get(path)
        if before and same(page, before[0]):
            return before[1]
        if page.stamped:
            return stamped(stamping.shell, page, stamping.description)
        if built:
            return (self.settings.site_dir / path).read_text(encoding="utf-8")
        if not before or _frame(before[0]) != _frame(page):
            return None  # a list page added, or one whose title changed: MkDocs draws it
        html, old, new = before[1], before[0].body(), page.body()
        return html.replace(old, new) if html.count(old) == 1 else None

    def _published(self) -> dict[str, list[str]] | None:
        """The ids the served site publishes: each must stay reachable after the edit."""
        served = self.view.files.get(IDS_PATH)
        if served is not None:
            return json.loads(served)
        path = self.settings.site_dir / IDS_PATH
        return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None

    def _failed(self, err: Exception) -> None:
        kept = "still serving the previous site" if self.settings.site_dir.exists() else "there is no site to serve"
        if isinstance(err, OSError):
            print(f"error: {file_fault(err, self.settings)}; {kept}.", flush=True)
        else:
            print(f"error: {err}; {kept}.\n{getattr(err, 'trace', '')}", end="", flush=True)

    def watch(self, seen: dict[Path, float]) -> None:
        """Follow the watched files from `seen`, the state the last build started from: data edits refresh,
        anything else rebuilds."""
        paths = _watched(self.settings)
        while True:
            time.sleep(POLL_SECONDS)
            now = _snapshot(paths)
            if now == seen:
                continue
            changed = {path for path in now.keys() | seen.keys() if now.get(path) != seen.get(path)}
            seen = now
            if all(path.is_relative_to(self.settings.data_dir) for path in changed):
                self.refresh()
            else:
                self.rebuild()


class _Same:
    """`new == old` for pages and cards, each pair of values in them compared once an edit: every language's pages
    and cards hold the same values of the site (a town's view is in its page and in the towns' list, in each
    language), and comparing a record walks all of it. Keeps what it compared, so no id is reused meanwhile."""

    def __init__(self) -> None:
        self._seen: dict[tuple[int, int], tuple[object, object, bool]] = {}

    def __call__(self, new: Any, old: Any) -> bool:
        if new is old:
            return True
        key = (id(new), id(old))
        if key not in self._seen:
            if type(new) is not type(old):
                same = False
            elif isinstance(new, (Page, EmbedCard)):
                same = all(self(getattr(new, f.name), getattr(old, f.name)) for f in fields(new))
            elif isinstance(new, (list, tuple)):
                same = len(new) == len(old) and all(map(self, new, old))
            elif isinstance(new, dict):
                same = new.keys() == old.keys() and all(self(value, old[key]) for key, value in new.items())
            else:
                same = new == old
            self._seen[key] = (new, old, same)
        return self._seen[key][2]


def _frame(page: Page) -> tuple:
    """What of a list page MkDocs puts around its content."""
    return page.path, page.title, page.description, page.jsonld, page.searchable, page.fallback


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the live site's View first, then the folder."""

    live: LiveSite

    def send_head(self):
        rel = unquote(urlsplit(self.path).path).lstrip("/")
        view = self.live.view
        if rel + "/index.html" in view.files:  # a page added by an edit, asked for without its slash
            self.send_response(301)
            self.send_header("Location", "/" + rel + "/")
            self.end_headers()
            return None
        rel += "index.html" if rel.endswith("/") or not rel else ""
        if rel in view.gone:
            self.send_error(404, "File not found")
            return None
        body = view.files.get(rel)
        if body is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-type", mimetypes.guess_type(rel)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(settings: Settings, port: int, on_problems: Callable) -> int:
    live = LiveSite(settings, on_problems)
    seen = _snapshot(_watched(settings))  # before the first build: an edit saved during it is not missed
    live.rebuild()
    site_dir = settings.site_dir
    if not site_dir.exists():
        return 1
    handler = functools.partial(type("Handler", (_Handler,), {"live": live}), directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=live.watch, args=(seen,), daemon=True).start()
    with server, contextlib.suppress(KeyboardInterrupt):  # a Ctrl+C as soon as the line shows stops serving too
        print(f"Serving http://127.0.0.1:{port}/ (Ctrl+C to stop); edits to {settings.data_dir}/ show at once, "
              "other edits rebuild the site.", flush=True)
        server.serve_forever()
    print("\nstopped.", flush=True)
    return 0
