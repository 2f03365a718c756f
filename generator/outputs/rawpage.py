"""A Python-Markdown extension: a page whose first line is `<!-- raw-page -->` is already HTML
(rendered and escaped by the generator's templates), so it is passed through whole instead of
being parsed as Markdown. Generated pages use it; hand-written pages are untouched.

Enabled in mkdocs.yml under `markdown_extensions` as `generator.rawpage`."""

from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

MARKER = "<!-- raw-page -->"


class _RawPage(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if not lines or lines[0].strip() != MARKER:
            return lines
        return [self.md.htmlStash.store("\n".join(lines[1:]))]


class RawPageExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # After whitespace normalisation (30, which strips stash markers) and before the raw-HTML
        # block scanner (20), so the page is stashed whole instead of being scanned tag by tag.
        md.preprocessors.register(_RawPage(md), "prn_raw_page", 25)


def makeExtension(**kwargs) -> RawPageExtension:
    return RawPageExtension(**kwargs)
