"""T111–T115: progress a task reports (status, progress, actual dates, estimates)."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.errors import Diagnostic, Location, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule
from planctl.model import Estimate
from planctl.model.base import Base


class DoneWithoutFinish(Rule):
    """The scheduler keeps a done task at its actual dates; without `actual_finish` it can
    only guess when the work ended, and every successor's dates rest on that guess."""

    code = "T111"
    name = "done-without-finish"
    summary = "a done task has no actual_finish"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: discovery
    name: Discovery
    tasks:
      - id: requirements
        name: Gather requirements
        duration: 2w
        status: done  # <-- T111
        actual_start: 2026-01-05
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: discovery
    name: Discovery
    tasks:
      - id: requirements
        name: Gather requirements
        duration: 2w
        status: done
        actual_start: 2026-01-05
        actual_finish: 2026-01-16
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for _, task in ctx.tasks:
            if task.status == "done" and task.actual_finish is None:
                yield self.finding(task.location("status"), f"task '{task.id}' is done but "
                                   "has no actual_finish",
                                   hint="add `actual_finish: YYYY-MM-DD`, the day work ended")


class CompleteButNotDone(Rule):
    """Progress 100 says the work is finished while the status says it is not; the
    scheduler trusts the status, so one of the two is out of date."""

    code = "T112"
    name = "complete-but-not-done"
    summary = "a task has progress 100 but is not done"
    bad = """\
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
      - id: configure
        name: Configure CRM
        duration: 3w
        status: in_progress
        actual_start: 2026-01-05
        progress: 100  # <-- T112
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure CRM
        duration: 3w
        status: done
        actual_start: 2026-01-05
        actual_finish: 2026-01-23
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for _, task in ctx.tasks:
            if task.progress is not None and task.progress >= 100 and task.status != "done":
                yield self.finding(task.location("progress"), f"task '{task.id}' has progress "
                                   f"100 but status {task.status}",
                                   hint="set `status: done` and `actual_finish`, or lower "
                                   "progress")


class StartedWithoutActualStart(Rule):
    """An in-progress or done task without `actual_start` leaves the scheduler to guess
    when the work began, and the guess moves every time the status date does.
    Milestones have no start and are not reported."""

    code = "T113"
    name = "started-without-actual-start"
    summary = "an in-progress or done task has no actual_start"
    bad = """\
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
      - id: configure
        name: Configure CRM
        duration: 3w
        status: in_progress  # <-- T113
        progress: 40
"""
    good = """\
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
      - id: configure
        name: Configure CRM
        duration: 3w
        status: in_progress
        progress: 40
        actual_start: 2026-01-26
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for _, task in ctx.tasks:
            if (task.status in ("in_progress", "done") and task.actual_start is None
                    and not task.milestone):
                yield self.finding(task.location("status"), f"task '{task.id}' is "
                                   f"{task.status.replace('_', ' ')} but has no actual_start",
                                   hint="add `actual_start: YYYY-MM-DD`, the day work began")


class FinishButNotDone(Rule):
    """A task with an `actual_finish` has finished, but its status says otherwise; the
    scheduler goes by the status and plans the remaining work anyway. Cancelled tasks may
    record the day they were stopped and are not reported."""

    code = "T114"
    name = "finish-but-not-done"
    summary = "a task has an actual_finish but is not done"
    bad = """\
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
      - id: configure
        name: Configure CRM
        duration: 3w
        status: in_progress
        actual_start: 2026-01-05
        actual_finish: 2026-01-23  # <-- T114
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure CRM
        duration: 3w
        status: done
        actual_start: 2026-01-05
        actual_finish: 2026-01-23
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for _, task in ctx.tasks:
            if task.actual_finish is not None and task.status not in ("done", "cancelled"):
                yield self.finding(task.location("actual_finish"), f"task '{task.id}' has an "
                                   f"actual_finish but status {task.status}",
                                   hint="set `status: done`, or remove actual_finish")


def estimate_disorder(owner: Base, field: str, estimate: Estimate,
                      workdays_per_week: int) -> tuple[Location, str] | None:
    """Where and how a three-point estimate breaks optimistic ≤ likely ≤ pessimistic."""
    low, mid, high = (estimate.optimistic.days(workdays_per_week),
                      estimate.likely.days(workdays_per_week),
                      estimate.pessimistic.days(workdays_per_week))
    if low > mid:
        return (owner.location(field, "optimistic"),
                f"optimistic {estimate.optimistic} is longer than likely {estimate.likely}")
    if mid > high:
        return (owner.location(field, "pessimistic"),
                f"pessimistic {estimate.pessimistic} is shorter than likely {estimate.likely}")
    return None


class EstimateOutOfOrder(Rule):
    """A three-point estimate needs optimistic ≤ likely ≤ pessimistic; out of order, the
    forecast's distribution is meaningless. Weeks count as the calendar's workdays."""

    code = "T115"
    name = "estimate-out-of-order"
    summary = "a task's estimate is not optimistic ≤ likely ≤ pessimistic"
    severity = Severity.ERROR
    bad = """\
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
      - id: configure
        name: Configure CRM
        duration: 3w
        estimate:
          optimistic: 2w
          likely: 3w
          pessimistic: 10d  # <-- T115
"""
    good = """\
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
      - id: configure
        name: Configure CRM
        duration: 3w
        estimate:
          optimistic: 2w
          likely: 3w
          pessimistic: 6w
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for _, task in ctx.tasks:
            if task.estimate is None:
                continue
            problem = estimate_disorder(task, "estimate", task.estimate, ctx.workdays_per_week)
            if problem:
                where, what = problem
                yield self.finding(where, f"task '{task.id}' estimate: {what}",
                                   hint="order them optimistic ≤ likely ≤ pessimistic")


RULES: tuple[Rule, ...] = (DoneWithoutFinish(), CompleteButNotDone(),
                           StartedWithoutActualStart(), FinishButNotDone(),
                           EstimateOutOfOrder())
