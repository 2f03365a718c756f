"""`make bench` says which commit it measured, so a number in bench/README.md can be traced to its code."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))  # bench/run.py imports its neighbour synth.py
_spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run)


def _git(repo, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()


def test_the_results_name_the_measured_commit_and_whether_the_tree_was_dirty(tmp_path):
    _git(tmp_path, "init", "-q")
    (tmp_path / "data.yaml").write_text("coaches: []\n")
    _git(tmp_path, "add", "data.yaml")
    _git(tmp_path, "-c", "user.name=Bench", "-c", "user.email=bench@example.org", "commit", "-qm", "data")
    head = _git(tmp_path, "rev-parse", "HEAD")
    machine = {"cpus": 2, "platform": "Linux", "python": "3.11", "mkdocs": "1.6", "mkdocs-material": "9.8",
               "folium": "0.20"}

    clean = run.source_commit(tmp_path)
    assert clean == {"commit": head, "dirty": False}
    assert f"at commit {head} with `make bench`" in run.header({"date": "2026-11-23", "source": clean,
                                                               "machine": machine})

    (tmp_path / "data.yaml").write_text("coaches: [edited]\n")
    dirty = run.source_commit(tmp_path)
    assert dirty == {"commit": head, "dirty": True}
    assert f"at commit {head} with uncommitted changes" in run.header({"date": "2026-11-23", "source": dirty,
                                                                      "machine": machine})


def test_outside_a_git_checkout_the_commit_is_unknown_rather_than_wrong(tmp_path):
    assert run.source_commit(tmp_path) == {"commit": None, "dirty": None}


def test_the_benchmark_of_this_checkout_records_its_head():
    assert run.source_commit()["commit"] == _git(ROOT, "rev-parse", "HEAD")
