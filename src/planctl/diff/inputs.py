"""What a reviewer sees of a plan's inputs: each task, resource and risk as short comparable text.

Values come from the validated model, never from the YAML text, so comments, key order, flow or
block style and quoting can never show up as a change.
"""

from __future__ import annotations

from typing import Any

from planctl.model import Plan
from planctl.model.sections import Resource, Risk
from planctl.model.tasks import Phase, Task

Fields = dict[str, str]
"""Field name -> its value as short text ('' when unset)."""

_LONG = 60


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _LONG else text[: _LONG - 1] + "…"


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _short(str(value))


def _link(dep: Any) -> str:
    text = dep.task
    if dep.type != "FS":
        text += f" {dep.type}"
    lag = dep.lag.amount
    if lag:
        text += f" {'+' if lag > 0 else ''}{dep.lag}"
    return text


def _assignment(a: Any, capacity: dict[str, float]) -> str:
    """`dev`, or `dev×0.5`: the units the assignment means (the short form of a part-time
    person means their capacity), so writing them out or leaving them out is no change."""
    units = float(a.units_of(capacity.get(a.resource, 1)))
    return a.resource if units == 1 else f"{a.resource}×{_value(units)}"


def _estimate(e: Any) -> str:
    return f"{e.optimistic}/{e.likely}/{e.pessimistic}" if e is not None else ""


def task_fields(task: Task, phase: Phase, capacity: dict[str, float]) -> Fields:
    """The inputs of one task that decide its dates, cost and what a reader is told."""
    return {
        "name": _value(task.name),
        "phase": phase.id,
        "duration": _value(task.duration),
        "effort": _value(task.effort),
        "milestone": "yes" if task.milestone else "",
        "depends_on": ", ".join(sorted(_link(d) for d in [*task.depends_on])),
        "assign": ", ".join(sorted(_assignment(a, capacity) for a in task.assign)),
        "status": task.status,
        "progress": _value(task.progress),
        "actual_start": _value(task.actual_start),
        "actual_finish": _value(task.actual_finish),
        "start_no_earlier_than": _value(task.start_no_earlier_than),
        "deadline": _value(task.deadline),
        "priority": _value(task.priority),
        "cost": _value(task.cost),
        "estimate": _estimate(task.estimate),
        "owner": _value(task.owner),
        "description": _value(task.description),
        "tags": ", ".join(task.tags),
    }


def resource_fields(resource: Resource) -> Fields:
    leave = [s.model_dump(mode="json", by_alias=True, exclude_none=True) for s in resource.leave]
    return {
        "name": _value(resource.name), "role": _value(resource.role), "kind": resource.kind,
        "capacity": _value(float(resource.capacity)), "rate": _value(float(resource.rate)),
        "leave": "; ".join(" ".join(f"{k}={v}" for k, v in s.items()) for s in leave),
    }


def risk_fields(risk: Risk) -> Fields:
    return {
        "title": _value(risk.title), "probability": _value(risk.probability),
        "impact": _value(risk.impact), "status": risk.status, "owner": _value(risk.owner),
        "affects": ", ".join(risk.affects), "delay": _estimate(risk.delay),
        "mitigation": _value(risk.mitigation), "contingency": _value(risk.contingency),
        "review_by": _value(risk.review_by), "description": _value(risk.description),
    }


def plan_fields(plan: Plan) -> Fields:
    """Plan-wide inputs that move every date: the start, status date and calendar."""
    calendar = plan.calendar.model_dump(mode="json", by_alias=True, exclude_none=True)
    budget = plan.budget
    return {
        "name": _value(plan.name),
        "start": _value(plan.start),
        "status_date": _value(plan.status_date),
        "workdays": ", ".join(calendar.get("workdays", [])),
        "holidays": _short(", ".join(sorted(_span(h) for h in calendar.get("holidays", [])))),
        "public holidays": " ".join(filter(None, (plan.calendar.country,
                                                  plan.calendar.subdivision))),
        "budget": f"{_value(float(budget.total))} {budget.currency}" if budget else "",
    }


def _span(span: dict[str, Any]) -> str:
    if "date" in span:
        return str(span["date"])
    return f"{span.get('from', '')}..{span.get('to', '')}"


def changed_fields(before: Fields, after: Fields) -> dict[str, tuple[str, str]]:
    """Fields whose text differs, as (before, after)."""
    return {k: (before.get(k, ""), after.get(k, "")) for k in {**before, **after}
            if before.get(k, "") != after.get(k, "")}
