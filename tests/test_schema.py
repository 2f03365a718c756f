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
    for name in [f"{registry.key}.schema.json" for registry in REGISTRIES] + ["find.schema.json"]:
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


@pytest.mark.parametrize("build", ["bundled_site", "preview_site"])
def test_every_build_s_find_index_follows_its_published_schema(build, request):
    site = request.getfixturevalue(build)
    schema = json.loads((site / "schema" / "find.schema.json").read_text())
    assert schema == json.loads((ROOT / "schema" / "find.schema.json").read_text())  # the one committed
    index = json.loads((site / "api" / "v1" / "find.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    jsonschema.Draft7Validator(schema).validate(index)
    assert index["version"] == 2 and isinstance(index["towns"][0], dict)


def test_the_find_schema_refuses_a_positional_town():
    schema = json.loads((ROOT / "schema" / "find.schema.json").read_text())
    town = schema["properties"]["towns"]["items"]
    errors = list(jsonschema.Draft7Validator(town).iter_errors(["Pittsfield", "pittsfield", 42.45, -73.25]))
    assert errors and "is not of type 'object'" in errors[0].message
