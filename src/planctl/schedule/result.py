"""The `Schedule` value: what scheduling a plan gives, and what later commands build on.

Dates are calendar dates. A task's `start` is its first working day and `finish` its last
(inclusive); a milestone's `start` and `finish` are both the day it is shown on. Floats are in
working days. This shape is a public contract (see docs/scheduling.md): extend it, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class TaskSchedule:
    id: str
    name: str
    phase: str
    start: date
    finish: date
    milestone: bool
    total_float: int
    free_float: int
    critical: bool
    cost: float
    status: str = "planned"
    progress: float = 0.0
    """Percent of the work done, 0..100 (100 for done tasks)."""
    assignees: tuple[str, ...] = ()
    deadline: date | None = None
    overdue: bool = False
    """Planned to finish before the status date and not done."""
    early_start: date | None = None
    """Start before levelling moved it (equal to `start` when not levelled)."""
    late_start: date | None = None
    """Latest start that keeps the plan's finish and the task's deadline (if it can)."""
    late_finish: date | None = None
    """Latest finish that keeps the plan's finish and the task's deadline (if it can)."""
    driving: tuple[str, ...] = ()
    """Ids of the predecessors whose links decide this task's start (phases looked through)."""
    days: int = 0
    """Working days from start to finish (0 for milestones)."""
    planned_finish: date | None = None
    """Finish as planned, ignoring the status date: what `overdue` compares."""
    span_days: int = 0
    """Working days of work the task needs in all (done and remaining; 0 for milestones)."""


@dataclass(frozen=True)
class PhaseSchedule:
    id: str
    name: str
    start: date
    finish: date
    cost: float
    progress: float
    """Percent complete, weighted by task span."""
    critical: bool


@dataclass(frozen=True)
class ResourceLoad:
    id: str
    name: str
    capacity: float
    load: dict[date, float]
    """Units in use on each working day that has any."""
    over_allocated: tuple[date, ...] = ()
    """Days on which `load` exceeds `capacity` (only when levelling is off)."""


@dataclass(frozen=True)
class MissedDeadline:
    task: str
    deadline: date
    finish: date
    slip: int
    """Working days late."""


@dataclass(frozen=True)
class Schedule:
    plan_id: str
    plan_name: str
    start: date
    finish: date
    status_date: date
    cost: float
    budget: float | None
    currency: str
    levelled: bool
    tasks: list[TaskSchedule] = field(default_factory=list)
    phases: list[PhaseSchedule] = field(default_factory=list)
    resources: list[ResourceLoad] = field(default_factory=list)
    critical_paths: list[list[str]] = field(default_factory=list)
    """Chains of critical task ids from the plan's start to its finish."""
    missed_deadlines: list[MissedDeadline] = field(default_factory=list)
    non_working_days: frozenset[date] = frozenset()
    """Weekend days and holidays between start and finish, for charts."""
    days: int = 0
    """Working days from the plan's start to its finish."""
    lower_bound_days: int = 0
    """No schedule can be shorter: the longer of the longest chain of links (the unlevelled
    length) and the busiest resource's total work divided by its capacity."""
    holidays: dict[date, str] = field(default_factory=dict)
    """Holidays (plan and public) on working weekdays between start and finish, by name."""

    def task(self, task_id: str) -> TaskSchedule:
        """The schedule of one task (KeyError if there is none)."""
        index = self.__dict__.get("_by_id")
        if index is None or len(index) != len(self.tasks):
            index = {t.id: t for t in self.tasks}
            self.__dict__["_by_id"] = index  # a cache: frozen fields stay untouched
        return index[task_id]
