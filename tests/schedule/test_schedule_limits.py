"""Limits of scheduling (docs/scheduling.md, "Limits"): what is refused, where, and what is not."""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import date
from pathlib import Path

import pytest
from schedutil import make_plan

from planctl.errors import PlanError
from planctl.schedule import schedule_plan


def test_public_holidays_outside_the_packages_years_schedule_without_warnings():
    # The holidays package warns (with its own file path) that India's lunar holidays are known
    # only up to 2035; the holidays it knows still count, and nothing is printed.
    plan = make_plan("- {id: a, name: A, duration: 30d}", head="calendar: {country: IN}",
                     start="2040-01-02")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        schedule = schedule_plan(plan, as_of=date(2040, 1, 2))
    assert date(2040, 1, 26) not in {d for d in schedule.non_working_days if d.weekday() > 4}
    assert schedule.holidays[date(2040, 1, 26)] == "Republic Day"


def test_the_command_prints_no_library_warning(tmp_path: Path):
    plan = tmp_path / "india.yaml"
    plan.write_text("planctl: 1\nname: P\nstart: 2040-01-02\ncalendar: {country: IN}\n"
                    "phases:\n  - id: p\n    name: P\n    tasks:\n"
                    "      - {id: a, name: A, duration: 30d}\n")
    done = subprocess.run([sys.executable, "-m", "planctl", "schedule", str(plan)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.parametrize("as_of", [date(2150, 1, 1), date(1900, 1, 1)])
def test_a_status_date_far_from_the_start_is_located_at_the_start(as_of):
    plan = make_plan("- {id: a, name: A, duration: 3d}")
    with pytest.raises(PlanError) as caught:
        schedule_plan(plan, as_of=as_of)
    (found,) = caught.value.diagnostics
    assert found.code == "E404" and "more than 100 years" in found.message
    assert (found.location.path, found.location.line) == ("plan.yaml", 4)  # `start:`


def test_a_deadline_past_the_horizon_is_never_missed():
    plan = make_plan("- {id: a, name: A, duration: 3d, deadline: 2999-12-31}")
    schedule = schedule_plan(plan)
    assert not schedule.missed_deadlines


def test_the_last_day_of_the_horizon_is_reachable_and_one_more_is_not():
    # The horizon is 100 x 366 calendar days after the start: Sun 2126-03-22. A seven-day
    # calendar works every day up to it, 36,601 working days in all.
    head = "calendar: {workdays: [mon, tue, wed, thu, fri, sat, sun]}"
    fits = make_plan("- {id: a, name: A, duration: 36600d}\n"
                     "- {id: b, name: B, duration: 1d, depends_on: [a]}", head=head)
    assert schedule_plan(fits, level=False).finish == date(2126, 3, 22)
    over = make_plan("- {id: a, name: A, duration: 36600d}\n"
                     "- {id: b, name: B, duration: 2d, depends_on: [a]}", head=head)
    with pytest.raises(PlanError) as caught:
        schedule_plan(over, level=False)
    assert "task 'b' would end more than 100 years" in caught.value.diagnostics[0].message


def test_a_forecast_cannot_walk_the_calendar_past_the_horizon():
    # Sampled pessimistic estimates of 36,600 days at 0.01 units: before, the calendar grew to
    # the year 9999 (250 MB, 16 s) and the error was at `<python>:1:1`.
    from planctl.forecast import forecast_plan

    estimate = "estimate: {optimistic: 1d, likely: 10d, pessimistic: 36600d}"
    work = "effort: 10d, assign: [{resource: al, units: 0.01}]"
    tasks = [f"- {{id: t0, name: T0, {work}, {estimate}}}"] + [
        f"- {{id: t{i}, name: T{i}, {work}, {estimate}, depends_on: [t{i - 1}]}}"
        for i in (1, 2)]
    plan = make_plan(
        "\n".join(tasks),
        resources="- {id: al, name: Al, capacity: 0.01}")
    with pytest.raises(PlanError) as caught:
        forecast_plan(plan, iterations=200)
    (found,) = caught.value.diagnostics
    assert found.code == "E404" and "100 years after the plan's start" in found.message
    assert (found.location.path, found.location.line) == ("plan.yaml", 4)  # `start:`


def test_effort_tasks_on_many_pairs_of_resources_on_long_leave_are_refused():
    # Each pair of resources has its own union of leave days: 66 pairs of people on leave
    # for 40 years would hold 1.3 million days (and a set of each in the levelling).
    from itertools import combinations

    resources = "\n".join(
        f"- {{id: r{r}, name: R{r}, leave: [{{from: 2030-01-{r + 1:02d}, to: 2070-01-01}}]}}"
        for r in range(12))
    tasks = "\n".join(f"- {{id: t{n}, name: T{n}, effort: 2d, assign: [r{a}, r{b}]}}"
                      for n, (a, b) in enumerate(combinations(range(12), 2)))
    with pytest.raises(PlanError) as caught:
        schedule_plan(make_plan(tasks, resources=resources))
    (found,) = caught.value.diagnostics
    assert found.code == "E404" and "leave of the resources that effort tasks share" \
        in found.message
    assert found.location.path == "plan.yaml" and found.location.line > 20  # a task's assign
