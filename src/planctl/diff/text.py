"""`planctl diff --format text`: the terminal report, verdict first.

Plan text is cleaned of control characters; the command prints it without rich markup.
"""

from __future__ import annotations

from planctl.diff.formats import Report, chain_text, days, inputs_text, money, signed, verdict
from planctl.diff.result import ItemChanges, ScheduleDiff
from planctl.report.clean import one_line

_MAX_TASKS = 200
"""Changed tasks listed one by one; the rest are counted."""


def _c(text: object) -> str:
    return one_line(str(text))


def _items(title: str, items: ItemChanges, scores: dict | None = None) -> list[str]:
    if not items:
        return []
    lines = [title]
    if items.added:
        lines.append("  added: " + ", ".join(_c(i) for i in items.added))
    if items.removed:
        lines.append("  removed: " + ", ".join(_c(i) for i in items.removed))
    for c in items.changed:
        score = f" score {c.score[0]} → {c.score[1]};" if c.score and c.score[0] != c.score[1] \
            else ""
        lines.append(f"  {_c(c.id)}:{score} {_c(inputs_text(c.inputs))}")
    return lines


def report_lines(d: ScheduleDiff) -> list[str]:
    v = verdict(d)
    lines = [f"{_c(d.base.label)} → {_c(d.head.label)}"]
    if v.unchanged:
        lines.append("no change: both versions give the same schedule, cost and paths")
        return lines
    lines += [v.finish, v.cost, v.critical, *v.deadlines, *([v.forecast] if v.forecast else [])]
    if d.finish_causes or d.finish_plan_causes:
        lines.append("why the finish moved:")
        lines += [f"  {_c(c.task)}: {_c(inputs_text(c.inputs)) if c.inputs else 'added'}"
                  f"  ({_c(chain_text(c.chain))})" for c in d.finish_causes]
        lines += [f"  plan {k} changed" for k in d.finish_plan_causes]
    if d.milestones:
        lines += ["", "milestones moved:"]
        for m in d.milestones:
            due = f", deadline {m.deadline.isoformat()}" if m.deadline else ""
            lines.append(f"  {_c(m.id)}  {m.finish[0].isoformat()} → {m.finish[1].isoformat()}"
                         f" ({days(m.delta_days)}{due})")
            for c in m.causes:
                what = _c(inputs_text(c.inputs)) if c.inputs else "added"
                lines.append(f"    why: {_c(c.task)}: {what}  ({_c(chain_text(c.chain))})")
            lines += [f"    why: plan {k} changed" for k in m.plan_causes]
    if d.deadlines:
        lines += ["", "deadlines:"]
        for x in d.deadlines:
            met = ["-" if m is None else "met" if m else "missed" for m in x.met]
            due = x.deadline[1] or x.deadline[0]
            fin = [f.isoformat() if f else "-" for f in x.finish]
            lines.append(f"  {_c(x.id)}  deadline {due.isoformat() if due else '-'}: "
                         f"{met[0]} → {met[1]} (finish {fin[0]} → {fin[1]})")
    if d.tasks_added:
        lines += ["", "tasks added: " + ", ".join(_c(t.id) for t in d.tasks_added)]
    if d.tasks_removed:
        lines += ["", "tasks removed: " + ", ".join(_c(t.id) for t in d.tasks_removed)]
    if d.tasks_changed:
        lines += ["", f"tasks changed ({len(d.tasks_changed)}):"]
        for t in d.tasks_changed[:_MAX_TASKS]:
            parts = [_c(inputs_text(t.inputs))] if t.inputs else []
            if t.start[0] != t.start[1]:
                parts.append(f"start {t.start[0].isoformat()} → {t.start[1].isoformat()}")
            if t.finish[0] != t.finish[1]:
                parts.append(f"finish {t.finish[0].isoformat()} → {t.finish[1].isoformat()} "
                             f"({days(t.finish_delta_days)})")
            if t.total_float[0] != t.total_float[1]:
                parts.append(f"float {t.total_float[0]} → {t.total_float[1]}")
            if abs(t.cost[1] - t.cost[0]) >= 0.005:
                parts.append(f"cost {signed(t.cost[1] - t.cost[0])}")
            lines.append(f"  {_c(t.id)}: " + "; ".join(parts))
        if len(d.tasks_changed) > _MAX_TASKS:
            lines.append(f"  … and {len(d.tasks_changed) - _MAX_TASKS} more (--format json "
                         "lists all)")
    if d.critical_changed:
        lines += ["", "critical path before:"]
        lines += [f"  {_c(p)}" for p in d.critical_path_text[0]] or ["  -"]
        lines += ["critical path after:"]
        lines += [f"  {_c(p)}" for p in d.critical_path_text[1]] or ["  -"]
    resources = _items("resources:", d.resources)
    risks = _items("risks:", d.risks)
    lines += (["", *resources] if resources else []) + (["", *risks] if risks else [])
    if d.plan_inputs:
        lines += ["", "plan: " + _c(inputs_text(d.plan_inputs))]
    if d.base.budget != d.head.budget:
        lines.append(f"budget {money(d.base.budget or 0)} → {money(d.head.budget or 0)} "
                     f"{_c(d.head.currency)}")
    if not d.inputs_known:
        lines += ["", "(one side is a saved baseline: dates and cost are compared, not inputs)"]
    return lines


def write(reports: list[Report]) -> str:
    out: list[str] = []
    for r in reports:
        if out:
            out.append("")
        if r.error is not None:
            out += [f"{_c(r.path)}: could not compare", *(f"  {_c(e)}" for e in
                                                          r.error.splitlines())]
        elif r.diff is None:
            out.append(f"{_c(r.path)}: plan {r.status}")
        else:
            out += report_lines(r.diff)
    if not reports:
        out.append("no plan changed")
    return "\n".join(out) + "\n"
