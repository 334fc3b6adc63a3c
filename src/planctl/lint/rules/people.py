"""P101–P106: resources, stakeholders, communications and owners."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from planctl.errors import Diagnostic, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule
from planctl.model import Phase, Risk, Task
from planctl.model.base import Base


class ResourceUnused(Rule):
    """A resource that no task is assigned to and that owns nothing is dead weight: its
    capacity and rate count for nothing, and it often means an assignment was forgotten."""

    code = "P101"
    name = "resource-unused"
    summary = "a resource is never assigned and owns nothing"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
  - {id: devs, name: Platform team, kind: team, capacity: 3}  # <-- P101
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, duration: 3w, assign: [alice]}
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
  - {id: devs, name: Platform team, kind: team, capacity: 3}
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, duration: 3w, assign: [alice, devs]}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for resource in ctx.plan.resources:
            if resource.id not in ctx.assigned and resource.id not in ctx.owners:
                yield self.finding(resource.location("id"), f"resource '{resource.id}' is "
                                   "never assigned to a task",
                                   hint="assign it to the tasks it works on, or remove it")


class StakeholderUninformed(Rule):
    """A stakeholder with high influence who receives no communication is how plans get
    surprised in steering meetings. Name them in some communication's `audience`."""

    code = "P102"
    name = "stakeholder-uninformed"
    summary = "a high-influence stakeholder is in no communication's audience"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
stakeholders:
  - id: sales-vp
    name: VP Sales
    influence: high  # <-- P102
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
stakeholders:
  - id: sales-vp
    name: VP Sales
    influence: high
communications:
  - {name: Weekly status, audience: [sales-vp], cadence: weekly, owner: sales-vp}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for person in ctx.plan.stakeholders:
            if person.influence == "high" and person.id not in ctx.audience:
                yield self.finding(person.location("influence"), f"stakeholder '{person.id}' "
                                   "has high influence but receives no communication",
                                   hint=f"add '{person.id}' to a communication's `audience`")


class CommunicationWithoutOwner(Rule):
    """A communication nobody is responsible for sending tends to stop after the second
    week."""

    code = "P103"
    name = "communication-without-owner"
    summary = "a communication has no owner"
    severity = Severity.INFO
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
stakeholders:
  - {id: sales-vp, name: VP Sales}
communications:
  - name: Weekly status  # <-- P103
    audience: [sales-vp]
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
stakeholders:
  - {id: sales-vp, name: VP Sales}
communications:
  - name: Weekly status
    audience: [sales-vp]
    owner: alice
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for message in ctx.plan.communications:
            if not message.owner:
                yield self.finding(message.location("name"), f"communication "
                                   f"'{message.name}' has no owner",
                                   hint="add `owner:` with who sends it")


class AssignmentOverCapacity(Rule):
    """A task that needs more units of a resource than it has on any day can never be
    scheduled without over-allocating it (a person with capacity 1 cannot work at 2). Only an
    explicit `units` can ask for too much: the short form `assign: [aylin]` takes
    `min(1, capacity)` units, so a half-time person works at 0.5."""

    code = "P104"
    name = "assignment-over-capacity"
    summary = "an assignment uses more units than the resource's capacity"
    severity = Severity.ERROR
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: aylin, name: Aylin Kaya, capacity: 0.5}
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure CRM
        effort: 10d
        assign:
          - {resource: aylin, units: 1}  # <-- P104
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: aylin, name: Aylin Kaya, capacity: 0.5}
phases:
  - id: build
    name: Build
    tasks:
      - id: configure
        name: Configure CRM
        effort: 10d
        assign: [aylin]  # 0.5 units: min(1, capacity); 20 working days
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        resources = ctx.plan.resources_by_id
        for _, task in ctx.tasks:
            for i, assignment in enumerate(task.assign):
                # The short form (no `units`) takes min(1, capacity), so it always fits.
                if assignment.units is None:
                    continue
                resource = resources.get(assignment.resource)
                if resource is not None and assignment.units > resource.capacity:
                    yield self.finding(
                        task.location("assign", i, "units"), f"task '{task.id}' uses "
                        f"{assignment.units:g} units of '{resource.id}', whose capacity is "
                        f"{resource.capacity:g}", hint=f"use at most {resource.capacity:g} "
                        f"units, or raise the capacity of '{resource.id}'")


class PlanWithoutOwner(Rule):
    """Someone answers for the plan as a whole; naming them (`owner:`) tells readers whom
    to ask."""

    code = "P105"
    name = "plan-without-owner"
    summary = "the plan has no owner"
    severity = Severity.INFO
    bad = """\
planctl: 1
name: CRM rollout  # <-- P105
start: 2026-01-05
"""
    good = """\
planctl: 1
name: CRM rollout
owner: alice
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        if not ctx.plan.owner:
            yield self.finding(ctx.plan.location("name"), "the plan has no owner",
                               hint="add `owner: <resource or stakeholder id>`")


class EquipmentOwner(Rule):
    """An owner answers for something; a machine or environment (`kind: equipment`)
    cannot. Name the person or team responsible instead."""

    code = "P106"
    name = "equipment-owner"
    summary = "an owner is a resource of kind equipment"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: sandbox, name: Staging environment, kind: equipment}
phases:
  - id: build
    name: Build
    tasks:
      - id: sandbox-ready
        name: Staging environment ready
        duration: 2d
        assign: [sandbox]
        owner: sandbox  # <-- P106
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: sandbox, name: Staging environment, kind: equipment}
  - {id: ops, name: Operations team, kind: team}
phases:
  - id: build
    name: Build
    tasks:
      - id: sandbox-ready
        name: Staging environment ready
        duration: 2d
        assign: [sandbox]
        owner: ops
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        plan = ctx.plan
        equipment = {r.id for r in plan.resources if r.kind == "equipment"}
        if not equipment:
            return
        # Each is named only when reported: most of 10,000 tasks never are.
        if plan.owner in equipment:
            yield self._owned(plan, "the plan", plan.owner)
        kinds: tuple[tuple[str, Iterable[Phase | Task | Risk]], ...] = (
            ("phase", plan.phases), ("task", (t for _, t in ctx.tasks)), ("risk", plan.risks))
        for kind, items in kinds:
            for item in items:
                if item.owner in equipment:
                    yield self._owned(item, f"{kind} '{item.id}'", item.owner)
        for message in plan.communications:
            if message.owner in equipment:
                yield self._owned(message, f"communication '{message.name}'", message.owner)

    def _owned(self, item: Base, what: str, owner: str) -> Diagnostic:
        return self.finding(item.location("owner"), f"{what} is owned by '{owner}', which is "
                            "equipment", hint="name the person or team responsible as owner")


RULES: tuple[Rule, ...] = (ResourceUnused(), StakeholderUninformed(),
                           CommunicationWithoutOwner(), AssignmentOverCapacity(),
                           PlanWithoutOwner(), EquipmentOwner())
