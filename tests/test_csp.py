"""The Content-Security-Policy of every built page allows exactly the inline scripts that page carries, each by its
SHA-256 hash and none by a broader word ('unsafe-inline'), and those scripts are only the site's own templates'
(generator/outputs/csp.py's KNOWN: the theme's, the site's overrides', folium's on the map pages). A script from
anywhere else stops the build, naming the page."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.app.build import BuildError, with_policies
from generator.outputs.csp import KNOWN, MAP_ONLY, TILED, UnknownScript, origin, with_policy


class _Page(HTMLParser):
    """A page's policy, its executable inline scripts, event-handler attributes and script links."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.policy: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.script_links: list[str] = []
        self._inline = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        self.handlers += [f"<{tag} {name}>" for name, _ in attrs if name.startswith("on")]
        self.script_links += [value for name, value in attrs if name in ("href", "src") and value
                              and value.replace(" ", "").lower().startswith("javascript:")]
        if tag == "meta" and values.get("http-equiv") == "Content-Security-Policy":
            directives = [part.split() for part in (values.get("content") or "").split(";") if part.strip()]
            self.policy = {words[0]: words[1:] for words in directives}
        self._inline = tag == "script" and not values.get("src") and "json" not in (values.get("type") or "")
        if self._inline:
            self.scripts.append("")

    def handle_data(self, data):
        if self._inline:
            self.scripts[-1] += data

    def handle_endtag(self, tag):
        self._inline = False


def _sha256(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def pages(bundled_site, preview_site) -> dict[str, _Page]:
    """Every page with a <head> of the public site and of the preview (its coach pages), by path."""
    return {f"{name}:{path.relative_to(site).as_posix()}": _Page(text)
            for name, site in (("public", bundled_site), ("preview", preview_site))
            for path in sorted(Path(site).rglob("*.html")) if "<head>" in (text := path.read_text(encoding="utf-8"))}


@pytest.mark.slow  # parses 5,000 pages (37 s): the whole suite's, not the fast loop's
def test_every_inline_script_of_every_page_is_allowed_by_its_hash_and_every_hash_allows_one(pages):
    wrong = {}
    for rel, page in pages.items():
        allowed = page.policy.get("script-src", [])
        hashes = {word for word in allowed if word.startswith("'sha256-")}
        scripts = {_sha256(body) for body in page.scripts}
        if hashes != scripts or set(allowed) - hashes != {"'self'"}:
            wrong[rel] = {"not allowed": sorted(scripts - hashes), "unused": sorted(hashes - scripts),
                          "other": sorted(set(allowed) - hashes)}
    assert len(pages) > 2000 and wrong == {}


@pytest.mark.slow  # parses 5,000 pages (37 s): the whole suite's, not the fast loop's
def test_no_page_has_an_event_handler_attribute_or_a_javascript_link(pages):
    """A hash allows an inline <script> only: an onclick= or a javascript: link would be refused by the browser."""
    assert {rel: page.handlers + page.script_links for rel, page in pages.items()
            if page.handlers or page.script_links} == {}


@pytest.mark.slow  # parses 5,000 pages (37 s): the whole suite's, not the fast loop's
def test_the_sites_inline_scripts_are_the_known_ones_and_each_known_one_is_still_written(pages):
    """KNOWN lists no script the site no longer writes, and the map's scripts are on the map pages only."""
    found: dict[str, set[str]] = {}
    for rel, page in pages.items():
        for body in page.scripts:
            found.setdefault(origin(body, tiles=rel.endswith(TILED)), set()).add(rel.split(":")[1])
    assert set(found) == set(KNOWN) | set(MAP_ONLY)
    assert {rel.removeprefix("es/").removeprefix("pt/") for name in MAP_ONLY for rel in found[name]} == {TILED}


def test_a_page_with_an_inline_script_no_template_writes_stops_the_build_and_names_the_page():
    page = '<html><head><title>x</title></head><body><script>alert(1)</script></body></html>'
    with pytest.raises(UnknownScript, match=r"an inline script that no template of the site writes: 'alert\(1\)'"):
        with_policy(page)
    with pytest.raises(BuildError, match=r"^centers/x/index\.html: an inline script"):
        with_policies({"centers/x/index.html": page})
    folium = page.replace("alert(1)", "var map_1 = L.map(")
    assert "'sha256-" in with_policy(folium, tiles=True)
    with pytest.raises(UnknownScript):  # the map's script only on the map page
        with_policy(folium)
