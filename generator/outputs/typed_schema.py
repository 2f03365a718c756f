"""JSON Schema (draft-07) from a TypedDict: the shape of a file the site publishes, declared once in
Python, checked by mypy where the file is built and published for its readers (/schema/)."""

from __future__ import annotations

import types
import typing
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints


def schema_of(kind: Any) -> dict:
    """The JSON Schema of a type: a TypedDict (every key required, no others), list[X], dict[str, X],
    X | None, Literal[...], str, int, float, bool. `Annotated[X, "text"]` adds a description."""
    origin, args = get_origin(kind), get_args(kind)
    if origin is Annotated:
        return {**schema_of(args[0]), "description": args[1]}
    if typing.is_typeddict(kind):
        hints = get_type_hints(kind, include_extras=True)
        out = {"type": "object", "additionalProperties": False, "required": sorted(hints),
               "properties": {name: schema_of(hint) for name, hint in hints.items()}}
        return {"title": kind.__name__, **({"description": kind.__doc__} if kind.__doc__ else {}), **out}
    if origin is list:
        return {"type": "array", "items": schema_of(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": schema_of(args[1])}
    if origin is Literal:
        return {"enum": list(args)}
    if origin in (Union, types.UnionType):
        return {"anyOf": [schema_of(arg) for arg in args]}
    if kind is type(None):
        return {"type": "null"}
    simple = {str: "string", int: "integer", float: "number", bool: "boolean"}
    if kind in simple:
        return {"type": simple[kind]}
    raise TypeError(f"no JSON Schema for {kind!r}")


def document_schema(kind: Any, path: str, title: str) -> dict:
    """The published schema of a whole file at `path` (schema/<name>.schema.json)."""
    return {"$schema": "http://json-schema.org/draft-07/schema#", "$id": path, **schema_of(kind), "title": title}
