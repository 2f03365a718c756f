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
import re
import struct
import zlib
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path, PurePosixPath

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
ASSET = re.compile(rb'<(?:script|img)\b[^>]*\bsrc="([^"]+)"'
                   rb'|<link\b[^>]*\brel="(?:stylesheet|icon|manifest)"[^>]*\bhref="([^"]+)"|\bdata-index="([^"]+)"')
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


def precached(prefix: str, files: Iterable[str], read: Callable[[str], bytes]) -> list[str]:
    """The files (site-relative paths) a language keeps: its kept pages and everything they load."""
    paths = set(files)
    others = tuple(language.prefix for language in LANGUAGES.values() if language.prefix not in ("", prefix))
    pages = sorted(path for path in paths if path.startswith(prefix) and not path.startswith(others) and
                   KEPT_PAGE.match(path[len(prefix):]))
    kept = set(pages) | {FIND_INDEX, WORDS_INDEX, prefix + ANSWERS} | {prefix + icon for icon in ICONS} | \
        {prefix + "manifest.webmanifest"} | \
        {path for path in paths if path.startswith(prefix + "assets/") and path.endswith(".mjs")}  # imported modules
    for page in pages:
        for match in ASSET.finditer(read(page)):
            target = _resolve(page, next(group for group in match.groups() if group).decode("utf-8"))
            if target:
                kept.add(target)
    return sorted(path for path in kept if path in paths)


def _resolve(page: str, ref: str) -> str | None:
    """A page's reference as a site-relative path, or None when it leaves the site."""
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//|^/", ref, re.I):
        return None  # another origin, data:, or an absolute path this site never writes
    parts = list(PurePosixPath(page).parent.parts)
    for part in ref.split("#")[0].split("?")[0].split("/"):
        if part == "..":
            if not parts:
                return None
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    path = "/".join(parts)
    return path + "/index.html" if ref.endswith("/") or not PurePosixPath(path).suffix else path


def language_files(site_name: str, t: Translator, files: Iterable[str],
                   read: Callable[[str], bytes]) -> dict[str, bytes]:
    """A language's web app manifest, icons and service worker (the last: it lists the others' hashes).
    `files` are every file of the built site, site-relative; `read` gives one's bytes."""
    prefix = t.language.prefix
    out = {prefix + path: _png(size) for path, size in ICONS.items()}
    out[prefix + "manifest.webmanifest"] = json.dumps({
        "name": site_name, "short_name": t.gettext(SHORT_NAME), "lang": t.code, "start_url": "./", "scope": "./",
        "display": "standalone", "theme_color": THEME, "background_color": "#ffffff",
        "icons": [{"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
                  for path, size in ICONS.items()]}, ensure_ascii=False, indent=1).encode("utf-8")
    everything = set(files) | set(out)

    def contents(path: str) -> bytes:
        return out[path] if path in out else read(path)

    entries = [[_relative(prefix, path), hashlib.sha256(contents(path)).hexdigest()[:16]]
               for path in precached(prefix, everything, contents)]
    version = hashlib.sha256(json.dumps(entries).encode()).hexdigest()[:12]
    manifest = {"lang": t.code, "version": version, "offline": OFFLINE_URL, "files": entries}
    source = SW_SOURCE.read_text(encoding="utf-8").replace("/*PRN-PRECACHE*/null", json.dumps(manifest))
    out[prefix + "sw.js"] = source.encode("utf-8")
    return out


def _relative(prefix: str, path: str) -> str:
    """A site-relative path as the worker (at the language's root) asks for it: towns/x/, ../api/v1/find.json."""
    url = path.removesuffix("index.html")
    return (url[len(prefix):] or "./") if url.startswith(prefix) else "../" * prefix.count("/") + url


@functools.cache  # the same two icons for every language: drawn once (0.4 s each)
def _png(size: int) -> bytes:
    """A square icon in the header's colour with a white plus, as a PNG (no imaging library needed)."""
    teal, white = bytes.fromhex(THEME[1:]), b"\xff\xff\xff"
    arm, bar = size * 3 // 16, size * 9 // 16  # the plus's half-width and half-length, around the centre
    rows = []
    for y in range(size):
        dy = abs(2 * y + 1 - size) // 2
        row = bytearray(b"\x00")
        for x in range(size):
            dx = abs(2 * x + 1 - size) // 2
            row += white if (dx < arm and dy < bar) or (dy < arm and dx < bar) else teal
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + \
        chunk(b"IEND", b"")
