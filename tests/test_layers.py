"""The package's layers import only downwards, and no module imports itself round a cycle.

registry (the data files and their rules) -> model (typed records, the Site) -> outputs (pages,
exports, translations) -> app (build, serve, CLI: the only layer with side effects). `labels` and
`settings` sit below them all and import nothing of ours. Every import counts, including those
inside functions."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
ORDER = {"labels": 0, "settings": 0, "registry": 1, "model": 2, "outputs": 3, "app": 4, "__main__": 5,
         "__init__": 5}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer(module: str) -> int:
    parts = module.split(".")
    return ORDER["__init__"] if len(parts) == 1 else ORDER[parts[1]]


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import of our own modules in the file, wherever it stands."""
    here = module_name(path).split(".")
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(package[:len(package) - node.level + 1]) if node.level else ""
            target = ".".join(part for part in (base, node.module or "") if part)
            names = [f"{target}.{alias.name}" for alias in node.names]
            found += [(node.lineno, name if _is_module(name) else target) for name in names]
    return [(line, name) for line, name in found if name.split(".")[0] == "generator"]


def _is_module(name: str) -> bool:
    path = PACKAGE.parent.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
EDGES = {name: imports(path) for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_module_imports_only_its_own_layer_or_those_below(name):
    wrong = [f"{MODULES[name].relative_to(PACKAGE.parent)}:{line}: imports {target}"
             for line, target in EDGES[name] if layer(target) > layer(name)]
    assert not wrong, "upward imports:\n" + "\n".join(wrong)


def test_labels_and_settings_import_nothing_of_ours():
    assert EDGES["generator.labels"] == [] and EDGES["generator.settings"] == []


def test_no_import_cycle():
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name] = "open"
        path.append(name)
        for _line, target in EDGES.get(name, []):
            target = target if target in MODULES else target.rsplit(".", 1)[0]
            if state.get(target) == "open":
                return path[path.index(target):] + [target]
            if target in MODULES and target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        state[name] = "done"
        path.pop()
        return None

    for name in MODULES:
        if name not in state:
            cycle = visit(name)
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_the_rule_sees_an_upward_import_inside_a_function(tmp_path, monkeypatch):
    """The checker itself: an import hidden in a function body still counts."""
    fake = PACKAGE / "registry" / "fields.py"
    source = "def f():\n    from ..outputs.render import pages\n"
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source if self == fake else "")
    assert imports(fake) == [(2, "generator.outputs.render")]
    assert layer("generator.outputs.render") > layer(module_name(fake))
