"""The health rule: each signal's level, and the worst one wins."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from planctl.render.health import AMBER, GREEN, RED, assess
from planctl.schedule.result import MissedDeadline

from render_helpers import plan_and_schedule  # isort: skip

PLAN = """
planctl: 1
name: Health
start: 2026-01-05
budget: {total: 1000}
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 5d}
      - {id: b, name: B, duration: 5d, depends_on: [a]}
      - {id: c, name: C, duration: 5d, depends_on: [b]}
      - {id: d, name: D, duration: 5d, depends_on: [c]}
      - {id: e, name: E, duration: 5d, depends_on: [d]}
      - {id: f, name: F, duration: 5d, depends_on: [e]}
"""


@pytest.fixture
def base():
    plan, schedule = plan_and_schedule(PLAN, date(2026, 1, 5))
    return plan, replace(schedule, cost=500.0, missed_deadlines=[])


def test_a_plan_with_no_signal_is_green(base) -> None:
    health = assess(*base)
    assert health.level == GREEN and health.reasons == [] and health.symbol == "●"


@pytest.mark.parametrize("slip, level", [(1, AMBER), (5, AMBER), (6, RED)])
def test_missed_deadlines_by_slip(base, slip: int, level: str) -> None:
    plan, schedule = base
    missed = MissedDeadline("a", date(2026, 1, 6), date(2026, 1, 9), slip)
    health = assess(plan, replace(schedule, missed_deadlines=[missed]))
    assert health.level == level and "A misses its deadline 2026-01-06" in health.reasons[0]


@pytest.mark.parametrize("cost, level", [(1000, GREEN), (1050, AMBER), (1101, RED)])
def test_cost_against_budget(base, cost: float, level: str) -> None:
    plan, schedule = base
    assert assess(plan, replace(schedule, cost=cost)).level == level


@pytest.mark.parametrize("overdue, level", [(0, GREEN), (1, AMBER), (2, RED)])
def test_overdue_share(base, overdue: int, level: str) -> None:
    plan, schedule = base
    tasks = [replace(t, overdue=i < overdue, status="planned")
             for i, t in enumerate(schedule.tasks)]
    assert assess(plan, replace(schedule, tasks=tasks)).level == level


@pytest.mark.parametrize("probability, impact, status, level", [
    (3, 4, "open", GREEN), (3, 5, "open", AMBER), (4, 5, "open", RED),
    (4, 5, "mitigating", AMBER), (4, 5, "closed", GREEN), (3, 5, "occurred", AMBER),
    (5, 5, "occurred", RED),
])
def test_risks_by_score_and_status(probability: int, impact: int, status: str,
                                   level: str) -> None:
    text = PLAN + (f"risks:\n  - {{id: R1, title: T, probability: {probability}, "
                   f"impact: {impact}, status: {status}}}\n")
    plan, schedule = plan_and_schedule(text, date(2026, 1, 5))
    assert assess(plan, replace(schedule, cost=0.0, missed_deadlines=[])).level == level


def test_the_worst_level_wins_and_reasons_are_ordered(base) -> None:
    plan, schedule = base
    tasks = [replace(schedule.tasks[0], status="blocked"), *schedule.tasks[1:]]
    health = assess(plan, replace(schedule, tasks=tasks, cost=2000.0))
    assert health.level == RED
    assert health.reasons[0].startswith("forecast cost is 100% over budget")
    assert health.reasons[1] == "1 task blocked"
