"""A plan's health, green / amber / red, by a rule written down in docs/render.md.

Each signal gives a level and a reason; the plan's health is the worst level, and every reason
at that level or at amber is listed, so a reader sees why. The thresholds are constants here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.schedule.result import Schedule

GREEN, AMBER, RED = "green", "amber", "red"
_RANK = {GREEN: 0, AMBER: 1, RED: 2}

SLIP_RED_DAYS = 5
"""A deadline missed by more than this many working days is red; by fewer, amber."""
COST_RED_RATIO = 1.10
"""Forecast cost above budget is amber; above budget × this, red."""
RISK_AMBER_SCORE = 15
"""An open, mitigating or occurred risk scoring at least this is amber."""
RISK_RED_SCORE = 20
"""An open (unmitigated) or occurred risk scoring at least this is red."""
OVERDUE_RED_SHARE = 0.2
"""Overdue work is amber; red when more than this share of unfinished tasks is overdue."""


@dataclass(frozen=True)
class Health:
    level: str
    """green, amber or red."""
    reasons: list[str] = field(default_factory=list)
    """Why, worst first; empty when green."""

    @property
    def symbol(self) -> str:
        """A marker that does not rely on colour alone: ● green, ▲ amber, ■ red."""
        return {GREEN: "●", AMBER: "▲", RED: "■"}[self.level]

    @property
    def label(self) -> str:
        return {GREEN: "On track", AMBER: "At risk", RED: "Off track"}[self.level]


def assess(plan: Plan, schedule: Schedule) -> Health:
    """The health of `plan` as scheduled in `schedule` (status date: `schedule.status_date`)."""
    signals: list[tuple[str, str]] = []
    for missed in schedule.missed_deadlines:
        level = RED if missed.slip > SLIP_RED_DAYS else AMBER
        name = _task_name(schedule, missed.task)
        signals.append((level, f"{name} misses its deadline {missed.deadline.isoformat()} by "
                               f"{missed.slip} working day{'s' if missed.slip != 1 else ''}"))
    open_tasks = [t for t in schedule.tasks if t.status not in ("done", "cancelled")]
    overdue = [t for t in open_tasks if t.overdue]
    if overdue:
        share = len(overdue) / max(1, len(open_tasks))
        level = RED if share > OVERDUE_RED_SHARE else AMBER
        signals.append((level, f"{len(overdue)} task{'s' if len(overdue) != 1 else ''} overdue"))
    blocked = [t for t in open_tasks if t.status == "blocked"]
    if blocked:
        signals.append((AMBER, f"{len(blocked)} task{'s' if len(blocked) != 1 else ''} blocked"))
    for risk in plan.risks:
        if risk.status == "closed" or risk.score < RISK_AMBER_SCORE:
            continue
        unmitigated = risk.status in ("open", "occurred")
        level = RED if risk.score >= RISK_RED_SCORE and unmitigated else AMBER
        signals.append((level, f"risk {risk.id} ({risk.status}) scores {risk.score}"))
    if schedule.budget is not None and schedule.cost > schedule.budget:
        ratio = schedule.cost / schedule.budget if schedule.budget else float("inf")
        level = RED if ratio > COST_RED_RATIO else AMBER
        over = (ratio - 1) * 100
        signals.append((level, f"forecast cost is {over:.0f}% over budget"
                        if ratio != float("inf") else "cost against a budget of 0"))
    if not signals:
        return Health(GREEN)
    worst = max(signals, key=lambda s: _RANK[s[0]])[0]
    ordered = sorted(signals, key=lambda s: -_RANK[s[0]])  # stable: file order within a level
    return Health(worst, [reason for _, reason in ordered])


def _task_name(schedule: Schedule, task_id: str) -> str:
    for task in schedule.tasks:
        if task.id == task_id:
            return task.name
    return task_id
