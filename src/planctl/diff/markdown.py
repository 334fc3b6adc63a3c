"""`planctl diff --format markdown`: a pull-request comment.

The verdict comes first (finish, cost, critical path, deadlines, and why), then one small
table; the details are folded into `<details>`. The whole comment stays under `LIMIT`
characters (GitHub refuses comments over 65,536): rows that do not fit are left out with a
note saying how many. When nothing changed it says so in one line.
"""

from __future__ import annotations

import re

from planctl.diff.formats import Report, chain_text, days, inputs_text, money, signed, verdict
from planctl.diff.result import ItemChanges, ScheduleDiff
from planctl.render.escape import md_inline

LIMIT = 60_000
"""Characters of the whole comment; GitHub's limit is 65,536, and a marker and a title are
added by the Action."""


_PLAIN_PATH = re.compile(r"[\w./@+-]+")


def _t(text: object) -> str:
    return str(md_inline(str(text)))


def _id(text: str) -> str:
    return f"`{text}`"  # ids are letters, digits, '_', '.', '-': safe in a code span


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def fits(self, text: str) -> bool:
        if len(text) + 1 > self.left:
            return False
        self.left -= len(text) + 1
        return True


def _rows(budget: _Budget, header: list[str], rows: list[str], what: str) -> list[str]:
    out = []
    for line in header:
        budget.fits(line)
        out.append(line)
    for n, row in enumerate(rows):
        if not budget.fits(row):
            out.append("")
            out.append(f"… {len(rows) - n} more {what} not shown (comment size limit); "
                       "`planctl diff --format json` lists all.")
            budget.left -= 120
            break
        out.append(row)
    return out


def _details(summary: str, body: list[str]) -> list[str]:
    return ["", f"<details><summary>{summary}</summary>", "", *body, "", "</details>"]


def _why(d: ScheduleDiff) -> list[str]:
    lines = []
    for c in d.finish_causes[:5]:
        what = _t(inputs_text(c.inputs)) if c.inputs else "added"
        lines.append(f"- {_id(c.task)}: {what} ({_t(chain_text(c.chain))})")
    lines += [f"- plan {_t(k)} changed" for k in d.finish_plan_causes]
    return ["", "**Why the finish moved:**", *lines] if lines else []


def _headline(d: ScheduleDiff) -> str:
    v = verdict(d)
    parts = [f"**{v.finish}**", f"**{v.cost}**", v.critical, *(f"⚠️ {x}" for x in v.deadlines),
             *([v.forecast] if v.forecast else [])]
    return " · ".join(_t(p) if not p.startswith("**") else f"**{_t(p[2:-2])}**" for p in parts)


def _summary_table(d: ScheduleDiff) -> list[str]:
    b, h = d.base, d.head
    paths = ["<br>".join(side[:2]) or "-" for side in d.critical_path_text]
    if len(paths[0]) > 600 or len(paths[1]) > 600:
        paths = [f"{sum(len(p) for p in side)} tasks" for side in d.critical_paths]
    cost_change = signed(d.cost_delta) + (f" ({d.cost_delta_percent:+.1f} %)"
                                          if d.cost_delta_percent is not None else "")
    return ["", "| | before | after | change |", "|---|---|---|---|",
            f"| finish | {b.finish.isoformat()} | {h.finish.isoformat()} | "
            f"{days(d.finish_delta_days)} |",
            f"| cost ({_t(h.currency)}) | {money(b.cost)} | {money(h.cost)} | {cost_change} |",
            f"| critical path | {paths[0]} | {paths[1]} | "
            f"{'changed' if d.critical_changed else 'unchanged'} |"]


def _items(items: ItemChanges, kind: str) -> list[str]:
    rows = []
    rows += [f"| {_id(i)} | added | |" for i in items.added]
    rows += [f"| {_id(i)} | removed | |" for i in items.removed]
    for c in items.changed:
        score = f"score {c.score[0]} → {c.score[1]}; " if c.score else ""
        rows.append(f"| {_id(c.id)} | changed | {score}{_t(inputs_text(c.inputs))} |")
    return [f"| {kind} | | what changed |", "|---|---|---|", *rows] if rows else []


def _plan(r: Report, budget: _Budget) -> list[str]:
    # A file name in a pull request is the attacker's: only a plain one goes in a code span.
    title = f"### {_id(r.path) if _PLAIN_PATH.fullmatch(r.path) else _t(r.path)}"
    if r.error is not None:
        return [title, "", "Could not compare: " + _t(r.error.splitlines()[0])]
    d = r.diff
    if d is None:
        return [title, "", f"Plan {r.status}."]
    if d.unchanged:
        return [title, "", "**No change** to the schedule: the same finish, cost and critical "
                "path."]
    out = [title, "", _headline(d), *_why(d), *_summary_table(d)]
    for line in out:
        budget.fits(line)
    if d.milestones:
        rows = []
        for m in d.milestones:
            why = "; ".join(f"{_id(c.task)} {_t(inputs_text(c.inputs)) if c.inputs else 'added'}"
                            for c in m.causes[:3]) or "; ".join(
                                f"plan {k} changed" for k in m.plan_causes)
            rows.append(f"| {_id(m.id)} | {m.finish[0].isoformat()} | {m.finish[1].isoformat()} "
                        f"| {days(m.delta_days)} | {why or '-'} |")
        out += _details(f"Milestones moved ({len(d.milestones)})", _rows(
            budget, ["| milestone | before | after | change | why |", "|---|---|---|---|---|"],
            rows, "milestones"))
    if d.deadlines:
        rows = []
        for x in d.deadlines:
            met = ["-" if m is None else "met" if m else "**missed**" for m in x.met]
            due = x.deadline[1] or x.deadline[0]
            fin = [f.isoformat() if f else "-" for f in x.finish]
            rows.append(f"| {_id(x.id)} | {due.isoformat() if due else '-'} | {fin[0]} → "
                        f"{fin[1]} | {met[0]} → {met[1]} |")
        out += _details(f"Deadlines ({len(d.deadlines)})", _rows(
            budget, ["| task | deadline | finish | met |", "|---|---|---|---|"], rows,
            "deadlines"))
    count = len(d.tasks_changed) + len(d.tasks_added) + len(d.tasks_removed)
    if count:
        rows = [f"| {_id(t.id)} | added | | {t.start.isoformat()} – {t.finish.isoformat()} | |"
                for t in d.tasks_added]
        rows += [f"| {_id(t.id)} | removed | | | |" for t in d.tasks_removed]
        for t in d.tasks_changed:
            moved = (f"{t.finish[0].isoformat()} → {t.finish[1].isoformat()} "
                     f"({days(t.finish_delta_days)})" if t.finish[0] != t.finish[1] else "")
            started = (f"start {t.start[0].isoformat()} → {t.start[1].isoformat()}"
                       if t.start[0] != t.start[1] else "")
            flt = (f"float {t.total_float[0]} → {t.total_float[1]}"
                   if t.total_float[0] != t.total_float[1] else "")
            cost = f"cost {signed(t.cost[1] - t.cost[0])}" if abs(t.cost[1] - t.cost[0]) >= .005 \
                else ""
            rows.append(f"| {_id(t.id)} | changed | {_t(inputs_text(t.inputs))} | "
                        f"{'<br>'.join(x for x in (moved, started) if x)} | "
                        f"{'; '.join(x for x in (flt, cost) if x)} |")
        out += _details(f"Tasks: {len(d.tasks_changed)} changed, {len(d.tasks_added)} added, "
                        f"{len(d.tasks_removed)} removed", _rows(
                            budget, ["| task | | inputs | dates | float, cost |",
                                     "|---|---|---|---|---|"], rows, "tasks"))
    if d.critical_changed:
        body = []
        for name, side in (("before", d.critical_path_text[0]),
                           ("after", d.critical_path_text[1])):
            for p in side or [""]:
                text = f"- {name}: " + (p or "-")
                if budget.fits(text):
                    body.append(text)
        out += _details("Critical path before and after", body)
    extra = _items(d.resources, "resource") + ([""] if d.resources and d.risks else []) + \
        _items(d.risks, "risk")
    if d.plan_inputs:
        extra += ["", "Plan: " + _t(inputs_text(d.plan_inputs))]
    if extra:
        out += _details("Resources, risks and budget", _rows(budget, [], extra, "rows"))
    return out


def write(reports: list[Report]) -> str:
    budget = _Budget(LIMIT)
    changed = [r for r in reports if r.diff is None or not r.diff.unchanged]
    if not changed:
        what = "the plan" if len(reports) == 1 else f"the {len(reports)} plans compared"
        return (f"**planctl: no schedule change.** Nothing that {what} schedules changed "
                "(dates, cost, critical path, deadlines, risks).\n")
    out = ["## planctl: plan changes", ""]
    for r in reports:
        if r.diff is not None and r.diff.unchanged and len(reports) > 1:
            continue
        out += [*_plan(r, budget), ""]
        if budget.left < 500:
            out.append("… further plans not shown (comment size limit).")
            break
    unchanged = [r.path for r in reports if r.diff is not None and r.diff.unchanged]
    if unchanged and len(reports) > 1:
        out.append(f"No schedule change in {len(unchanged)} other plan(s).")
    text = "\n".join(out).rstrip() + "\n"
    return text if len(text) <= LIMIT + 4000 else text[:LIMIT] + "\n\n… (cut at the size limit)\n"
