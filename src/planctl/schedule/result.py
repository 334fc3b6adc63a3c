"""The `Schedule` value: what scheduling a plan gives, and what later commands build on.

Dates are calendar dates. A task's `start` is its first working day and `finish` its last
(inclusive); a milestone's `start` and `finish` are both the day it is shown on. Floats are in
working days. This shape is a public contract (see docs/scheduling.md): extend it, never rename.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

DEPENDENCY_ARROW = "→"
HANDOFF_ARROW = "⇢"


@dataclass(frozen=True)
class ResourceLink:
    """A resource hand-off that levelling created: `successor` waited for `resource`, which
    `predecessor` held until the successor started. Floats and critical paths of a levelled
    schedule follow these links as finish-to-start links with no lag, beside the plan's own
    dependency links (see docs/scheduling.md, "Critical path after levelling")."""

    predecessor: str
    successor: str
    resource: str
    lag: int = 0
    """Working days. 0 for a plain hand-off; with `type` FS a lead of the predecessor's last
    days on which the resource was on leave (a duration task runs on without it)."""
    type: str = "FS"
    """"FS", or "SS" when the predecessor freed the resource for a gap in its work (leave)
    and went on after: the successor's start is `lag` days after the predecessor's start."""


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
    logic_total_float: int = 0
    """Total float on the dependency links alone, without levelling (unlimited resources):
    how far the task could slip if nobody were busy elsewhere. `total_float` is the float of
    the levelled schedule, on dependency links plus resource hand-offs."""
    logic_free_float: int = 0
    """Free float on the dependency links alone, without levelling."""
    handoffs: tuple[ResourceLink, ...] = ()
    """Resource hand-offs into this task: the tasks whose release of a resource decides its
    start after levelling (with `driving`, the task's whole driving network)."""
    start_delay: int = 0
    """Working days the task starts after the start its links, the plan's start and
    `start_no_earlier_than` allow with its predecessors at their scheduled dates: what
    levelling and the status date added (`planctl.schedule.delay`). 0 for milestones and for
    tasks with actual dates."""
    shown_at_start: bool = True
    """For milestones: shown at the start of its day (a start placed it), or at the close of
    it (a finish placed it; its successors start on the next working day)."""

    @classmethod
    def from_fields(cls, values: dict[str, Any]) -> TaskSchedule:
        """The same value as `TaskSchedule(**values)`, where `values` names every field.

        For the scheduler, which makes one a task: the frozen dataclass's `__init__` sets its
        27 fields one `object.__setattr__` call at a time, a tenth of scheduling a large plan.
        """
        if values.keys() != _TASK_FIELDS:
            raise TypeError(f"TaskSchedule fields: expected {sorted(_TASK_FIELDS)}, "
                            f"got {sorted(values)}")
        made = object.__new__(cls)
        made.__dict__.update(values)
        return made


_TASK_FIELDS = frozenset(f.name for f in fields(TaskSchedule))


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
    days: int = 0
    """Working days from the phase's first start to its last finish, both counted (0 when
    it holds only milestones)."""


class _Deferred:
    """A field value not made yet: `make()` gives it (see `_MadeOnFirstRead`)."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make


class _MadeOnFirstRead:
    """A dataclass field that may be given as a `_Deferred`, made on its first read and then
    kept: to its readers (and to `==`, `repr`, `dataclasses.fields`) an ordinary field."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = f"_{name}_value"

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            # No class-level value: the dataclass sees no default, so the field stays required.
            raise AttributeError(self.key)
        value = obj.__dict__[self.key]
        if type(value) is _Deferred:
            value = obj.__dict__[self.key] = value.make()
        return value

    def __set__(self, obj: object, value: Any) -> None:
        # Reached only from the dataclass's own __init__: a frozen instance refuses the rest.
        obj.__dict__[self.key] = value


@dataclass(frozen=True)
class ResourceLoad:
    id: str
    name: str
    capacity: float
    load: dict[date, float] = _MadeOnFirstRead()  # type: ignore[assignment]
    """Units in use on each working day that has any."""
    over_allocated: tuple[date, ...] = ()
    """Days on which `load` exceeds `capacity` (only when levelling is off)."""

    @classmethod
    def deferred(cls, id: str, name: str, capacity: float,
                 make_load: Callable[[], dict[date, float]],
                 over_allocated: tuple[date, ...] = ()) -> ResourceLoad:
        """A `ResourceLoad` whose `load` is made by `make_load` when first read: the scheduler
        makes hundreds of thousands of per-day entries that most commands (an export, a
        render without load charts) never read."""
        return cls(id, name, capacity, _Deferred(make_load), over_allocated)  # type: ignore[arg-type]


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
    critical_path_links: list[list[tuple[str, ...]]] = field(default_factory=list)
    """For each chain of `critical_paths`, one entry per step between consecutive tasks: `()`
    for a dependency link, else the ids of the resources handed off (a resource link)."""
    resource_links: list[ResourceLink] = field(default_factory=list)
    """Every resource hand-off of the levelled schedule (none when not levelled), in the order
    of the successors in the file. The driving network is the plan's dependency links plus
    these: re-running the forward pass on it gives back the levelled dates."""
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

    def critical_path_text(self, n: int = 0) -> str:
        """Chain `n` in the notation every output uses: `a ⇢(devs) b → c`."""
        path = self.critical_paths[n]
        links = self.critical_path_links
        return chain_notation(path, links[n] if n < len(links) else [()] * (len(path) - 1))


def chain_notation(tasks: Sequence[str], via: Sequence[tuple[str, ...]]) -> str:
    """`a ⇢(devs) b → c`: `→` a dependency, `⇢(r)` a hand-off of resource(s) r."""
    parts = [tasks[0]] if tasks else []
    for task, resources in zip(tasks[1:], via, strict=True):
        arrow = (f"{HANDOFF_ARROW}({', '.join(resources)})" if resources
                 else DEPENDENCY_ARROW)
        parts += [arrow, task]
    return " ".join(parts)
