"""Every internal link and anchor of the built site resolves, and every page carries its CSP."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.csp = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag in ("script", "img", "iframe") and attrs.get("src"):
            self.links.append(attrs["src"])
        if tag == "link" and attrs.get("href") and attrs.get("rel") in ("stylesheet", "icon", "canonical"):
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("http-equiv") == "Content-Security-Policy":
            self.csp = True


pytestmark = pytest.mark.slow  # parses every page of the site and follows every link


@pytest.fixture(scope="module")
def parsed(bundled_site):
    site = bundled_site
    pages = {}
    for path in site.rglob("*.html"):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path] = page
    return site, pages


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "sms:")):
        return None, ""
    base = site if parts.path.startswith("/") else page.parent
    path = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else page
    if path.is_dir() or (parts.path.endswith("/") and not path.exists()):
        path = path / "index.html"
    return path, parts.fragment


def test_every_internal_link_and_anchor_resolves(parsed):
    site, pages = parsed
    broken = []
    for page, parsed_page in pages.items():
        for href in parsed_page.links:
            target, fragment = _target(site, page, href)
            if target is None:
                continue
            if not target.exists():
                broken.append(f"{page.relative_to(site)}: {href}")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids \
                    and target.parent.name != "map":  # a map's #lat,lon,zoom is a view, not an anchor
                broken.append(f"{page.relative_to(site)}: {href} (no such anchor)")
    assert broken[:20] == [] and len(broken) == 0


def test_every_page_has_a_content_security_policy(parsed):
    site, pages = parsed
    assert [str(p.relative_to(site)) for p, page in pages.items() if not page.csp and "<head>" in p.read_text()] == []
