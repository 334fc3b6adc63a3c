"""`planctl export` end to end: the installed command, its output read back, its exit codes."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "crm-rollout.yaml"
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
PLAN = """\
planctl: 1
id: plan
name: P
start: 2026-01-05
status_date: 2026-01-05
include: [parts/work.yaml]
resources:
  - {id: al, name: Al, leave: [2026-01-12]}
"""
FRAGMENT = """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: a, name: A, duration: 2d, assign: [al]}
      - {id: b, name: "=cmd|' /C calc'!A0", milestone: true, depends_on: [{task: a, lag: 1d}],
         deadline: 2026-01-09}
"""


def planctl(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PLANCTL_DEBUG")}
    return subprocess.run([*COMMAND, *args], capture_output=True, timeout=120, cwd=cwd, env=env)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "parts").mkdir()
    (tmp_path / "plan.yaml").write_text(PLAN)
    (tmp_path / "parts" / "work.yaml").write_text(FRAGMENT)
    return tmp_path


def test_csv_to_stdout_reads_back(folder: Path) -> None:
    run = planctl("export", "plan.yaml", "--format", "csv", cwd=folder)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout.decode("utf-8"))))
    assert [(r["id"], r["start"], r["finish"], r["predecessors"]) for r in rows] == [
        ("a", "2026-01-05", "2026-01-06", ""), ("b", "2026-01-07", "2026-01-07", "a FS+1d")]
    assert rows[1]["name"] == "'=cmd|' /C calc'!A0"


def test_schedule_csv_prints_the_same_table(folder: Path) -> None:
    exported = planctl("export", "plan.yaml", "-f", "csv", cwd=folder)
    scheduled = planctl("schedule", "plan.yaml", "--format", "csv", cwd=folder)
    assert scheduled.returncode == exported.returncode == 0
    assert scheduled.stdout == exported.stdout


def test_ical_to_a_file_named_by_its_suffix(folder: Path) -> None:
    run = planctl("export", "plan.yaml", "-o", "out/plan.ics", "--tasks", cwd=folder)
    assert run.returncode == 2 and b"out/plan.ics" in run.stderr  # no such folder: exit 2
    (folder / "out").mkdir()
    run = planctl("export", "plan.yaml", "-o", "out/plan.ics", "--tasks", cwd=folder)
    assert run.returncode == 0, run.stderr
    assert run.stdout == b""
    cal = Calendar.from_ical((folder / "out" / "plan.ics").read_bytes())
    uids = sorted(str(e["UID"]) for e in cal.walk("VEVENT"))
    assert uids == ["plan/deadline/b@planctl", "plan/milestone/b@planctl", "plan/task/a@planctl"]


def test_a_directory_gets_a_file_named_after_the_plan(folder: Path) -> None:
    (folder / "site").mkdir()
    run = planctl("export", "plan.yaml", "-f", "ical", "--resource", "al", "-o", "site",
                  cwd=folder)
    assert run.returncode == 0, run.stderr
    cal = Calendar.from_ical((folder / "site" / "plan.ics").read_bytes())
    assert sorted(str(e["UID"]) for e in cal.walk("VEVENT")) == [
        "plan/leave/al/2026-01-12@planctl", "plan/task/a@planctl"]


@pytest.mark.parametrize("target", ["plan.yaml", "parts/work.yaml", "link.csv"])
def test_never_writes_over_an_input(folder: Path, target: str) -> None:
    (folder / "link.csv").symlink_to("plan.yaml")
    before = (folder / "plan.yaml").read_bytes(), (folder / "parts" / "work.yaml").read_bytes()
    run = planctl("export", "plan.yaml", "-f", "csv", "-o", target, cwd=folder)
    assert run.returncode == 2
    assert b"refusing to overwrite" in run.stderr and b"Traceback" not in run.stderr
    assert before == ((folder / "plan.yaml").read_bytes(),
                      (folder / "parts" / "work.yaml").read_bytes())


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "pdf"], b"--format: expected one of csv, ical"),
    ([], b"give --format"),
    (["-o", "plan.txt"], b"give --format"),
    (["-f", "csv", "--tasks"], b"--tasks and --resource are options of --format ical"),
    (["-f", "ical", "--resource", "zed"], b"no such resource"),
    (["-f", "csv", "--as-of", "soon"], b"--as-of: expected a date"),
])
def test_usage_errors_exit_2_with_one_line(folder: Path, args: list[str],
                                           message: bytes) -> None:
    run = planctl("export", "plan.yaml", *args, cwd=folder)
    assert run.returncode == 2, run.stderr
    assert message in run.stderr and b"Traceback" not in run.stderr
    assert not (folder / "plan.txt").exists()


def test_a_broken_plan_exits_1_with_located_errors(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN.replace("include: [parts/work.yaml]\n", "")
                                        + "phases:\n  - {id: p, name: P, tasks: [{id: a}]}\n")
    run = planctl("export", "plan.yaml", "-f", "ical", cwd=tmp_path)
    assert run.returncode == 1
    assert b"plan.yaml:" in run.stderr and b"Traceback" not in run.stderr


def test_the_example_exports_in_every_format() -> None:
    for fmt in ("csv", "ical"):
        run = planctl("export", str(EXAMPLE), "-f", fmt, "--as-of", "2026-02-02")
        assert run.returncode == 0, run.stderr
        assert run.stdout
