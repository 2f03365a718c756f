"""The hand-written pages of content/ in each language: English as it is; another language's page
from `translations/<lang>/<path>.md` (front matter `reviewed:` and `source_hash:`), or the English
page marked as a fallback when there is no translation yet. Read here, written by app/build.py."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def source_hash(path: Path) -> str:
    """The hash a translation records of the English page it was translated from."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def recorded_hash(text: str) -> str:
    """A translation's source_hash, read as text (YAML would read 614503230258 as a number)."""
    match = re.search(r"""^source_hash:[ \t]*["']?([0-9a-f]+)["']?[ \t]*$""", text.split("\n---", 1)[0], re.M)
    return match.group(1) if match else ""


def front_matter(text: str) -> dict:
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---", 4)
    try:
        data = yaml.load(text[4:end], Loader=_FAST) if end > 0 else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def mark_fallback(text: str) -> str:
    """An English page shown in place of a missing translation: flagged for the theme (main.html)."""
    if text.startswith("---\n"):
        return "---\nfallback: true\n" + text[4:]
    return "---\nfallback: true\n---\n" + text


MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def english_only_links(text: str, page: Path, content: Path) -> str:
    """Markdown links from a page of another language to files only the English site has (the
    exports under api/ and schema/) become links to the English files: the other languages' builds
    have no copy of them."""
    depth = len(page.parts) - (1 if page.name == "index.md" else 0)
    up = "../" * (depth + 1)

    def fix(match: re.Match) -> str:
        label, target = match.groups()
        path = target.split("#")[0]
        if not path or re.match(r"[a-z]+:", target) or path.endswith((".md", "/")):
            return match.group(0)
        resolved = (page.parent / path).as_posix()
        if (content / resolved).exists():
            return match.group(0)
        parts: list[str] = []
        for part in resolved.split("/"):
            if part == "..":
                parts.pop()
            elif part != ".":
                parts.append(part)
        return f'<a href="{up}{"/".join(parts)}">{label}</a>'

    return MD_LINK.sub(fix, text)


def content_files(code: str, content: Path, folder: Path) -> dict[str, str | bytes]:
    """The hand-written pages of one language, by path: content/ for English; otherwise each page's
    translation, or the English page marked as a fallback. Assets come along, except the vendored
    map libraries, which only the English /map/ page uses."""
    files: dict[str, str | bytes] = {}
    for source in sorted(content.rglob("*")):
        rel = source.relative_to(content)
        if source.is_dir() or (code != "en" and rel.parts[:2] == ("assets", "vendor")):
            continue
        if code == "en" or source.suffix != ".md":
            files[rel.as_posix()] = source.read_bytes()
            continue
        translated = folder / code / rel
        text = translated.read_text(encoding="utf-8") if translated.is_file() else \
            mark_fallback(source.read_text(encoding="utf-8"))
        files[rel.as_posix()] = english_only_links(text, rel, content)
    return files
