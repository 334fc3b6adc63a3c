"""Write a planctl plan as a TaskJuggler project, run `tj3`, and read back its task dates.

Only the semantics both tools share are translated, and anything outside them raises
`Unsupported`: 8-hour days (9:00-17:00) on the plan's workdays, plan holidays as global
`leaves holiday`, `duration` as `length` (working days), `effort` on one resource at one unit
with that resource's leave, FS and SS links with non-negative lags as `gaplength`, milestones
and `priority`. Tasks are written flat at the top level: a phase's `depends_on` and a link to a
phase are expanded into links on every task, which is what the contract says they mean.

tj3 needs plain identifiers, so tasks become `t0, t1, ...` and resources `r0, r1, ...` in file
order; `TjpProject.task_ids` maps them back.
"""

from __future__ import annotations

import csv
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import datetime

from planctl.model import Plan
from planctl.model.fields import WEEKDAYS

from .workdays import span_days

REPORT = "tj3out"
TIME_FORMAT = "%Y-%m-%d %H:%M"


class Unsupported(ValueError):
    """The plan uses something tj3 and planctl do not mean the same way."""


class Tj3Failed(RuntimeError):
    """tj3 reported an error (its messages are in the text)."""


class Tj3OutOfTime(Tj3Failed):
    """Some task did not fit before the project's end: try again with a longer horizon."""


@dataclass
class Link:
    """A resolved link between two tasks (phases already expanded)."""

    pred: str
    succ: str
    type: str
    lag: int


@dataclass
class TjpProject:
    text: str
    task_ids: dict[str, str]
    """tj3 id -> planctl task id."""
    links: list[Link] = field(default_factory=list)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _days(value: float) -> str:
    return f"{int(value)}d" if float(value).is_integer() else f"{value}d"


def _leaves(kind: str, spans: list) -> list[str]:
    """`leaves` lines for every day of `spans` (ranges as `start +Nd`, N calendar days)."""
    lines = []
    for span in spans:
        count = (span.last - span.first).days + 1
        lines.append(f"leaves {kind} {span.first.isoformat()} +{count}d")
    return lines


def resolve_links(plan: Plan) -> list[Link]:
    """Every task-to-task link the plan means, with phases expanded, in file order."""
    wpw = len(plan.calendar.workdays)
    members = {phase.id: [task.id for task in phase.tasks] for phase in plan.phases}
    links: list[Link] = []
    seen: set[tuple[str, str, str, int]] = set()
    for phase, task in plan.iter_tasks():
        for dep in [*phase.depends_on, *task.depends_on]:
            preds = members.get(dep.task, [dep.task])
            lag = dep.lag.whole_days(wpw)
            for pred in preds:
                key = (pred, task.id, dep.type, lag)
                if key not in seen:
                    seen.add(key)
                    links.append(Link(pred, task.id, dep.type, lag))
    return links


def to_tjp(plan: Plan, horizon_days: int, allocate_durations: bool = False) -> TjpProject:
    """The plan as a .tjp project text. Duration tasks get no allocation unless asked."""
    wpw = len(plan.calendar.workdays)
    tj_task = {task.id: f"t{i}" for i, (_, task) in enumerate(plan.iter_tasks())}
    tj_res = {res.id: f"r{i}" for i, res in enumerate(plan.resources)}
    out = [f"project plan {_quote(plan.name)} {plan.start.isoformat()} "
           f"+{horizon_days}d {{",
           "  timingresolution 60min", '  timezone "UTC"', "  dailyworkinghours 8",
           "  weekstartsmonday"]
    for name in WEEKDAYS:
        hours = "9:00 - 17:00" if name in plan.calendar.workdays else "off"
        out.append(f"  workinghours {name} {hours}")
    out.append("}")
    if plan.calendar.country:
        raise Unsupported("country holidays are not translated")
    out += _leaves("holiday", plan.calendar.holidays)
    for res in plan.resources:
        body = " ".join(_leaves("annual", res.leave))
        out.append(f"resource {tj_res[res.id]} {_quote(res.name)} {{ {body} }}")
    links = resolve_links(plan)
    by_succ: dict[str, list[Link]] = {}
    for link in links:
        if link.type not in ("FS", "SS") or link.lag < 0:
            raise Unsupported(f"{link.type} link with lag {link.lag} into {link.succ}")
        by_succ.setdefault(link.succ, []).append(link)
    for _, task in plan.iter_tasks():
        if task.start_no_earlier_than or task.status != "planned" or task.progress:
            raise Unsupported(f"task {task.id}: constraints and progress are not translated")
        body: list[str] = []
        if task.milestone:
            body.append("milestone")
        elif task.effort is not None:
            capacity = plan.resources_by_id[task.assign[0].resource].capacity \
                if len(task.assign) == 1 else 0
            # `assign: [id]` means min(1, capacity) units since part-time people came in.
            if len(task.assign) != 1 or task.assign[0].units_of(capacity) != 1:
                raise Unsupported(f"task {task.id}: effort needs exactly one resource at 1 unit")
            body.append(f"effort {_days(task.effort.days(wpw))}")
            body.append(f"allocate {tj_res[task.assign[0].resource]}")
        else:
            assert task.duration is not None
            body.append(f"length {_days(task.duration.days(wpw))}")
            if allocate_durations and task.assign:
                body.append("allocate " + ", ".join(tj_res[a.resource] for a in task.assign))
        deps = []
        for link in by_succ.get(task.id, []):
            attrs = (["onstart"] if link.type == "SS" else []) + (
                [f"gaplength {link.lag}d"] if link.lag else [])
            deps.append(tj_task[link.pred] + (" { " + " ".join(attrs) + " }" if attrs else ""))
        if deps:
            body.append("depends " + ", ".join(deps))
        if task.priority != 500:
            body.append(f"priority {task.priority}")
        out.append(f"task {tj_task[task.id]} {_quote(task.name)} {{ " + " ".join(body) + " }")
    out += [f"taskreport {REPORT} {_quote(REPORT)} {{", "  formats csv",
            "  columns id, start, end", f'  timeformat "{TIME_FORMAT}"', "}", ""]
    return TjpProject("\n".join(out), {v: k for k, v in tj_task.items()}, links)


@dataclass(frozen=True)
class Tj3Task:
    start: datetime
    end: datetime


def run_tj3(project: TjpProject, timeout: float = 600) -> dict[str, Tj3Task]:
    """Schedule the project with tj3; planctl task id -> tj3's start and end instants."""
    with tempfile.TemporaryDirectory(prefix="planctl-tj3-") as tmp:
        path = os.path.join(tmp, "plan.tjp")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(project.text)
        proc = subprocess.run(["tj3", "--silent", "--no-color", "-o", tmp, path],
                              capture_output=True, text=True, timeout=timeout, check=False)
        report = os.path.join(tmp, REPORT + ".csv")
        text = proc.stdout + proc.stderr
        if proc.returncode != 0 or "Error" in text or not os.path.exists(report):
            raise Tj3Failed(text.strip())
        if "could not be scheduled" in text:
            raise Tj3OutOfTime(text.strip())
        with open(report, encoding="utf-8") as handle:
            rows = list(csv.reader(handle, delimiter=";"))
    result = {}
    for row in rows[1:]:
        tj_id, start, end = row[:3]
        if tj_id in project.task_ids:
            result[project.task_ids[tj_id]] = Tj3Task(datetime.strptime(start, TIME_FORMAT),
                                                      datetime.strptime(end, TIME_FORMAT))
    return result


def horizon_for(plan: Plan) -> int:
    """Calendar days that surely hold the plan, even done one task at a time."""
    wpw = len(plan.calendar.workdays)
    total = 0.0
    for _, task in plan.iter_tasks():
        work = task.effort or task.duration
        total += work.days(wpw) if work else 0
        total += sum(max(0, d.lag.whole_days(wpw)) for d in task.depends_on)
    for phase in plan.phases:
        total += sum(max(0, d.lag.whole_days(wpw)) * len(phase.tasks) for d in phase.depends_on)
    leave = max((len(span_days(r.leave)) for r in plan.resources), default=0)
    working = total + len(span_days(plan.calendar.holidays)) + leave + 10
    return int(working * 7 / wpw) + 30
