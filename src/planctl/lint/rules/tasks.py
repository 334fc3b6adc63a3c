"""T101–T106: tasks and phases as a structure (owners, names, links, milestones)."""

from __future__ import annotations

from collections.abc import Iterator

from planctl.errors import Diagnostic, Severity
from planctl.lint.context import LintContext
from planctl.lint.rule import Rule
from planctl.model import Phase, Task

_OPEN = ("planned", "in_progress", "blocked")


class TaskUnowned(Rule):
    """Work that nobody owns and nobody is assigned to tends not to happen.

    A task counts as covered when it has an `owner`, an assignment (`assign`), or its phase
    has an `owner`. Milestones, done and cancelled tasks are not reported.
    """

    code = "T101"
    name = "task-unowned"
    summary = "a task has no owner and no assignment"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure CRM, duration: 3d}  # <-- T101
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
    tasks:
      - {id: configure, name: Configure CRM, duration: 3d, owner: alice}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for phase, task in ctx.tasks:
            if (task.owner or task.assign or phase.owner or task.milestone
                    or task.status not in _OPEN):
                continue
            yield self.finding(task.location("id"), f"task '{task.id}' has no owner or "
                               "assignment", hint="add `owner: <id>` or `assign: [<resource>]`")


class EmptyPhase(Rule):
    """A phase without tasks has no dates: it cannot be scheduled or shown on a chart, and a
    dependency on it constrains nothing."""

    code = "T102"
    name = "empty-phase"
    summary = "a phase has no tasks"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: rollout  # <-- T102
    name: Rollout
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
phases:
  - id: rollout
    name: Rollout
    tasks:
      - {id: go-live, name: Go live, milestone: true}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for phase in ctx.plan.phases:
            if not phase.tasks:
                yield self.finding(phase.location("id"), f"phase '{phase.id}' has no tasks",
                                   hint="add its tasks, or remove the phase")


class DuplicateTaskName(Rule):
    """Two tasks with the same name cannot be told apart in reports, charts and reviews.
    Names are compared ignoring case and repeated spaces."""

    code = "T103"
    name = "duplicate-task-name"
    summary = "two tasks have the same name"
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
      - {id: test-import, name: Test, duration: 2d}
      - {id: test-reports, name: Test, duration: 2d}  # <-- T103
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
      - {id: test-import, name: Test the import, duration: 2d}
      - {id: test-reports, name: Test the reports, duration: 2d}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        first: dict[str, Task] = {}
        for _, task in ctx.tasks:
            key = " ".join(task.name.casefold().split())
            seen = first.setdefault(key, task)
            if seen is not task:
                where = seen.location("name")
                yield self.finding(
                    task.location("name"), f"task '{task.id}' has the same name as task "
                    f"'{seen.id}' ({where}): '{task.name}'", related=(where,),
                    hint="give each task a name that says what is different about it")


class DuplicateDependency(Rule):
    """Listing the same predecessor twice with the same link type adds nothing (the larger
    lag wins) and usually hides a copy-and-paste slip. Different link types on one
    predecessor, such as SS and FF, are a real technique and are not reported."""

    code = "T104"
    name = "duplicate-dependency"
    summary = "the same predecessor is listed twice with the same link type"
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
      - {id: design, name: Design, duration: 3d}
      - id: configure
        name: Configure CRM
        duration: 5d
        depends_on:
          - design
          - design  # <-- T104
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
      - {id: design, name: Design, duration: 3d}
      - id: configure
        name: Configure CRM
        duration: 5d
        depends_on:
          - design
          - {task: design, type: FF, lag: 2d}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        owners: list[Phase | Task] = [*ctx.plan.phases, *(t for _, t in ctx.tasks)]
        for owner in owners:
            if len(owner.depends_on) < 2:
                continue
            seen: set[tuple[str, str]] = set()
            for i, dep in enumerate(owner.depends_on):
                key = (dep.task, dep.type)
                if key in seen:
                    kind = "phase" if isinstance(owner, Phase) else "task"
                    yield self.finding(
                        owner.location("depends_on", i), f"{kind} '{owner.id}' lists "
                        f"'{dep.task}' twice in depends_on ({dep.type})",
                        hint="remove one of the two links")
                seen.add(key)


class MilestoneWithWork(Rule):
    """A milestone is an event with no duration: resources assigned to it do no work and a
    three-point estimate of it means nothing. Make it a task if it takes time."""

    code = "T105"
    name = "milestone-with-work"
    summary = "a milestone has assignments or an estimate"
    bad = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
phases:
  - id: launch
    name: Launch
    tasks:
      - id: go-live
        name: Go live
        milestone: true
        assign: [alice]  # <-- T105
"""
    good = """\
planctl: 1
name: CRM rollout
start: 2026-01-05
resources:
  - {id: alice, name: Alice Chen}
phases:
  - id: launch
    name: Launch
    tasks:
      - id: go-live
        name: Go live
        milestone: true
        owner: alice
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        for _, task in ctx.tasks:
            if not task.milestone:
                continue
            for field, what in (("assign", "assignments"), ("estimate", "an estimate")):
                if getattr(task, field):
                    yield self.finding(
                        task.location(field), f"milestone '{task.id}' has {what}",
                        hint=f"remove `{field}` (use `owner` for who answers for it), or give "
                        "it a duration and drop `milestone: true`")


class DependsOnCancelled(Rule):
    """A cancelled task will not happen, so a task that waits for it waits for nothing: the
    link is probably stale. Cancelled tasks that depend on each other are not reported."""

    code = "T106"
    name = "depends-on-cancelled"
    summary = "a task depends on a cancelled task"
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
      - {id: legacy-export, name: Export legacy data, duration: 2d, status: cancelled}
      - id: import
        name: Import data
        duration: 3d
        depends_on: [legacy-export]  # <-- T106
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
      - {id: legacy-export, name: Export legacy data, duration: 2d, status: cancelled}
      - {id: import, name: Import data, duration: 3d}
"""

    def check(self, ctx: LintContext) -> Iterator[Diagnostic]:
        cancelled = {task.id for _, task in ctx.tasks if task.status == "cancelled"}
        if not cancelled:
            return  # the usual case: no link needs looking at
        for _, task in ctx.tasks:
            if task.status == "cancelled":
                continue
            for i, dep in enumerate(task.depends_on):
                if dep.task in cancelled:
                    yield self.finding(
                        task.location("depends_on", i), f"task '{task.id}' depends on "
                        f"cancelled task '{dep.task}'", hint="remove the link, or link to the "
                        "task that replaces it")


RULES: tuple[Rule, ...] = (TaskUnowned(), EmptyPhase(), DuplicateTaskName(),
                           DuplicateDependency(), MilestoneWithWork(), DependsOnCancelled())

__all__ = ["RULES"]
