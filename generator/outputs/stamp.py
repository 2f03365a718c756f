"""Profile and town pages without a MkDocs page each.

MkDocs renders one shell page at the same depth as the profiles (`_shell/page/`), with tokens
where the title, description, JSON-LD and content go. Every generated page is then that shell
with its own values put in, which is what the theme would have produced, at a fraction of the
cost. The pages are added to the search index (title and a short text, not the whole body) and
to the sitemap, and the shell is removed. Runs on the new site before it is swapped in."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
from pathlib import Path

from .rawpage import MARKER

SHELL = "_shell/page"
# The content token is an <h1> so that the theme does not add a heading of its own: pages bring theirs.
TITLE, DESCRIPTION, JSONLD, CONTENT = "PRN-SHELL-TITLE", "PRN-SHELL-DESCRIPTION", "PRN-SHELL-JSONLD", \
    "<h1>PRN-SHELL-CONTENT</h1>"
JSONLD_ELEMENT = f'<script type="application/ld+json">{JSONLD}</script>'


class ShellError(Exception):
    """The theme's output no longer has the shape the stamping relies on."""


def shell_markdown(extra: dict | None = None) -> str:
    """The shell's page; `extra` adds front matter every stamped page shares (a translation's note)."""
    meta = {"title": TITLE, "description": DESCRIPTION, "jsonld": JSONLD, "hide": ["navigation", "toc"],
            "search": {"exclude": True}, **(extra or {})}
    front = "\n".join(f"{key}: {json.dumps(value)}" for key, value in meta.items())
    return f"---\n{front}\n---\n{MARKER}\n{CONTENT}\n"


def _load_shell(site_dir: Path) -> str:
    path = site_dir / SHELL / "index.html"
    text = path.read_text(encoding="utf-8")
    for token, expected in ((CONTENT, 1), (JSONLD_ELEMENT, 1), (DESCRIPTION, 1)):
        if text.count(token) != expected:
            raise ShellError(f"the page shell has {text.count(token)} '{token}', not {expected}: "
                             "the theme's templates changed; see generator/stamp.py")
    if TITLE not in text:
        raise ShellError("the page shell has no title token: the theme's templates changed")
    return text


def stamp(site_dir: Path, pages: list, site_url: str, today: dt.date) -> None:
    """Write every page in `pages` (render.Page objects at depth 2) into site_dir from the shell."""
    shell = _load_shell(site_dir)
    search_docs = []
    for page in pages:
        url = page.url
        out = (shell.replace(CONTENT, page.body())
               .replace(JSONLD_ELEMENT, f'<script type="application/ld+json">{page.jsonld}</script>'
                        if page.jsonld else "")
               .replace(TITLE, html.escape(page.title, quote=False))
               .replace(DESCRIPTION, html.escape(page.description))
               .replace(f"{SHELL}/", url))
        target = site_dir / url / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(out, encoding="utf-8")
        if page.searchable:
            search_docs.append({"location": url, "title": html.escape(page.title, quote=False),
                                "text": html.escape(page.search_text)})
    _remove_shell(site_dir)
    _add_to_search(site_dir, search_docs)
    _add_to_sitemap(site_dir, [page.url for page in pages], site_url, today)


def _remove_shell(site_dir: Path) -> None:
    (site_dir / SHELL / "index.html").unlink()
    (site_dir / SHELL).rmdir()
    (site_dir / SHELL).parent.rmdir()


def _add_to_search(site_dir: Path, docs: list[dict]) -> None:
    path = site_dir / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] += docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _add_to_sitemap(site_dir: Path, urls: list[str], site_url: str, today: dt.date) -> None:
    if not site_url:
        return  # MkDocs writes an empty sitemap without a site_url, and so do we
    path = site_dir / "sitemap.xml"
    entries = "".join(f"    <url>\n         <loc>{html.escape(site_url.rstrip('/') + '/' + url)}</loc>\n"
                      f"         <lastmod>{today.isoformat()}</lastmod>\n    </url>\n" for url in urls)
    text = path.read_text(encoding="utf-8").replace("</urlset>", entries + "</urlset>")
    path.write_text(text, encoding="utf-8")
    (site_dir / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
