"""The values templates receive: plain, read-only views joining the plan and its schedule.

Every field is documented in docs/templates.md; adding a field is fine, renaming one breaks
users' templates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from planctl.render.health import Health

if TYPE_CHECKING:
    from planctl.model import Phase, Risk, Task
    from planctl.schedule.result import PhaseSchedule, TaskSchedule


@dataclass(frozen=True)
class Link:
    """A dependency as drawn: predecessor id, type (FS/SS/FF/SF) and lag in working days."""

    task: str
    type: str
    lag: int


@dataclass(frozen=True)
class TaskView:
    id: str
    name: str
    phase: str
    """The phase id."""
    phase_name: str
    start: date
    finish: date
    milestone: bool
    critical: bool
    status: str
    progress: float
    total_float: int
    free_float: int
    cost: float
    deadline: date | None
    overdue: bool
    late: bool
    """Finishes after its deadline."""
    days: int
    """Working days spanned (0 for a milestone)."""
    assignees: list[str]
    """Display names of the assigned resources."""
    owner: str | None
    description: str | None
    depends_on: list[Link]
    early_start: date | None
    model: Task = field(repr=False)
    schedule: TaskSchedule = field(repr=False)


@dataclass(frozen=True)
class PhaseView:
    id: str
    name: str
    start: date
    finish: date
    progress: float
    critical: bool
    cost: float
    description: str | None
    owner: str | None
    depends_on: list[Link]
    tasks: list[TaskView]
    model: Phase = field(repr=False)
    schedule: PhaseSchedule | None = field(repr=False)


@dataclass(frozen=True)
class AtRisk:
    task: TaskView
    reasons: list[str]


@dataclass(frozen=True)
class RiskView:
    id: str
    title: str
    description: str | None
    probability: int
    """On the 1..5 scale."""
    impact: int
    score: int
    level: str
    """low (1-4), medium (5-9), high (10-14) or critical (15-25)."""
    status: str
    owner: str | None
    affects: list[str]
    """Names of affected tasks and phases."""
    mitigation: str | None
    contingency: str | None
    review_by: date | None
    review_due: bool
    """Not closed and its review date has passed."""
    model: Risk = field(repr=False)


@dataclass(frozen=True)
class MatrixCell:
    probability: int
    impact: int
    score: int
    level: str
    risks: list[str]
    """Ids of the open (not closed) risks in the cell."""


@dataclass(frozen=True)
class WeekLoad:
    week: date
    """The Monday of the week."""
    load: float
    """Unit-days of work assigned in the week."""
    capacity: float
    """Unit-days available: capacity × working days not on leave."""
    utilisation: float | None
    """Percent of capacity used; None when nothing is available."""
    over: bool


@dataclass(frozen=True)
class ResourceView:
    id: str
    name: str
    role: str | None
    kind: str
    capacity: float
    rate: float
    work: float
    """Unit-days of work assigned over the plan."""
    peak: float | None
    """Highest weekly utilisation, percent."""
    over_weeks: int
    over_days: list[date]
    weeks: list[WeekLoad]


@dataclass(frozen=True)
class StakeholderView:
    id: str
    name: str
    role: str | None
    influence: str
    interest: str
    engagement: str | None
    strategy: str
    """Manage closely, Keep satisfied, Keep informed or Monitor (power/interest grid)."""


@dataclass(frozen=True)
class CommunicationView:
    name: str
    audience: list[str]
    channel: str | None
    cadence: str
    owner: str | None


@dataclass(frozen=True)
class ObjectiveView:
    id: str
    name: str | None
    description: str
    metric: str | None
    unit: str | None
    baseline: float | None
    target: float | None
    current: float | None
    progress: float | None
    """Percent of the way from baseline to target."""


@dataclass(frozen=True)
class LessonView:
    date: date
    text: str
    action: str | None


@dataclass(frozen=True)
class Summary:
    health: Health
    start: date
    finish: date
    status_date: date
    deadline: date | None
    """The latest deadline set on any task (the plan's end date to meet)."""
    deadline_task: str | None
    finish_vs_deadline: int | None
    """Calendar days the forecast finish is after (+) or before (−) the deadline."""
    progress: float
    """Percent complete, weighted by working days."""
    cost: float
    budget: float | None
    currency: str
    cost_ratio: float | None
    tasks: int
    tasks_done: int
    milestones: int
    milestones_done: int
