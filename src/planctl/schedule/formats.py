"""The `Schedule` as JSON-ready data and as CSV: the stable machine shapes of `planctl schedule`.

Both are documented in docs/scheduling.md; extend them, never rename a key or a column.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from planctl.schedule.result import Schedule, TaskSchedule

if TYPE_CHECKING:
    from planctl.model import Plan

FORMAT_VERSION = 1


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def task_data(task: TaskSchedule) -> dict[str, Any]:
    from planctl.lateness import shows_float

    # Finished work (done, cancelled) has no float to show: null in JSON, empty in CSV.
    open_ = shows_float(task)
    return {
        "id": task.id, "name": task.name, "phase": task.phase,
        "start": _iso(task.start), "finish": _iso(task.finish), "milestone": task.milestone,
        "days": task.days, "total_float": task.total_float if open_ else None,
        "free_float": task.free_float if open_ else None,
        "critical": task.critical, "cost": task.cost, "status": task.status,
        "progress": task.progress, "assignees": list(task.assignees),
        "deadline": _iso(task.deadline), "overdue": task.overdue,
        "early_start": _iso(task.early_start), "late_start": _iso(task.late_start),
        "late_finish": _iso(task.late_finish), "planned_finish": _iso(task.planned_finish),
        "driving": list(task.driving),
        "handoffs": [{"predecessor": h.predecessor, "resource": h.resource}
                     for h in task.handoffs],
        "logic_total_float": task.logic_total_float if open_ else None,
        "logic_free_float": task.logic_free_float if open_ else None,
    }


def schedule_data(schedule: Schedule) -> dict[str, Any]:
    """One JSON object: plan summary, tasks, phases, resources, critical paths, deadlines."""
    s = schedule
    ratio = round(s.days / s.lower_bound_days, 4) if s.lower_bound_days else None
    return {
        "format": FORMAT_VERSION,
        "plan": {
            "id": s.plan_id, "name": s.plan_name, "start": _iso(s.start),
            "finish": _iso(s.finish), "status_date": _iso(s.status_date), "cost": s.cost,
            "budget": s.budget, "currency": s.currency, "levelled": s.levelled,
            "days": s.days, "lower_bound_days": s.lower_bound_days, "ratio_to_bound": ratio,
        },
        "tasks": [task_data(t) for t in s.tasks],
        "phases": [{"id": p.id, "name": p.name, "start": _iso(p.start),
                    "finish": _iso(p.finish), "cost": p.cost, "progress": p.progress,
                    "critical": p.critical, "days": p.days} for p in s.phases],
        "resources": [{"id": r.id, "name": r.name, "capacity": r.capacity,
                       "load": {d.isoformat(): units for d, units in r.load.items()},
                       "over_allocated": [d.isoformat() for d in r.over_allocated]}
                      for r in s.resources],
        "critical_paths": [list(path) for path in s.critical_paths],
        "critical_path_links": [[list(step) for step in steps]
                                for steps in s.critical_path_links],
        "critical_path_text": [s.critical_path_text(n) for n in range(len(s.critical_paths))],
        "resource_links": [{"predecessor": h.predecessor, "successor": h.successor,
                            "resource": h.resource, "type": h.type, "lag": h.lag}
                           for h in s.resource_links],
        "missed_deadlines": [{"task": m.task, "deadline": _iso(m.deadline),
                              "finish": _iso(m.finish), "slip": m.slip}
                             for m in s.missed_deadlines],
    }


def schedule_csv(schedule: Schedule, plan: Plan) -> str:
    """One row per task: the CSV that `planctl export --format csv` writes (the one writer,
    `planctl.export.csv.tasks_csv`, whose columns docs/export.md lists)."""
    from planctl.export.csv import tasks_csv

    return tasks_csv(plan, schedule)
