"""Test helpers: plans as text, and their schedule.

`schedule_of` uses the real scheduler (`planctl.schedule.schedule_plan`) when it is installed;
until it lands it falls back to `rough_schedule`, a deliberately simple forward/backward pass
(finish-to-start links with lag, weekends and listed holidays, no levelling) that is only good
enough to give the renderer realistic `Schedule` values.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule.result import PhaseSchedule, ResourceLoad, Schedule, TaskSchedule

_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def real_scheduler():
    """`schedule_plan` when the scheduler exists, else None."""
    try:
        module = importlib.import_module("planctl.schedule")
    except ImportError:
        return None
    return getattr(module, "schedule_plan", None)


def schedule_of(plan: Plan, as_of: date) -> Schedule:
    scheduler = real_scheduler()
    if scheduler is not None:
        return scheduler(plan, as_of=as_of)
    return rough_schedule(plan, as_of)


def plan_and_schedule(text: str, as_of: date) -> tuple[Plan, Schedule]:
    plan = load_text(text, "plan.yaml").plan
    return plan, schedule_of(plan, as_of)


def rough_schedule(plan: Plan, as_of: date) -> Schedule:
    workdays = {_WEEKDAYS.index(d) for d in plan.calendar.workdays}
    holidays: set[date] = set()
    for span in plan.calendar.holidays:
        day = span.first
        while day <= span.last:
            holidays.add(day)
            day += timedelta(days=1)

    def working(day: date) -> bool:
        return day.weekday() in workdays and day not in holidays

    def next_working(day: date) -> date:
        while not working(day):
            day += timedelta(days=1)
        return day

    def add(day: date, count: int) -> date:  # the `count`-th working day after `day`
        while count > 0:
            day += timedelta(days=1)
            if working(day):
                count -= 1
        return day

    per_week = len(workdays)
    phase_of = {t.id: p.id for p, t in plan.iter_tasks()}
    members = {p.id: [t.id for t in p.tasks] for p in plan.phases}
    finish: dict[str, date] = {}
    start: dict[str, date] = {}
    spans: dict[str, int] = {}
    pending = [t for _, t in plan.iter_tasks()]
    while pending:
        progressed = False
        for task in list(pending):
            preds = [d for d in task.depends_on] + list(plan.phases_by_id[phase_of[task.id]]
                                                        .depends_on)
            ids = [(i, d.lag.whole_days(per_week)) for d in preds
                   for i in members.get(d.task, [d.task])]
            if any(i not in finish for i, _ in ids):
                continue
            earliest = next_working(max([plan.start, *(add(finish[i], 1 + lag)
                                                        for i, lag in ids)]))
            if task.start_no_earlier_than:
                earliest = next_working(max(earliest, task.start_no_earlier_than))
            if task.status != "done" and not task.actual_start:
                earliest = next_working(max(earliest, as_of))
            if task.milestone:
                span = 0
            elif task.duration is not None:
                span = task.duration.whole_days(per_week)
            else:
                units = sum(a.units for a in task.assign) or 1
                span = max(1, -(-int(task.effort.days(per_week) * 100) // int(units * 100)))
            s = task.actual_start or earliest
            f = task.actual_finish or (s if span == 0 else add(s, span - 1))
            start[task.id], finish[task.id], spans[task.id] = s, f, span
            pending.remove(task)
            progressed = True
        if not progressed:
            raise ValueError("cycle")
    end = max(finish.values(), default=plan.start)
    tasks = []
    for phase, task in plan.iter_tasks():
        slack = sum(1 for d in _days(finish[task.id], end) if working(d)) - 1
        tasks.append(TaskSchedule(
            id=task.id, name=task.name, phase=phase.id, start=start[task.id],
            finish=finish[task.id], milestone=task.milestone, total_float=max(0, slack),
            free_float=0, critical=slack <= 0, cost=float(task.cost or 0),
            status=task.status, progress=task.percent_done,
            assignees=tuple(a.resource for a in task.assign), deadline=task.deadline,
            overdue=task.status not in ("done", "cancelled") and finish[task.id] < as_of))
    phases = [PhaseSchedule(p.id, p.name, min(start[t.id] for t in p.tasks),
                            max(finish[t.id] for t in p.tasks), 0.0,
                            sum(t.percent_done for t in p.tasks) / len(p.tasks),
                            any(tt.critical for tt in tasks if tt.phase == p.id))
              for p in plan.phases if p.tasks]
    loads = []
    for resource in plan.resources:
        load: dict[date, float] = {}
        for _, task in plan.iter_tasks():
            for a in task.assign:
                if a.resource == resource.id and not task.milestone:
                    for d in _days(start[task.id], finish[task.id]):
                        if working(d):
                            load[d] = load.get(d, 0) + a.units
        loads.append(ResourceLoad(resource.id, resource.name, resource.capacity, load))
    critical = [t.id for t in sorted(tasks, key=lambda t: t.start) if t.critical]
    non_working = frozenset(d for d in _days(plan.start, end) if not working(d))
    return Schedule(
        plan_id=plan.id or "plan", plan_name=plan.name, start=plan.start, finish=end,
        status_date=as_of, cost=sum(t.cost for t in tasks),
        budget=plan.budget.total if plan.budget else None,
        currency=plan.budget.currency if plan.budget else "USD", levelled=False, tasks=tasks,
        phases=phases, resources=loads, critical_paths=[critical] if critical else [],
        missed_deadlines=[], non_working_days=non_working)


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def generated_plan_text(tasks: int = 2000, per_phase: int = 50, seed: int = 1,
                        plan_id: str = "big") -> str:
    """A plausible plan of `tasks` tasks, deterministic for a seed.

    Phases run in four parallel streams (each phase follows the one four before it); inside a
    phase, tasks form five lanes with a few cross links, and a milestone closes the phase.
    """
    import random

    rng = random.Random(seed)
    lines = ["planctl: 1", f"id: {plan_id}", f"name: Generated plan {plan_id}",
             "owner: pm", "start: 2026-01-05", "status_date: 2026-03-02",
             "resources:", "  - {id: pm, name: Project manager}"]
    lines += [f"  - {{id: team{i}, name: Team {i}, capacity: 4}}" for i in range(8)]
    lines += ["budget: {currency: EUR, total: 900000}", "phases:"]
    count = 0
    phase_ids: list[str] = []
    while count < tasks:
        pid = f"ph{len(phase_ids) + 1}"
        lines += [f"  - id: {pid}", f"    name: Phase {len(phase_ids) + 1}"]
        if len(phase_ids) >= 4:
            lines.append(f"    depends_on: [{phase_ids[-4]}]")
        lines.append("    tasks:")
        ids: list[str] = []
        size = min(per_phase, tasks - count)
        for j in range(size):
            count += 1
            tid = f"{pid}-t{j + 1}"
            lines += [f"      - id: {tid}", f"        name: Task {count} of {pid}"]
            if j == size - 1 and size > 1:
                lines += ["        milestone: true",
                          f"        depends_on: [{', '.join(ids[-5:])}]"]
            else:
                lines.append(f"        duration: {rng.randint(1, 8)}d")
                lines.append(f"        assign: [{{resource: team{rng.randrange(8)}, units: 1}}]")
                deps = {ids[-5]} if len(ids) >= 5 else set()
                if ids and rng.random() < 0.2:
                    deps.add(rng.choice(ids))
                if deps:
                    lines.append(f"        depends_on: [{', '.join(sorted(deps))}]")
            if rng.random() < 0.02:
                lines.append("        deadline: 2026-09-30")
            ids.append(tid)
        phase_ids.append(pid)
    lines.append("risks:")
    for r in range(12):
        lines.append(f"  - {{id: R{r + 1}, title: Risk {r + 1}, probability: "
                     f"{rng.randint(1, 5)}, impact: {rng.randint(1, 5)}, "
                     f"affects: [ph{r % len(phase_ids) + 1}-t1]}}")
    return "\n".join(lines) + "\n"
