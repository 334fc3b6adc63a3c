"""The first hour of a new user, walked with the real `planctl` command in an empty folder:
init → check → schedule (at 80 columns) → status → render → export → fmt, each step's exit
code and the fact a user looks at (issue 13 "Done when")."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)")


def planctl(*args: str, cwd: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    env.update(COLUMNS=str(columns), TERM="dumb")
    done = subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True, env=env,
                          timeout=300)
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("first-hour")
    done = planctl("init", cwd=where)
    assert done.returncode == 0, done.stderr
    assert "planctl check plan.yaml" in done.stderr
    return where


def test_init_writes_the_plan_and_the_schema_its_first_line_names(folder: Path):
    text = (folder / "plan.yaml").read_text(encoding="utf-8")
    target = MODELINE.match(text)
    assert target and (folder / target.group(1)).is_file()
    assert "planctl.dev" not in text  # nothing is published there


def test_check_passes_strict(folder: Path):
    done = planctl("check", "--strict", "plan.yaml", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "All checks passed (1 file)" in done.stdout + done.stderr


def test_fmt_check_passes_on_what_init_wrote(folder: Path):
    done = planctl("fmt", "--check", "plan.yaml", cwd=folder)
    assert done.returncode == 0, done.stderr


def test_schedule_at_80_columns_shows_every_id_uncut(folder: Path):
    from planctl.loader import load_plan

    done = planctl("schedule", "plan.yaml", cwd=folder)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and max(len(line) for line in lines) <= 80
    assert "…" not in done.stdout
    firsts = {line.split()[0] for line in lines if line.startswith(" ") and line.strip()}
    firsts |= {line.split()[0] for line in lines if line[:1].isalpha()}
    plan = load_plan(folder / "plan.yaml").plan
    ids = [task.id for _, task in plan.iter_tasks()] + [phase.id for phase in plan.phases]
    assert set(ids) <= firsts, set(ids) - firsts


def test_status_names_the_plan_and_its_health(folder: Path):
    done = planctl("status", "plan.yaml", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("New plan") and "Critical path" in done.stdout


@pytest.mark.parametrize("name, start", [("status.md", "# New plan"),
                                         ("status.html", "<!DOCTYPE html>")])
def test_render_writes_the_page(folder: Path, name: str, start: str):
    done = planctl("render", "plan.yaml", "-o", name, cwd=folder)
    assert done.returncode == 0, done.stderr
    page = (folder / name).read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith(start.lower()), page[:200]
    assert "Go live" in page


@pytest.mark.parametrize("name, fact", [("plan.ics", "BEGIN:VCALENDAR"),
                                        ("plan.csv", "go-live"),
                                        ("plan.xml", "<Project")])
def test_export_writes_each_format(folder: Path, name: str, fact: str):
    done = planctl("export", "plan.yaml", "-o", name, cwd=folder)
    assert done.returncode == 0, done.stderr
    assert fact in (folder / name).read_text(encoding="utf-8")


def test_every_modeline_in_the_repository_names_a_file_that_exists():
    # A modeline pointing at an unpublished URL costs the user completion ("Unable to load
    # schema"); the examples and test plans are what users copy from.
    found = []
    # (tests/fmt/golden is left out: its modelines are comments fmt must keep, not pointers.)
    for path in [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/render/**/*.yaml"),
                 *ROOT.glob("tests/good/**/*.yaml")]:
        head = path.read_text(encoding="utf-8", errors="replace")[:300]
        match = MODELINE.search(head)
        if match and not (path.parent / match.group(1)).is_file():
            found.append(f"{path.relative_to(ROOT)}: {match.group(1)}")
    assert found == []
