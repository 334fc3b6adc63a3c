"""What a rule sees: the plan, the status date, indexes built once, and a lazy schedule."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from planctl.errors import PlanctlError
from planctl.loader import LoadedPlan
from planctl.model import Phase, Plan, Task

if TYPE_CHECKING:
    from planctl.baseline import Baseline
    from planctl.lint.config import LintConfig
    from planctl.lint.suppress import Directives
    from planctl.schedule.result import Schedule


def effective_as_of(plan: Plan, override: date | None, today: date) -> date:
    """The status date a command should use: `--as-of`, else the plan's, else `today`.

    The core never reads the clock; callers pass `today` (usually `date.today()`).
    """
    if override is not None:
        return override
    return plan.status_date if plan.status_date is not None else today


class LintContext:
    """The plan under lint and what rules share, each index built at most once."""

    def __init__(self, loaded: LoadedPlan, as_of: date | None = None,
                 schedule_provider: Callable[[], Schedule] | None = None,
                 config: LintConfig | None = None) -> None:
        from planctl.lint.config import LintConfig

        self.loaded = loaded
        self.config: LintConfig = config if config is not None else LintConfig()
        """The settings in force (rules read their options here)."""
        self.plan: Plan = loaded.plan
        self.as_of: date | None = as_of if as_of is not None else self.plan.status_date
        self._provider = schedule_provider
        self._schedule: Schedule | None = None
        self._schedule_tried = False
        self.baseline: Baseline | None = None
        """The plan's saved baseline, when the caller has one (see planctl.baseline)."""

    @property
    def has_schedule_provider(self) -> bool:
        return self._provider is not None

    @property
    def schedule(self) -> Schedule | None:
        """The computed schedule, asked for once, on first use; None when it cannot be made.

        A `PlanctlError` from the provider is swallowed here: the command that schedules the
        plan reports it, and lint only skips the rules that need dates.
        """
        if not self._schedule_tried:
            self._schedule_tried = True
            if self._provider is not None:
                try:
                    self._schedule = self._provider()
                except PlanctlError:
                    self._schedule = None
        return self._schedule

    @cached_property
    def tasks(self) -> list[tuple[Phase, Task]]:
        """Every (phase, task) in file order."""
        return list(self.plan.iter_tasks())

    @cached_property
    def workdays_per_week(self) -> int:
        return len(self.plan.calendar.workdays)

    @cached_property
    def assigned(self) -> set[str]:
        """Ids of resources assigned to at least one task."""
        return {a.resource for _, task in self.tasks for a in task.assign}

    @cached_property
    def owners(self) -> set[str]:
        """Ids named as `owner` anywhere: plan, phases, tasks, risks, communications."""
        plan = self.plan
        found = {plan.owner} if plan.owner else set()
        found.update(p.owner for p in plan.phases if p.owner)
        found.update(t.owner for _, t in self.tasks if t.owner)
        found.update(r.owner for r in plan.risks if r.owner)
        found.update(c.owner for c in plan.communications if c.owner)
        return found

    @cached_property
    def audience(self) -> set[str]:
        """Ids of stakeholders who receive at least one communication."""
        return {who for c in self.plan.communications for who in c.audience}

    @cached_property
    def uses_forecasts(self) -> bool:
        """The plan has a task estimate or a risk delay (the F1xx rules run only then)."""
        from planctl.forecast.inputs import uses_forecasts

        return uses_forecasts(self.plan)

    @cached_property
    def successors(self) -> dict[str, set[str]]:
        """Task id → ids of the tasks that depend on it. A link to or from a phase counts for
        each of its tasks; every task named as a predecessor is a key, even when the linked
        phase has no tasks (its set is then empty)."""
        members = self.phase_members
        result: dict[str, set[str]] = {}
        for phase in self.plan.phases:
            for dep in phase.depends_on:
                for before in members.get(dep.task, (dep.task,)):
                    result.setdefault(before, set()).update(members[phase.id])
        for _, task in self.tasks:
            for dep in task.depends_on:
                for before in members.get(dep.task, (dep.task,)):
                    result.setdefault(before, set()).add(task.id)
        return result

    @cached_property
    def predecessors(self) -> dict[str, set[str]]:
        """Task id → ids of the tasks it depends on: `successors` reversed."""
        result: dict[str, set[str]] = {}
        for before, afters in self.successors.items():
            for after in afters:
                result.setdefault(after, set()).add(before)
        return result

    @cached_property
    def with_predecessor(self) -> set[str]:
        """Ids of tasks that depend on something: their own `depends_on`, or their phase's."""
        found = {task.id for _, task in self.tasks if task.depends_on}
        for phase in self.plan.phases:
            if phase.depends_on:
                found.update(self.phase_members[phase.id])
        return found

    @cached_property
    def phase_members(self) -> dict[str, tuple[str, ...]]:
        """Phase id → ids of its tasks, in file order."""
        return {phase.id: tuple(t.id for t in phase.tasks) for phase in self.plan.phases}

    @cached_property
    def directives(self) -> Directives:
        """The `# planctl: ignore[...]` comments of every source file."""
        from planctl.lint.suppress import scan

        return scan(self.loaded.source.files)
