"""The browser modules' pure functions under Node's own test runner (tests/js/, no dependency)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT


def test_the_places_module_passes_its_node_tests():
    node = shutil.which("node")
    assert node, "Node.js is needed for the JS unit tests (tests/js/)"
    run = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHON": sys.executable}, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
