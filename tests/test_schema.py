"""One declaration drives the validator and the JSON Schemas editors use; they must agree."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from generator.app.cli import write_schemas
from generator.registry.schema import REGISTRIES
from tests.conftest import DATA, ROOT


def test_committed_schemas_match_the_declarations(tmp_path):
    write_schemas(tmp_path)
    for registry in REGISTRIES:
        name = f"{registry.key}.schema.json"
        assert (ROOT / "schema" / name).read_text() == (tmp_path / name).read_text(), \
            f"schema/{name} is out of date: run `make schema`"


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.key)
def test_each_yaml_file_points_editors_at_its_schema(registry):
    first_line = (DATA / registry.file).read_text().splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema=../schema/{registry.key}.schema.json"


@pytest.mark.parametrize("registry", REGISTRIES, ids=lambda r: r.key)
def test_the_bundled_data_passes_its_json_schema(registry):
    data = json.loads(json.dumps(yaml.safe_load((DATA / registry.file).read_text()), default=str))
    jsonschema.Draft7Validator(registry.schema(), format_checker=jsonschema.FormatChecker()).validate(data)


def test_the_json_schema_rejects_what_the_validator_rejects():
    schema = next(r for r in REGISTRIES if r.key == "centers").schema()
    validator = jsonschema.Draft7Validator(schema)
    bad = {"centers": [{"id": "x", "name": "X", "type": "prsc", "verification": "sourced",
                        "website": "javascript:alert(1)",
                        "sources": [{"url": "https://example.org/", "title": "Example", "date": "2026"}],
                        "last_verified": "2026-01-01", "colour": "red"}]}
    messages = sorted(e.message for e in validator.iter_errors(bad))
    assert any("'javascript:alert(1)' does not match" in m for m in messages)
    assert any("'colour' was unexpected" in m for m in messages)
