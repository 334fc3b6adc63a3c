"""Resource levelling, worked by hand. 2026-01-05 is a Monday (default calendar)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from schedutil import dates, run

ANN = "- {id: ann, name: Ann}"


def test_two_tasks_of_one_person_run_one_after_the_other() -> None:
    tasks = """- {id: a, name: A, effort: 3d, assign: [ann]}
- {id: b, name: B, effort: 2d, assign: [ann]}"""
    s = run(tasks, resources=ANN)
    # Same priority: less total float first. Unlevelled, a (3d) ends the plan and b (2d) has
    # a day of float, so a goes first and b follows it.
    assert dates(s, "a") == ("2026-01-05", "2026-01-07")
    assert dates(s, "b") == ("2026-01-08", "2026-01-09")
    assert s.levelled and s.finish == date(2026, 1, 9) and s.days == 5
    assert s.task("b").early_start == date(2026, 1, 5)  # where it was before levelling
    assert s.resources[0].load == {date(2026, 1, d): 1.0 for d in range(5, 10)}
    assert s.resources[0].over_allocated == ()


def test_equal_priority_and_float_go_in_file_order() -> None:
    tasks = """- {id: a, name: A, effort: 2d, assign: [ann]}
- {id: b, name: B, effort: 2d, assign: [ann]}"""
    s = run(tasks, resources=ANN)
    assert dates(s, "a") == ("2026-01-05", "2026-01-06")
    assert dates(s, "b") == ("2026-01-07", "2026-01-08")
    swapped = run("\n".join(reversed(tasks.splitlines())), resources=ANN)
    assert dates(swapped, "b") == ("2026-01-05", "2026-01-06")


def test_higher_priority_goes_first_even_with_more_float() -> None:
    tasks = """- {id: a, name: A, effort: 3d, assign: [ann]}
- {id: b, name: B, effort: 2d, assign: [ann], priority: 900}"""
    s = run(tasks, resources=ANN)
    assert dates(s, "b") == ("2026-01-05", "2026-01-06")
    assert dates(s, "a") == ("2026-01-07", "2026-01-09")


def test_a_task_is_as_urgent_as_the_tasks_that_wait_for_it() -> None:
    # c has the highest priority and waits for b, so b competes with c's priority and beats a.
    tasks = """- {id: a, name: A, effort: 2d, assign: [ann], priority: 700}
- {id: b, name: B, effort: 2d, assign: [ann]}
- {id: c, name: C, duration: 1d, depends_on: [b], priority: 900}"""
    s = run(tasks, resources=ANN)
    assert dates(s, "b") == ("2026-01-05", "2026-01-06")
    assert dates(s, "c") == ("2026-01-07", "2026-01-07")
    assert dates(s, "a") == ("2026-01-07", "2026-01-08")


def test_capacity_two_lets_two_run_together_but_not_three() -> None:
    team = "- {id: devs, name: Devs, capacity: 2}"
    tasks = """- {id: a, name: A, duration: 3d, assign: [devs]}
- {id: b, name: B, duration: 3d, assign: [devs]}
- {id: c, name: C, duration: 3d, assign: [devs]}"""
    s = run(tasks, resources=team)
    assert dates(s, "a") == ("2026-01-05", "2026-01-07")
    assert dates(s, "b") == ("2026-01-05", "2026-01-07")
    assert dates(s, "c") == ("2026-01-08", "2026-01-12")
    assert max(s.resources[0].load.values()) == 2.0


def test_half_units_share_a_person() -> None:
    tasks = """- {id: a, name: A, duration: 2d, assign: [{resource: ann, units: 0.5}]}
- {id: b, name: B, duration: 2d, assign: [{resource: ann, units: 0.5}]}
- {id: c, name: C, duration: 1d, assign: [{resource: ann, units: 0.5}]}"""
    s = run(tasks, resources=ANN)
    assert dates(s, "a")[0] == dates(s, "b")[0] == "2026-01-05"
    assert dates(s, "c") == ("2026-01-07", "2026-01-07")


def test_leave_is_worked_around() -> None:
    ann = "- {id: ann, name: Ann, leave: [2026-01-12]}"
    tasks = """- {id: a, name: A, effort: 5d, assign: [ann]}
- {id: b, name: B, effort: 2d, assign: [ann]}"""
    s = run(tasks, resources=ann)
    # a: Mon 5 .. Fri 9; Ann is away Mon 12, so b works Tue 13 and Wed 14.
    assert dates(s, "a") == ("2026-01-05", "2026-01-09")
    assert dates(s, "b") == ("2026-01-13", "2026-01-14")
    assert date(2026, 1, 12) not in s.resources[0].load


def test_dependencies_move_with_a_levelled_task() -> None:
    # a goes first (priority), so b and everything after it are delayed by levelling.
    tasks = """- {id: a, name: A, effort: 3d, assign: [ann], priority: 900}
- {id: b, name: B, effort: 2d, assign: [ann]}
- {id: c, name: C, duration: 2d, depends_on: [b]}
- {id: d, name: D, duration: 1d, depends_on: [{task: b, type: SS, lag: 1d}]}
- {id: m, name: M, milestone: true, depends_on: [c]}"""
    s = run(tasks, resources=ANN)
    assert dates(s, "a") == ("2026-01-05", "2026-01-07")
    assert dates(s, "b") == ("2026-01-08", "2026-01-09")
    assert dates(s, "c") == ("2026-01-12", "2026-01-13")
    assert dates(s, "d") == ("2026-01-09", "2026-01-09")
    assert dates(s, "m") == ("2026-01-13", "2026-01-13")
    assert s.critical_paths  # floats and paths are computed on the levelled dates
    assert all(t.total_float >= 0 for t in s.tasks)


def test_without_levelling_over_allocation_is_reported() -> None:
    tasks = """- {id: a, name: A, effort: 3d, assign: [ann]}
- {id: b, name: B, effort: 2d, assign: [ann]}"""
    s = run(tasks, resources=ANN, level=False)
    assert not s.levelled
    assert dates(s, "a") == ("2026-01-05", "2026-01-07")
    assert dates(s, "b") == ("2026-01-05", "2026-01-06")
    assert s.resources[0].load[date(2026, 1, 5)] == 2.0
    assert s.resources[0].over_allocated == (date(2026, 1, 5), date(2026, 1, 6))
    assert s.days == 3 and s.lower_bound_days == 5  # Ann has 5 days of work
    levelled = run(tasks, resources=ANN)
    assert levelled.days == levelled.lower_bound_days == 5


def test_more_units_than_capacity_waits_for_the_whole_resource() -> None:
    # Levelling cannot fix a task that asks for 2 units of a person: it runs alone (lint
    # rule D103 reports it) instead of never.
    tasks = """- {id: a, name: A, duration: 2d, assign: [{resource: ann, units: 2}]}
- {id: b, name: B, duration: 2d, assign: [ann]}"""
    s = run(tasks, resources=ANN)
    assert dates(s, "a") == ("2026-01-05", "2026-01-06")
    assert dates(s, "b") == ("2026-01-07", "2026-01-08")


def test_work_in_progress_keeps_its_start_and_history_is_not_levelled() -> None:
    tasks = """- {id: a, name: A, effort: 4d, assign: [ann], status: in_progress, progress: 50,
   actual_start: 2026-01-05}
- {id: b, name: B, effort: 2d, assign: [ann], priority: 900}"""
    s = run(tasks, resources=ANN, as_of=date(2026, 1, 7))
    # As of Wed 7, a has 2 days left and b, of higher priority, takes Ann first (Wed-Thu).
    assert dates(s, "b") == ("2026-01-07", "2026-01-08")
    assert dates(s, "a") == ("2026-01-05", "2026-01-12")


def test_the_command_reports_finish_and_ratio_to_the_lower_bound(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("""planctl: 1
name: Two tasks
status_date: 2026-01-05
start: 2026-01-05
resources:
  - {id: ann, name: Ann}
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, effort: 3d, assign: [ann]}
      - {id: b, name: B, effort: 2d, assign: [ann]}
""")

    def planctl(*args: str) -> str:
        run = subprocess.run([sys.executable, "-m", "planctl", "schedule", str(plan), *args],
                             capture_output=True, text=True, timeout=60,
                             env={"COLUMNS": "120", "PATH": "/usr/bin"})
        assert run.returncode == 0, run.stderr
        return run.stdout

    table = planctl()
    assert "finish 2026-01-09  (5 working days)" in table
    assert "ratio to lower bound 1.00 (lower bound 5 working days)" in table
    data = json.loads(planctl("--format", "json"))["plan"]
    assert (data["finish"], data["days"], data["lower_bound_days"]) == ("2026-01-09", 5, 5)
    assert data["ratio_to_bound"] == 1.0
    unlevelled = planctl("--no-level")
    assert "ratio to lower bound 0.60 (lower bound 5 working days)" in unlevelled
    assert "over-allocated" in unlevelled and "ann on 2 working days from 2026-01-05" in unlevelled
