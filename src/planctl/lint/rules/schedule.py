"""D101–D105: findings that need the computed schedule (`needs_schedule = True`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planctl.errors import Diagnostic
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule

if TYPE_CHECKING:
    from planctl.schedule.result import Schedule

_HEAD = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
phases:
  - id: build
    name: Build
    owner: alice
    tasks:
"""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _days(n: int) -> str:
    return _count(n, "working day")


class DeadlineMissed(Rule):
    """A deadline never moves a task; the schedule says when the task will really finish. When
    that is after the deadline, the plan as written misses it, and the total float of the task
    and of the work leading to it is negative by the number of working days of the slip."""

    code = "D101"
    name = "deadline-missed"
    summary = "the schedule finishes a task after its deadline"
    needs_schedule = True
    bad = _HEAD + """\
      - id: configure
        name: Configure CRM
        duration: 3w
      - id: train
        name: Train the sales team
        duration: 1w
        depends_on: [configure]
        deadline: 2026-01-28  # <-- D101
"""
    good = _HEAD + """\
      - id: configure
        name: Configure CRM
        duration: 3w
      - id: train
        name: Train the sales team
        duration: 1w
        depends_on: [configure]
        deadline: 2026-01-30
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        schedule = ctx.schedule
        assert schedule is not None
        tasks = ctx.plan.tasks_by_id
        for missed in schedule.missed_deadlines:
            task = tasks[missed.task]
            yield self.finding(task.location("deadline"),
                               f"task '{task.id}' finishes {missed.finish}, "
                               f"{_days(missed.slip)} after its deadline {missed.deadline}",
                               hint="start it earlier, shorten the work before it, or move "
                                    "the deadline")


class Overdue(Rule):
    """Work the plan meant to finish before the status date that is not done is late: it is
    rescheduled from the status date on, and everything after it moves. When the plan has a
    saved baseline (`planctl baseline save`, or `--baseline`), what was planned is the
    baseline's finish, named in the message, so a replan cannot hide a slip; without one it is
    the plan's own finish. Skipped when there is no status date."""

    code = "D102"
    name = "overdue"
    summary = "a task was planned to finish before the status date and is not done"
    needs_schedule = True
    needs_as_of = True
    bad = _HEAD.replace("start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-02-02\n") \
        + """\
      - id: configure  # <-- D102
        name: Configure CRM
        duration: 2w
        status: in_progress
        progress: 40
        actual_start: 2026-01-05
"""
    good = _HEAD.replace("start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-02-02\n") \
        + """\
      - id: configure
        name: Configure CRM
        duration: 2w
        status: done
        actual_start: 2026-01-05
        actual_finish: 2026-01-16
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        schedule = ctx.schedule
        assert schedule is not None
        tasks = ctx.plan.tasks_by_id
        then = {t.id: t.finish for t in ctx.baseline.tasks} if ctx.baseline else {}
        for shown in schedule.tasks:
            planned = then.get(shown.id)
            # A replan does not hide a slip: due by the baseline and not done is overdue too.
            late_by_baseline = (planned is not None and planned < schedule.status_date
                                and shown.status not in ("done", "cancelled"))
            if shown.overdue or late_by_baseline:
                task = tasks[shown.id]
                # With a saved baseline, what was planned is what the baseline says, not the
                # current file's own recomputed date (which moves with every replan).
                when = (f"{planned} (baseline {ctx.baseline.name})"
                        if planned is not None and ctx.baseline is not None
                        else f"{shown.planned_finish}")
                yield self.finding(task.location("id"),
                                   f"task '{task.id}' was planned to finish {when} and is not "
                                   f"done as of {schedule.status_date}",
                                   hint="update its status and progress, or replan it")


class OverAllocated(Rule):
    """A resource asked for more units on a day than its `capacity` cannot do all that work.
    Levelling (on by default) delays tasks until this cannot happen, so with levelling the rule
    finds only what levelling cannot fix: a task that needs more units than the resource has,
    or work already done. With `--no-level` it reports every over-allocated day."""

    code = "D103"
    name = "over-allocated"
    summary = "a resource is used above its capacity on some day"
    needs_schedule = True
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - id: alice  # <-- D103
    name: Alice Chen
phases:
  - id: build
    name: Build
    owner: alice
    tasks:
      - id: configure
        name: Configure CRM
        effort: 4d
        assign: [{resource: alice, units: 2}]
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - id: alice
    name: Alice Chen
phases:
  - id: build
    name: Build
    owner: alice
    tasks:
      - id: configure
        name: Configure CRM
        effort: 4d
        assign: [alice]
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        schedule = ctx.schedule
        assert schedule is not None
        resources = ctx.plan.resources_by_id
        for load in schedule.resources:
            days = [(day, units) for day, units in load.load.items()
                    if units > load.capacity + 1e-9]
            if not days:
                continue
            peak = max(units for _, units in days)
            # Only suggest levelling when it was turned off: levelled schedules are over
            # only where levelling cannot help (too many units asked, or work already done).
            fix = ("level resources (drop --no-level), assign fewer units, or raise the "
                   "capacity" if not schedule.levelled else
                   "assign at most the capacity in `units` (or leave `units` out), or raise "
                   "the capacity")
            yield self.finding(resources[load.id].location("id"),
                               f"resource '{load.id}' is used above its capacity "
                               f"{load.capacity:g} on {_count(len(days), 'day')} from "
                               f"{days[0][0]} (up to {peak:g} units)", hint=fix)


class StartConstraintOverridden(Rule):
    """`start_no_earlier_than` only ever holds a task back. When its dependencies already push
    the start later, the date has no effect, and a reader who took it as the planned start is
    misled: the task cannot start when the constraint says."""

    code = "D104"
    name = "start-constraint-overridden"
    summary = "dependencies start a task later than its start_no_earlier_than"
    needs_schedule = True
    bad = _HEAD + """\
      - id: configure
        name: Configure CRM
        duration: 3w
      - id: train
        name: Train the sales team
        duration: 1w
        depends_on: [configure]
        start_no_earlier_than: 2026-01-19  # <-- D104
"""
    good = _HEAD + """\
      - id: configure
        name: Configure CRM
        duration: 3w
      - id: train
        name: Train the sales team
        duration: 1w
        depends_on: [configure]
        start_no_earlier_than: 2026-01-26
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        schedule = ctx.schedule
        assert schedule is not None
        for _, task in ctx.tasks:
            wanted = task.start_no_earlier_than
            if wanted is None or task.status in ("done", "cancelled"):
                continue
            shown = schedule.task(task.id)
            start = shown.early_start or shown.start
            if shown.driving and start > _first_workday(schedule, wanted):
                yield self.finding(
                    task.location("start_no_earlier_than"),
                    f"task '{task.id}' cannot start before {start}: "
                    f"{', '.join(shown.driving)} "
                    f"{'holds' if len(shown.driving) == 1 else 'hold'} it past its "
                    f"start_no_earlier_than {wanted}",
                    hint="remove the constraint, or move the dependencies")


def _first_workday(schedule: Schedule, day: date) -> date:
    """The first working day on or after `day` (a Saturday constraint means Monday)."""
    off = schedule.non_working_days
    while day in off:
        day += timedelta(days=1)
    return day


class FinishAfterMilestoneDeadline(Rule):
    """The last milestone with a deadline usually marks the end the plan promises (a go-live).
    Work planned after it is normal (support, hypercare, handover) when it is linked to it:
    it depends on the milestone, so it moves when the milestone moves. Work that finishes
    after that deadline with no link to the milestone, either way, is the case to look at:
    either the milestone should wait for it (and then the plan misses its promise), or it is
    work after the milestone that does not move when the milestone slips.

    Only the last task of an unlinked chain is reported, at its `id`. Done and cancelled work
    is not. Links through phases count (depending on a phase is depending on its tasks)."""

    code = "D105"
    name = "finish-after-last-deadline"
    summary = "work not linked to the latest milestone with a deadline finishes after it"
    needs_schedule = True
    bad = _HEAD + """\
      - id: configure
        name: Configure CRM
        duration: 3w
      - id: live
        name: Go live
        milestone: true
        depends_on: [configure]
        deadline: 2026-01-30
      - id: hypercare
        name: Hypercare
        duration: 2w
        depends_on: [live]
      - id: migrate  # <-- D105
        name: Migrate the legacy data
        duration: 5w
"""
    good = _HEAD + """\
      - id: configure
        name: Configure CRM
        duration: 3w
      - id: migrate
        name: Migrate the legacy data
        duration: 5w
      - id: live
        name: Go live
        milestone: true
        depends_on: [configure, migrate]
        deadline: 2026-03-06
      - id: hypercare
        name: Hypercare
        duration: 2w
        depends_on: [live]
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        schedule = ctx.schedule
        assert schedule is not None
        milestones = [t for _, t in ctx.tasks if t.milestone and t.deadline is not None
                      and t.status != "cancelled"]
        if not milestones:
            return
        last = max(milestones, key=lambda t: t.deadline)  # type: ignore[arg-type,return-value]
        deadline = last.deadline
        assert deadline is not None
        successors = ctx.successors
        linked = _reachable(last.id, successors) | _reachable(last.id, ctx.predecessors)
        late = {t.id for _, t in ctx.tasks
                if t.id != last.id and t.id not in linked
                and t.status not in ("done", "cancelled")
                and schedule.task(t.id).finish > deadline}
        tasks = ctx.plan.tasks_by_id
        for task_id in (t.id for _, t in ctx.tasks if t.id in late):  # in file order
            if late.isdisjoint(successors.get(task_id, ())):
                task = tasks[task_id]
                yield self.finding(
                    task.location("id"),
                    f"task '{task_id}' finishes {schedule.task(task_id).finish}, after the "
                    f"latest milestone deadline {deadline} ('{last.id}'), and nothing links it "
                    f"to '{last.id}'",
                    hint=f"if '{last.id}' waits for it, add it to the depends_on of "
                         f"'{last.id}'; if it is planned work after '{last.id}' (support, "
                         f"handover), make it depend on '{last.id}'")


def _reachable(start: str, graph: dict[str, set[str]]) -> set[str]:
    seen, stack = {start}, [start]
    while stack:
        for child in graph.get(stack.pop(), ()):
            if child not in seen:
                seen.add(child)
                stack.append(child)
    return seen


RULES: tuple[Rule, ...] = (DeadlineMissed(), Overdue(), OverAllocated(),
                           StartConstraintOverridden(), FinishAfterMilestoneDeadline())
