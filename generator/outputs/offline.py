"""The site offline and installable, one language at a time: the offline page, the line that says
whether a page is kept offline, and, once a language's pages are final, its service worker (its
precache manifest inlined), web app manifest and icons, all returned as files in memory.

A language's worker (`<prefix>sw.js`, scoped to the language's root) keeps the pages a visitor needs
without a signal: home, /find/ with its index and the centre and coach pages its results link to,
every town page, the planner, the guides and the tracks, the offline page, and the scripts, styles
and images those pages use. Each file is listed with its content hash; the cache is named by the
hash of the whole list, so a new build is a new cache, installed whole (or not at all) and the old
one deleted. Bodies are kept gzipped (the town pages alone are ~10 MB a language as HTML): the
budget (BUDGET, tests/browser/test_offline.py) is on what Cache Storage holds."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import posixpath
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from ..labels import N_
from ..model.records import Site
from .rawpage import MARKER
from .render import environment, translation_meta
from .translations import LANGUAGES, Translator

PAGE = "offline.md"
OFFLINE_URL = "offline/"
THEME = "#00695c"  # the header's colour (site_overrides/main.html's theme-color)
BUDGET = 5_000_000  # bytes of Cache Storage a language may use
SW_SOURCE = Path(__file__).resolve().parent / "templates" / "sw.js"
ICONS = {"assets/images/icon-192.png": 192, "assets/images/icon-512.png": 512}
# The pages kept offline, below a language's root ('*' is one folder): /find/'s results link to centres and coaches.
KEPT = ("", OFFLINE_URL, "find/", "plan/", "towns/", "towns/*/", "centers/", "centers/*/", "coaches/", "coaches/*/",
        "guides/", "guides/*/", "tracks/", "tracks/*/")
FIND_INDEX = "api/v1/find.json"  # at the site root, shared by every language
WORDS_INDEX = "api/v1/words.json"  # the search vocabulary /find/ and the header search read first
ANSWERS = "assets/answers.html"  # its answer cards, per language
# A kept page's path below its language's root, exactly (not embed/towns/<slug>/, the agencies' cards).
KEPT_PAGE = re.compile("^(?:" + "|".join(re.escape(p).replace(r"\*", "[^/]+") for p in KEPT) + r")index\.html$")
# What a page loads; one pattern a kind, each led by its own literal, which the regex engine finds fastest.
ASSETS = tuple(re.compile(pattern) for pattern in (
    rb'<script\b[^>]*\bsrc="([^"]+)"', rb'<img\b[^>]*\bsrc="([^"]+)"',
    rb'<link\b[^>]*\brel="(?:stylesheet|icon|manifest)"[^>]*\bhref="([^"]+)"', rb' data-index="([^"]+)"'))
SHORT_NAME = N_("Recovery help")
STATUS = {"online": N_("Available offline"), "offline": N_("Offline: showing information from %(date)s")}


def page_markdown(site: Site, t: Translator) -> str:
    """The offline page (/offline/ in each language): every help line as a tel: link, and the build date."""
    lines = [(replace(line, name=t.gettext(line.name)), t.has(line.name)) for line in site.help_lines]
    body = environment(t).get_template("offline.html").render(lines=lines, built=site.settings.today, home="../")
    meta = {"title": t.gettext("You are offline"), "hide": ["navigation", "toc"], "search": {"exclude": True},
            **translation_meta(t)}
    front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
    return f"---\n{front}\n---\n{MARKER}\n{body}\n"


def status_line(today: dt.date, t: Translator) -> str:
    """The empty line every page fills in (content/assets/offline.js) once its language is kept offline."""
    offline = t.gettext(STATUS["offline"]) % {"date": t.date(today)}
    return (f'<p id="prn-offline" class="prn-offline" role="status" data-online="{_attr(t.gettext(STATUS["online"]))}"'
            f' data-offline="{_attr(offline)}"></p>')


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


class Reader:
    """A site's files as the precache sees them: each file's hash and each page's references (site-relative
    paths), found once. `serve` keeps one across data edits and forgets the files an edit changed."""

    def __init__(self, read: Callable[[str], bytes]):
        self.read = read
        self._hashes: dict[str, str] = {}
        self._refs: dict[str, set[str]] = {}

    def hash(self, path: str) -> str:
        if path not in self._hashes:
            self._hashes[path] = hashlib.sha256(self.read(path)).hexdigest()[:16]
        return self._hashes[path]

    def refs(self, page: str) -> set[str]:
        """What the page loads."""
        if page not in self._refs:
            html = self.read(page)
            found = (_resolve(page, match[1].decode("utf-8")) for pattern in ASSETS for match in pattern.finditer(html))
            self._refs[page] = {target for target in found if target}
        return self._refs[page]

    def learn(self, kept: Kept) -> None:
        """Take what a language's build found (its kept files' hashes, its kept pages' references)."""
        self._hashes |= kept.hashes
        self._refs |= kept.refs

    def forget(self, paths: Iterable[str]) -> None:
        for path in paths:
            self._hashes.pop(path, None)
            self._refs.pop(path, None)


def _kept_paths(prefix: str, files: Iterable[str], reader: Reader) -> tuple[list[str], set[str], list[str]]:
    """The files (site-relative paths) a language keeps: its kept pages and everything they load. Those in the
    language's own folder come first, only if they are among files; then the site's shared files it keeps
    (outside its folder), whatever files holds: they are checked once the site is whole; and the kept pages."""
    paths = set(files)
    others = tuple(language.prefix for language in LANGUAGES.values() if language.prefix not in ("", prefix))
    pages = sorted(path for path in paths if path.startswith(prefix) and not path.startswith(others) and
                   KEPT_PAGE.match(path[len(prefix):]))
    kept = set(pages) | {FIND_INDEX, WORDS_INDEX, prefix + ANSWERS} | {prefix + icon for icon in ICONS} | \
        {prefix + "manifest.webmanifest"} | \
        {path for path in paths if path.startswith(prefix + "assets/") and path.endswith(".mjs")}  # imported modules
    for page in pages:
        kept |= reader.refs(page)
    own = sorted(path for path in kept if path.startswith(prefix) and path in paths)
    return own, {path for path in kept if not path.startswith(prefix)}, pages


def _resolve(page: str, ref: str) -> str | None:
    """A page's reference as a site-relative path, or None when it leaves the site."""
    if _ELSEWHERE.match(ref):
        return None  # another origin, data:, or an absolute path this site never writes
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), ref.split("#")[0].split("?")[0]))
    if path == ".." or path.startswith("../"):
        return None
    path = "" if path == "." else path
    return path + "/index.html" if ref.endswith("/") or not posixpath.splitext(path)[1] else path


_ELSEWHERE = re.compile(r"^[a-z][a-z0-9+.-]*:|^//|^/", re.I)


@dataclass(frozen=True)
class Kept:
    """What a language keeps offline, found in its own folder: its manifest and icons (`made`), each kept file
    of its folder with its hash, the site's shared files it also keeps (hashed once the site is whole), and what
    each kept page loads."""

    prefix: str
    made: dict[str, bytes]
    hashes: dict[str, str]
    shared: frozenset[str]
    refs: dict[str, set[str]]


def kept(site_name: str, t: Translator, files: Iterable[str], reader: Reader) -> Kept:
    """What language t keeps, from its folder's files (site-relative paths, read by `reader`): each language's
    build finds its own, at the same time as the others."""
    prefix = t.language.prefix
    made = {prefix + path: _png(size) for path, size in ICONS.items()}
    made[prefix + "manifest.webmanifest"] = json.dumps({
        "name": site_name, "short_name": t.gettext(SHORT_NAME), "lang": t.code, "start_url": "./", "scope": "./",
        "display": "standalone", "theme_color": THEME, "background_color": "#ffffff",
        "icons": [{"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
                  for path, size in ICONS.items()]}, ensure_ascii=False, indent=1).encode("utf-8")

    own, shared, pages = _kept_paths(prefix, set(files) | set(made), reader)
    return Kept(prefix, made, {path: _hash(made[path]) if path in made else reader.hash(path) for path in own},
                frozenset(shared), {page: reader.refs(page) for page in pages})


def worker(t: Translator, kept: Kept, files: Iterable[str], reader: Reader) -> bytes:
    """The language's service worker, its precache list inlined, once the whole site's `files` are known."""
    hashes = kept.hashes | {path: reader.hash(path) for path in kept.shared & set(files)}
    entries = [[_relative(kept.prefix, path), hashes[path]] for path in sorted(hashes)]
    version = hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:12]
    manifest = {"lang": t.code, "version": version, "offline": OFFLINE_URL, "files": entries}
    return SW_SOURCE.read_text(encoding="utf-8").replace("/*PRN-PRECACHE*/null", json.dumps(manifest)).encode("utf-8")


def language_files(site_name: str, t: Translator, files: Iterable[str], reader: Reader) -> dict[str, bytes]:
    """A language's web app manifest, icons and service worker (the last: it lists the others' hashes).
    `files` are every file of the built site, site-relative, read by `reader`."""
    files = list(files)
    found = kept(site_name, t, files, reader)
    return {**found.made, t.language.prefix + "sw.js": worker(t, found, files, reader)}


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _relative(prefix: str, path: str) -> str:
    """A site-relative path as the worker (at the language's root) asks for it: towns/x/, ../api/v1/find.json."""
    url = path.removesuffix("index.html")
    return (url[len(prefix):] or "./") if url.startswith(prefix) else "../" * prefix.count("/") + url


@functools.cache  # the same two icons for every language
def _png(size: int) -> bytes:
    """A square icon in the header's colour with a white plus, as a PNG (no imaging library needed)."""
    teal, white = bytes.fromhex(THEME[1:]), b"\xff\xff\xff"
    arm, bar = size * 3 // 16, size * 9 // 16  # the plus's half-width and half-length, around the centre
    offsets = [abs(2 * n + 1 - size) // 2 for n in range(size)]  # each row's or column's from the centre

    @functools.cache
    def row(width: int) -> bytes:  # white where a column is within width of the centre
        return b"\x00" + b"".join(white if dx < width else teal for dx in offsets)

    rows = [row(bar if dy < arm else arm if dy < bar else 0) for dy in offsets]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + \
        chunk(b"IEND", b"")
