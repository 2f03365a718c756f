"""CONTRIBUTING.md tells volunteers the same field rules the validator applies."""

from __future__ import annotations

from generator.registry.fieldref import END, START, field_reference, how_to_write, with_reference
from generator.registry.schema import REGISTRIES, REGISTRY
from tests.conftest import ROOT


def test_the_committed_field_reference_is_up_to_date():
    text = (ROOT / "CONTRIBUTING.md").read_text()
    assert with_reference(text) == text, "CONTRIBUTING.md's field reference is out of date: run `make schema`"


def test_every_registry_file_and_nested_field_is_documented():
    reference = field_reference()
    for registry in REGISTRIES:
        assert f"### `data/{registry.file}`" in reference
    assert "| `address.town` | yes | one of the 351 Massachusetts cities and towns |" in reference
    assert "| `sites[].name` | yes | text, up to 120 characters |" in reference


def test_fields_say_how_to_write_them():
    center = REGISTRY["centers"].record.fields
    assert how_to_write(center["type"].kind) == "one of: `prsc`, `rlc`, `program`"
    assert how_to_write(center["languages"].kind) == "list, each: language code (ISO 639-1), like `en` or `es`"
    assert how_to_write(center["location"].kind.fields["lat"].kind) == "number from 41.18 to 42.89"


def test_regenerating_replaces_only_the_marked_section():
    text = f"intro\n{START}\nold table\n{END}\noutro\n"
    assert with_reference(text) == f"intro\n{START}\n\n{field_reference()}\n{END}\noutro\n"
