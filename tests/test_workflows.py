"""The GitHub workflows a maintainer relies on: linted by actionlint, free of zizmor's medium and high
findings, actions pinned by commit SHA, and each one doing its job (annotations on pull requests, Pages
deploys, the weekly report, approved requests turned into pull requests or comments)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.app.intake import STATEWIDE
from generator.labels import MODES, SPECIALTIES
from tests.conftest import DATA, ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def zizmor(folder: Path) -> subprocess.CompletedProcess:
    binary = Path(sys.executable).parent / "zizmor"
    binary = str(binary) if binary.exists() else shutil.which("zizmor")
    assert binary, "zizmor is missing: install the test extras (make install)"
    return subprocess.run([binary, "--offline", "--pedantic", "--no-progress", str(folder)],
                          cwd=ROOT, capture_output=True, text=True)


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    binary = Path(sys.executable).parent / "actionlint"
    binary = str(binary) if binary.exists() else shutil.which("actionlint")
    assert binary, "actionlint is missing: install the test extras (make install)"
    return subprocess.run([binary, "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text())
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(data: dict) -> list[str]:
    return [step.get("run", "") for job in data["jobs"].values() for step in job.get("steps", [])]


def test_actionlint_finds_nothing_in_the_workflows():
    assert {p.name for p in WORKFLOWS} == {"pr.yml", "deploy.yml", "weekly.yml", "intake.yml"}
    result = actionlint(*WORKFLOWS)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_actionlint_would_catch_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt.number }}\n")
    result = actionlint(broken)
    assert result.returncode == 1
    assert "evnt" in result.stdout


def test_zizmor_pedantic_finds_nothing():
    result = zizmor(ROOT / ".github")
    assert result.returncode == 0, result.stdout
    assert "No findings to report" in result.stdout


def test_zizmor_would_catch_issue_text_in_a_script(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text("on: issues\npermissions: {}\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                                    "    steps:\n      - run: echo \"${{ github.event.issue.title }}\"\n")
    result = zizmor(folder)
    assert result.returncode != 0
    assert "template-injection" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_by_commit_sha_with_its_version(path):
    uses = re.findall(r"uses:\s*(.+)", path.read_text())
    assert uses
    assert [u for u in uses if not (u.startswith("./") or PINNED.match(u.strip()))] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_limits_concurrency_and_permissions(path):
    data = workflow(path.name)
    assert "group" in data["concurrency"]
    assert data["permissions"] == {"contents": "read"}


def test_pull_requests_get_annotations_tests_a_strict_build_and_the_site_as_an_artifact():
    data = workflow("pr.yml")
    assert "pull_request" in data["on"]
    commands = runs(data)
    assert ".venv/bin/python -m generator validate --format github" in commands
    assert "make test" in commands
    assert any("generator build" in c for c in commands)
    steps = data["jobs"]["check"]["steps"]
    assert steps[-1]["uses"].startswith("actions/upload-artifact@") and steps[-1]["with"]["path"] == "site/"
    assert next(s for s in steps if "setup-python" in s.get("uses", ""))["with"]["python-version"] == "3.11"


def test_main_is_deployed_to_pages_with_the_pages_permissions_only_where_needed():
    data = workflow("deploy.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    deploy = data["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in data["jobs"]["build"]["steps"])


def test_the_deploy_builds_with_the_pages_address_and_the_repository():
    """Without SITE_URL the sitemaps are empty and citations have no domain; without REPO_URL no page
    offers "report a problem". configure-pages runs first so its base_url can reach the build."""
    steps = workflow("deploy.yml")["jobs"]["build"]["steps"]
    pages = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/configure-pages@"))
    build = next(i for i, s in enumerate(steps) if "generator build" in s.get("run", ""))
    assert pages < build
    assert steps[build]["env"] == {
        "SITE_URL": f"${{{{ steps.{steps[pages]['id']}.outputs.base_url }}}}",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}"}
    assert "${{" not in steps[build]["run"]


def test_a_weekly_run_rebuilds_and_writes_the_data_report_to_the_summary():
    data = workflow("weekly.yml")
    assert data["on"]["schedule"][0]["cron"].endswith("* * 1")
    assert '.venv/bin/python -m generator report --format markdown >> "$GITHUB_STEP_SUMMARY"' in runs(data)
    assert data["jobs"]["deploy"]["uses"] == "./.github/workflows/deploy.yml"
    assert "workflow_call" in workflow("deploy.yml")["on"]


def form(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / name).read_text())
    return {item["id"]: item for item in data["body"] if "id" in item}


def test_the_listing_form_asks_for_the_listing_the_new_values_and_a_dated_source():
    fields = form("listing.yml")
    assert list(fields) == ["listing", "problem", "name", "street", "town", "zip", "phone", "hours", "website",
                            "notes", "source", "source-title", "source-date", "from-organisation"]
    assert [k for k, f in fields.items() if f.get("validations", {}).get("required")] == [
        "listing", "problem", "source", "from-organisation"]


def test_the_coach_form_requires_all_three_consents_and_offers_exactly_the_schema_choices():
    fields = form("coach-listing.yml")
    consent = fields["consent"]["attributes"]["options"]
    assert len(consent) == 3 and all(o["required"] for o in consent)
    labels = {key: [o["label"] for o in f["attributes"]["options"]] for key, f in fields.items()
              if f["type"] == "checkboxes"}
    assert labels["modes"] == list(MODES.values())
    assert labels["specialties"] == list(SPECIALTIES.values())
    assert labels["tracks"] == [t["name"] for t in yaml.safe_load((DATA / "tracks.yaml").read_text())["tracks"]]
    regions = yaml.safe_load((DATA / "places.yaml").read_text())["regions"]
    assert labels["regions"] == [r["name"] for r in regions.values()] + [STATEWIDE]


def test_the_removal_form_asks_which_listing_and_for_confirmation():
    fields = form("coach-removal.yml")
    assert list(fields) == ["listing", "confirm"]
    assert fields["confirm"]["attributes"]["options"][0]["required"]


def test_an_approval_label_on_a_request_turns_it_into_a_pull_request_or_a_comment():
    data = workflow("intake.yml")
    assert data["on"] == {"issues": {"types": ["labeled"]}}
    convert, pr, comment = (data["jobs"][k] for k in ("convert", "pull-request", "comment"))
    assert "github.event.label.name == 'approved'" in convert["if"]
    assert all(f"'{label}'" in convert["if"] for label in ("listing", "coach-listing", "coach-removal"))
    assert convert["permissions"] == {"contents": "read", "issues": "read"}
    assert pr["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    assert comment["permissions"] == {"issues": "write"}
    assert (pr["if"], comment["if"]) == ("needs.convert.outputs.result == 'change'",
                                         "needs.convert.outputs.result == 'problems'")
    step = next(s for s in convert["steps"] if s.get("id") == "intake")
    assert step["env"]["BODY"] == "${{ github.event.issue.body }}"
    assert step["env"]["REQUESTER"] == "${{ github.event.issue.user.login }}"
    assert {"--requester", "--body-updated-at", "--last-review-at"} <= set(re.findall(r"--[a-z-]+", step["run"]))
    assert any('--body-file "$out/notice.md"' in run for run in runs(data))  # an edit after review: a comment too
    assert all("${{" not in run for run in runs(data))  # issue text reaches scripts only through env
    assert any('branch="intake/issue-$NUMBER"' in run for run in runs(data))


def test_pre_commit_runs_the_validator():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert [(h["entry"], h["pass_filenames"]) for h in hooks] == [("make validate", False)]


def _requirements(name: str) -> dict[str, tuple[str, int]]:
    """A hash-locked requirements file: {normalised name: (version, number of hashes)}."""
    from packaging.utils import canonicalize_name

    pins: dict[str, tuple[str, int]] = {}
    for entry in re.split(r"\n(?=\S)", (ROOT / "requirements" / name).read_text()):
        found = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", entry)
        if found:
            pins[canonicalize_name(found[1])] = (found[2], entry.count("--hash=sha256:"))
    return pins


@pytest.mark.parametrize(("lock", "extras"), [("runtime.txt", ()), ("test.txt", ("test",))])
def test_the_locked_requirements_satisfy_pyproject_and_every_package_has_its_hashes(lock, extras):
    """A dependency added to pyproject.toml without `make lock` fails here, naming it."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    wanted = [Requirement(r) for r in project["project"]["dependencies"]]
    wanted += [Requirement(r) for extra in extras for r in project["project"]["optional-dependencies"][extra]]
    wanted += [Requirement(r) for r in project["build-system"]["requires"]]
    pins = _requirements(lock)
    assert pins and all(hashes for _, hashes in pins.values()), "a pinned package has no hash"
    missing = [str(r) for r in wanted if canonicalize_name(r.name) not in pins
               or pins[canonicalize_name(r.name)][0] not in r.specifier]
    assert missing == [], f"not locked as pyproject.toml asks: {missing}; run `make lock`"


def test_the_runtime_and_test_locks_agree_on_every_shared_package():
    runtime, test = _requirements("runtime.txt"), _requirements("test.txt")
    assert {name: runtime[name][0] for name in runtime} == {name: test[name][0] for name in runtime}


def _makefile_recipe(target: str) -> list[str]:
    lines = (ROOT / "Makefile").read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{target}:"))
    recipe = []
    for line in lines[start + 1:]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip())
    return recipe


def test_make_installs_every_python_package_from_a_hash_locked_list():
    variables = dict(re.findall(r"^(PIP_\w+) := (.+)$", (ROOT / "Makefile").read_text(), re.M))
    assert "--require-hashes" in variables["PIP_LOCKED"] and "--no-deps" in variables["PIP_LOCKED"]
    # The project itself goes in without fetching anything: no dependencies, no isolated build environment.
    assert {"--no-deps", "--no-build-isolation"} <= set(variables["PIP_PROJECT"].split())
    for target, lock in (("$(STAMP)", "test.txt"), ("$(RUNTIME_STAMP)", "runtime.txt")):
        pips = [line for line in _makefile_recipe(target) if "pip" in line.lower()]
        assert pips == ["$(PIP_LOCKED) -r requirements/" + lock, "$(PIP_PROJECT)"], target


@pytest.mark.parametrize(("name", "target"), [("pr.yml", "make install"), ("deploy.yml", "make install-runtime"),
                                              ("weekly.yml", "make install-runtime"),
                                              ("intake.yml", "make install-runtime")])
def test_workflows_install_through_the_hash_locked_make_targets_and_publishing_ones_without_test_tools(name, target):
    installs = [run for run in runs(workflow(name)) if "install" in run]
    assert installs == [target]
    assert all("pip " not in run for run in runs(workflow(name)))


def test_the_pins_are_kept_current_and_phone_changes_need_a_code_owner():
    updates = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text())["updates"]
    assert {(u["package-ecosystem"], u["directory"]) for u in updates} == {("github-actions", "/"),
                                                                            ("pip", "/requirements")}
    owners = dict(line.split(None, 1) for line in (ROOT / ".github" / "CODEOWNERS").read_text().splitlines()
                  if line.strip() and not line.startswith("#"))
    assert {"/data/help.yaml", "/data/centers.yaml", "/data/coaches.yaml", "/.github/"} <= set(owners)
