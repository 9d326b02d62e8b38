"""The release workflows keep their promises: a failing step fails the job, credentials never reach a command line
or a log, and only what is on main is published. (`nox -s lint` checks them with actionlint and GitHub's schema.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_run_step_fails_on_any_failure_in_a_pipe(path: Path) -> None:
    assert _load(path)["defaults"]["run"]["shell"] == "bash"  # GitHub then runs `bash -eo pipefail`


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_secrets_reach_commands_only_through_the_environment(path: Path) -> None:
    for step in _steps(_load(path)):
        assert "${{ secrets." not in step.get("run", ""), step.get("name")
        assert "--index-url" not in step.get("run", ""), step.get("name")


def test_publishing_happens_only_after_the_release_is_on_main() -> None:
    update = _load(ROOT / ".github" / "workflows" / "spec-update.yml")
    update_steps = update["jobs"]["update"]["steps"]
    assert not any("-s publish" in step.get("run", "") for step in update_steps)
    push = next(step for step in update_steps if "git push" in step.get("run", ""))
    assert "--atomic" in push["run"]  # the release commit and its tag land together, or neither does
    publish = update["jobs"]["publish"]
    assert publish["needs"] == "update"  # runs only when the update job, push included, succeeded
    assert publish["uses"] == "./.github/workflows/release.yml"
    release = _load(ROOT / ".github" / "workflows" / "release.yml")
    on = release[True] if True in release else release["on"]  # YAML reads the key `on` as true
    assert on["push"]["branches"] == ["main"]  # a merged release pull request
    assert "workflow_call" in on


def test_the_secret_check_finds_a_leaked_password(tmp_path: Path) -> None:
    log = tmp_path / "update.log"
    log.write_text("nox > pip download ... from http://127.0.0.1/simple/ (password: s3cret-pass)\n")
    env = {**os.environ, "INDEX": "http://publisher:s3cret-pass@127.0.0.1/simple/", "OTHER": "not-in-the-log"}
    command = [sys.executable, str(ROOT / "tools" / "no_secrets.py"), str(log), "INDEX", "OTHER"]
    leaked = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert leaked.returncode == 1
    assert "the password in INDEX" in leaked.stdout
    assert "s3cret-pass" not in leaked.stdout
    log.write_text("nothing to see\n")
    assert subprocess.run(command, env=env, capture_output=True, check=False).returncode == 0


def test_the_preview_runs_on_spec_pull_requests_and_posts_through_the_tested_script() -> None:
    preview = _load(ROOT / ".github" / "workflows" / "spec-preview.yml")
    on = preview[True] if True in preview else preview["on"]
    assert on["pull_request"]["paths"] == ["openapi.yaml"]
    assert preview["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = preview["jobs"]["preview"]["steps"]
    run = next(step for step in steps if "-s preview" in step.get("run", ""))
    assert "--output preview.md" in run["run"]
    assert "${{" not in run["run"]  # the base ref reaches the command through the environment
    clean = next(step for step in steps if "no_secrets.py" in step.get("run", ""))
    assert "preview.log" in clean["run"]
    assert "preview.md" in clean["run"]
    assert clean["if"].startswith("always()")  # a failing preview is posted too, and still fails the check
    post = next(step for step in steps if "post_preview.py" in step.get("run", ""))
    assert post["if"] == f"always() && steps.{clean['id']}.outcome == 'success'"  # never a comment with a secret
    assert post["env"]["GITHUB_TOKEN"] == "${{ secrets.GITHUB_TOKEN }}"
    assert not any("continue-on-error" in step for step in steps)
