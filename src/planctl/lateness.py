"""How late or early work is against its deadlines, said one way by every command.

Every deadline is compared with the finish of its own task or milestone, in working days of
the plan's calendar, and every figure says its unit: "15 working days late", "1 working day
to spare". A task whose float is negative only because of a deadline after it is reported
as pushing that milestone past its deadline, never as "behind its deadline" when it has none.

Pure functions of a plan and its `Schedule`: no clock, no printing.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planctl.calendar import WorkCalendar
    from planctl.model import Plan
    from planctl.schedule.result import Schedule, TaskSchedule

FINISHED = frozenset({"done", "cancelled"})
"""Statuses of work that is over: it has no float left to show."""


def working_days(count: int) -> str:
    """`1 working day`, `3 working days`."""
    return f"{count} working day{'' if count == 1 else 's'}"


def late_or_spare(days_late: int) -> str:
    """A signed count of working days in words: `5 working days late`, `1 working day to
    spare`, `on time` (positive is late)."""
    if days_late == 0:
        return "on time"
    return f"{working_days(abs(days_late))} {'late' if days_late > 0 else 'to spare'}"


def shows_float(task: TaskSchedule) -> bool:
    """Whether a task's float means anything: finished (done or cancelled) work has none."""
    return task.status not in FINISHED


@dataclass(frozen=True)
class Standing:
    """A task or milestone against its own deadline."""

    task: str
    name: str
    milestone: bool
    deadline: date
    finish: date
    """The task's (forecast or actual) finish."""
    days_late: int
    """Working days the finish is after the deadline (negative: to spare)."""

    @property
    def late(self) -> bool:
        return self.days_late > 0

    @property
    def text(self) -> str:
        """`15 working days late`, `3 working days to spare`, `on time`."""
        return late_or_spare(self.days_late)


def standings(plan: Plan, schedule: Schedule) -> list[Standing]:
    """Every task and milestone with a deadline (cancelled ones left out), in plan order,
    each compared with its own finish. A missed deadline counts what the scheduler counted
    (`Schedule.missed_deadlines`), so every command gives the same figure."""
    from planctl.calendar import WorkCalendar

    dated = [t for t in schedule.tasks if t.deadline is not None and t.status != "cancelled"]
    if not dated:
        return []
    slips = {m.task: m.slip for m in schedule.missed_deadlines}
    origin = min([schedule.start] + [t.deadline for t in dated]  # type: ignore[misc]
                 + [t.finish for t in dated])
    calendar = WorkCalendar.for_plan(plan.calendar, origin)
    found = []
    for t in dated:
        deadline: date = t.deadline  # type: ignore[assignment]
        late = slips.get(t.id)
        if late is None:
            late = min(0, -_spare(calendar, schedule, t.finish, deadline))  # not missed
        found.append(Standing(t.id, t.name, t.milestone, deadline, t.finish, late))
    return found


def _spare(calendar: WorkCalendar, schedule: Schedule, finish: date, deadline: date) -> int:
    """Working days after `finish` up to and including `deadline`."""
    from planctl.errors import PlanctlError

    if deadline <= finish:
        return 0
    try:
        return calendar.boundary_after(deadline) - calendar.boundary_after(finish)
    except PlanctlError:  # the calendar ends at the year 9999: count weekdays instead
        off = schedule.non_working_days
        day, count = finish, 0
        while day < deadline:
            day += timedelta(days=1)
            count += day.weekday() in calendar.weekdays and day not in off
        return count


def headline(found: list[Standing]) -> Standing | None:
    """The deadline a summary shows: the one missed by most working days, else the latest
    (the end the plan promises), ties to the later finish."""
    late = [s for s in found if s.late]
    if late:
        return max(late, key=lambda s: (s.days_late, s.deadline))
    return max(found, key=lambda s: (s.deadline, s.finish), default=None)


@dataclass(frozen=True)
class Push:
    """A task whose negative float comes from a deadline after it."""

    task: str
    milestone: str
    """The id of the task or milestone whose deadline it pushes."""
    milestone_name: str
    days: int
    """Working days past that deadline (the task's negative float)."""

    @property
    def text(self) -> str:
        """`pushes Go live past its deadline by 15 working days`."""
        return f"pushes {self.milestone_name} past its deadline by {working_days(self.days)}"


def pushes(plan: Plan, schedule: Schedule) -> dict[str, Push]:
    """For each unfinished task with negative total float that its own deadline does not
    explain, the missed deadline after it that does: followed through the successor (a
    dependency or a resource hand-off) with the least float, the way the backward pass
    handed the deadline down."""
    by_id = {t.id: t for t in schedule.tasks}
    missed = {m.task: m.slip for m in schedule.missed_deadlines}
    if not missed:
        return {}
    successors = _successors(plan, schedule, set(by_id))
    binding: dict[str, str | None] = {}
    for task_id in _reverse_topological(by_id, successors):
        task = by_id[task_id]
        if task_id in missed and -task.total_float <= missed[task_id]:
            binding[task_id] = task_id  # its own deadline explains its float
            continue
        after = [s for s in successors.get(task_id, ()) if binding.get(s) is not None]
        if after:
            tightest = min(after, key=lambda s: by_id[s].total_float)
            binding[task_id] = binding[tightest]
        else:
            binding[task_id] = task_id if task_id in missed else None
    found = {}
    for task in schedule.tasks:
        target = binding.get(task.id)
        if task.total_float >= 0 or task.status in FINISHED or target is None:
            continue
        if target == task.id:
            continue  # behind its own deadline: reported as such
        days = min(-task.total_float, missed[target])
        found[task.id] = Push(task.id, target, by_id[target].name, days)
    return found


def _successors(plan: Plan, schedule: Schedule, known: set[str]) -> dict[str, list[str]]:
    """Task id → the ids of the tasks after it: dependencies (a phase meaning all its tasks,
    and a phase's own links applying to each of its tasks) and resource hand-offs."""
    members = {phase.id: [t.id for t in phase.tasks] for phase in plan.phases}
    after: dict[str, list[str]] = {}
    for phase in plan.phases:
        for task in phase.tasks:
            for link in [*phase.depends_on, *task.depends_on]:
                for before in members.get(link.task, [link.task]):
                    if before in known and task.id in known and before != task.id:
                        after.setdefault(before, []).append(task.id)
    for link in getattr(schedule, "resource_links", ()):
        after.setdefault(link.predecessor, []).append(link.successor)
    return after


def _reverse_topological(tasks: dict[str, TaskSchedule], after: dict[str, list[str]]
                         ) -> list[str]:
    """Task ids with every task before all the tasks it comes before, reversed (Kahn)."""
    incoming = dict.fromkeys(tasks, 0)
    for targets in after.values():
        for target in targets:
            if target in incoming:
                incoming[target] += 1
    ready = deque(t for t, n in incoming.items() if n == 0)
    order = []
    while ready:
        current = ready.popleft()
        order.append(current)
        for target in after.get(current, ()):
            if target in incoming:
                incoming[target] -= 1
                if incoming[target] == 0:
                    ready.append(target)
    order += [t for t, n in incoming.items() if n > 0]  # a cycle cannot happen; be safe
    return order[::-1]
