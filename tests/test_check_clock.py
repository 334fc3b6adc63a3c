"""The same commit, the same verdict, every day: `planctl check` run under `faketime` at two
dates a year apart prints the same and exits the same, unless `--as-of today` asks for the
clock (then a stale status date is a warning, T126)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from test_e2e_check import COMMAND

FAKETIME = shutil.which("faketime")
pytestmark = pytest.mark.skipif(
    FAKETIME is None and not os.environ.get("CI"),
    reason="faketime is not installed (Debian package faketime)")

# Every rule that compares with a status date would fire against a clock in 2027: a passed
# deadline (T125), a risk review due (R102), work planned to finish long ago (D102).
UNDATED = """\
planctl: 1
name: Clock test
owner: al
start: 2026-01-05
resources: [{id: al, name: Al}]
phases:
  - id: build
    name: Build
    owner: al
    tasks:
      - {id: a, name: A, duration: 2w, assign: [al], deadline: 2026-02-27}
      - {id: b, name: B, duration: 1w, assign: [al], depends_on: [a], status: in_progress,
         progress: 20, actual_start: 2026-01-19}
risks:
  - {id: r, title: R, probability: 2, impact: 2, owner: al, review_by: 2026-02-01,
     affects: [b]}
"""
DATED = UNDATED.replace("start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-01-23\n"
                        ).replace("deadline: 2026-02-27}", "deadline: 2026-02-27, status: done,\n"
                                  "         actual_start: 2026-01-05, actual_finish: 2026-01-16}")


def check_at(day: str, *args: str, cwd: Path) -> tuple[str, str, int]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    done = subprocess.run([FAKETIME or "faketime", day, *COMMAND, "check", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in done.stderr
    return done.stdout, done.stderr, done.returncode


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    (tmp_path / "undated.yaml").write_text(UNDATED)
    (tmp_path / "dated.yaml").write_text(DATED)
    (tmp_path / ".planctl.toml").write_text("strict = true\n")  # as the README suggests
    return tmp_path


def test_faketime_moves_the_clock_the_command_sees(plans: Path) -> None:
    # Without this the test below would prove nothing: `--as-of today` must see the fake day.
    out, _, code = check_at("2027-03-01 12:00:00", "--as-of", "today", "--format", "json",
                            "undated.yaml", cwd=plans)
    assert '"status_date": "2027-03-01"' in out and code == 1


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_the_verdict_does_not_depend_on_the_day(plans: Path, fmt: str) -> None:
    early = check_at("2026-01-06 09:00:00", "--format", fmt, ".", cwd=plans)
    late = check_at("2027-03-01 18:00:00", "--format", fmt, ".", cwd=plans)
    assert early == late
    out, _, code = late
    assert code == 0, out
    # The undated plan's date rules did not run, and the summary says so in one line.
    assert "Not run without a status date (1 of 2 files with no status_date): D102, R102, " \
           "T124, T125, T126" in out.replace("\\n", "\n")


def test_as_of_today_opts_in_to_the_clock_and_flags_a_stale_status_date(plans: Path) -> None:
    fresh = check_at("2026-01-26 10:00:00", "--as-of", "today", "dated.yaml", cwd=plans)
    stale = check_at("2026-03-02 10:00:00", "--as-of", "today", "dated.yaml", cwd=plans)
    assert "T126" not in fresh[0]
    assert ("T126 status_date 2026-01-23 is 38 calendar days old on 2026-03-02, more than 14 "
            "(stale-status-days) [warning]") in stale[0]
    assert stale[2] == 1  # strict: the warning fails, because the user asked for the clock
