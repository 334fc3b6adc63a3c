"""Checks that need the whole plan: unique ids, resolved references, cycles, task rules.

Everything here is an error (the plan means nothing sensible until it is fixed); advice lives
in the lint rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from planctl.errors import Diagnostic, Location
from planctl.graph import find_cycles
from planctl.model import Plan, Task
from planctl.model.base import Base
from planctl.model.tasks import one_of_duration_effort_milestone
from planctl.schema_errors import did_you_mean


def _diag(code: str, name: str, message: str, where: Location, hint: str | None = None,
          related: tuple[Location, ...] = ()) -> Diagnostic:
    return Diagnostic(code, message, where, hint=hint, name=name, related=related)


def _unique(kind: str, items: Iterable[Base], seen: dict[str, Base]) -> Iterator[Diagnostic]:
    for item in items:
        key = item.id  # type: ignore[attr-defined]
        if key in seen:
            first = seen[key].location("id")
            yield _diag("E301", "duplicate-id", f"duplicate {kind} id '{key}' (first defined at "
                        f"{first})", item.location("id"), hint="give each one its own id",
                        related=(first,))
        else:
            seen[key] = item


def _reference(owner: Base, field: str, index: int | None, target: str, kind: str,
               known: dict[str, object]) -> Diagnostic | None:
    if target in known:
        return None
    path: tuple[str | int, ...] = (field,) if index is None else (field, index)
    guess = did_you_mean(target, list(known))
    hint = f"did you mean '{guess}'?" if guess else f"define a {kind} with id '{target}'"
    return _diag("E302", "unknown-reference", f"{field}: no {kind} with id '{target}'",
                 owner.location(*path), hint=hint)


def check_semantics(plan: Plan) -> list[Diagnostic]:
    """Every semantic error in a plan that passed the schema."""
    found: list[Diagnostic] = []
    work: dict[str, Base] = {}
    found += _unique("phase", plan.phases, work)
    found += _unique("task", [task for phase in plan.phases for task in phase.tasks], work)
    for kind, items in (("resource", plan.resources), ("risk", plan.risks),
                        ("stakeholder", plan.stakeholders), ("objective", plan.objectives)):
        found += _unique(kind, items, {})
    people: dict[str, object] = {**{s.id: s for s in plan.stakeholders},
                                 **{r.id: r for r in plan.resources}}
    resources: dict[str, object] = dict(plan.resources_by_id)
    stakeholders: dict[str, object] = dict(plan.stakeholders_by_id)
    refs: list[Diagnostic | None] = []

    def owner(item: Base) -> None:
        value = getattr(item, "owner", None)
        if value is not None:
            refs.append(_reference(item, "owner", None, value, "resource or stakeholder", people))

    owner(plan)
    for phase in plan.phases:
        owner(phase)
        for i, dep in enumerate(phase.depends_on):
            refs.append(_reference(phase, "depends_on", i, dep.task, "task or phase", work))
        for task in phase.tasks:  # the references that resolve are only looked up here
            owner(task)
            found += _task_rules(task)
            for i, dep in enumerate(task.depends_on):
                if dep.task not in work:
                    refs.append(_reference(task, "depends_on", i, dep.task, "task or phase",
                                           work))
            for i, assignment in enumerate(task.assign):
                if assignment.resource not in resources:
                    refs.append(_reference(task, "assign", i, assignment.resource, "resource",
                                           resources))
    for risk in plan.risks:
        owner(risk)
        for i, target in enumerate(risk.affects):
            refs.append(_reference(risk, "affects", i, target, "task or phase", work))
    for message in plan.communications:
        owner(message)
        for i, target in enumerate(message.audience):
            refs.append(_reference(message, "audience", i, target, "stakeholder", stakeholders))
    found += [d for d in refs if d is not None]
    found += _cycles(plan, set(work))
    return found


def _task_rules(task: Task) -> Iterator[Diagnostic]:
    problem = one_of_duration_effort_milestone(task)
    if problem:
        yield _diag("E304", "task-kind", problem, task.location("id"),
                    hint="keep one: `duration: 3d`, `effort: 5d` or `milestone: true`")
    if task.effort is not None and not task.assign:
        yield _diag("E305", "effort-unassigned", "a task with effort needs an assignment",
                    task.location("effort"), hint="add `assign: [resource-id]`, or use duration")
    seen: set[str] = set()
    for i, assignment in enumerate(task.assign):
        if assignment.resource in seen:
            yield _diag("E306", "assigned-twice", f"resource '{assignment.resource}' is assigned "
                        "twice", task.location("assign", i), hint="give one assignment more units")
        seen.add(assignment.resource)
    if task.actual_start and task.actual_finish and task.actual_finish < task.actual_start:
        yield _diag("E307", "actual-dates-order",
                    f"actual_finish {task.actual_finish} is before actual_start "
                    f"{task.actual_start}", task.location("actual_finish"))
    if task.status == "done" and task.progress is not None and task.progress < 100:
        yield _diag("E308", "status-progress", f"a done task has progress {task.progress:g}",
                    task.location("progress"), hint="set progress to 100 or remove it")
    if task.status == "planned" and task.progress:
        yield _diag("E308", "status-progress", f"a planned task has progress {task.progress:g}",
                    task.location("progress"), hint="set `status: in_progress`")
    if task.status == "planned" and task.actual_start is not None:
        yield _diag("E308", "status-progress", "a planned task has an actual_start",
                    task.location("actual_start"), hint="set `status: in_progress`")


def _links(plan: Plan, known: set[str]) -> Iterator[tuple[str, str, Base | None, int]]:
    """The edges of the dependency graph in file order: `(predecessor, successor, owner,
    index)`, where a link written in `depends_on` has the phase or task that wrote it and its
    index there, and the edges a phase makes itself have None and -1.

    A phase is two nodes, its start and its end: its own dependencies lead into its start and
    from there to each of its tasks; each task leads to its end, which successors depend on.
    """
    phases = plan.phases_by_id
    for phase in plan.phases:
        start, end = phase.id + "\0start", phase.id + "\0end"
        for i, dep in enumerate(phase.depends_on):
            if dep.task in known:
                yield (dep.task + "\0end" if dep.task in phases else dep.task), start, phase, i
        for task in phase.tasks:
            yield start, task.id, None, -1
            yield task.id, end, None, -1
            for i, dep in enumerate(task.depends_on):
                if dep.task in known:
                    pred = dep.task + "\0end" if dep.task in phases else dep.task
                    yield pred, task.id, task, i


def _cycles(plan: Plan, known: set[str]) -> list[Diagnostic]:
    """Dependency cycles, each reported once at a link in it, in stable order."""
    graph: dict[str, list[str]] = {}
    for pred, succ, _, _ in _links(plan, known):
        graph.setdefault(pred, []).append(succ)
    cycles = find_cycles(graph)
    if not cycles:
        return []
    written: dict[tuple[str, str], tuple[Base, int]] = {}  # the first link written each way
    for pred, succ, owner, index in _links(plan, known):
        if owner is not None:
            written.setdefault((pred, succ), (owner, index))
    diagnostics = []
    for cycle in cycles:
        names = [n.split("\0")[0] for n in cycle]
        shown = [n for i, n in enumerate(names) if i == 0 or n != names[i - 1]]
        if len(shown) > 1 and shown[-1] == shown[0]:
            shown.pop()
        # Report at the link written by the first node of the cycle that has one.
        where, hint_owner = None, None
        for i, current in enumerate(cycle):
            link = written.get((cycle[i - 1], current))
            if link is not None:
                hint_owner, index = link
                where = hint_owner.location("depends_on", index)
                break
        if where is None:
            where = plan.location("phases")
        text = " → ".join([*shown, shown[0]])
        diagnostics.append(_diag("E303", "dependency-cycle", f"dependency cycle: {text}", where,
                                 hint="remove or reverse one of these links" if hint_owner
                                 else "a task cannot depend on its own phase"))
    return diagnostics
