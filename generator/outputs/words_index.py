"""The vocabulary behind the search boxes (/api/v1/words.json): what people type and the answer card each entry
gets first (data/words.yaml). assets/words.mjs matches typed text against it before any place is looked for; the
cards are the <template>s of templates/answers.html, one file per language (assets/answers.html).

Its shape is declared once, below, as TypedDicts; `WORDS_SCHEMA` is published as /schema/words-index.schema.json."""

from __future__ import annotations

from typing import Annotated, Literal, TypedDict

from ..labels import DATA_LICENSE
from ..model.records import Site
from . import language_pages
from .find_index import License
from .typed_schema import document_schema

WORDS_PATH = "api/v1/words.json"
SCHEMA_PATH = "schema/words-index.schema.json"


class WordEntry(TypedDict):
    id: str
    answer: Annotated[str, "the answer card: <template id=\"prn-tpl-answer-<answer>\"> in assets/answers.html"]
    words: Annotated[list[str], "what people type, in English, Spanish and Portuguese"]
    page: Annotated[str, "the help-in-your-language page, from a language root (help/<code>/), or empty"]


class WordsIndex(TypedDict):
    """/api/v1/words.json: what the header search and /find/ answer before looking for a place."""

    version: Literal[1]
    words: list[WordEntry]
    license: License


WORDS_SCHEMA = document_schema(WordsIndex, SCHEMA_PATH, "The search vocabulary (api/v1/words.json), version 1")


def help_page(site: Site, language: str | None) -> str:
    """The help-in-your-language page a language's entry leads to: its own page (outputs/language_pages.py) when
    there is one, else the index of those pages (/help/), which lists every language."""
    codes = {spoken.code for spoken in language_pages.load(site.settings.translations_dir).languages}
    return f"help/{language}/" if language in codes else "help/"


def words_index(site: Site) -> WordsIndex:
    licence = License(id=DATA_LICENSE["id"], name=DATA_LICENSE["name"], url=DATA_LICENSE["url"],
                      attribution=DATA_LICENSE["attribution"])
    return WordsIndex(version=1, license=licence, words=[
        WordEntry(id=w.id, answer=w.answer, words=list(w.words),
                  page=help_page(site, w.language) if w.answer == "language" else "")
        for w in site.words])
