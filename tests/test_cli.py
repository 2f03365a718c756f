"""The maintainer's commands: exit codes and what they print."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from generator.app.build import BuildError
from generator.app.cli import main
from tests.conftest import ROOT


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_validate_passes_on_the_bundled_data():
    result = run("validate", "--as-of", "2026-11-30", cwd=ROOT)
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


def test_a_value_from_the_data_cannot_end_an_annotation_or_start_a_new_command():
    """A carriage return alone ends a workflow command on the runner, as a line feed does."""
    from generator.registry.problems import Problem

    problem = Problem("data/a:b,c.yaml", 3, 1, "centers[0].name", "'x\r::warning::y\n%0A' is not allowed")
    assert problem.github() == ("::error file=data/a%3Ab%2Cc.yaml,line=3,col=1::centers[0].name: "
                                "'x%0D::warning::y%0A%250A' is not allowed")


def test_build_with_bad_data_exits_1_and_writes_no_site(registry):
    registry.replace("coaches.yaml", "masshealth: true", "masshealth: yes")
    result = run("build", "--as-of", "2026-11-23", cwd=registry.dir.parent)
    assert result.returncode == 1
    assert "must be true or false" in result.stderr
    assert not (registry.dir.parent / "site").exists()


@pytest.mark.slow  # builds a site of its own
def test_build_reports_pages_and_stage_times(registry, tmp_path):
    result = run("build", "--as-of", "2026-11-23", "--site-dir", str(tmp_path / "out"), "--examples",
                 cwd=registry.dir.parent)
    assert result.returncode == 0, result.stderr
    pages = len(list((tmp_path / "out").rglob("index.html")))
    assert result.stdout.startswith(f"Built {pages} pages into ")
    # --examples: the fictional coach is built, under the preview ribbon (the default build is tested on
    # the bundled site: tests/test_coaches.py)
    rosa = (tmp_path / "out" / "coaches" / "rosa-example" / "index.html").read_text()
    assert "Preview with example coaches — not the public site" in rosa


@pytest.mark.slow  # builds, then rebuilds on each edit
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


def one_error_line(capsys) -> str:
    """What a command printed on a fault: exactly one line, 'error: …', and no traceback."""
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert len(err.splitlines()) == 1 and err.startswith("error: "), err
    return err.rstrip("\n")


@pytest.mark.parametrize("command", ["build", "serve", "validate", "report"])
def test_a_missing_data_folder_is_one_line(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main([command, "--data", "nowhere"]) == 1
    assert one_error_line(capsys) == "error: cannot open the data folder (nowhere): there is no such folder"


@pytest.mark.parametrize("command", ["build", "validate", "report"])
def test_a_missing_gazetteer_file_fails_without_a_traceback(command, registry, capsys):
    (registry.dir / "places.yaml").unlink()
    assert main([command, "--data", "data", "--as-of", "2026-11-23"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "places.yaml" in err
    assert not (registry.dir.parent / "site").exists()


def test_a_data_file_the_system_refuses_is_one_line(registry, monkeypatch, capsys):
    from generator.app import cli

    def refused(data_dir, *args):
        raise PermissionError(13, "Permission denied", str(data_dir / "coaches.yaml"))

    monkeypatch.setattr(cli, "validate", refused)
    assert main(["validate", "--data", "data"]) == 1
    assert one_error_line(capsys) == "error: cannot open the data file (data/coaches.yaml): Permission denied"


def test_a_site_folder_that_cannot_be_made_is_one_line(registry, tmp_path, capsys):
    (tmp_path / "afile").write_text("")
    assert main(["build", "--data", "data", "--as-of", "2026-11-23", "--site-dir", "afile/site"]) == 1
    assert one_error_line(capsys) == (f"error: cannot write the site folder (afile/site): {tmp_path / 'afile'} is a "
                                      "file; the existing site was left as it was.")


def test_a_bug_in_a_language_prints_one_line_then_the_traceback_of_its_process(registry, monkeypatch, capsys):
    from generator.app import cli

    trace = "Traceback (most recent call last):\n  File \"build.py\", line 1, in run\nKeyError: 'track_ids'\n"

    def failing_build(settings):
        raise BuildError("the Spanish (es) build failed: KeyError: 'track_ids'", trace)

    monkeypatch.setattr(cli, "build", failing_build)
    assert main(["build", "--data", "data"]) == 1
    assert capsys.readouterr().err == ("error: the Spanish (es) build failed: KeyError: 'track_ids'; the existing "
                                       "site was left as it was.\n" + trace)


def test_build_takes_the_site_and_repository_addresses_from_the_environment(monkeypatch):
    """What the deploy workflow and `make site` rely on; a flag still wins over the environment."""
    from generator.app.cli import _parser, settings_from
    monkeypatch.setenv("SITE_URL", "https://example.org/prn/")
    monkeypatch.setenv("REPO_URL", "https://github.com/example/prn")
    settings = settings_from(_parser().parse_args(["build"]))
    assert (settings.site_url, settings.repo_url) == ("https://example.org/prn/", "https://github.com/example/prn")
    flagged = settings_from(_parser().parse_args(["build", "--site-url", "https://other.example/"]))
    assert flagged.site_url == "https://other.example/"


def test_every_command_has_a_handler_and_a_line_in_the_readme():
    import argparse
    import re

    from generator.app.cli import COMMANDS, _parser

    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert set(COMMANDS) == set(commands)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^python -m generator (\w+)", readme, re.M)) == set(COMMANDS)


def test_the_commands_take_their_defaults_from_settings(monkeypatch):
    """--data, --site-dir and --as-of are declared once, in Settings."""
    import datetime as dt

    from generator.app.cli import _parser, settings_from
    from generator.settings import Settings

    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.delenv("REPO_URL", raising=False)
    for command in ("build", "serve", "validate", "report", "ids"):
        settings = settings_from(_parser().parse_args([command]))
        assert settings == Settings(today=settings.today)
        assert settings.today == dt.date.today()
    given = settings_from(_parser().parse_args(["build", "--data", "d", "--site-dir", "s", "--as-of", "2026-01-02"]))
    assert (str(given.data_dir), str(given.site_dir), given.today) == ("d", "s", dt.date(2026, 1, 2))


@pytest.mark.slow  # builds a site of its own
def test_a_second_build_into_the_same_folder_stops_at_once_and_the_first_is_untouched(registry, tmp_path):
    import fcntl

    from generator.app.build import lock_path

    site = tmp_path / "site"
    with lock_path(site).open("a+") as lock:  # as a build in another terminal holds it
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.write("4242")
        lock.flush()
        result = run("build", "--data", str(registry.dir), "--site-dir", str(site), "--as-of", "2026-11-23",
                     cwd=ROOT)
    assert result.returncode == 1
    assert result.stderr == (f"error: another build into {site} is running (process 4242); wait for it to finish, "
                             "or stop it; the existing site was left as it was.\n")
    assert not site.exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []
    assert run("build", "--data", str(registry.dir), "--site-dir", str(site), "--as-of", "2026-11-23",
               cwd=ROOT).returncode == 0  # the lock goes with the process that held it


@pytest.mark.slow  # builds a site of its own
def _ctrl_c_heard() -> None:
    """A terminal's Ctrl+C reaches the command, even when the tests run as a background job (whose shell starts
    them, and so every command they start, with Ctrl+C ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("when", ["while it builds", "while it serves"])
def test_ctrl_c_stops_serve_without_a_traceback_or_folders_left_behind(registry, tmp_path, when):
    import socket
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(registry.dir), "--site-dir",
                             str(tmp_path / "site"), "--port", str(port), "--as-of", "2026-11-23"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                            preexec_fn=_ctrl_c_heard)
    try:
        if when == "while it builds":
            deadline = time.monotonic() + 300  # a loaded machine takes a while to reach the build
            while not list(tmp_path.glob(".site-build-*")) and time.monotonic() < deadline:
                time.sleep(0.05)
            assert list(tmp_path.glob(".site-build-*")), "the build never started"
        else:
            assert proc.stdout is not None
            while "Serving http" not in proc.stdout.readline():
                assert proc.poll() is None
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=300)[0]
    finally:  # a serve that did not stop would go on watching and serving after the tests
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert "Traceback" not in output
    assert proc.returncode == (130 if when == "while it builds" else 0)
    assert "stopped" in output
    time.sleep(1)  # a language's process may still be ending
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []
