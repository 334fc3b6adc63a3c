"""T121–T125: dates written in the plan, compared with its start and its status date."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.errors import Diagnostic, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule

_UNFINISHED = ("planned", "in_progress", "blocked")


class DeadlineBeforeStart(Rule):
    """No work can happen before the plan's `start`, so a deadline before it is missed by
    construction; it is almost always a mistyped year or month."""

    code = "T121"
    name = "deadline-before-start"
    summary = "a task's deadline is before the plan's start"
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
        deadline: 2025-03-31  # <-- T121
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
        deadline: 2026-03-31
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        start = ctx.plan.start
        for _, task in ctx.tasks:
            if task.deadline is not None and task.deadline < start:
                yield self.finding(task.location("deadline"), f"task '{task.id}' has deadline "
                                   f"{task.deadline}, before the plan's start {start}",
                                   hint="check the year and month of the deadline")


class ConstraintBeforeStart(Rule):
    """Every task already starts on or after the plan's `start`, so a
    `start_no_earlier_than` before it constrains nothing; it is likely a typo."""

    code = "T122"
    name = "constraint-before-start"
    summary = "a task's start_no_earlier_than is before the plan's start"
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
      - id: sandbox-ready
        name: Staging environment ready
        duration: 2d
        start_no_earlier_than: 2025-01-21  # <-- T122
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
      - id: sandbox-ready
        name: Staging environment ready
        duration: 2d
        start_no_earlier_than: 2026-01-21
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        start = ctx.plan.start
        for _, task in ctx.tasks:
            day = task.start_no_earlier_than
            if day is not None and day < start:
                yield self.finding(task.location("start_no_earlier_than"),
                                   f"task '{task.id}' has start_no_earlier_than {day}, before "
                                   f"the plan's start {start}",
                                   hint="fix the date, or remove the constraint")


class StatusDateBeforeStart(Rule):
    """Progress cannot be measured before the plan starts: a `status_date` earlier than
    `start` is a typo, or the plan's start was moved without it."""

    code = "T123"
    name = "status-date-before-start"
    summary = "the plan's status_date is before its start"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2025-02-02  # <-- T123
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-02-02
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        plan = ctx.plan
        if plan.status_date is not None and plan.status_date < plan.start:
            yield self.finding(plan.location("status_date"), f"status_date {plan.status_date} "
                               f"is before the plan's start {plan.start}",
                               hint="set status_date to the day progress was last recorded")


class ActualDateInFuture(Rule):
    """Actual dates record what has happened; one after the status date (`--as-of`, else
    `status_date`) has not happened yet. Skipped when there is no status date."""

    code = "T124"
    name = "actual-date-in-future"
    summary = "an actual_start or actual_finish is after the status date"
    needs_as_of = True
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-02-02
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
        actual_start: 2026-02-09  # <-- T124
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-02-02
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
        actual_start: 2026-01-26
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        as_of = ctx.as_of
        assert as_of is not None  # needs_as_of: the engine skips this rule otherwise
        for _, task in ctx.tasks:
            for field in ("actual_start", "actual_finish"):
                day = getattr(task, field)
                if day is not None and day > as_of:
                    yield self.finding(task.location(field), f"task '{task.id}' has {field} "
                                       f"{day}, after the status date {as_of}",
                                       hint="correct the date, or move the status date")


class DeadlinePassed(Rule):
    """A task that is not done when its deadline has passed is late, whatever the schedule
    says about the rest of the plan. Skipped when there is no status date."""

    code = "T125"
    name = "deadline-passed"
    summary = "a task's deadline has passed and it is not done"
    needs_as_of = True
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-04-06
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
        actual_start: 2026-03-02
        deadline: 2026-03-31  # <-- T125
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-04-06
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure CRM
        duration: 3w
        status: done
        actual_start: 2026-03-02
        actual_finish: 2026-03-20
        deadline: 2026-03-31
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        as_of = ctx.as_of
        assert as_of is not None  # needs_as_of: the engine skips this rule otherwise
        for _, task in ctx.tasks:
            if task.deadline is not None and task.deadline < as_of \
                    and task.status in _UNFINISHED:
                yield self.finding(task.location("deadline"), f"task '{task.id}' missed its "
                                   f"deadline {task.deadline} (status date {as_of})",
                                   hint="finish it and set `status: done`, or agree a new "
                                   "deadline")


class StaleStatusDate(Rule):
    """Progress is recorded as of the plan's `status_date`. Checked as of a later day
    (`--as-of today` in a nightly job, or `--as-of DATE`), a status date that is older than
    progress already recorded (an actual date after it), or more than `stale-status-days`
    (default 14) days old, means the plan has not been brought up to date: what it says about
    overdue work and deadlines is as of a day long gone. Runs only when a date other than the
    plan's own status date is given, so the verdict on a commit never depends on the clock."""

    code = "T126"
    name = "stale-status-date"
    summary = "the plan's status_date is older than recorded progress or than allowed"
    needs_as_of = True
    example_as_of = "2026-03-02"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-01-19  # <-- T126
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
        actual_start: 2026-01-05
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-02-23
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
        status: done
        actual_start: 2026-01-05
        actual_finish: 2026-01-23
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        recorded, as_of = ctx.plan.status_date, ctx.as_of
        if recorded is None or as_of is None or as_of == recorded:
            return  # nothing to compare with: the plan's own status date is in force
        age = (as_of - recorded).days
        newest = max(((day, task.id) for _, task in ctx.tasks
                      for day in (task.actual_start, task.actual_finish)
                      if day is not None and day <= as_of), default=None)
        limit = ctx.config.stale_status_days
        old = f"{age} calendar day{'s' if age != 1 else ''} old on {as_of}"
        where = ctx.plan.location("status_date")
        hint = ("record progress and move status_date to the day it was recorded "
                "(the limit is `stale-status-days` in [tool.planctl])")
        if newest is not None and newest[0] > recorded:
            yield self.finding(where, f"status_date {recorded} is older than progress "
                               f"recorded on {newest[0]} (task '{newest[1]}'); it is {old}",
                               hint=hint)
        elif age > limit:
            yield self.finding(where, f"status_date {recorded} is {old}, more than "
                               f"{limit} (stale-status-days)", hint=hint)


RULES: tuple[Rule, ...] = (DeadlineBeforeStart(), ConstraintBeforeStart(),
                           StatusDateBeforeStart(), ActualDateInFuture(), DeadlinePassed(),
                           StaleStatusDate())
