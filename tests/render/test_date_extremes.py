"""The packaged templates render plans at the edges of the calendar.

The charts pad their time axis by a few days and Mermaid takes exclusive end dates; near
0001-01-01 or 9999-12-31 that used to fail with "date value out of range" (exit 2). A plan
file's dates are now limited to the years 1900 to 2999 (docs/format.md, "Limits"), so a loaded
plan renders at the first allowed day, and a schedule built in Python at the type's last day.
"""

from __future__ import annotations

from datetime import date

import pytest
from render_helpers import plan_and_schedule

from planctl.loader import load_text
from planctl.render import render_plan
from planctl.render.days import shift
from planctl.schedule.result import PhaseSchedule, ResourceLoad, Schedule, TaskSchedule

YEAR_ONE = """\
planctl: 1
name: Ancient
start: 0001-01-01
resources:
  - {id: ann, name: Ann, leave: [{from: 0001-01-01, to: 0001-01-02}]}
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 3d, assign: [ann]}
      - {id: m, name: M, milestone: true, depends_on: [a], deadline: 0001-01-03}
"""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_plan_starting_on_the_first_allowed_day_renders(fmt: str) -> None:
    plan, schedule = plan_and_schedule(YEAR_ONE.replace("0001-01-0", "1900-01-0"),
                                       date(1900, 1, 2))
    page = render_plan(plan, schedule, fmt)
    assert "Ancient" in page and "1900-01-01" in page


def _year_9999() -> tuple:
    # Scheduled by hand: the dates are what matters to the renderer (the plan's own dates are
    # the last the format allows).
    text = YEAR_ONE.replace("0001-01-0", "2999-12-2").replace("Ancient", "Far future")
    text = text.replace("to: 2999-12-22", "to: 2999-12-31")
    plan = load_text(text, "plan.yaml").plan
    last = date.max
    tasks = [
        TaskSchedule(id="a", name="A", phase="p", start=date(9999, 12, 27), finish=last,
                     milestone=False, total_float=0, free_float=0, critical=True, cost=0.0,
                     assignees=("ann",), deadline=last, early_start=date(9999, 12, 27),
                     late_start=date(9999, 12, 27), late_finish=last, planned_finish=last),
        TaskSchedule(id="m", name="M", phase="p", start=last, finish=last, milestone=True,
                     total_float=0, free_float=0, critical=True, cost=0.0, deadline=last,
                     early_start=last, late_start=last, late_finish=last, planned_finish=last),
    ]
    schedule = Schedule(
        plan_id="plan", plan_name="Far future", start=date(9999, 12, 27), finish=last,
        status_date=last, cost=0.0, budget=None, currency="USD", levelled=False, tasks=tasks,
        phases=[PhaseSchedule(id="p", name="P", start=date(9999, 12, 27), finish=last,
                              cost=0.0, progress=0.0, critical=True)],
        resources=[ResourceLoad(id="ann", name="Ann", capacity=1.0, load={last: 1.0})],
        critical_paths=[["a", "m"]], non_working_days=frozenset({date(9999, 12, 25)}))
    return plan, schedule


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_plan_ending_on_the_last_representable_day_renders(fmt: str) -> None:
    page = render_plan(*_year_9999(), fmt)
    assert "Far future" in page and "9999-12-31" in page


def test_shift_stops_at_the_edges() -> None:
    assert shift(date(1, 1, 2), -5) == date.min
    assert shift(date(9999, 12, 30), 3) == date.max
    assert shift(date(2026, 1, 5), -5) == date(2025, 12, 31)
