"""The plan of a project file, as plain data: top-level keys, calendar, resources, phases."""

from __future__ import annotations

from datetime import date
from typing import Any

from planctl.errors import InputError
from planctl.importer import calendar as calendars
from planctl.importer.calendar import to_date
from planctl.importer.ids import IdMaker
from planctl.importer.links import depends_on
from planctl.importer.outline import name_of, outline
from planctl.importer.report import ImportReport
from planctl.importer.resources import resources
from planctl.importer.tasks import TaskContext, status_field, task_fields
from planctl.importer.units import Clock

_DEFAULT_WEEK = ["mon", "tue", "wed", "thu", "fri"]


def build_plan(project: Any, fallback_name: str, report: ImportReport,
               sources: dict[str, Any] | None = None) -> dict[str, Any]:
    """The plan; `sources`, when given, receives each plan task id's MPXJ Task."""
    sources = {} if sources is None else sources
    properties = project.getProjectProperties()
    name = _project_name(properties, fallback_name)
    plan: dict[str, Any] = {"planctl": 1, "name": name}
    base = project.getDefaultCalendar()
    workdays = calendars.workdays(base) if base is not None else list(_DEFAULT_WEEK)
    if not workdays:
        report.approximate("a project calendar with no working weekday: Monday to Friday",
                           "calendar")
        workdays = list(_DEFAULT_WEEK)
    clock = Clock.of(properties, len(workdays))
    calendar, holidays = _calendar(base, workdays, report)
    resource_items, by_uid = resources(project, clock, report, holidays)
    ids = IdMaker("task")
    tree = outline(project, name, ids)
    for path in tree.nested:
        report.approximate("summary tasks inside summary tasks made phases named by their "
                           "path", path)
    task_ids = {int(leaf.getUniqueID()): ids.make(name_of(leaf), leaf.getUniqueID())
                for phase in tree.phases for leaf in phase.leaves}
    context = TaskContext(clock, report, by_uid, status_field(project))
    phases = []
    for draft in tree.phases:
        phase: dict[str, Any] = {"id": draft.id, "name": draft.name or draft.id}
        if draft.summary is not None:
            _summary_fields(draft.summary, phase, report)
            links = depends_on(draft.summary, tree, task_ids, clock, report)
            if links:
                phase["depends_on"] = links
        tasks = []
        for leaf in draft.leaves:
            item = task_fields(leaf, task_ids[int(leaf.getUniqueID())], context)
            sources[item["id"]] = leaf
            links = depends_on(leaf, tree, task_ids, clock, report)
            if links:
                item["depends_on"] = links
            tasks.append(item)
        if tasks:
            phase["tasks"] = tasks
        phases.append(phase)
    report.keep("phases", len(phases))
    plan["start"] = _start(properties, base, phases, sources)
    status = to_date(properties.getStatusDate())
    if status is None and _has_progress(phases):
        status = _latest_actual(phases)
        report.approximate("no status date in the file: the latest actual date taken",
                           str(status))
    if status is None:
        # Without a status date `planctl schedule` would take today's, and move all the work
        # to it; the file says nothing has happened yet, so the plan is as of its start.
        status = plan["start"]
        report.approximate("no status date and no progress in the file: the plan is as of "
                           "its start", str(status))
    plan["status_date"] = max(status, plan["start"])
    if calendar:
        plan["calendar"] = calendar
    if resource_items:
        plan["resources"] = resource_items
    if phases:
        plan["phases"] = phases
    return plan


def _project_name(properties: Any, fallback: str) -> str:
    for value in (properties.getProjectTitle(), properties.getName()):
        text = " ".join(str(value or "").split())
        if text and not text.lower().endswith((".xml", ".mpp", ".mpx", ".xer")):
            return text
    return fallback or "Imported plan"


def _calendar(base: Any, workdays: list[str], report: ImportReport
              ) -> tuple[dict[str, Any], set[tuple[date, date]]]:
    calendar: dict[str, Any] = {}
    if workdays != _DEFAULT_WEEK:
        calendar["workdays"] = workdays
    if base is None:
        return calendar, set()
    found = calendars.exceptions(base)
    if found.days_off:
        calendar["holidays"] = [d.as_yaml() for d in found.days_off]
        report.keep("holidays", len(found.days_off))
    for item in found.working:
        report.drop("extra working days in the project calendar", item)
    for item in found.outside:
        report.drop("days off outside the years 1900-2999", item)
    return calendar, {(d.first, d.last) for d in found.days_off}


def _summary_fields(summary: Any, phase: dict[str, Any], report: ImportReport) -> None:
    notes = str(summary.getNotes() or "").strip()
    if notes:
        phase["description"] = notes
        report.keep("notes")
    label = name_of(summary) or str(summary.getUniqueID())
    if to_date(summary.getDeadline()) is not None:
        report.drop("deadlines on summary tasks", label)
    kind = str(summary.getConstraintType().name()) if summary.getConstraintType() else ""
    if kind not in ("", "AS_SOON_AS_POSSIBLE"):
        report.drop("constraints on summary tasks", label)


def _tasks(phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [task for phase in phases for task in phase.get("tasks", [])]


def _has_progress(phases: list[dict[str, Any]]) -> bool:
    return any("actual_start" in task for task in _tasks(phases))


def _latest_actual(phases: list[dict[str, Any]]) -> date:
    return max(task[key] for task in _tasks(phases)
               for key in ("actual_start", "actual_finish") if key in task)


def _start(properties: Any, calendar: Any, phases: list[dict[str, Any]],
           sources: dict[str, Any]) -> date:
    """The plan's start: the first working day from the project's start (as Project starts
    unconstrained work); earlier when work actually started before it, or when the file's
    tasks all start before it (its start date was left behind). Without a project start, the
    earliest task start in the file."""
    starts = [day for task in sources.values() if (day := to_date(task.getStart())) is not None]
    begin = properties.getStartDate()
    if begin is not None and calendar is not None:
        begin = calendar.getNextWorkStart(begin)
    found = [day for day in (to_date(begin),) if day is not None]
    if not found or (starts and max(starts) < found[0]):
        found = [min(starts)] if starts else []
    found += [task["actual_start"] for task in _tasks(phases) if "actual_start" in task]
    if found:
        return min(found)
    raise InputError("the file has no project start date and no task dates to take one "
                     "from; open it in its tool, set the project start, and save it again")
