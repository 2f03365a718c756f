"""Without a browser the browser tests fail, unless the run opts out; either way the summary says so.
(These tests live outside tests/browser/ so that opting out does not skip them too.)"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.browser.conftest import find_chromium
from tests.conftest import ROOT


def _pytest(tmp_path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PRN_SKIP_BROWSER", "PRN_CHROMIUM", "CI")}
    environ.update(PRN_CHROMIUM=str(tmp_path / "no-chromium-here"), **env)
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/browser/test_maps.py"]
    return subprocess.run(command, cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300)


def test_a_run_without_a_browser_fails_and_says_how_to_get_one(tmp_path):
    run = _pytest(tmp_path)
    assert run.returncode != 0, run.stdout
    summary = re.search(r"^(\d+) browser tests? failed: PRN_CHROMIUM=\S+no-chromium-here is not an executable file; "
                        r"install it .*PRN_SKIP_BROWSER=1$", run.stdout, re.M)
    assert summary, run.stdout
    assert f"{summary[1]} errors" in run.stdout.splitlines()[-1]
    assert "passed" not in run.stdout.splitlines()[-1] and "skipped" not in run.stdout.splitlines()[-1]


def test_a_run_that_opts_out_skips_them_and_counts_them_in_the_summary(tmp_path):
    run = _pytest(tmp_path, PRN_SKIP_BROWSER="1")
    assert run.returncode == 0, run.stdout
    summary = re.search(r"^(\d+) browser tests? skipped: PRN_SKIP_BROWSER=1 \(PRN_CHROMIUM=.* is not an executable",
                        run.stdout, re.M)
    assert summary, run.stdout
    assert run.stdout.splitlines()[-1].startswith(f"{summary[1]} skipped"), run.stdout


def test_chromium_is_found_on_path_under_either_name_or_where_prn_chromium_points(tmp_path, monkeypatch):
    for name in ("chromium", "chromium-browser", "my-chromium"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.delenv("PRN_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_chromium() == (str(tmp_path / "chromium"), "")
    (tmp_path / "chromium").unlink()
    assert find_chromium() == (str(tmp_path / "chromium-browser"), "")
    monkeypatch.setenv("PRN_CHROMIUM", str(tmp_path / "my-chromium"))
    assert find_chromium() == (str(tmp_path / "my-chromium"), "")
    (tmp_path / "chromium-browser").unlink()
    monkeypatch.delenv("PRN_CHROMIUM")
    assert find_chromium() == (None, "chromium not found (neither chromium nor chromium-browser on PATH)")
