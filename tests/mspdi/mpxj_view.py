"""MPXJ, the library the field reads Project files with, reading an MSPDI export back.

`start()` starts the JVM through `planctl.mpxj_bridge` (once per process: JPype cannot start a
second one) and `read(data)` returns a plain-Python view of what MPXJ found, so that tests
compare values, not Java objects.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest


@dataclass(frozen=True)
class LinkView:
    predecessor: int
    """UID of the predecessor task."""
    type: str
    lag_days: float


@dataclass(frozen=True)
class AssignmentView:
    resource: int
    units: float
    """Percent, as MPXJ counts them (100 = one full-time person), to two decimals."""
    work_minutes: int


@dataclass(frozen=True)
class TaskView:
    uid: int
    name: str
    outline_level: int
    summary: bool
    milestone: bool
    start: datetime
    finish: datetime
    duration_days: float | None
    links: frozenset[LinkView]
    assignments: frozenset[AssignmentView]
    constraint: str
    constraint_date: datetime | None
    deadline: datetime | None
    levelling_delay_days: float
    """Elapsed days."""
    percent_complete: float
    actual_start: datetime | None
    actual_finish: datetime | None
    baseline_start: datetime | None
    baseline_finish: datetime | None
    baseline_duration_days: float | None
    planctl_status: str | None
    """The task's `planctl status` custom field (Text1 under that name), if it has one."""


@dataclass(frozen=True)
class ResourceView:
    uid: int
    name: str
    max_units: float
    rate_per_day: float
    non_working: frozenset[date]
    """Days of the checked range on which the resource's calendar does not work."""


@dataclass(frozen=True)
class ProjectView:
    tasks: list[TaskView]
    resources: list[ResourceView]
    status_date: datetime | None
    non_working: frozenset[date]
    """Days of the checked range on which the project calendar does not work."""


def start() -> None:
    """Start the JVM with MPXJ (`planctl.mpxj_bridge`, once per process); skip without Java or
    the `import` extra, or fail under CI, where `.ci/run` installs both."""
    from planctl.mpxj_bridge import start_jvm, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    start_jvm()


def _dt(value: Any) -> datetime | None:
    return None if value is None else datetime.fromisoformat(str(value.toString()))


def _days(duration: Any, project: Any, elapsed: bool = False) -> float | None:
    """A duration in working days (8 hours), or in elapsed days (24 hours)."""
    if duration is None:
        return None
    from org.mpxj import TimeUnit  # type: ignore[import-not-found]

    unit = TimeUnit.ELAPSED_DAYS if elapsed else TimeUnit.DAYS
    return float(duration.convertUnits(unit, project.getProjectProperties()).getDuration())


def _non_working(calendar: Any, first: date, last: date) -> frozenset[date]:
    from java.time import LocalDate  # type: ignore[import-not-found]

    days = set()
    day = LocalDate.of(first.year, first.month, first.day)
    end = LocalDate.of(last.year, last.month, last.day)
    while not day.isAfter(end):
        if not calendar.isWorkingDate(day):
            days.add(date.fromisoformat(str(day.toString())))
        day = day.plusDays(1)
    return frozenset(days)


def read(data: bytes, first: date, last: date) -> ProjectView:
    """What MPXJ reads from an MSPDI file; calendars are looked at from `first` to `last`."""
    import jpype
    from java.io import ByteArrayInputStream  # type: ignore[import-not-found]
    from org.mpxj import TimeUnit  # type: ignore[import-not-found]
    from org.mpxj.mspdi import MSPDIReader  # type: ignore[import-not-found]

    project = MSPDIReader().read(ByteArrayInputStream(jpype.JArray(jpype.JByte)(data)))
    status = next((f.getFieldType() for f in project.getCustomFields()
                   if str(f.getAlias() or "") == "planctl status"), None)
    tasks = []
    for t in project.getTasks():
        links = frozenset(
            LinkView(int(r.getPredecessorTask().getUniqueID()), str(r.getType()),
                     _days(r.getLag(), project) or 0.0)
            for r in t.getPredecessors())
        assignments = frozenset(
            AssignmentView(int(a.getResource().getUniqueID()), round(float(a.getUnits()), 2),
                           round(60 * float(a.getWork().convertUnits(
                               TimeUnit.HOURS, project.getProjectProperties()).getDuration())))
            for a in t.getResourceAssignments() if a.getResource() is not None)
        delay = t.getLevelingDelay()
        tasks.append(TaskView(
            uid=int(t.getUniqueID()), name=str(t.getName()),
            outline_level=int(t.getOutlineLevel()), summary=bool(t.getSummary()),
            milestone=bool(t.getMilestone()), start=_dt(t.getStart()),  # type: ignore[arg-type]
            finish=_dt(t.getFinish()),  # type: ignore[arg-type]
            duration_days=_days(t.getDuration(), project), links=links,
            assignments=assignments, constraint=str(t.getConstraintType()),
            constraint_date=_dt(t.getConstraintDate()), deadline=_dt(t.getDeadline()),
            levelling_delay_days=_days(delay, project, elapsed=True) or 0.0,
            percent_complete=float(t.getPercentageComplete() or 0),
            actual_start=_dt(t.getActualStart()), actual_finish=_dt(t.getActualFinish()),
            baseline_start=_dt(t.getBaselineStart()), baseline_finish=_dt(t.getBaselineFinish()),
            baseline_duration_days=_days(t.getBaselineDuration(), project),
            planctl_status=str(t.get(status)) if status and t.get(status) else None))
    resources = []
    for r in project.getResources():
        if r.getUniqueID() is None or int(r.getUniqueID()) == 0:
            continue
        rate = r.getStandardRate()
        resources.append(ResourceView(
            uid=int(r.getUniqueID()), name=str(r.getName()), max_units=float(r.getMaxUnits()),
            rate_per_day=float(rate.getAmount()) if rate is not None else 0.0,
            non_working=_non_working(r.getCalendar(), first, last)))
    return ProjectView(tasks, resources, _dt(project.getProjectProperties().getStatusDate()),
                       _non_working(project.getDefaultCalendar(), first, last))


def recalculated(data: bytes) -> dict[str, tuple[date, date]]:
    """Task name -> (start, finish) after MPXJ's model of Project's scheduler recalculates
    the file from its links, constraints and levelling delays (it applies a levelling delay
    only to tasks without predecessors)."""
    import jpype
    from java.io import ByteArrayInputStream  # type: ignore[import-not-found]
    from org.mpxj.cpm import MicrosoftScheduler  # type: ignore[import-not-found]
    from org.mpxj.mspdi import MSPDIReader  # type: ignore[import-not-found]

    project = MSPDIReader().read(ByteArrayInputStream(jpype.JArray(jpype.JByte)(data)))
    MicrosoftScheduler().schedule(project, project.getProjectProperties().getStartDate())
    return {str(t.getName()): (_dt(t.getStart()).date(),  # type: ignore[union-attr]
                               _dt(t.getFinish()).date())  # type: ignore[union-attr]
            for t in project.getTasks() if not t.getSummary()}
