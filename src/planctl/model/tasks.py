"""Phases, tasks, and what a task carries: dependencies, assignments, estimates."""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from planctl.model.base import Base
from planctl.model.fields import Day as DayField
from planctl.model.fields import (
    DependencyType,
    Duration,
    Flag,
    Id,
    Lag,
    Money,
    Name,
    Percent,
    Priority,
    TaskStatus,
    Text,
    Units,
    WorkDuration,
)


class Dependency(Base):
    """A link from a predecessor task or phase. Write `id` for finish-to-start with no lag."""

    task: Id
    """Id of the predecessor task or phase."""
    type: DependencyType = "FS"
    """FS: start after it finishes; SS: start no earlier than it starts; FF: finish no earlier
    than it finishes; SF: finish no earlier than it starts."""
    lag: Lag = Duration(0)
    """Working days added to the link (`2d`); negative for a lead (`-1d`)."""

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data: Any) -> Any:
        return {"task": data} if isinstance(data, str) else data


class Assignment(Base):
    """A resource working on a task. Write `id` for as much of the resource as one person
    gives: `min(1, capacity)` units (a half-time person at 0.5)."""

    resource: Id
    """Id of the resource."""
    units: Units | None = None
    """Units of the resource used per working day (1 = one full-time person). Default:
    `min(1, capacity)`, so a half-time person (`capacity: 0.5`) works at 0.5."""

    @model_validator(mode="before")
    @classmethod
    def _short(cls, data: Any) -> Any:
        return {"resource": data} if isinstance(data, str) else data

    def units_of(self, capacity: float) -> float:
        """The units used per working day of a resource with this `capacity`: as written,
        else `min(1, capacity)` (Microsoft Project's rule for a part-time resource)."""
        return float(self.units) if self.units is not None else min(1.0, float(capacity))


class Estimate(Base):
    """Three-point estimate used by forecasts."""

    optimistic: WorkDuration
    """Duration if everything goes well."""
    likely: WorkDuration
    """Most likely duration."""
    pessimistic: WorkDuration
    """Duration if things go badly."""


class Task(Base):
    """A unit of work, or a milestone. Exactly one of duration, effort or milestone."""

    id: Id
    """Unique id among all tasks and phases of the plan."""
    name: Name
    """Short name shown in reports."""
    description: Text | None = None
    """Markdown text."""
    owner: Id | None = None
    """A resource or stakeholder id accountable for the task."""
    milestone: Flag = False
    """An event with no duration."""
    duration: WorkDuration | None = None
    """Span in working days of the plan calendar (`3d`, `2w`)."""
    effort: WorkDuration | None = None
    """Work in person-days spread over the assigned resources (`10d`, `2.5d`)."""
    estimate: Estimate | None = None
    """Three-point estimate for forecasts."""
    assign: list[Assignment] = Field(default_factory=list)
    """Resources doing the work: ids, or `{resource, units}`."""
    depends_on: list[Dependency] = Field(default_factory=list)
    """Predecessors: ids (finish-to-start), or `{task, type, lag}`."""
    status: TaskStatus = "planned"
    """planned | in_progress | done | blocked | cancelled."""
    progress: Percent | None = None
    """Percent of the work done, 0..100."""
    actual_start: DayField | None = None
    """The day work really started."""
    actual_finish: DayField | None = None
    """The day work really finished."""
    start_no_earlier_than: DayField | None = None
    """The task may not start before this date."""
    deadline: DayField | None = None
    """Soft deadline: never moves the task, reported when missed."""
    priority: Priority = 500
    """1..1000: who wins when resources are levelled."""
    cost: Money | None = None
    """Fixed cost, added to the cost of its resources."""
    tags: list[Text] = Field(default_factory=list)
    """Free labels for filtering and reports."""

    @property
    def work_kind(self) -> str:
        """'milestone', 'duration' or 'effort' (the first one set)."""
        if self.milestone:
            return "milestone"
        return "effort" if self.effort is not None else "duration"

    @property
    def percent_done(self) -> float:
        if self.status == "done":
            return 100.0
        return float(self.progress or 0)


class Phase(Base):
    """A group of tasks; a summary that starts with its first task and ends with its last."""

    id: Id
    """Unique id among all tasks and phases of the plan."""
    name: Name
    """Short name shown in reports."""
    description: Text | None = None
    """Markdown text."""
    owner: Id | None = None
    """A resource or stakeholder id accountable for the phase."""
    depends_on: list[Dependency] = Field(default_factory=list)
    """Predecessors of every task in the phase."""
    tasks: list[Task] = Field(default_factory=list)
    """The phase's tasks."""
    tags: list[Text] = Field(default_factory=list)
    """Free labels for filtering and reports."""


def one_of_duration_effort_milestone(task: Task) -> str | None:
    """Why a task's kind is ambiguous or missing, or None when exactly one is set."""
    chosen = [name for name, on in (("duration", task.duration is not None),
                                     ("effort", task.effort is not None),
                                     ("milestone", task.milestone)) if on]
    if len(chosen) == 1:
        return None
    if not chosen:
        return "a task needs one of duration, effort or milestone: true"
    both = " and ".join(chosen)
    return f"a task takes exactly one of duration, effort and milestone; this one has {both}"


