"""Microsoft Project XML (MSPDI): a scheduled plan as Project and MPXJ read it.

`mspdi_bytes(plan, schedule, baseline)` returns the file; `write(plan, schedule, options)` is
the `planctl export --format mspdi` writer. It is written with the standard library in the
element order of the schema (`planctl.export.mspdi_schema`): Project drops what is out of
order. This module writes the project, its calendars and resources, sorted into that order by
`planctl.export.mspdi_markup.element`; `planctl.export.mspdi_tasks` the tasks and assignments,
and `planctl.export.mspdi_values` gives times and durations as MSPDI writes them.
docs/export.md gives the mapping field by field.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from planctl.export.mspdi_markup import Fields, Xml, element, element_lines, group, plain
from planctl.export.mspdi_tasks import STATUS_ALIAS, STATUS_FIELD_ID, STATUS_FIELD_NAME, TaskWriter
from planctl.export.mspdi_values import (
    DAY_END,
    DAY_START,
    FORMAT_DAYS,
    MINUTES_PER_DAY,
    WORKING_TIMES,
    at,
    flag,
)

if TYPE_CHECKING:
    from planctl.baseline import Baseline
    from planctl.export import ExportOptions
    from planctl.model import Plan
    from planctl.model.sections import DateSpan
    from planctl.schedule.result import Schedule

NAMESPACE = "http://schemas.microsoft.com/project"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
"""As Project writes it."""
SAVE_VERSION = 12
"""Project 2007's schema, which every later Project and MPXJ read."""
RATE_PER_DAY = 3
"""Rate format code: per day (MSPDI stores the amount per hour whatever the format)."""
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_TYPE = {day: (index + 1) % 7 + 1 for index, day in enumerate(_WEEKDAYS)}
"""MSPDI numbers weekdays 1 (Sunday) to 7 (Saturday)."""

# -- calendars -------------------------------------------------------------------------------

def _merged(spans: Iterable[tuple[date, date, str]]) -> list[tuple[date, date, str]]:
    """Inclusive ranges, sorted and merged (Project refuses overlapping exceptions); a merged
    range keeps the first name."""
    out: list[tuple[date, date, str]] = []
    for first, last, name in sorted(spans):
        if out and first <= out[-1][1] + timedelta(days=1):
            if last > out[-1][1]:
                out[-1] = (out[-1][0], last, out[-1][2])
        else:
            out.append((first, last, name))
    return out


def _exceptions(spans: list[tuple[date, date, str]]) -> Xml | None:
    if not spans:
        return None
    return group("Exceptions", (element("Exception", {
        "EnteredByOccurrences": 0,
        "TimePeriod": plain("TimePeriod", ("FromDate", at(first, "00:00:00")),
                             ("ToDate", at(last, "23:59:00"))),
        "Occurrences": 1, "Name": name, "Type": 1, "DayWorking": 0})
        for first, last, name in spans))


def _week(workdays: list[str]) -> Xml:
    times = group("WorkingTimes", (plain("WorkingTime", ("FromTime", lo), ("ToTime", hi))
                                    for lo, hi in WORKING_TIMES))
    return group("WeekDays", (element("WeekDay", {
        "DayType": _DAY_TYPE[day], "DayWorking": flag(day in workdays),
        "WorkingTimes": times if day in workdays else None})
        for day in sorted(_WEEKDAYS, key=_DAY_TYPE.__getitem__)))


def _spans(spans: list[DateSpan], default: str) -> list[tuple[date, date, str]]:
    return [(s.first, s.last, s.name or default) for s in spans]


def _calendars(plan: Plan, schedule: Schedule) -> Xml:
    """The plan's calendar (UID 1): its workdays, its holidays and the public holidays the
    schedule met; then one calendar a resource, based on it, with the resource's leave."""
    holidays = _spans(plan.calendar.holidays, "Holiday")
    holidays += [(day, day, name) for day, name in schedule.holidays.items()]
    standard = element("Calendar", {
        "UID": 1, "Name": "Standard", "IsBaseCalendar": 1, "BaseCalendarUID": -1,
        "WeekDays": _week(list(plan.calendar.workdays)),
        "Exceptions": _exceptions(_merged(holidays))})
    return group("Calendars", [standard, *(element("Calendar", {
        "UID": n + 2, "Name": resource.name, "IsBaseCalendar": 0, "BaseCalendarUID": 1,
        "Exceptions": _exceptions(_merged(_spans(resource.leave, "Leave")))})
        for n, resource in enumerate(plan.resources))])


def _resources(plan: Plan) -> Xml:
    return group("Resources", (element("Resource", {
        "UID": n + 1, "ID": n + 1, "Name": r.name, "Type": 1, "IsNull": 0,
        "Group": r.role, "MaxUnits": float(r.capacity), "CanLevel": 1,
        "StandardRate": float(r.rate) / (MINUTES_PER_DAY / 60),
        "StandardRateFormat": RATE_PER_DAY, "CalendarUID": n + 2})
        for n, r in enumerate(plan.resources)))


def _header(plan: Plan, schedule: Schedule) -> Fields:
    s = schedule
    return {
        "SaveVersion": SAVE_VERSION, "UID": 1, "Name": s.plan_name, "Title": s.plan_name,
        "ScheduleFromStart": 1, "StartDate": at(s.start, DAY_START),
        "FinishDate": at(s.finish, DAY_END), "CurrencyCode": s.currency, "CalendarUID": 1,
        "DefaultStartTime": DAY_START, "DefaultFinishTime": DAY_END,
        "MinutesPerDay": MINUTES_PER_DAY,
        "MinutesPerWeek": MINUTES_PER_DAY * len(plan.calendar.workdays), "DaysPerMonth": 20,
        "DurationFormat": FORMAT_DAYS, "WorkFormat": 3, "HonorConstraints": 1,
        "MultipleCriticalPaths": 0, "NewTasksEffortDriven": 0,
        "StatusDate": at(s.status_date, DAY_END),
    }


def mspdi_bytes(plan: Plan, schedule: Schedule, baseline: Baseline | None = None) -> bytes:
    """The MSPDI file of `plan` as `schedule` places it, with `baseline` as Project's
    baseline 0 when given. UTF-8, with an XML declaration."""
    writer = TaskWriter(plan, schedule, baseline)
    fields = _header(plan, schedule)
    fields["Calendars"] = _calendars(plan, schedule)
    fields["Tasks"] = writer.tasks()  # before assignments(): it writes them with their tasks
    if writer.status_field:
        fields["ExtendedAttributes"] = group("ExtendedAttributes", [element(
            "ExtendedAttribute", {"FieldID": STATUS_FIELD_ID, "FieldName": STATUS_FIELD_NAME,
                                  "Alias": STATUS_ALIAS}, "ExtendedAttributeDefinition")])
    fields["Resources"] = _resources(plan)
    fields["Assignments"] = writer.assignments()
    # Joined and encoded once: the file is 15 MB at 10,000 tasks.
    project = "\n".join(element_lines("Project", fields, attributes=f' xmlns="{NAMESPACE}"'))
    return b"".join((_DECLARATION, project.encode("utf-8"), b"\n"))


def write(plan: Plan, schedule: Schedule, options: ExportOptions) -> bytes:
    """The `planctl export --format mspdi` writer (`planctl.export.WRITERS`)."""
    return mspdi_bytes(plan, schedule, options.baseline)


__all__ = ["NAMESPACE", "mspdi_bytes", "write"]
