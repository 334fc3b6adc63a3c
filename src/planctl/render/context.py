"""The context every plan page template receives (documented in docs/templates.md)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from datetime import date
from typing import TYPE_CHECKING, Any

from planctl.render.health import assess
from planctl.render.sections import (
    communication_views,
    lesson_views,
    objective_views,
    resource_views,
    risk_matrix,
    risk_views,
    stakeholder_views,
)
from planctl.render.views import AtRisk, Link, PhaseView, Summary, TaskView

if TYPE_CHECKING:
    from planctl.lateness import Push, Standing
    from planctl.model import Plan
    from planctl.model.tasks import Dependency
    from planctl.schedule.result import Schedule

GANTT_TASK_LIMIT = 300
"""Above this many tasks the Gantt charts show phases unless `--gantt tasks` is given."""
AT_RISK_SCORE = 15
"""A task affected by an open risk scoring at least this is at risk."""


def person_name(plan: Plan, person_id: str | None) -> str | None:
    """The display name of a resource or stakeholder id (the id itself when unknown)."""
    if person_id is None:
        return None
    found = plan.resources_by_id.get(person_id) or plan.stakeholders_by_id.get(person_id)
    return found.name if found is not None else person_id


class WorkdayCounter:
    """Counts working days in date ranges quickly (bisect over the sorted non-working days)."""

    def __init__(self, non_working: frozenset[date]) -> None:
        self._days = sorted(non_working)

    def count(self, start: date, finish: date) -> int:
        """Working days in [start, finish], both included."""
        if finish < start:
            return 0
        off = bisect_right(self._days, finish) - bisect_left(self._days, start)
        return (finish - start).days + 1 - off


def _links(deps: list[Dependency], workdays: int) -> list[Link]:
    return [Link(d.task, d.type, d.lag.whole_days(workdays)) for d in deps]


def task_views(plan: Plan, schedule: Schedule) -> list[TaskView]:
    """Every scheduled task, in plan order, joined with its model."""
    workdays = len(plan.calendar.workdays)
    models = plan.tasks_by_id
    counter = WorkdayCounter(schedule.non_working_days)
    phase_names = {phase.id: phase.name for phase in plan.phases}
    views = []
    for ts in schedule.tasks:
        model = models.get(ts.id)
        if model is None:  # the schedule and the plan disagree: show what was scheduled
            continue
        days = 0 if ts.milestone else max(1, counter.count(ts.start, ts.finish))
        names = [person_name(plan, a) or a for a in ts.assignees]
        views.append(TaskView(
            id=ts.id, name=ts.name, phase=ts.phase,
            phase_name=phase_names.get(ts.phase, ts.phase), start=ts.start, finish=ts.finish,
            milestone=ts.milestone, critical=ts.critical, status=ts.status,
            progress=ts.progress, total_float=ts.total_float, free_float=ts.free_float,
            cost=ts.cost, deadline=ts.deadline, overdue=ts.overdue,
            late=ts.deadline is not None and ts.finish > ts.deadline, days=days,
            assignees=names, owner=person_name(plan, model.owner),
            description=model.description, depends_on=_links(model.depends_on, workdays),
            early_start=ts.early_start, model=model, schedule=ts))
    return views


def phase_views(plan: Plan, schedule: Schedule, tasks: list[TaskView]) -> list[PhaseView]:
    by_phase: dict[str, list[TaskView]] = {}
    for task in tasks:
        by_phase.setdefault(task.phase, []).append(task)
    scheduled = {p.id: p for p in schedule.phases}
    workdays = len(plan.calendar.workdays)
    views = []
    for phase in plan.phases:
        ps = scheduled.get(phase.id)
        members = by_phase.get(phase.id, [])
        if ps is None and not members:
            continue
        start = ps.start if ps else min(t.start for t in members)
        finish = ps.finish if ps else max(t.finish for t in members)
        views.append(PhaseView(
            id=phase.id, name=phase.name, start=start, finish=finish,
            progress=ps.progress if ps else _progress(members),
            critical=ps.critical if ps else any(t.critical for t in members),
            cost=ps.cost if ps else sum(t.cost for t in members),
            description=phase.description, owner=person_name(plan, phase.owner),
            depends_on=_links(phase.depends_on, workdays), tasks=members, model=phase,
            schedule=ps))
    return views


def _progress(tasks: list[TaskView]) -> float:
    """Percent complete weighted by working days; milestones and cancelled tasks don't count."""
    weighted = [(t.days, t.progress) for t in tasks if not t.milestone and t.status != "cancelled"]
    total = sum(days for days, _ in weighted)
    if total == 0:
        done = [t for t in tasks if t.status != "cancelled"]
        return 100.0 * sum(t.status == "done" for t in done) / len(done) if done else 0.0
    return sum(days * progress for days, progress in weighted) / total


def summary(plan: Plan, schedule: Schedule, tasks: list[TaskView],
            found: list[Standing] | None = None) -> Summary:
    from planctl.lateness import headline, standings

    # A deadline against the finish of its own task or milestone (not the plan's finish,
    # which may hold weeks of support after go-live), in working days.
    last = headline(standings(plan, schedule) if found is None else found)
    budget = schedule.budget
    real = [t for t in tasks if t.status != "cancelled"]
    return Summary(
        health=assess(plan, schedule), start=schedule.start, finish=schedule.finish,
        status_date=schedule.status_date, deadline=last.deadline if last else None,
        deadline_task=last.name if last else None,
        finish_vs_deadline=last.days_late if last else None,
        progress=_progress(tasks), cost=schedule.cost, budget=budget,
        currency=schedule.currency,
        cost_ratio=schedule.cost / budget if budget else None,
        tasks=sum(not t.milestone for t in real),
        tasks_done=sum(not t.milestone and t.status == "done" for t in real),
        milestones=sum(t.milestone for t in real),
        milestones_done=sum(t.milestone and t.status == "done" for t in real))


def at_risk(plan: Plan, tasks: list[TaskView], status_date: date,
            found: list[Standing] = (), pushed: dict[str, Push] | None = None  # type: ignore[assignment]
            ) -> list[AtRisk]:
    """Unfinished tasks likely to slip, each with its reasons (overdue ones are listed apart).

    A task is behind its deadline only when it has one (`found`, from
    `planctl.lateness.standings`); negative float from a deadline after it is said as
    "pushes <milestone> past its deadline by N working days" (`pushed`)."""
    from planctl.lateness import working_days

    own = {standing.task: standing for standing in found}
    pushed = pushed or {}
    risky: dict[str, list[str]] = {}
    for risk in plan.risks:
        if risk.status != "closed" and risk.score >= AT_RISK_SCORE:
            for target in risk.affects:
                risky.setdefault(target, []).append(f"risk {risk.id} scores {risk.score}")
    found = []
    for task in tasks:
        if task.status in ("done", "cancelled") or task.overdue:
            continue
        reasons = []
        standing = own.get(task.id)
        if standing is not None and standing.late:
            reasons.append(f"{working_days(standing.days_late)} behind its deadline "
                           f"{standing.deadline.isoformat()}")
        elif task.id in pushed:
            reasons.append(pushed[task.id].text)
        if task.status == "blocked":
            reasons.append("blocked")
        if task.status == "in_progress" and task.days and task.start <= status_date:
            elapsed = min(1.0, ((status_date - task.start).days + 1)
                          / ((task.finish - task.start).days + 1))
            if task.progress + 25 < elapsed * 100:
                reasons.append(f"{task.progress:.0f}% done with {elapsed * 100:.0f}% of its "
                               "time gone")
        reasons += risky.get(task.id, []) + risky.get(task.phase, [])
        if reasons:
            found.append(AtRisk(task, reasons))
    return found


def build_context(plan: Plan, schedule: Schedule, *, gantt: str = "auto",
                  index_href: str | None = None, variance: Any = None,
                  today: date | None = None, forecast: Any = None) -> dict[str, Any]:
    """Everything a plan page template receives (see docs/templates.md), as views for Python
    callers; `render_template` hands templates these frozen into plain data
    (`planctl.render.plain`). A new field may be any view, list, dict or scalar. `today` is
    the caller's clock, only to say so when the status date is today's (`as_of_note`)."""
    from planctl.lateness import pushes, standings
    from planctl.render.charts import Charts
    from planctl.render.sections import as_of_note

    tasks = task_views(plan, schedule)
    found = standings(plan, schedule)
    by_id = {t.id: t for t in tasks}
    phases = phase_views(plan, schedule, tasks)
    mode = gantt if gantt in ("tasks", "phases") else (
        "tasks" if len(tasks) <= GANTT_TASK_LIMIT else "phases")
    risks = risk_views(plan, schedule.status_date, by_id)
    resources = resource_views(plan, schedule)
    objectives = objective_views(plan)
    critical_paths = [[by_id[i] for i in path if i in by_id] for path in schedule.critical_paths]
    names = {r.id: r.name for r in plan.resources}
    # How each task of the first path follows the one before it: None for the first, [] for a
    # dependency, else the names of the resources it waited for (a hand-off after levelling).
    via: list[list[str] | None] = [None]
    for step in (schedule.critical_path_links[0] if schedule.critical_path_links else []):
        via.append([names.get(r, r) for r in step])
    if critical_paths:  # a schedule without links (built by hand, or older): dependencies
        via += [[] for _ in range(len(critical_paths[0]) - len(via))]
    context: dict[str, Any] = {
        "plan": plan,
        "schedule": schedule,
        "as_of": schedule.status_date,
        "as_of_note": as_of_note(plan, schedule, today),
        "title": plan.name,
        "owner": person_name(plan, plan.owner),
        "summary": summary(plan, schedule, tasks, found),
        "phases": phases,
        "tasks": tasks,
        "milestones": [t for t in tasks if t.milestone],
        "critical_path": critical_paths[0] if critical_paths else [],
        "critical_paths": critical_paths,
        "critical_path_via": via[:len(critical_paths[0])] if critical_paths else [],
        "critical_path_text": schedule.critical_path_text() if critical_paths else "",
        "overdue": [t for t in tasks if t.overdue],
        "at_risk": at_risk(plan, tasks, schedule.status_date, found, pushes(plan, schedule)),
        "risks": risks,
        "risk_matrix": risk_matrix(risks),
        "resources": resources,
        "stakeholders": stakeholder_views(plan),
        "communications": communication_views(plan),
        "objectives": objectives,
        "lessons": lesson_views(plan),
        "gantt_mode": mode,
        "index_href": index_href,
        "variance": variance,
        "baseline_moves": _baseline_moves(variance),
        "forecast": _forecast(forecast),
    }
    context["health"] = context["summary"].health
    context["charts"] = Charts(context).as_record()
    return context


def _baseline_moves(variance: Any) -> list[Any]:
    """Milestones and phases whose finish moved since the baseline, most moved first."""
    if variance is None:
        return []
    items = [i for i in variance.items.values() if i.kind != "task" and i.finish]
    return sorted(items, key=lambda i: (-abs(i.finish), i.id))[:12]


def _forecast(forecast: Any) -> Any:
    """The page's view of a `planctl.forecast.Forecast` (None without one)."""
    if forecast is None:
        return None
    from planctl.render.forecast_view import forecast_view

    return forecast_view(forecast)
