"""Part-time people in the short form: `assign: [aylin]` means `min(1, capacity)` units."""

from __future__ import annotations

import math
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from schedutil import dates, run

from planctl.lint import lint_plan
from planctl.loader import load_text
from planctl.schedule import schedule_plan

AYLIN = "- {id: aylin, name: Aylin Kaya, capacity: 0.5, rate: 800}"
TEAM = "- {id: devs, name: Devs, kind: team, capacity: 3}"


def test_a_half_time_person_in_the_short_form_works_half_days() -> None:
    # 5 person-days at 0.5 a day: 10 working days, Mon 5 ... Fri 16 Jan 2026.
    s = run("- {id: a, name: A, effort: 5d, assign: [aylin]}", resources=AYLIN)
    assert dates(s, "a") == ("2026-01-05", "2026-01-16")
    load = s.resources[0].load
    assert set(load.values()) == {0.5} and len(load) == 10
    assert s.task("a").cost == 10 * 0.5 * 800


def test_the_long_form_without_units_is_the_same_as_the_short_form() -> None:
    short = run("- {id: a, name: A, effort: 5d, assign: [aylin]}", resources=AYLIN)
    long = run("- {id: a, name: A, effort: 5d, assign: [{resource: aylin}]}", resources=AYLIN)
    assert dates(short, "a") == dates(long, "a")


def test_a_team_in_the_short_form_gives_one_member() -> None:
    s = run("- {id: a, name: A, effort: 6d, assign: [devs]}", resources=TEAM)
    assert dates(s, "a") == ("2026-01-05", "2026-01-12")  # 6 days at 1 unit


def test_a_half_time_duration_task_is_loaded_and_paid_at_half() -> None:
    s = run("- {id: a, name: A, duration: 4d, assign: [aylin]}", resources=AYLIN)
    assert dates(s, "a") == ("2026-01-05", "2026-01-08")
    assert max(s.resources[0].load.values()) == 0.5
    assert s.task("a").cost == 4 * 0.5 * 800


def _plan(assign: str, capacity: str = "0.5") -> str:
    return f"""planctl: 1
name: Part time
owner: aylin
start: 2026-01-05
status_date: 2026-01-05
resources:
  - {{id: aylin, name: Aylin Kaya, capacity: {capacity}}}
phases:
  - id: p
    name: P
    owner: aylin
    tasks:
      - {{id: a, name: A, effort: 3d, assign: {assign}}}
      - {{id: b, name: B, effort: 2d, assign: {assign}}}
"""


def _findings(text: str, level: bool = True) -> list:
    loaded = load_text(text, "plan.yaml")
    return lint_plan(loaded, schedule_provider=lambda: schedule_plan(
        loaded.plan, as_of=loaded.plan.status_date, level=level))


def test_the_short_form_on_a_half_time_person_passes_check() -> None:
    found = _findings(_plan("[aylin]"))
    assert [d.code for d in found if d.code in ("P104", "D103")] == []


def test_explicit_units_above_capacity_stay_an_error() -> None:
    found = [d for d in _findings(_plan("[{resource: aylin, units: 1}]"))
             if d.code == "P104"]
    assert [d.location.line for d in found] == [13, 14]
    assert "uses 1 units of 'aylin', whose capacity is 0.5" in found[0].message


def test_d103_suggests_dropping_no_level_only_when_it_was_given() -> None:
    over = _plan("[{resource: aylin, units: 1}]")
    levelled = [d for d in _findings(over) if d.code == "D103"]
    unlevelled = [d for d in _findings(over, level=False) if d.code == "D103"]
    assert levelled and unlevelled
    assert "--no-level" not in (levelled[0].hint or "")
    assert "drop --no-level" in (unlevelled[0].hint or "")


@settings(max_examples=40, deadline=None)
@given(capacity=st.sampled_from([0.25, 0.5, 0.75, 1, 1.5, 2, 3]),
       effort=st.integers(min_value=1, max_value=12))
def test_short_form_span_is_effort_over_min_one_capacity(capacity: float, effort: int) -> None:
    resources = f"- {{id: r, name: R, capacity: {capacity}}}"
    s = run(f"- {{id: a, name: A, effort: {effort}d, assign: [r]}}", resources=resources)
    units = min(1.0, capacity)
    assert s.task("a").span_days == math.ceil(effort / units - 1e-9)
    assert max(s.resources[0].load.values()) <= capacity + 1e-9


def test_the_command_checks_a_half_time_person_in_the_short_form(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(_plan("[aylin]"))
    done = subprocess.run([sys.executable, "-m", "planctl", "check", "--strict", str(plan)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
