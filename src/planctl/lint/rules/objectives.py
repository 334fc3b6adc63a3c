"""O101–O105: objectives and their KPIs, the budget, and lessons learned."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.errors import Diagnostic, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule


class KpiWithoutTarget(Rule):
    """A KPI without a `target` cannot say whether the objective is met, and progress
    towards it cannot be reported."""

    code = "O101"
    name = "kpi-without-target"
    summary = "an objective's KPI has no target"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
objectives:
  - id: adoption
    description: Sales reps use the CRM daily
    kpi: {metric: daily active reps, unit: "%", baseline: 12}  # <-- O101
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
objectives:
  - id: adoption
    description: Sales reps use the CRM daily
    kpi: {metric: daily active reps, unit: "%", baseline: 12, target: 90}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for objective in ctx.plan.objectives:
            if objective.kpi is not None and objective.kpi.target is None:
                yield self.finding(objective.location("kpi", key=True), f"objective "
                                   f"'{objective.id}' has a KPI without a target",
                                   hint="add `target:` to the kpi: the value that means success")


class ObjectiveWithoutKpi(Rule):
    """An objective without a KPI cannot be measured, so nobody can tell when it is met."""

    code = "O102"
    name = "objective-without-kpi"
    summary = "an objective has no KPI"
    severity = Severity.INFO
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
objectives:
  - id: adoption  # <-- O102
    description: Sales reps use the CRM daily
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
objectives:
  - id: adoption
    description: Sales reps use the CRM daily
    kpi: {metric: daily active reps, unit: "%", baseline: 12, target: 90}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for objective in ctx.plan.objectives:
            if objective.kpi is None:
                yield self.finding(objective.location("id"), f"objective '{objective.id}' has "
                                   "no KPI", hint="add `kpi: {metric, baseline, target}`")


class KpiTargetIsBaseline(Rule):
    """A KPI whose target equals its baseline asks for no change, so the objective is met
    before any work starts; one of the two numbers is wrong."""

    code = "O103"
    name = "kpi-target-is-baseline"
    summary = "a KPI's target equals its baseline"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
objectives:
  - id: adoption
    description: Sales reps use the CRM daily
    kpi:
      metric: daily active reps
      baseline: 12
      target: 12  # <-- O103
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
objectives:
  - id: adoption
    description: Sales reps use the CRM daily
    kpi:
      metric: daily active reps
      baseline: 12
      target: 90
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for objective in ctx.plan.objectives:
            kpi = objective.kpi
            if kpi is not None and kpi.baseline is not None and kpi.target == kpi.baseline:
                yield self.finding(objective.location("kpi", "target"), f"objective "
                                   f"'{objective.id}' has a KPI target equal to its baseline "
                                   f"({kpi.target:g})", hint="set the target to the value "
                                   "that means success")


class BudgetWithoutCosts(Rule):
    """A budget can only be tracked against costs: with no resource `rate` and no task
    `cost`, the plan always costs 0 and never goes over budget."""

    code = "O104"
    name = "budget-without-costs"
    summary = "the plan has a budget but nothing in it costs money"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
budget: {currency: USD, total: 250000}  # <-- O104
resources:
  - {id: alice, name: Alice Chen}
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, effort: 10d, assign: [alice]}
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
budget: {currency: USD, total: 250000}
resources:
  - {id: alice, name: Alice Chen, rate: 950}
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, effort: 10d, assign: [alice]}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        plan = ctx.plan
        if plan.budget is None:
            return
        if any(r.rate for r in plan.resources) or any(t.cost for _, t in ctx.tasks):
            return
        yield self.finding(plan.location("budget", key=True), f"the plan has a budget of "
                           f"{plan.budget.total:g} {plan.budget.currency} but no resource has "
                           "a rate and no task has a cost",
                           hint="add `rate:` to resources or `cost:` to tasks")


class LessonWithoutAction(Rule):
    """A lesson learned changes nothing until someone decides what to do differently; the
    `action` says what that is."""

    code = "O105"
    name = "lesson-without-action"
    summary = "a lesson learned has no action"
    severity = Severity.INFO
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
lessons:
  - date: 2026-01-20
    text: Requirements workshops need the data owners in the room.  # <-- O105
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
lessons:
  - date: 2026-01-20
    text: Requirements workshops need the data owners in the room.
    action: Invite data owners to every workshop
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for lesson in ctx.plan.lessons:
            if not lesson.action:
                yield self.finding(lesson.location("text"), f"lesson of {lesson.date} has no "
                                   "action", hint="add `action:` with what changes because of "
                                   "it")


RULES: tuple[Rule, ...] = (KpiWithoutTarget(), ObjectiveWithoutKpi(), KpiTargetIsBaseline(),
                           BudgetWithoutCosts(), LessonWithoutAction())
