"""The `ScheduleDiff` value: what changed between two versions of a plan, and what it did.

Built by `planctl.diff.compare.compare_versions`; written out by the formats in
`planctl.diff.formats`. Pairs are always (before, after); a working-day delta is positive when
the later version is later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Side:
    """One version's headline figures."""

    label: str
    """Where it was read: a file, `REV:PATH`, or `baseline NAME`."""
    start: date
    finish: date
    cost: float
    currency: str
    budget: float | None
    status_date: date
    days: int


@dataclass(frozen=True)
class TaskChange:
    id: str
    name: str
    inputs: dict[str, tuple[str, str]]
    """Input field -> (before, after) text; empty when only computed values moved."""
    start: tuple[date, date]
    finish: tuple[date, date]
    total_float: tuple[int, int]
    cost: tuple[float, float]
    critical: tuple[bool, bool]
    finish_delta_days: int
    """Working days the finish moved; positive when later."""


@dataclass(frozen=True)
class TaskRef:
    id: str
    name: str
    start: date
    finish: date
    cost: float
    milestone: bool


@dataclass(frozen=True)
class Step:
    """One link of a driving chain: `task` drives the next step, by a dependency link, or by
    handing off `resources` when there are any."""

    task: str
    resources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cause:
    """A changed input on the chain that drives a moved date."""

    task: str
    inputs: dict[str, tuple[str, str]]
    """The changed inputs; empty for an added task."""
    added: bool
    chain: tuple[Step, ...]
    """From the changed task to the moved one, in the version after."""


@dataclass(frozen=True)
class MilestoneMove:
    id: str
    name: str
    finish: tuple[date, date]
    delta_days: int
    deadline: date | None
    causes: tuple[Cause, ...] = ()
    plan_causes: tuple[str, ...] = ()
    """Plan-wide inputs that changed (start, status date, calendar) and move every date."""


@dataclass(frozen=True)
class DeadlineChange:
    id: str
    name: str
    deadline: tuple[date | None, date | None]
    finish: tuple[date | None, date | None]
    met: tuple[bool | None, bool | None]
    """None where the task or its deadline does not exist in that version."""

    @property
    def newly_missed(self) -> bool:
        return self.met[1] is False and self.met[0] is not False

    @property
    def newly_met(self) -> bool:
        return self.met[0] is False and self.met[1] is True


@dataclass(frozen=True)
class ItemChange:
    """A resource or risk that changed: its fields, and for a risk its score."""

    id: str
    inputs: dict[str, tuple[str, str]]
    score: tuple[int, int] | None = None


@dataclass(frozen=True)
class ItemChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[ItemChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass(frozen=True)
class DeadlineChanceChange:
    id: str
    name: str
    probability: tuple[float | None, float | None]
    """The chance of meeting the deadline before and after, 0..1 (None: no such deadline)."""


@dataclass(frozen=True)
class ForecastChange:
    """What the change does to the forecast (both sides with the same seed)."""

    p50: tuple[date, date]
    p80: tuple[date, date]
    p80_delta_days: int
    """Working days P80 moved; positive when later."""
    deadlines: list[DeadlineChanceChange] = field(default_factory=list)
    iterations: tuple[int, int] = (0, 0)
    seed: int = 1


@dataclass(frozen=True)
class ScheduleDiff:
    base: Side
    head: Side
    finish_delta_days: int
    """Working days the plan's finish moved; positive when later."""
    cost_delta: float
    critical_paths: tuple[list[list[str]], list[list[str]]]
    critical_path_text: tuple[list[str], list[str]]
    """Each side's chains in the notation `a ⇢(devs) b → c`."""
    tasks_added: list[TaskRef]
    tasks_removed: list[TaskRef]
    tasks_changed: list[TaskChange]
    milestones: list[MilestoneMove]
    deadlines: list[DeadlineChange]
    resources: ItemChanges
    risks: ItemChanges
    plan_inputs: dict[str, tuple[str, str]]
    """Plan-wide inputs that changed: name, start, status date, calendar, budget."""
    risk_scores: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    """Every risk's score before and after (None where it does not exist)."""
    inputs_known: bool = True
    """False when a side is a saved baseline, which keeps dates and cost but not inputs."""
    finish_causes: tuple[Cause, ...] = ()
    """Why the plan's finish moved: changed inputs on the chain that drives its last task."""
    finish_plan_causes: tuple[str, ...] = ()
    """Plan-wide inputs that changed and move every date."""
    forecast: ForecastChange | None = None
    """The forecast on both sides (`diff --forecast`; docs/forecast.md), or None."""

    @property
    def critical_changed(self) -> bool:
        return self.critical_paths[0] != self.critical_paths[1]

    @property
    def newly_missed(self) -> list[DeadlineChange]:
        return [d for d in self.deadlines if d.newly_missed]

    @property
    def newly_met(self) -> list[DeadlineChange]:
        return [d for d in self.deadlines if d.newly_met]

    @property
    def cost_delta_percent(self) -> float | None:
        return self.cost_delta / self.base.cost * 100 if self.base.cost else None

    @property
    def unchanged(self) -> bool:
        """Nothing a reviewer would care about differs: inputs, dates, cost, paths, risks."""
        return not (self.finish_delta_days or self.base.finish != self.head.finish
                    or abs(self.cost_delta) > 0.005 or self.critical_changed
                    or self.tasks_added or self.tasks_removed or self.tasks_changed
                    or self.deadlines or self.resources or self.risks or self.plan_inputs
                    or self.base.start != self.head.start)
