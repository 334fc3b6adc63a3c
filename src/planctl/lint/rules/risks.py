"""R101–R105: the risk register."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.errors import Diagnostic, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule
from planctl.lint.rules.progress import estimate_disorder

HIGH_SCORE = 15
"""Probability (1..5) × impact (1..5) from which a risk counts as high."""
_ACTIVE = ("open", "mitigating")


class HighRiskUnmitigated(Rule):
    """A high risk (probability × impact ≥ 15, probability on the 1..5 scale) needs both
    a plan to lower it and someone who watches it. Closed and occurred risks are not
    reported."""

    code = "R101"
    name = "high-risk-unmitigated"
    summary = "a high risk has no mitigation or no owner"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
risks:
  - id: dirty-data  # <-- R101
    title: Legacy data is dirtier than sampled
    probability: 4
    impact: 4
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 4
    impact: 4
    owner: alice
    mitigation: Trial migration in week 2
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for risk in ctx.plan.risks:
            if risk.status not in _ACTIVE or risk.score < HIGH_SCORE:
                continue
            missing = [word for word, value in (("mitigation", risk.mitigation),
                                                ("owner", risk.owner)) if not value]
            if missing:
                what = " and no ".join(missing)
                yield self.finding(risk.location("id"), f"risk '{risk.id}' scores "
                                   f"{risk.score} (high) but has no {what}",
                                   hint="add " + " and ".join(f"`{m}:`" for m in missing))


class RiskReviewOverdue(Rule):
    """A risk whose `review_by` date has passed has not been looked at when it was due, so
    its scores may be stale. Skipped when there is no status date; closed and occurred
    risks are not reported."""

    code = "R102"
    name = "risk-review-overdue"
    summary = "an open risk is past its review_by date"
    needs_as_of = True
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-03-02
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 2
    impact: 4
    review_by: 2026-02-15  # <-- R102
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
status_date: 2026-03-02
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 2
    impact: 4
    review_by: 2026-03-15
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        as_of = ctx.as_of
        assert as_of is not None  # needs_as_of: the engine skips this rule otherwise
        for risk in ctx.plan.risks:
            if risk.status in _ACTIVE and risk.review_by is not None and risk.review_by < as_of:
                yield self.finding(risk.location("review_by"), f"risk '{risk.id}' was due for "
                                   f"review on {risk.review_by} (status date {as_of})",
                                   hint="review it and set the next `review_by` date")


class RiskAffectsNothing(Rule):
    """A risk that names no tasks in `affects` cannot move the schedule or the forecast
    (its `delay` goes nowhere) and readers cannot tell what it threatens."""

    code = "R103"
    name = "risk-affects-nothing"
    summary = "an open risk affects no task or phase"
    severity = Severity.INFO
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
      - {id: migrate, name: Migrate data, duration: 5d}
risks:
  - id: dirty-data  # <-- R103
    title: Legacy data is dirtier than sampled
    probability: 2
    impact: 4
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
      - {id: migrate, name: Migrate data, duration: 5d}
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 2
    impact: 4
    affects: [migrate]
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for risk in ctx.plan.risks:
            if risk.status in _ACTIVE and not risk.affects:
                extra = "; its delay is never applied" if risk.delay is not None else ""
                yield self.finding(risk.location("id"), f"risk '{risk.id}' affects no task or "
                                   f"phase{extra}", hint="add `affects: [<task or phase id>]`")


class OccurredWithoutContingency(Rule):
    """A risk that has occurred is now an issue: the plan should say what is being done
    about it (`contingency`)."""

    code = "R104"
    name = "occurred-without-contingency"
    summary = "an occurred risk has no contingency"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 4
    impact: 4
    mitigation: Trial migration in week 2
    status: occurred  # <-- R104
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 4
    impact: 4
    mitigation: Trial migration in week 2
    contingency: Add a data-cleaning sprint
    status: occurred
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for risk in ctx.plan.risks:
            if risk.status == "occurred" and not risk.contingency:
                yield self.finding(risk.location("status"), f"risk '{risk.id}' has occurred "
                                   "but has no contingency",
                                   hint="add `contingency:` with what is done about it")


class DelayOutOfOrder(Rule):
    """A risk's `delay` is a three-point estimate used by forecasts; it needs
    optimistic ≤ likely ≤ pessimistic."""

    code = "R105"
    name = "delay-out-of-order"
    summary = "a risk's delay is not optimistic ≤ likely ≤ pessimistic"
    severity = Severity.ERROR
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 2
    impact: 4
    delay:
      optimistic: 5d  # <-- R105
      likely: 2d
      pessimistic: 15d
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
risks:
  - id: dirty-data
    title: Legacy data is dirtier than sampled
    probability: 2
    impact: 4
    delay:
      optimistic: 2d
      likely: 5d
      pessimistic: 15d
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for risk in ctx.plan.risks:
            if risk.delay is None:
                continue
            problem = estimate_disorder(risk, "delay", risk.delay, ctx.workdays_per_week)
            if problem:
                where, what = problem
                yield self.finding(where, f"risk '{risk.id}' delay: {what}",
                                   hint="order them optimistic ≤ likely ≤ pessimistic")


RULES: tuple[Rule, ...] = (HighRiskUnmitigated(), RiskReviewOverdue(), RiskAffectsNothing(),
                           OccurredWithoutContingency(), DelayOutOfOrder())
