"""`compare_versions(base, head) -> ScheduleDiff`: two scheduled versions of a plan, compared.

Pure: it reads two `Version`s (a plan, when known, and its `Schedule`) and computes nothing
again but working-day differences on the later version's calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planctl.calendar import WorkCalendar
from planctl.diff import inputs as fields
from planctl.diff.result import (
    DeadlineChange,
    ItemChange,
    ItemChanges,
    MilestoneMove,
    ScheduleDiff,
    Side,
    TaskChange,
    TaskRef,
)
from planctl.diff.why import causes, drivers
from planctl.model import Plan
from planctl.model.sections import Calendar
from planctl.schedule.result import Schedule, TaskSchedule


@dataclass(frozen=True)
class Version:
    """One side of a comparison."""

    label: str
    schedule: Schedule
    plan: Plan | None = None
    """None for a saved baseline, which keeps the schedule's figures but not the inputs."""


class _Days:
    """Signed working days between two dates on one calendar."""

    def __init__(self, plan: Plan | None, first: date) -> None:
        calendar = plan.calendar if plan is not None else Calendar()
        self.calendar = WorkCalendar.for_plan(calendar, first)

    def between(self, before: date, after: date) -> int:
        if before == after:
            return 0
        lo, hi = min(before, after), max(before, after)
        n = self.calendar.boundary_after(hi) - self.calendar.boundary_after(lo)
        return n if after > before else -n


def working_days_between(plan: Plan | None, before: date, after: date) -> int:
    """Signed working days from `before` to `after` on `plan`'s calendar."""
    return _Days(plan, min(before, after)).between(before, after)


def _side(v: Version) -> Side:
    s = v.schedule
    return Side(v.label, s.start, s.finish, s.cost, s.currency, s.budget, s.status_date, s.days)


def _ref(t: TaskSchedule) -> TaskRef:
    return TaskRef(t.id, t.name, t.start, t.finish, t.cost, t.milestone)


def _task_inputs(plan: Plan | None) -> dict[str, fields.Fields]:
    if plan is None:
        return {}
    capacity = {r.id: float(r.capacity) for r in plan.resources}
    return {task.id: fields.task_fields(task, phase, capacity)
            for phase, task in plan.iter_tasks()}


def _items(before: dict[str, fields.Fields], after: dict[str, fields.Fields],
           scores: tuple[dict[str, int], dict[str, int]] | None = None) -> ItemChanges:
    changed = []
    for key in sorted(before.keys() & after.keys()):
        delta = fields.changed_fields(before[key], after[key])
        score = (scores[0][key], scores[1][key]) if scores else None
        if delta:
            changed.append(ItemChange(key, dict(sorted(delta.items())), score))
    return ItemChanges(sorted(after.keys() - before.keys()), sorted(before.keys() - after.keys()),
                       changed)


def compare_versions(base: Version, head: Version, *, forecast: bool = False) -> ScheduleDiff:
    """What changed from `base` to `head`, and what it did to dates, cost and paths; with
    `forecast`, to the forecast too (`planctl.diff.forecast`)."""
    found = _compare(base, head)
    if forecast:
        from planctl.diff.forecast import with_forecast

        found = with_forecast(found, base, head)
    return found


def _compare(base: Version, head: Version) -> ScheduleDiff:
    b, h = base.schedule, head.schedule
    days = _Days(head.plan or base.plan, min(b.start, h.start, b.finish, h.finish))
    known = base.plan is not None and head.plan is not None
    b_in, h_in = _task_inputs(base.plan), _task_inputs(head.plan)
    b_tasks, h_tasks = {t.id: t for t in b.tasks}, {t.id: t for t in h.tasks}

    changed_inputs: dict[str, dict[str, tuple[str, str]]] = {}
    tasks_changed = []
    for t in h.tasks:
        old = b_tasks.get(t.id)
        if old is None:
            continue
        delta = fields.changed_fields(b_in[t.id], h_in[t.id]) if known else {}
        if delta:
            changed_inputs[t.id] = dict(sorted(delta.items()))
        if delta or old.start != t.start or old.finish != t.finish:
            tasks_changed.append(TaskChange(
                t.id, t.name, changed_inputs.get(t.id, {}), (old.start, t.start),
                (old.finish, t.finish), (old.total_float, t.total_float), (old.cost, t.cost),
                (old.critical, t.critical), days.between(old.finish, t.finish)))
    added = [_ref(t) for t in h.tasks if t.id not in b_tasks]
    removed = [_ref(t) for t in b.tasks if t.id not in h_tasks]

    plan_inputs: dict[str, tuple[str, str]] = {}
    if base.plan is not None and head.plan is not None:
        plan_inputs = fields.changed_fields(fields.plan_fields(base.plan),
                                            fields.plan_fields(head.plan))
    plan_causes = tuple(k for k in plan_inputs if k not in ("name", "budget"))
    graph = drivers(h)
    added_ids = {t.id for t in added}
    milestones = []
    for t in h.tasks:
        old = b_tasks.get(t.id)
        if old is None or not (t.milestone or old.milestone) or old.finish == t.finish:
            continue
        milestones.append(MilestoneMove(
            t.id, t.name, (old.finish, t.finish), days.between(old.finish, t.finish),
            t.deadline, causes(t.id, graph, changed_inputs, added_ids), plan_causes))
    last = [t.id for t in h.tasks if t.finish == h.finish]
    finish_causes = ()
    if b.finish != h.finish and last:
        finish_causes = causes(last[-1], graph, changed_inputs, added_ids)

    deadlines = []
    for task_id in [*h_tasks, *(k for k in b_tasks if k not in h_tasks)]:
        old, new = b_tasks.get(task_id), h_tasks.get(task_id)
        if (old is None or old.deadline is None) and (new is None or new.deadline is None):
            continue
        pair = (_met(old), _met(new))
        dl = (old.deadline if old else None, new.deadline if new else None)
        fin = (old.finish if old else None, new.finish if new else None)
        if pair[0] != pair[1] or dl[0] != dl[1] or fin[0] != fin[1]:
            deadlines.append(DeadlineChange(task_id, (new or old).name, dl, fin, pair))

    resources = ItemChanges()
    risks = ItemChanges()
    risk_scores: dict[str, tuple[int | None, int | None]] = {}
    if known and base.plan is not None and head.plan is not None:
        resources = _items({r.id: fields.resource_fields(r) for r in base.plan.resources},
                           {r.id: fields.resource_fields(r) for r in head.plan.resources})
        b_scores = {r.id: r.score for r in base.plan.risks}
        h_scores = {r.id: r.score for r in head.plan.risks}
        risks = _items({r.id: fields.risk_fields(r) for r in base.plan.risks},
                       {r.id: fields.risk_fields(r) for r in head.plan.risks},
                       (b_scores, h_scores))
        risk_scores = {k: (b_scores.get(k), h_scores.get(k)) for k in {**b_scores, **h_scores}}

    return ScheduleDiff(
        base=_side(base), head=_side(head),
        finish_delta_days=days.between(b.finish, h.finish),
        cost_delta=round(h.cost - b.cost, 2),
        critical_paths=([list(p) for p in b.critical_paths], [list(p) for p in h.critical_paths]),
        critical_path_text=(_path_texts(b), _path_texts(h)),
        tasks_added=added, tasks_removed=removed, tasks_changed=tasks_changed,
        milestones=milestones, deadlines=deadlines, resources=resources, risks=risks,
        plan_inputs=plan_inputs, risk_scores=risk_scores, inputs_known=known,
        finish_causes=finish_causes, finish_plan_causes=plan_causes if finish_causes or
        b.finish != h.finish else (),
    )


def _path_texts(s: Schedule) -> list[str]:
    return [s.critical_path_text(n) for n in range(len(s.critical_paths))]


def _met(t: TaskSchedule | None) -> bool | None:
    if t is None or t.deadline is None:
        return None
    return t.finish <= t.deadline
