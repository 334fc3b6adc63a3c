"""`planctl render -o` never writes over a file it read as a plan or fragment (it did, exit 0)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = """\
planctl: 1
id: plan
name: P
start: 2026-01-05
include: [parts/work.yaml]
"""
FRAGMENT = """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: a, name: A, duration: 2d}
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "parts").mkdir()
    (tmp_path / "plan.yaml").write_text(PLAN)
    (tmp_path / "parts" / "work.yaml").write_text(FRAGMENT)
    return tmp_path


def render(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planctl", "render", *args],
                          capture_output=True, text=True, timeout=120, cwd=folder)


@pytest.mark.parametrize("target", ["plan.yaml", "./plan.yaml", "parts/work.yaml",
                                    "symlink.yaml", "hardlink.yaml", "linked-dir/plan.yaml"])
def test_render_refuses_to_overwrite_an_input(folder, target):
    (folder / "symlink.yaml").symlink_to("plan.yaml")
    os.link(folder / "parts" / "work.yaml", folder / "hardlink.yaml")
    (folder / "linked-dir").symlink_to(".")
    before = {p: p.read_bytes() for p in (folder / "plan.yaml", folder / "parts" / "work.yaml")}
    done = render(folder, "plan.yaml", "-o", target, "-f", "md")
    assert done.returncode == 2, done.stderr
    assert "refusing to overwrite" in done.stderr and "Traceback" not in done.stderr
    assert {p: p.read_bytes() for p in before} == before
    assert not list(folder.rglob(".*.tmp*"))  # nothing half-written left behind


def test_a_page_named_like_an_input_in_the_output_folder_is_refused(folder):
    # The page of plan `plan` in format md is `plan.md`: make that name an input.
    (folder / "plan.md").write_text(PLAN)
    before = (folder / "plan.md").read_bytes()
    done = render(folder, "plan.md", "-o", ".", "-f", "md")
    assert done.returncode == 2 and "refusing to overwrite" in done.stderr
    assert (folder / "plan.md").read_bytes() == before


def test_a_portfolio_page_over_an_input_writes_no_page_at_all(folder):
    (folder / "site").mkdir()
    (folder / "site" / "index.md").write_text(PLAN.replace("id: plan", "id: other")
                                              .replace("include: [parts/work.yaml]\n", ""))
    done = render(folder, "plan.yaml", "site/index.md", "-o", "site")
    assert done.returncode == 2 and "refusing to overwrite" in done.stderr
    assert sorted(p.name for p in (folder / "site").iterdir()) == ["index.md"]


def test_other_outputs_are_still_written(folder):
    done = render(folder, "plan.yaml", "-o", "out/", "-f", "md")
    assert done.returncode == 0, done.stderr
    assert (folder / "out" / "plan.md").read_text().startswith("#")
