"""The maintainer's commands: exit codes and what they print."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_validate_passes_on_the_bundled_data():
    result = run("validate", "--as-of", "2026-11-23", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_validate_prints_every_problem_and_exits_1_without_a_traceback(registry):
    registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh, en]")
    registry.replace("centers.yaml", "town: Pittsfield", "town: Pittsfeld")
    result = run("validate", "--as-of", "2026-11-23", cwd=registry.dir.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith("data/centers.yaml:7:13: centers[0].address.town: 'Pittsfeld'")
    assert lines[1].startswith("data/coaches.yaml:5:17: coaches[0].languages[0]: 'spansh'")
    assert lines[-1] == "2 problem(s) found; nothing was built."
    assert "Traceback" not in result.stderr


def test_github_format_prints_annotations_at_the_failing_line(registry):
    registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh, en]")
    result = run("validate", "--format", "github", "--as-of", "2026-11-23", cwd=registry.dir.parent)
    assert result.stderr.splitlines()[0] == (
        "::error file=data/coaches.yaml,line=5,col=17::coaches[0].languages[0]: 'spansh' is not a language code "
        "(did you mean 'es'?); use ISO 639-1, like 'en' or 'es'")


def test_build_with_bad_data_exits_1_and_writes_no_site(registry):
    registry.replace("coaches.yaml", "masshealth: true", "masshealth: yes")
    result = run("build", "--as-of", "2026-11-23", cwd=registry.dir.parent)
    assert result.returncode == 1
    assert "must be true or false" in result.stderr
    assert not (registry.dir.parent / "site").exists()


def test_build_reports_pages_and_stage_times(registry, tmp_path):
    result = run("build", "--as-of", "2026-11-23", "--site-dir", str(tmp_path / "out"), cwd=registry.dir.parent)
    assert result.returncode == 0, result.stderr
    pages = len(list((tmp_path / "out").rglob("index.html")))
    assert result.stdout.startswith(f"Built {pages} pages into ")
    assert (tmp_path / "out" / "coaches" / "rosa-example" / "index.html").is_file()


def test_serve_shows_a_saved_edit_and_keeps_the_last_good_site_through_a_bad_one(registry, tmp_path):
    """A maintainer's loop: save, reload the page; a broken save is reported and publishes nothing."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(registry.dir), "--site-dir",
                             str(tmp_path / "site"), "--port", str(port), "--as-of", "2026-11-23"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    url = f"http://127.0.0.1:{port}/centers/living-in-recovery-pittsfield/"

    def page_shows(text: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if text in urllib.request.urlopen(url, timeout=5).read().decode():
                    return True
            except OSError:
                pass
            time.sleep(0.2)
        return False

    try:
        registry.replace("centers.yaml", "name: Living in Recovery", "name: Living in Recovery First edit")
        assert page_shows("Living in Recovery First edit")
        registry.replace("coaches.yaml", "languages: [es, en]", "languages: [spansh, en]")
        registry.replace("centers.yaml", "First edit", "Second edit")  # saved with the bad one: not published
        time.sleep(3)
        assert page_shows("Living in Recovery First edit")
        registry.replace("coaches.yaml", "languages: [spansh, en]", "languages: [es, en]")
        assert page_shows("Living in Recovery Second edit")
    finally:
        proc.terminate()
        output = proc.communicate(timeout=10)[0]
    assert "coaches[0].languages[0]: 'spansh' is not a language code" in output


def test_validate_without_a_data_folder_says_so_in_one_line(tmp_path):
    result = run("validate", "--data", "nowhere", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("error: there is no data folder at nowhere; pass --data with the folder that holds "
                             "the registries\n")
