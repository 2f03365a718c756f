"""Profile and town pages without a MkDocs page each.

MkDocs renders one shell page at the same depth as the profiles (`_shell/page/`), with tokens where
the title, description, JSON-LD and content go. Every generated page is then that shell with its own
values put in, which is what the theme would have produced, at a fraction of the cost. The pages are
added to the search index (title and a short text, not the whole body) and to the sitemap. `generator
serve` keeps the shell of its last full build to stamp pages again after a data edit. Pure functions:
app/build.py reads and writes the files."""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import html
import json
import re

from ..registry.fields import SHELL_WORDS
from .rawpage import MARKER

# The tokens are words no data may hold (registry/fields.py), since the help banner is data inside the shell.
# The content token is an <h1> so that the theme does not add a heading of its own: pages bring theirs.
_WORD, SHELL = SHELL_WORDS
TITLE, DESCRIPTION, JSONLD, CONTENT = f"{_WORD}TITLE", f"{_WORD}DESCRIPTION", f"{_WORD}JSONLD", \
    f"<h1>{_WORD}CONTENT</h1>"
JSONLD_ELEMENT = f'<script type="application/ld+json">{JSONLD}</script>'
NOINDEX = '<meta name="robots" content="noindex">'
# The shell's tokens, in a group: re.split keeps them, at the odd places.
_SHELL_TOKENS = re.compile("(" + "|".join(re.escape(token) for token in (JSONLD_ELEMENT, TITLE, DESCRIPTION,
                                                                          f"{SHELL}/", CONTENT)) + ")")
_SHELL_IN_SITEMAP = re.compile(rf"<url>\s*<loc>[^<]*/{SHELL}/</loc>.*?</url>\s*", re.S)


class ShellError(Exception):
    """The theme's output no longer has the shape the stamping relies on."""


def shell_markdown(extra: dict | None = None) -> str:
    """The shell's page; `extra` adds front matter every stamped page shares (a translation's note)."""
    meta = {"title": TITLE, "description": DESCRIPTION, "jsonld": JSONLD, "hide": ["navigation", "toc"],
            "search": {"exclude": True}, **(extra or {})}
    front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
    return f"---\n{front}\n---\n{MARKER}\n{CONTENT}\n"


def checked_shell(text: str) -> str:
    """The HTML MkDocs made of the shell, once it has every token exactly once; ShellError otherwise."""
    for token, expected in ((CONTENT, 1), (JSONLD_ELEMENT, 1), (DESCRIPTION, 1)):
        if text.count(token) != expected:
            raise ShellError(f"the page shell has {text.count(token)} '{token}', not {expected}: "
                             "the theme's templates changed; see generator/outputs/stamp.py")
    if TITLE not in text:
        raise ShellError("the page shell has no title token: the theme's templates changed")
    return text


def stamped(shell: str, page, description: str = "") -> str:
    """One page (a render.Page at depth 2) from the shell's HTML; `description` stands in for a page without
    one of its own (the theme's site description). The shell is cut at its tokens once (`_cut`), and each page
    is its pieces with its own values between them, so nothing in a value or the body is ever read as a token;
    every value is escaped for an attribute in quotes, which is also safe as text."""
    values = {TITLE: html.escape(page.title), DESCRIPTION: html.escape(page.description or description),
              JSONLD_ELEMENT: f'<script type="application/ld+json">{page.jsonld}</script>' if page.jsonld else "",
              f"{SHELL}/": page.url, CONTENT: page.body(),
              "</head>": "</head>" if page.indexable else f"{NOINDEX}</head>"}
    return "".join(values[piece] if n % 2 else piece for n, piece in enumerate(_cut(shell)))


@functools.lru_cache(maxsize=4)  # one shell a language
def _cut(shell: str) -> list[str]:
    """The shell cut at its tokens and its first </head>: text at even places, tokens at odd ones."""
    head, end, rest = shell.partition("</head>")
    return _SHELL_TOKENS.split(head) + ([end] + _SHELL_TOKENS.split(rest) if end else [])


def index_files(pages: list, search_index: str, sitemap: str, site_url: str, today: dt.date) -> dict[str, str | bytes]:
    """MkDocs's search index and sitemap, as it wrote them, with the stamped pages added (and the shell taken out
    of the sitemap)."""
    added = [page for page in pages if page.stamped]
    return ({"search/search_index.json": with_search(search_index, _search_entries(added))}
            | with_sitemap(sitemap, [page.url for page in added if page.indexable], site_url, today))


def _search_entries(pages: list) -> list[dict]:
    """The search index's entries of stamped pages: their title and short text."""
    return [{"location": page.url, "title": html.escape(page.title, quote=False), "text": html.escape(page.search_text)}
            for page in pages if page.searchable]


def with_search(index: str, entries: list[dict]) -> str:
    """MkDocs's search_index.json with the entries added."""
    data = json.loads(index)
    data["docs"] += entries
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def with_sitemap(sitemap: str, urls: list[str], site_url: str, today: dt.date) -> dict[str, str | bytes]:
    """sitemap.xml and sitemap.xml.gz with the urls added and the shell taken out; nothing without a site_url
    (MkDocs then writes an empty sitemap, and so do we)."""
    if not site_url:
        return {}
    entries = "".join(f"    <url>\n         <loc>{html.escape(site_url.rstrip('/') + '/' + url)}</loc>\n"
                      f"         <lastmod>{today.isoformat()}</lastmod>\n    </url>\n" for url in urls)
    text = _SHELL_IN_SITEMAP.sub("", sitemap).replace("</urlset>", entries + "</urlset>")
    return {"sitemap.xml": text, "sitemap.xml.gz": gzip.compress(text.encode("utf-8"), mtime=0)}
