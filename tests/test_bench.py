"""`make bench` says which commit it measured, so a number in bench/README.md can be traced to its code."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

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


# ---- Lighthouse (bench/lighthouse.py): a benchmark, so only its wiring is tested here -----------------

lighthouse = sys.modules["lighthouse"]


def _get(url: str, gzip_ok: bool) -> tuple[dict, bytes]:
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


def test_the_bench_server_gzips_text_as_github_pages_does(tmp_path):
    import gzip

    page = "<!doctype html><title>x</title>" + "<p>peer recovery</p>" * 200
    (tmp_path / "find").mkdir()
    (tmp_path / "find" / "index.html").write_text(page)
    (tmp_path / "site.css").write_text("body { margin: 0 }\n" * 50)
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with lighthouse.serve(tmp_path) as base:
        headers, body = _get(base + "find/", gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body).decode() == page
        assert int(headers["Content-Length"]) == len(body) < len(page) / 5
        headers, body = _get(base + "site.css", gzip_ok=True)
        assert headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "text/css"
        headers, body = _get(base + "logo.png", gzip_ok=True)  # images go as they are
        assert "Content-Encoding" not in headers and body.startswith(b"\x89PNG")
        headers, body = _get(base + "find/", gzip_ok=False)
        assert "Content-Encoding" not in headers and body.decode() == page
        headers, body = _get(base + "find", gzip_ok=True)  # followed redirect to find/
        assert gzip.decompress(body).decode() == page


def test_make_bench_runs_the_pinned_lighthouse_in_headless_debian_chromium(tmp_path):
    import json

    lock = json.loads((ROOT / "bench" / "package-lock.json").read_text())
    assert lighthouse.VERSION == "12.2.3" == lock["packages"]["node_modules/lighthouse"]["version"]
    makefile = (ROOT / "Makefile").read_text()
    assert "bench: $(STAMP) $(LIGHTHOUSE)" in makefile and "npm ci --prefix bench" in makefile
    cmd = lighthouse.command("http://127.0.0.1:1/plan/", tmp_path / "r.json")
    assert cmd[:2] == ["node", str(ROOT / "bench" / "node_modules" / "lighthouse" / "cli" / "index.js")]
    assert "--chrome-flags=--headless=new --no-sandbox --disable-gpu" in cmd and "--preset=desktop" not in cmd
    assert "--preset=desktop" in lighthouse.command("http://127.0.0.1:1/", tmp_path / "r.json", "desktop")
    assert set(lighthouse.PAGES) == {"home", "find", "plan", "town", "centre", "coach", "es home"}


def test_a_page_s_row_is_the_median_of_its_runs_and_keeps_every_failed_audit():
    runs = [{"performance": 97, "accessibility": 100, "cls": 0, "lcp_s": 1.5, "tbt_ms": tbt, "fcp_s": 1.2,
             "failed_a11y": failed, "benchmark_index": index}
            for tbt, failed, index in [(210, [], 1200), (90, ["color-contrast"], 1700), (120, [], 1500)]]
    row = lighthouse.median_run(runs)
    assert row["tbt_ms"] == 120 and row["benchmark_index"] == 1500 and row["tbt_runs"] == [90, 120, 210]
    assert row["failed_a11y"] == ["color-contrast"]


def test_the_readme_table_shows_each_page_and_the_budgets_it_misses():
    page = {"path": "/plan/", "performance": 91, "accessibility": 100, "cls": 0.26, "lcp_s": 2.1, "tbt_ms": 90,
            "fcp_s": 1.2, "failed_a11y": [], "benchmark_index": 900, "tbt_runs": [60, 90, 160]}
    page["misses"] = lighthouse.misses(page)
    assert page["misses"] == ["performance 91 < 95", "cls 0.26 > 0.02"]
    rows = lighthouse.table({"plan, phone": page,
                             "coach, phone": {"skipped": "the public build lists no coach profile"}})
    assert rows[2] == ("| plan, phone (`/plan/`) | 91 | 100 | 0.26 | 2.1 | 90 (60, 90, 160) | 1.2 | 900 | "
                       "performance 91 < 95; cls 0.26 > 0.02 |")
    assert rows[3].startswith("| coach, phone | - |") and "not measured: the public build lists no coach" in rows[3]


@pytest.mark.slow  # validates 1,530 centres
def test_the_synthetic_registry_is_valid_data_of_the_scale_asked(tmp_path):
    """A data file the bundled data gained (words.yaml) and the synthetic copy lacked stopped `make bench` at its
    first build, and the 30x centres outgrew the loader's file limit: every file but the scaled ones is copied as it
    is, and the largest scale is valid data."""
    from synth import make_registry

    from generator.registry.places import load_places
    from generator.registry.validate import validate
    from tests.conftest import TODAY
    counts = make_registry(30, tmp_path)  # the largest scale make bench builds
    registries = validate(tmp_path, load_places(tmp_path), TODAY)
    assert counts == {"centers": 30 * 51, "coaches": 30 * 17}
    assert len(registries.centers) == counts["centers"]
