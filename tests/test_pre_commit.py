"""The hooks in .pre-commit-hooks.yaml, run by the real `pre-commit` against a temporary git
repository whose config points at a clone of this checkout (pre-commit installs planctl from
it into its own environment, with dependencies from PyPI)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
MESSY = "name: Demo   # the name\nplanctl: 1\nstart: 2026-01-05\n"
BROKEN = "planctl: 1\nname: Broken\nstart: 2026-01-05\nphases: [{id: p, name: P, tasks: " \
    "[{id: a, name: A, duraton: 3d}]}]\n"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(*args: str, cwd: Path) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True,
                           text=True).stdout.strip()


def pre_commit(*args: str, cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hooks_repo(tmp_path_factory) -> tuple[Path, str]:
    """A clone of this checkout with the working tree's hooks file and code committed."""
    pytest.importorskip("pre_commit")
    clone = tmp_path_factory.mktemp("planctl-clone")
    shutil.copytree(ROOT, clone, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
        ".git", ".venv", "node_modules", ".hypothesis", "*_cache", "__pycache__", "artifacts"))
    git("init", "-q", cwd=clone)
    git("add", "-A", cwd=clone)
    git("commit", "-q", "-m", "planctl", cwd=clone)
    return clone, git("rev-parse", "HEAD", cwd=clone)


def test_hooks_check_and_format_plans_in_a_repository(hooks_repo, tmp_path: Path) -> None:
    clone, rev = hooks_repo
    repo = tmp_path / "project"
    (repo / "plans").mkdir(parents=True)
    (repo / "plans" / "demo.yaml").write_text(MESSY)
    (repo / "workflow.yaml").write_text("on:   push\njobs: {}\n")  # not a plan: left alone
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {clone}\n    rev: {rev}\n"
        "    hooks:\n      - id: planctl-check\n      - id: planctl-fmt\n")
    git("init", "-q", cwd=repo)
    git("add", "-A", cwd=repo)
    home = tmp_path / "pre-commit-home"
    first = pre_commit("run", "--all-files", cwd=repo, home=home)
    # check passes; fmt rewrites the plan, which pre-commit reports as a failure.
    assert "planctl check" in first.stdout and first.returncode == 1, first.stdout + first.stderr
    assert (repo / "plans" / "demo.yaml").read_text() == \
        "planctl: 1\nname: Demo  # the name\nstart: 2026-01-05\n"
    assert (repo / "workflow.yaml").read_text() == "on:   push\njobs: {}\n"
    git("add", "-A", cwd=repo)
    second = pre_commit("run", "--all-files", cwd=repo, home=home)
    assert second.returncode == 0, second.stdout + second.stderr
    (repo / "plans" / "broken.yaml").write_text(BROKEN)
    git("add", "-A", cwd=repo)
    third = pre_commit("run", "--all-files", cwd=repo, home=home)
    assert third.returncode == 1 and "E201" in third.stdout, third.stdout
