"""`planctl diff --format json`: the stable machine shape, documented in docs/review.md.

One plan gives one object; several (`--git`) give `{"format": 1, "plans": [...]}` with one
such object per plan, each with its `path`. Keys are only ever added, never renamed.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from planctl.diff.formats import Report
from planctl.diff.result import Cause, ItemChanges, ScheduleDiff, Side

FORMAT_VERSION = 1


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _pair(pair: tuple[Any, Any]) -> list[Any]:
    return [_iso(v) if isinstance(v, date) else v for v in pair]


def _side(s: Side) -> dict[str, Any]:
    return {"label": s.label, "start": _iso(s.start), "finish": _iso(s.finish), "cost": s.cost,
            "currency": s.currency, "budget": s.budget, "status_date": _iso(s.status_date),
            "days": s.days}


def _cause(c: Cause) -> dict[str, Any]:
    return {"task": c.task, "added": c.added,
            "inputs": {k: list(v) for k, v in c.inputs.items()},
            "chain": [{"task": s.task, "resources": list(s.resources)} for s in c.chain]}


def _items(items: ItemChanges, scores: bool) -> dict[str, Any]:
    changed = []
    for c in items.changed:
        entry: dict[str, Any] = {"id": c.id, "inputs": {k: list(v) for k, v in c.inputs.items()}}
        if scores and c.score is not None:
            entry["score"] = list(c.score)
        changed.append(entry)
    return {"added": items.added, "removed": items.removed, "changed": changed}


def diff_data(d: ScheduleDiff) -> dict[str, Any]:
    """The comparison as JSON-ready data."""
    return {
        "base": _side(d.base), "head": _side(d.head),
        "unchanged": d.unchanged,
        "finish_delta_days": d.finish_delta_days,
        "cost_delta": d.cost_delta,
        "cost_delta_percent": (round(d.cost_delta_percent, 2)
                               if d.cost_delta_percent is not None else None),
        "critical_path": {"base": d.critical_paths[0], "head": d.critical_paths[1],
                          "changed": d.critical_changed,
                          "text": {"base": d.critical_path_text[0],
                                   "head": d.critical_path_text[1]}},
        "tasks": {
            "added": [t.id for t in d.tasks_added],
            "removed": [t.id for t in d.tasks_removed],
            "changed": [{"id": t.id, "inputs": {k: list(v) for k, v in t.inputs.items()},
                         "start": _pair(t.start), "finish": _pair(t.finish),
                         "finish_delta_days": t.finish_delta_days,
                         "total_float": list(t.total_float), "cost": list(t.cost),
                         "critical": list(t.critical)} for t in d.tasks_changed],
        },
        "milestones": [{"id": m.id, "finish": _pair(m.finish), "delta_days": m.delta_days,
                        "deadline": _iso(m.deadline), "why": [_cause(c) for c in m.causes],
                        "plan_inputs": list(m.plan_causes)} for m in d.milestones],
        "finish_why": [_cause(c) for c in d.finish_causes],
        "deadlines": [{"id": x.id, "deadline": _iso(x.deadline[1] or x.deadline[0]),
                       "deadlines": _pair(x.deadline), "finish": _pair(x.finish),
                       "met": list(x.met), "newly_missed": x.newly_missed}
                      for x in d.deadlines],
        "resources": _items(d.resources, scores=False),
        "risks": _items(d.risks, scores=True),
        "plan_inputs": {k: list(v) for k, v in d.plan_inputs.items()},
        "inputs_known": d.inputs_known,
        "forecast": None if d.forecast is None else {
            "p50": _pair(d.forecast.p50), "p80": _pair(d.forecast.p80),
            "p80_delta_days": d.forecast.p80_delta_days, "seed": d.forecast.seed,
            "iterations": list(d.forecast.iterations),
            "deadlines": [{"id": c.id, "probability": [None if p is None else round(p, 4)
                                                       for p in c.probability]}
                          for c in d.forecast.deadlines]},
    }


def write(reports: list[Report]) -> str:
    if len(reports) == 1 and reports[0].diff is not None and reports[0].status == "changed":
        data: dict[str, Any] = {"format": FORMAT_VERSION, **diff_data(reports[0].diff)}
    else:
        data = {"format": FORMAT_VERSION, "plans": [
            {"path": r.path, "status": r.status, "error": r.error,
             **(diff_data(r.diff) if r.diff is not None else {})} for r in reports]}
    from planctl.report.clean import json_safe

    # Exact text; terminal controls and bidi characters as \u escapes (docs/security.md).
    return json_safe(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
