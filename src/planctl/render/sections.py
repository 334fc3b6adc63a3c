"""Views of the plan sections beside the schedule: risks, resources, people, objectives, lessons."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from planctl.model.fields import probability_scale
from planctl.render.views import (
    CommunicationView,
    LessonView,
    MatrixCell,
    ObjectiveView,
    ResourceView,
    RiskView,
    StakeholderView,
    TaskView,
    WeekLoad,
)

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.schedule.result import Schedule


def risk_level(score: int) -> str:
    """low (1-4), medium (5-9), high (10-14), critical (15-25)."""
    if score >= 15:
        return "critical"
    if score >= 10:
        return "high"
    return "medium" if score >= 5 else "low"


def _name(plan: Plan, person: str | None) -> str | None:
    from planctl.render.context import person_name

    return person_name(plan, person)


def risk_views(plan: Plan, status_date: date, tasks: dict[str, TaskView]) -> list[RiskView]:
    """Risks by score, highest first; closed risks last; ties in file order."""
    phases = plan.phases_by_id
    views = []
    for risk in plan.risks:
        affects = []
        for target in risk.affects:
            item = tasks.get(target) or phases.get(target)
            affects.append(item.name if item is not None else target)
        views.append(RiskView(
            id=risk.id, title=risk.title, description=risk.description,
            probability=probability_scale(risk.probability), impact=risk.impact,
            score=risk.score, level=risk_level(risk.score), status=risk.status,
            owner=_name(plan, risk.owner), affects=affects, mitigation=risk.mitigation,
            contingency=risk.contingency, review_by=risk.review_by,
            review_due=risk.status != "closed" and risk.review_by is not None
            and risk.review_by < status_date,
            model=risk))
    return sorted(views, key=lambda r: (r.status == "closed", -r.score))


def risk_matrix(risks: list[RiskView]) -> list[list[MatrixCell]]:
    """Five rows, probability 5 (top) to 1; five cells each, impact 1 to 5; open risks only."""
    rows = []
    for probability in range(5, 0, -1):
        row = []
        for impact in range(1, 6):
            ids = [r.id for r in risks if r.status != "closed"
                   and r.probability == probability and r.impact == impact]
            score = probability * impact
            row.append(MatrixCell(probability, impact, score, risk_level(score), ids))
        rows.append(row)
    return rows


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _leave_days(spans: list, first: date, last: date) -> set[date]:
    days: set[date] = set()
    for span in spans:
        day, end = max(span.first, first), min(span.last, last)
        days.update(day + timedelta(days=i) for i in range((end - day).days + 1))
    return days


def resource_views(plan: Plan, schedule: Schedule) -> list[ResourceView]:
    """Weekly loading of every resource that has a load entry, over the plan's span."""
    first, last = schedule.start, max(schedule.finish, schedule.start)
    non_working = schedule.non_working_days
    working = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    working = [d for d in working if d not in non_working]
    # Every day's Monday, worked out once: the loops below run per resource and day.
    monday = {d: _monday(d) for d in working}
    weeks = sorted(set(monday.values()))
    workdays: dict[date, int] = dict.fromkeys(weeks, 0)
    for day in working:
        workdays[monday[day]] += 1
    views = []
    for load in schedule.resources:
        model = plan.resources_by_id.get(load.id)
        available = dict(workdays)
        for day in _leave_days(model.leave if model else [], first, last):
            if day in monday:
                available[monday[day]] -= 1
        used: dict[date, float] = dict.fromkeys(weeks, 0.0)
        for day, units in load.load.items():
            week = monday.get(day) or _monday(day)
            used[week] = used.get(week, 0.0) + units
        over_days = sorted(load.over_allocated)
        over_weeks_set = {_monday(d) for d in over_days}
        rows = []
        for week in sorted(used):
            capacity = load.capacity * available.get(week, 0)
            utilisation = 100 * used[week] / capacity if capacity else None
            over = week in over_weeks_set or (used[week] > capacity + 1e-9)
            rows.append(WeekLoad(week, used[week], capacity, utilisation, over))
        peaks = [w.utilisation for w in rows if w.utilisation is not None]
        views.append(ResourceView(
            id=load.id, name=load.name, role=model.role if model else None,
            kind=model.kind if model else "person", capacity=load.capacity,
            rate=model.rate if model else 0.0, work=sum(load.load.values()),
            peak=max(peaks) if peaks else None, over_weeks=sum(w.over for w in rows),
            over_days=over_days, weeks=rows))
    return views


_STRATEGY = {
    (True, True): "Manage closely",
    (True, False): "Keep satisfied",
    (False, True): "Keep informed",
    (False, False): "Monitor",
}


def stakeholder_views(plan: Plan) -> list[StakeholderView]:
    return [StakeholderView(
        id=s.id, name=s.name, role=s.role, influence=s.influence, interest=s.interest,
        engagement=s.engagement,
        strategy=_STRATEGY[(s.influence == "high", s.interest == "high")])
        for s in plan.stakeholders]


def communication_views(plan: Plan) -> list[CommunicationView]:
    return [CommunicationView(
        name=c.name, audience=[_name(plan, a) or a for a in c.audience], channel=c.channel,
        cadence=c.cadence, owner=_name(plan, c.owner)) for c in plan.communications]


def objective_views(plan: Plan) -> list[ObjectiveView]:
    views = []
    for o in plan.objectives:
        kpi = o.kpi
        progress = kpi.progress if kpi is not None else None
        views.append(ObjectiveView(
            id=o.id, name=o.name, description=o.description,
            metric=kpi.metric if kpi else None, unit=kpi.unit if kpi else None,
            baseline=kpi.baseline if kpi else None, target=kpi.target if kpi else None,
            current=kpi.current if kpi else None,
            progress=None if progress is None else 100 * progress))
    return views


def lesson_views(plan: Plan) -> list[LessonView]:
    return [LessonView(lesson.date, lesson.text, lesson.action)
            for lesson in sorted(plan.lessons, key=lambda item: item.date)]


def as_of_note(plan: Plan, schedule: Schedule, today: date | None) -> str | None:
    """Where a page's status date came from, when it is not the plan's own `status_date`:
    `(today): the plan has no status_date`. None when the plan's status_date is used."""
    shown, own = schedule.status_date, plan.status_date
    if own is not None and own == shown:
        return None
    source = "today" if today is not None and shown == today else "--as-of"
    if own is None:
        return f"({source}): the plan has no status_date"
    return f"({source}): the plan's status_date is {own.isoformat()}"
