"""Helpers for the diff tests: a small plan, real temporary git repositories, the real command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]

PLAN = """\
# a comment that markup-only changes may move
planctl: 1
id: shop
name: Web shop
start: 2026-01-05
status_date: 2026-01-05
budget: {currency: EUR, total: 100000}
resources:
  - {id: dev, name: Dev, rate: 500}
  - {id: qa, name: QA, rate: 400}
phases:
  - id: build
    name: Build
    tasks:
      - {id: design, name: Design, duration: 3w, assign: [dev]}
      - {id: code, name: Code, duration: 2w, assign: [dev], depends_on: [design]}
      - {id: docs, name: Docs, duration: 1w, assign: [qa]}
      - {id: test, name: Test, duration: 1w, assign: [qa], depends_on: [code]}
      - {id: launch, name: Launch, milestone: true, depends_on: [test, docs],
         deadline: 2026-02-16}
risks:
  - {id: R1, title: Vendor late, probability: 3, impact: 4, affects: [code]}
"""


def run(*args: str, cwd: Path | str, check_rc: int | None = None
        ) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    done = subprocess.run([*COMMAND, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    if check_rc is not None:
        assert done.returncode == check_rc, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    return done


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True,
                          check=True).stdout


def make_repo(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q", "-b", "main")
    commit(path, files, "first")
    return path


def commit(repo: Path, files: dict[str, str], message: str) -> None:
    for name, text in files.items():
        target = repo / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
