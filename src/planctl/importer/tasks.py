"""One task of a project file as a plan task: its length, assignments, constraints, progress
and notes. Links are added by `planctl.importer.links`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from planctl.export.mspdi import STATUS_ALIAS
from planctl.importer.calendar import to_date
from planctl.importer.outline import name_of
from planctl.importer.report import ImportReport
from planctl.importer.resources import Imported, clamp_units, number, units
from planctl.importer.units import Clock, working_days

MAX_DAYS = 36_600  # the plan's longest duration or lag (docs/format.md, "Limits")
_MAX_COST = 1e15


@dataclass
class TaskContext:
    clock: Clock
    report: ImportReport
    resources: dict[int, Imported]
    status_field: Any = None
    """The file's `planctl status` custom field (a planctl export), else None."""


def status_field(project: Any) -> Any:
    """The task custom field named `planctl status`, when the file has one: only planctl's
    own export defines it, so a Project file's own text fields are never read as statuses."""
    for field in project.getCustomFields():
        if str(field.getAlias() or "") == STATUS_ALIAS and \
                str(field.getFieldType().getFieldTypeClass().name()) == "TASK":
            return field.getFieldType()
    return None


def duration_days(task: Any, clock: Clock) -> float:
    """The task's duration in working days (0 when it has none)."""
    duration = task.getDuration()
    return working_days(duration, clock).value if duration is not None else 0.0


def task_fields(task: Any, tid: str, ctx: TaskContext) -> dict[str, Any]:
    """The plan mapping of a leaf task, without `depends_on`."""
    label = name_of(task) or tid
    item: dict[str, Any] = {"id": tid, "name": name_of(task) or tid}
    notes = str(task.getNotes() or "").strip()
    if notes:
        item["description"] = notes
        ctx.report.keep("notes")
    assign = _assignments(task, label, ctx)
    item.update(_length(task, label, assign, ctx))
    if assign:
        item["assign"] = [a["resource"] if a["units"] == 1
                          else {"resource": a["resource"], "units": number(a["units"])}
                          for a in assign]
    _constraints(task, item, label, ctx.report)
    _progress(task, item, label, ctx)
    priority = task.getPriority()
    if priority is not None and int(priority.getValue()) != 500:
        item["priority"] = min(max(int(priority.getValue()), 1), 1000)
    cost = task.getFixedCost()
    if cost is not None and float(cost.doubleValue()) > 0:
        item["cost"] = number(round(min(float(cost.doubleValue()), _MAX_COST), 2))
    if str(task.getTaskMode() or "").upper().startswith("MANUAL"):
        _pin(task, item, label, ctx.report)
    _scheduling_details(task, label, ctx.report)
    return item


def _scheduling_details(task: Any, label: str, report: ImportReport) -> None:
    """What Project schedules by and a plan cannot say: counted, never silent."""
    calendar = task.getCalendar()
    if calendar is not None and not calendar.equals(task.getParentFile().getDefaultCalendar()):
        report.approximate("tasks on a calendar of their own scheduled on the plan's", label)
    splits = task.getWorkSplits()
    if splits is not None and splits.size() > 1:
        report.approximate("split tasks scheduled in one piece", label)


def _pin(task: Any, item: dict[str, Any], label: str, report: ImportReport) -> None:
    """A manually scheduled task stays where its user put it, whatever its links say; a plan
    schedules every task, so it gets its start as `start_no_earlier_than` (links that would
    move it later still do)."""
    start = to_date(task.getStart())
    if start is not None and item.get("status") not in ("done", "in_progress", "cancelled"):
        earliest = item.get("start_no_earlier_than")
        item["start_no_earlier_than"] = max(start, earliest) if earliest else start
        report.approximate("manually scheduled tasks pinned to their start with "
                           "start_no_earlier_than", label)
    else:
        report.approximate("manually scheduled tasks, scheduled from their links", label)


def _length(task: Any, label: str, assign: list[dict[str, Any]],
            ctx: TaskContext) -> dict[str, Any]:
    days = working_days(task.getDuration(), ctx.clock) if task.getDuration() is not None \
        else None
    if task.getMilestone() or days is None or days.value <= 0:
        if not task.getMilestone() and _worked_off_days(task):
            ctx.report.approximate("done tasks done on days off (no working time) given "
                                   "1 day", label)
            ctx.report.keep("tasks")
            return {"duration": "1d"}
        if not task.getMilestone():
            ctx.report.approximate("tasks of no duration made milestones", label)
        elif days is not None and days.value > 0:
            ctx.report.approximate("milestones with a duration made events", label)
        ctx.report.keep("milestones")
        return {"milestone": True}
    if days.elapsed:
        ctx.report.approximate("elapsed durations taken as working days", label)
    span = _whole_days(days.value, label, "durations", ctx.report)
    effort = _effort(task, span, assign, label, ctx)
    ctx.report.keep("tasks")
    if effort is not None:
        return {"effort": effort}
    return {"duration": f"{span}d"}


def _worked_off_days(task: Any) -> bool:
    """Done on days that are not working days (a weekend): no working duration, yet not
    marked a milestone, so a task that took its actual start and finish days. A task of no
    duration done on a working day stays what Project shows, a milestone."""
    start, finish = task.getActualStart(), task.getActualFinish()
    if start is None or finish is None:
        return False
    calendar = task.getEffectiveCalendar()
    return calendar is not None and not calendar.isWorkingDate(start.toLocalDate())


def _whole_days(value: float, label: str, what: str, report: ImportReport) -> int:
    days = math.ceil(value - 1e-6)
    if abs(days - value) > 1e-6:
        report.approximate(f"{what} of part of a day rounded up to whole days", label)
    if days > MAX_DAYS:
        report.approximate(f"{what} longer than {MAX_DAYS} days shortened", label)
    return min(max(days, 1), MAX_DAYS)


def _effort(task: Any, span: int, assign: list[dict[str, Any]], label: str,
            ctx: TaskContext) -> str | None:
    """`effort` for an effort-driven task with work, when work over units gives the file's
    own duration; None to keep the duration."""
    task_type = str(task.getType().name()) if task.getType() is not None else ""
    work = task.getWork()
    if not (task.getEffortDriven() or task_type == "FIXED_WORK") or work is None or not assign:
        return None
    effort = working_days(work, ctx.clock).value
    if effort <= 0:
        return None
    total_units = sum(a["units"] for a in assign)
    if math.ceil(effort / total_units - 1e-6) != span:
        ctx.report.approximate("effort-driven tasks kept as durations (work over units does "
                               "not give the file's duration)", label)
        return None
    ctx.report.keep("effort-driven tasks")
    text = f"{round(effort, 2):g}"
    return f"{text}d"


def _assignments(task: Any, label: str, ctx: TaskContext) -> list[dict[str, Any]]:
    assign: list[dict[str, Any]] = []
    seen: set[str] = set()
    for assignment in task.getResourceAssignments():
        resource = assignment.getResource()
        if resource is None or resource.getUniqueID() is None:
            continue
        imported = ctx.resources.get(int(resource.getUniqueID()))
        if imported is None:
            continue  # a material or cost resource: counted where the resource was dropped
        if imported.id in seen:
            ctx.report.drop("second assignments of a resource to one task", label)
            continue
        seen.add(imported.id)
        wanted = units(assignment.getUnits())
        kept = clamp_units(min(wanted, imported.capacity))
        if abs(kept - wanted) > 1e-6:
            ctx.report.approximate("assignment units above the resource's max units or "
                                   "below 1% capped", f"{label} ({imported.id})")
        assign.append({"resource": imported.id, "units": kept})
        ctx.report.keep("assignments")
    return assign


def _constraints(task: Any, item: dict[str, Any], label: str, report: ImportReport) -> None:
    deadline = to_date(task.getDeadline())
    if deadline is not None:
        item["deadline"] = deadline
        report.keep("deadlines")
    kind = str(task.getConstraintType().name()) if task.getConstraintType() else ""
    day = to_date(task.getConstraintDate())
    if kind in ("", "AS_SOON_AS_POSSIBLE"):
        return
    if kind == "START_NO_EARLIER_THAN" and day is not None:
        item["start_no_earlier_than"] = day
        report.keep("start-no-earlier-than constraints")
    elif kind in ("MUST_START_ON", "START_ON", "MANDATORY_START") and day is not None:
        item["start_no_earlier_than"] = day
        report.approximate("must-start-on constraints taken as start no earlier than", label)
    elif kind in ("FINISH_NO_LATER_THAN", "FINISH_ON_OR_BEFORE") and day is not None \
            and "deadline" not in item:
        item["deadline"] = day
        report.approximate("finish-no-later-than constraints taken as deadlines", label)
    else:
        report.drop(f"{kind.lower().replace('_', '-')} constraints", label)


def _progress(task: Any, item: dict[str, Any], label: str, ctx: TaskContext) -> None:
    report = ctx.report
    if task.getActive() is not None and not task.getActive():
        item["status"] = "cancelled"
        report.approximate("inactive tasks made cancelled", label)
        return
    percent = task.getPercentageComplete()
    done = float(percent.doubleValue()) if percent is not None else 0.0
    started, finished = to_date(task.getActualStart()), to_date(task.getActualFinish())
    hint = str(task.get(ctx.status_field) or "") if ctx.status_field is not None else ""
    finished_in_file = finished is not None or done >= 100
    if (hint == "done" and finished_in_file) or (hint == "in_progress" and not finished_in_file):
        # planctl's own export of a task the plan records no actual date for: the file's
        # actual dates are where the schedule put it, so the task stays placed by its links.
        # (Finished in the file but not by the field: someone updated it in Project since.)
        item["status"] = hint
        if hint == "in_progress" and done > 0:
            item["progress"] = number(round(done, 1))
        report.keep("done tasks" if hint == "done" else "tasks in progress")
        return
    if finished is None and done < 100 and started is None and done <= 0:
        return
    if started is None:
        started = to_date(task.getStart()) or finished
        report.approximate("progress without an actual start: the planned start taken", label)
    if finished is not None or done >= 100:
        finished = finished or to_date(task.getFinish()) or started
        item["status"] = "done"
        item["actual_start"] = started
        item["actual_finish"] = max(finished, started) if finished and started else finished
        report.keep("done tasks")
        return
    item["status"] = "in_progress"
    if done > 0:
        item["progress"] = number(round(min(done, 100.0), 1))
    item["actual_start"] = started
    report.keep("tasks in progress")

