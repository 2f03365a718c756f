"""Read a YAML registry into plain values, keeping the line and column of every value.

Hostile or broken files (unreadable, not UTF-8, too large, invisible control characters, aliases,
duplicate keys, bad syntax) become located problems instead of exceptions.
"""

from __future__ import annotations

import itertools
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, format_path

MAX_BYTES = 8_000_000  # well above a registry 30 times the bundled one (centres: 2.2 MB; make bench builds it)
MAX_INVISIBLE = 10  # invisible characters listed one by one in a file; the rest are counted
# Unicode's default-ignorable code points (DerivedCoreProperties.txt): drawn as nothing, so they can hide inside a
# name or a number: soft hyphen, zero-width space and joiners, bidi marks, word joiner, variation selectors, the
# byte order mark inside a text, fillers, and the tag characters.
IGNORABLE = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2060-\u206f\u3164\ufe00-\ufe0f"
             "\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
# C0 and C1 controls except tab and line feed, a carriage return not ending a line, the Unicode line and paragraph
# separators (YAML counts lines by them, editors mostly do not), the bidi embeddings, overrides and isolates, the
# default-ignorable characters, and the two noncharacters YAML readers refuse
_INVISIBLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e{IGNORABLE}\ufffe\uffff]"
                        "|\r(?!\n)")
_IGNORABLE = re.compile(f"[{IGNORABLE}]")
_CONTROL_NAMES = dict(zip(
    [chr(c) for c in (*range(0x09), *range(0x0b, 0x20), 0x7f, 0x85)],
    ["null", "start of heading", "start of text", "end of text", "end of transmission", "enquiry", "acknowledge",
     "bell", "backspace", "vertical tab", "form feed", "carriage return", "shift out", "shift in",
     "data link escape", "device control one", "device control two", "device control three",
     "device control four", "negative acknowledge", "synchronous idle", "end of transmission block", "cancel",
     "end of medium", "substitute", "escape", "file separator", "group separator", "record separator",
     "unit separator", "delete", "next line"], strict=True))
UNREADABLE = object()  # stands in for a scalar that could not be read; its problem is already reported


@dataclass
class Document:
    """A parsed YAML file: its values and where each one stands."""

    file: str
    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    def mark(self, path: tuple, key: bool = False) -> tuple[int, int]:
        """Line and column of the value (or key) at path, or of its nearest parent."""
        table = self.key_marks if key and path in self.key_marks else self.marks
        while path and path not in table:
            path = path[:-1]
            table = self.marks
        return table.get(path, (1, 1))

    def problem(self, path: tuple, message: str, key: bool = False) -> Problem:
        line, col = self.mark(path, key)
        return Problem(self.file, line, col, format_path(path), message)


class _AliasFound(yaml.MarkedYAMLError):
    pass


class _Loader(yaml.SafeLoader):
    """YAML 1.2-like scalars: only true/false are booleans, no sexagesimal numbers, no aliases.

    Pure Python, so it can stop at the first alias with its position; used to report errors."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasFound(None, None, "anchors and aliases are not allowed; write the value out in full",
                              event.start_mark)
        return super().compose_node(parent, index)


class _FastLoader(getattr(yaml, "CSafeLoader", _Loader)):  # type: ignore[misc]
    """The same scalars, parsed by libyaml (about ten times faster) for files without errors."""


_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _cls in (_Loader, _FastLoader):
    _cls.yaml_implicit_resolvers = {first: list(resolvers) for first, resolvers in _RESOLVERS.items()}
    _cls.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                               list("tTfF"))
    _cls.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"),
                               list("-+0123456789"))
    _cls.add_implicit_resolver("tag:yaml.org,2002:float",
                               re.compile(r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"),
                               list("-+0123456789."))


def parse(text: str):
    """Plain values from YAML text read as the registries are (only true/false are booleans: `on:` is a key)."""
    return yaml.load(text, Loader=_FastLoader)  # noqa: S506 - a safe loader without aliases


def display_name(path: Path) -> str:
    """The path as a maintainer would type it: relative to the working directory when inside it."""
    rel = os.path.relpath(path)
    return str(path) if rel.startswith("..") else rel


def read_text(path: Path) -> tuple[str | None, list[Problem]]:
    """The text of a data file, or None and the problems that make it unsafe to parse: unreadable,
    too large, not UTF-8, or holding invisible characters (each reported at its line and column)."""
    name = display_name(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(name, 1, 1, "", f"the file cannot be read ({err.strerror or err})")]
    if len(raw) > MAX_BYTES:
        return None, [Problem(name, 1, 1, "", f"the file is {len(raw):,} bytes, over the limit of "
                                                f"{MAX_BYTES:,}; split it or check it is the right file")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem(name, line, col, "", f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                                                   "save it with UTF-8 encoding")]
    text = text.removeprefix("\ufeff")
    problems = invisible_characters(name, text)
    return (None if problems else text), problems


def invisible_characters(name: str, text: str) -> list[Problem]:
    """A problem for each control, bidi control or noncharacter in text (the first MAX_INVISIBLE, then a count)."""
    found = _INVISIBLE.finditer(text)
    problems = []
    for match in itertools.islice(found, MAX_INVISIBLE):
        char = match.group()
        if char == "\r":
            what = ("U+000D (carriage return) without a line feed after it is not allowed; "
                    "save the file with Unix (LF) or Windows (CRLF) line endings")
        else:
            what = f"{_describe(char)} is not allowed; delete it; it is invisible"
        problems.append(Problem(name, *_line_col(text, match.start()), "", what))
    rest = [match.start() for match in found]
    if rest:
        problems.append(Problem(name, *_line_col(text, rest[0]), "", f"{len(rest)} more invisible characters "
                                "from here on are not allowed; delete them too"))
    return problems


def _describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"{code} ({unicodedata.name(char).lower()}, a bidi control that can hide text)"
    if char in ("\ufffe", "\uffff"):
        return f"{code} (a noncharacter)"
    if char in ("\u2028", "\u2029"):
        return f"{code} ({unicodedata.name(char).lower()})"
    if _IGNORABLE.fullmatch(char):
        return f"{code} ({unicodedata.name(char, 'a reserved invisible character').lower()})"
    return f"{code} ({_CONTROL_NAMES.get(char, 'a C1 control character')})"


def _line_col(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def load_yaml(path: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file. Returns the document, or None and the problems that stopped it."""
    name = display_name(path)
    text, problems = read_text(path)
    if text is None:
        return None, problems
    loader = _FastLoader(text)
    try:
        return _document(name, loader.get_single_node(), loader)
    except (yaml.YAMLError, _Repeated):
        pass  # report it with the pure-Python loader, which knows where an alias stands
    finally:
        loader.dispose()
    return _load_slowly(name, text)


def _load_slowly(name: str, text: str) -> tuple[Document | None, list[Problem]]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = str(err.problem) if isinstance(err, _AliasFound) else f"YAML syntax error: {err.problem}"
        if err.context and not isinstance(err, _AliasFound):
            what += f" ({err.context})"
        return None, [Problem(name, line, col, "", what)]
    finally:
        loader.dispose()
    return _document(name, node, loader)


def _document(name: str, node: yaml.Node | None, loader) -> tuple[Document, list[Problem]]:
    doc = Document(name, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, loader, problems, set()) if node is not None else None
    return doc, problems


class _Repeated(Exception):
    """libyaml shares one node between an anchor and its aliases: meeting a node twice means an alias."""


def _build(node: yaml.Node, path: tuple, doc: Document, loader, problems: list[Problem], seen: set[int]):
    if id(node) in seen:
        raise _Repeated
    seen.add(id(node))
    doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(doc.file, *key_mark, format_path(path), "a key must be plain text"))
                continue
            key = key_node.value
            if found := _INVISIBLE.search(key):
                problems.append(Problem(doc.file, *key_mark, format_path(path), _escaped(found.group())))
                continue
            if key in result:
                first = doc.key_marks[path + (key,)][0]
                problems.append(Problem(doc.file, *key_mark, format_path(path + (key,)),
                                        f"duplicate key '{key}' (first given at line {first}); keep one"))
                continue
            doc.key_marks[path + (key,)] = key_mark
            result[key] = _build(value_node, path + (key,), doc, loader, problems, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, loader, problems, seen) for i, item in enumerate(node.value)]
    try:
        value = loader.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, TypeError) as err:
        problems.append(doc.problem(path, f"'{node.value}' cannot be read ({_short(err)})"))
        return UNREADABLE
    if isinstance(value, str) and (found := _INVISIBLE.search(value)):
        problems.append(doc.problem(path, _escaped(found.group())))
        return UNREADABLE
    return value


def _escaped(char: str) -> str:
    """The problem of an invisible character written as an escape in a quoted value, such as "\\u202E"."""
    return f"{_describe(char)} is written here as an escape sequence; delete the escape"


def _short(err: Exception) -> str:
    text = getattr(err, "problem", None) or str(err)
    return text.splitlines()[0]
