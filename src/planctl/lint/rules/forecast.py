"""F101–F105: schedule-risk readiness, the checks analysts run before simulating.

A forecast (`planctl forecast`) is only as good as the network it samples: a task with no
predecessor or no successor hides its delays, a lag on a finish-to-start link is a duration no
one estimated, an estimate that disagrees with the task's duration shifts every percentile, and
a risk with a delay but nothing to delay is simulated as nothing. These rules run only on plans
that use forecasts (a task `estimate` or a risk `delay`), and say so at `info` by default.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from planctl.errors import Diagnostic, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule

_HEADER = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
owner: alice
resources:
  - {id: alice, name: Alice Chen}
"""


def _open(status: str) -> bool:
    return status not in ("done", "cancelled")


class _ReadinessRule(Rule):
    severity = Severity.INFO

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if ctx.uses_forecasts:
            yield from self.ready(ctx)

    def ready(self, ctx: LintContext) -> Iterator[Diagnostic]:
        raise NotImplementedError


class NoPredecessor(_ReadinessRule):
    """A task with no predecessor starts at the plan's start (or its start constraint) in
    every iteration of a forecast: nothing that happens before it can delay it, so the forecast
    is too optimistic if something should. Milestones are exempt (a start milestone has no
    predecessor by design); link the task to what it really waits for, or to the start
    milestone."""

    code = "F101"
    name = "no-predecessor"
    summary = "a task has no predecessor (an open start) in a plan that uses forecasts"
    bad = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: kickoff, name: Kickoff, owner: alice, milestone: true}
      - id: configure  # <-- F101
        name: Configure
        owner: alice
        duration: 2w
        estimate: {optimistic: 1w, likely: 2w, pessimistic: 4w}
      - {id: done, name: Done, owner: alice, milestone: true, depends_on: [configure]}
"""
    good = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: kickoff, name: Kickoff, owner: alice, milestone: true}
      - id: configure
        name: Configure
        owner: alice
        duration: 2w
        estimate: {optimistic: 1w, likely: 2w, pessimistic: 4w}
        depends_on: [kickoff]
      - {id: done, name: Done, owner: alice, milestone: true, depends_on: [configure]}
"""

    def ready(self, ctx: LintContext) -> Iterator[Diagnostic]:
        has_pred = ctx.with_predecessor
        for _, task in ctx.tasks:
            if task.milestone or not _open(task.status) or task.id in has_pred:
                continue
            yield self.finding(task.location("id"), f"task '{task.id}' has no predecessor: "
                               "in a forecast nothing before it can delay it",
                               hint="add `depends_on:` with what it waits for (or the start "
                                    "milestone)")


class NoSuccessor(_ReadinessRule):
    """A task with no successor can slip without moving anything: its delays never reach a
    milestone or the finish, so the forecast cannot show them. Milestones are exempt (the
    finish milestone has no successor by design), and so are tasks with a `deadline` (the
    forecast gives the chance of meeting it); make a milestone or a later task depend on it."""

    code = "F102"
    name = "no-successor"
    summary = "a task has no successor (an open end) in a plan that uses forecasts"
    bad = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: kickoff, name: Kickoff, owner: alice, milestone: true}
      - id: configure  # <-- F102
        name: Configure
        owner: alice
        duration: 2w
        estimate: {optimistic: 1w, likely: 2w, pessimistic: 4w}
        depends_on: [kickoff]
      - {id: done, name: Done, owner: alice, milestone: true, depends_on: [kickoff]}
"""
    good = NoPredecessor.good

    def ready(self, ctx: LintContext) -> Iterator[Diagnostic]:
        has_succ = ctx.successors  # a task named as a predecessor has a successor
        for _, task in ctx.tasks:
            if (task.milestone or task.deadline is not None or not _open(task.status)
                    or task.id in has_succ):
                continue
            yield self.finding(task.location("id"), f"task '{task.id}' has no successor: "
                               "in a forecast its delays reach no milestone",
                               hint="make a milestone or a later task depend on it")


class LagOnFinishToStart(_ReadinessRule):
    """A lag on a finish-to-start link is time that passes between two tasks with no estimate
    of its own: a forecast holds it fixed while everything around it varies. Model the wait as
    a task (with an estimate) if it can vary. Leads (negative lags) are not reported: they
    state an overlap, not a wait."""

    code = "F103"
    name = "lag-on-finish-to-start"
    summary = "a finish-to-start link has a lag in a plan that uses forecasts"
    bad = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: order, name: Order hardware, owner: alice, duration: 2d,
         estimate: {optimistic: 1d, likely: 2d, pessimistic: 5d}}
      - id: install
        name: Install
        owner: alice
        duration: 3d
        depends_on:
          - {task: order, lag: 10d}  # <-- F103
"""
    good = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: order, name: Order hardware, owner: alice, duration: 2d,
         estimate: {optimistic: 1d, likely: 2d, pessimistic: 5d}}
      - {id: delivery, name: Delivery, owner: alice, duration: 10d, depends_on: [order],
         estimate: {optimistic: 5d, likely: 10d, pessimistic: 20d}}
      - {id: install, name: Install, owner: alice, duration: 3d, depends_on: [delivery]}
"""

    def ready(self, ctx: LintContext) -> Iterator[Diagnostic]:
        owners = [*ctx.plan.phases, *(task for _, task in ctx.tasks)]
        for owner in owners:
            for n, dep in enumerate(owner.depends_on):
                if dep.type == "FS" and dep.lag.amount > 0:
                    yield self.finding(owner.location("depends_on", n),
                                       f"'{owner.id}' waits {dep.lag} after '{dep.task}' "
                                       "finishes: a forecast holds that lag fixed",
                                       hint="model the wait as a task with an estimate")


class EstimateDisagrees(_ReadinessRule):
    """A forecast samples a task's `estimate` instead of its duration (an effort task's
    estimate is of its effort), so when the estimate's `likely` differs from the duration (or
    the effort) the deterministic schedule and the forecast tell two stories."""

    code = "F104"
    name = "estimate-disagrees"
    summary = "a task's likely estimate differs from its duration"
    bad = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure
        owner: alice
        duration: 3w
        estimate: {optimistic: 1w, likely: 2w, pessimistic: 6w}  # <-- F104
"""
    good = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure
        owner: alice
        duration: 3w
        estimate: {optimistic: 2w, likely: 3w, pessimistic: 6w}
"""

    def ready(self, ctx: LintContext) -> Iterator[Diagnostic]:
        wpw = ctx.workdays_per_week
        for _, task in ctx.tasks:
            if task.estimate is None or task.milestone or not _open(task.status):
                continue
            likely = task.estimate.likely.days(wpw)
            written = task.duration if task.duration is not None else task.effort
            if written is None or math.isclose(likely, written.days(wpw)):
                continue
            what = "duration" if task.duration is not None else "effort"
            yield self.finding(task.location("estimate", "likely"),
                               f"task '{task.id}' has likely {task.estimate.likely} but "
                               f"its {what} is {written}",
                               hint=f"make `likely` and the {what} agree")


class RiskDelaysNothing(_ReadinessRule):
    """A risk with a `delay` but nothing it `affects` cannot move any date: the forecast
    simulates it as nothing. Name the tasks or phases it would delay."""

    code = "F105"
    name = "risk-delays-nothing"
    summary = "a risk has a delay but affects no task"
    bad = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure, owner: alice, duration: 3w}
risks:
  - id: dirty-data  # <-- F105
    title: Legacy data is dirtier than sampled
    probability: 3
    impact: 3
    delay: {optimistic: 2d, likely: 5d, pessimistic: 15d}
"""
    good = _HEADER + """\
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure, owner: alice, duration: 3w}
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 3
    impact: 3
    affects: [configure]
    delay: {optimistic: 2d, likely: 5d, pessimistic: 15d}
"""

    def ready(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for risk in ctx.plan.risks:
            if risk.delay is not None and not risk.affects and risk.status != "closed":
                yield self.finding(risk.location("id"), f"risk '{risk.id}' has a delay but "
                                   "affects nothing: a forecast cannot apply it",
                                   hint="add `affects:` with the tasks or phases it delays")


RULES: tuple[Rule, ...] = (NoPredecessor(), NoSuccessor(), LagOnFinishToStart(),
                           EstimateDisagrees(), RiskDelaysNothing())

__all__ = ["RULES"]
