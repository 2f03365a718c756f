"""A centre's data cannot reshape its page (issue 22 item 5): every text field holding the shell's token names,
quotes, markup, a closing </script> and ampersands gives a page with the same elements, head, policy and JSON-LD
shape as plain words do, and the hostile words come back as the visitor's text, not as markup."""

from __future__ import annotations

import json
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.app.build import build
from generator.settings import Settings
from tests.conftest import TODAY, Registry

pytestmark = pytest.mark.slow  # builds two small sites

HOSTILE = ('PRN-SHELL-TITLE PRN-SHELL-DESCRIPTION PRN-SHELL-JSONLD <h1>PRN-SHELL-CONTENT</h1> _shell/page/ '
           '" \' </script> <a & &amp;')  # under the 120 characters a name may have
PLAIN = "Plain words for a test"
PAGE = "centers/living-in-recovery-pittsfield/index.html"


def centre(text: str) -> str:
    quoted = json.dumps(text)
    return textwrap.dedent(f"""\
        centers:
          - id: living-in-recovery-pittsfield
            name: {quoted}
            type: prsc
            host: {quoted}
            funder: {quoted}
            address:
              street: {quoted}
              town: Pittsfield
            phone: "(413) 570-8243"
            website: "https://www.wamc.org/news/PRN-SHELL-TITLE/x?q=%22PRN-SHELL-CONTENT%22"
            hours: {quoted}
            services: [{quoted}]
            eligibility: {quoted}
            virtual: {quoted}
            notes: {quoted}
            conflicts: {quoted}
            verification: sourced
            sources:
              - url: https://www.wamc.org/news/2024-01-15/example
                title: {quoted}
                date: 2024-01-15
                supports: [name, host, funder, street, town, phone, website, hours, services, eligibility, virtual]
            last_verified: 2026-01-01
        """)


class Skeleton(HTMLParser):
    """Every element of a page with its attribute names, and the text of its <title> and JSON-LD."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.texts: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))
        kind = dict(attrs).get("type")
        self._in = "title" if tag == "title" else "jsonld" if kind == "application/ld+json" else None
        if tag == "meta" and dict(attrs).get("http-equiv") == "Content-Security-Policy":
            self.texts["csp"] = dict(attrs)["content"]

    def handle_data(self, data):
        if self._in:
            self.texts[self._in] = self.texts.get(self._in, "") + data

    def handle_endtag(self, tag):
        self._in = None


def built(tmp_path: Path, text: str) -> Skeleton:
    registry = Registry(tmp_path / text[:5].strip() / "data")
    registry.write("centers.yaml", centre(text))
    site = registry.dir.parent / "site"
    build(Settings(data_dir=registry.dir, site_dir=site, today=TODAY, site_url="https://navigator.example/"))
    page = Skeleton()
    page.feed((site / PAGE).read_text(encoding="utf-8"))
    json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> tuple[Skeleton, Skeleton]:
    folder = tmp_path_factory.mktemp("stamp")
    return built(folder, PLAIN), built(folder, HOSTILE)


def test_hostile_text_in_every_field_leaves_the_pages_elements_as_plain_words_leave_them(pages):
    plain, hostile = pages
    assert hostile.tags == plain.tags


def test_the_head_title_and_policy_are_unchanged_and_the_name_comes_back_as_text(pages):
    plain, hostile = pages
    assert hostile.texts["csp"] == plain.texts["csp"]  # no script hash from the data
    assert hostile.texts["title"] == plain.texts["title"].replace(PLAIN, HOSTILE)


def test_the_json_ld_is_one_object_that_gives_the_hostile_name_back_exactly(pages):
    plain, hostile = pages
    data = json.loads(hostile.texts["jsonld"])
    assert data["name"] == HOSTILE
    assert set(data) == set(json.loads(plain.texts["jsonld"]))
