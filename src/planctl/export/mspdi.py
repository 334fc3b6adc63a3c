"""Microsoft Project XML (MSPDI): a scheduled plan as Project and MPXJ read it.

`mspdi_bytes(plan, schedule, baseline)` returns the file; `write(plan, schedule, options)` is
the `planctl export --format mspdi` writer. It is written with the standard library in the
element order of the schema (`planctl.export.mspdi_schema`, written by
`planctl.export.mspdi_markup`): Project drops what is out of order.

Time: a working day is 08:00-12:00 and 13:00-17:00 (480 minutes), so durations are whole days
of 8 hours and link lags count 4,800 tenths of a minute a day. Every task carries the dates
planctl computed, and Project lands on the same ones when it recalculates: the plan's links,
`start_no_earlier_than` as a "start no earlier than" constraint, and for a task that levelling
(or the status date) delayed, that delay as Project's levelling delay (in elapsed days, as
Project counts it) from the start its links allow with its predecessors at their levelled dates
(`TaskSchedule.start_delay`). docs/export.md gives the mapping field by field.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from planctl.export.mspdi_markup import Fields, Xml, element, group, plain

if TYPE_CHECKING:
    from planctl.baseline import Baseline, BaselineTask
    from planctl.calendar import WorkCalendar
    from planctl.export import ExportOptions
    from planctl.model import Plan
    from planctl.model.sections import DateSpan
    from planctl.model.tasks import Dependency, Phase, Task
    from planctl.schedule.result import PhaseSchedule, Schedule, TaskSchedule

_Days = Callable[[], "WorkCalendar"]
"""The plan's working days, built on first use (most exports never need them)."""

NAMESPACE = "http://schemas.microsoft.com/project"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
"""As Project writes it."""
SAVE_VERSION = 12
"""Project 2007's schema, which every later Project and MPXJ read."""
MINUTES_PER_DAY = 480
TENTHS_PER_DAY = MINUTES_PER_DAY * 10
"""Link lags and levelling delays count tenths of a minute."""
DAY_START, DAY_END = "08:00:00", "17:00:00"
WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
FORMAT_DAYS, FORMAT_ELAPSED_DAYS = 7, 8
"""Duration format codes: working days, elapsed (calendar) days."""
TENTHS_PER_ELAPSED_DAY = 24 * 60 * 10
RATE_PER_DAY = 3
"""Rate format code: per day (MSPDI stores the amount per hour whatever the format)."""
LINK_TYPES = {"FF": 0, "FS": 1, "SF": 2, "SS": 3}
CONSTRAINT_ASAP, CONSTRAINT_SNET = 0, 4
TASK_FIXED_DURATION, TASK_FIXED_WORK = 1, 2
STATUS_FIELD_ID, STATUS_FIELD_NAME = 188743731, "Text1"
STATUS_ALIAS = "planctl status"
"""The task custom field (Text1, named `planctl status`) that keeps the plan's status where
Project needs an actual date the plan does not have: a task in progress without `actual_start`
(Project counts a task without `ActualStart` as not started, and cannot have one after the
status date) and a done task without actual dates. Project shows it as a text column; the
import reads it and takes the file's actual dates for those tasks as the schedule's, not the
plan's."""
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_TYPE = {day: (index + 1) % 7 + 1 for index, day in enumerate(_WEEKDAYS)}
"""MSPDI numbers weekdays 1 (Sunday) to 7 (Saturday)."""

# -- values as MSPDI writes them -------------------------------------------------------------

# The same few hundred dates and durations recur on thousands of tasks: kept once made.
@lru_cache(maxsize=1 << 16)
def _at(day: date, time: str) -> str:
    return f"{day.isoformat()}T{time}"


@lru_cache(maxsize=1 << 16)
def _hours(days: float) -> str:
    """An xsd:duration of working time: `days` working days of 8 hours."""
    minutes = round(days * MINUTES_PER_DAY)
    hours, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else ''}PT{hours}H{rest}M0S"


def _flag(on: bool) -> int:
    return 1 if on else 0


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
        "TimePeriod": plain("TimePeriod", ("FromDate", _at(first, "00:00:00")),
                             ("ToDate", _at(last, "23:59:00"))),
        "Occurrences": 1, "Name": name, "Type": 1, "DayWorking": 0})
        for first, last, name in spans))


def _week(workdays: list[str]) -> Xml:
    times = group("WorkingTimes", (plain("WorkingTime", ("FromTime", lo), ("ToTime", hi))
                                    for lo, hi in WORKING_TIMES))
    return group("WeekDays", (element("WeekDay", {
        "DayType": _DAY_TYPE[day], "DayWorking": _flag(day in workdays),
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


# -- tasks -----------------------------------------------------------------------------------

def _work_days(task: Task, ts: TaskSchedule, units: list[float], per_week: int) -> list[float]:
    """Person-days of work of each assignment: an effort split in proportion to units, or
    units times the task's span for a duration task."""
    if task.milestone or ts.status == "cancelled" or not units:
        return [0.0] * len(units)
    if task.effort is not None:
        effort = task.effort.days(per_week)
        return [effort * u / sum(units) for u in units]
    return [u * (ts.span_days or ts.days) for u in units]


def _working_days(calendar: WorkCalendar, first: date, last: date) -> int:
    """Working days from `first` to `last`, both counted (also before the calendar's origin:
    actual dates can precede the plan's start)."""
    return (last - first).days + 1 - len(calendar.non_working_between(first, last))


def _duration_days(task: Task, ts: TaskSchedule) -> int:
    """Working days of work: Project counts a duration on the calendars of the resources, so
    days an effort task waits for a resource on leave, or a task in progress pauses until the
    status date, lengthen the task between its start and finish but not its duration. Work
    done on recorded dates keeps the days it took."""
    recorded = task.actual_start is not None or task.actual_finish is not None
    return ts.days if ts.status == "done" and recorded else ts.span_days


def _task_times(ts: TaskSchedule) -> tuple[str, str]:
    if ts.milestone or (ts.start == ts.finish and ts.days == 0):
        time = DAY_START if ts.shown_at_start else DAY_END
        return _at(ts.start, time), _at(ts.finish, time)
    return _at(ts.start, DAY_START), _at(ts.finish, DAY_END)


def _links(deps: Iterable[Dependency], uids: dict[str, int], per_week: int
           ) -> list[Xml]:
    # Lags in whole working days, rounded up as the scheduler counts them.
    return [element("PredecessorLink", {
        "PredecessorUID": uids[dep.task], "Type": LINK_TYPES[dep.type], "CrossProject": 0,
        "LinkLag": dep.lag.whole_days(per_week) * TENTHS_PER_DAY, "LagFormat": FORMAT_DAYS})
        for dep in deps if dep.task in uids]


def _progress(task: Task, ts: TaskSchedule, status: date, calendar: _Days) -> Fields:
    if ts.status == "done":
        return _done(task, ts, calendar)
    done = ts.progress if ts.status == "in_progress" else 0.0
    span = ts.span_days or ts.days
    # Project writes both figures on every task; MPXJ's scheduler needs them.
    fields: Fields = {"PercentComplete": round(done),
                      "ActualDuration": _hours(span * done / 100),
                      "RemainingDuration": _hours(span - span * done / 100)}
    if ts.status == "in_progress" and (task.actual_start is not None or ts.start <= status):
        # Started is what in progress means to Project: without an actual start the import
        # reads a task at 0 % as not started and moves it after the status date.
        fields["ActualStart"] = _task_times(ts)[0]
    if ts.status == "in_progress" and task.actual_start is None:
        fields["ExtendedAttribute"] = _status(ts.status)
    if ts.status == "cancelled":
        fields["Active"] = 0  # Project's inactive task: no work, and it stays where it is
    return fields


def _done(task: Task, ts: TaskSchedule, calendar: _Days) -> Fields:
    """A done task's actual dates. A done milestone with two different actual dates took
    time: Project keeps it as a task marked milestone running from its actual start to its
    actual finish (planctl shows it on its actual finish)."""
    start, finish = _task_times(ts)
    days = _duration_days(task, ts)
    first, last = task.actual_start, task.actual_finish
    if ts.milestone and first is not None and last is not None and first != last:
        start, finish = _at(first, DAY_START), _at(last, DAY_END)
        days = _working_days(calendar(), first, last)
    fields: Fields = {"Start": start, "Finish": finish, "Duration": _hours(days),
                      "PercentComplete": 100, "ActualStart": start, "ActualFinish": finish,
                      "ActualDuration": _hours(days), "RemainingDuration": _hours(0)}
    if first is None and last is None:
        fields["ExtendedAttribute"] = _status(ts.status)
    return fields


def _status(status: str) -> Xml:
    """The `planctl status` custom field of a task (`STATUS_ALIAS`)."""
    return element("ExtendedAttribute", {"FieldID": STATUS_FIELD_ID, "Value": status},
                   "ExtendedAttributeValue")


def _baseline(b: BaselineTask | None) -> Xml | None:
    if b is None:
        return None
    # A baseline keeps days, not whether a start or a finish placed a milestone: the close.
    return element("Baseline", {
        "Number": 0, "Start": _at(b.start, DAY_END if b.milestone else DAY_START),
        "Finish": _at(b.finish, DAY_END), "Duration": _hours(b.duration),
        "DurationFormat": FORMAT_DAYS, "Work": _hours(b.work), "Cost": b.cost}, "TaskBaseline")


class _Writer:
    def __init__(self, plan: Plan, schedule: Schedule, baseline: Baseline | None) -> None:
        self.plan, self.schedule = plan, schedule
        self.per_week = len(plan.calendar.workdays)
        self.baseline = {t.id: t for t in baseline.tasks} if baseline else {}
        self.uids: dict[str, int] = {}
        """UIDs in file order, each phase before its tasks. A phase without tasks has no dates
        and is left out, with the links to it: they constrain nothing."""
        uid = 0
        for phase in plan.phases:
            if not phase.tasks:
                continue
            uid += 1
            self.uids[phase.id] = uid
            for task in phase.tasks:
                uid += 1
                self.uids[task.id] = uid
        self.resource_uids = {r.id: n + 1 for n, r in enumerate(plan.resources)}
        self.capacity = {r.id: float(r.capacity) for r in plan.resources}
        self.calendar: WorkCalendar | None = None
        """The plan's working days, built when a levelling delay or a done milestone's
        actual dates need them."""
        self.status_field = False
        """Whether a task carries the `planctl status` custom field (then it is defined)."""
        self.work: dict[str, list[float]] = {}
        """Person-days of each task's assignments, in the order of its `assign`."""

    def tasks(self) -> Xml:
        s = self.schedule
        items = [element("Task", {
            "UID": 0, "ID": 0, "Name": s.plan_name, "Type": TASK_FIXED_DURATION, "IsNull": 0,
            "WBS": "0", "OutlineNumber": "0", "OutlineLevel": 0, "Start": _at(s.start, DAY_START),
            "Finish": _at(s.finish, DAY_END), "Duration": _hours(s.days),
            "DurationFormat": FORMAT_DAYS, "Summary": 1, "Cost": s.cost})]
        phases = {p.id: p for p in s.phases}
        for n, phase in enumerate((p for p in self.plan.phases if p.tasks), 1):
            items.append(self._phase(phase, phases[phase.id], n))
            for m, task in enumerate(phase.tasks, 1):
                items.append(self._task(task, s.task(task.id), f"{n}.{m}"))
        return group("Tasks", items)

    def _phase(self, phase: Phase, p: PhaseSchedule, n: int) -> Xml:
        uid = self.uids[phase.id]
        return element("Task", {
            "UID": uid, "ID": uid, "Name": p.name, "Type": TASK_FIXED_DURATION, "IsNull": 0,
            "WBS": str(n), "OutlineNumber": str(n), "OutlineLevel": 1,
            "Start": _at(p.start, DAY_START), "Finish": _at(p.finish, DAY_END),
            "DurationFormat": FORMAT_DAYS, "Summary": 1, "Milestone": 0,
            "Critical": _flag(p.critical), "Cost": p.cost, "PercentComplete": round(p.progress),
            "Notes": phase.description,
            "PredecessorLink": _links(phase.depends_on, self.uids, self.per_week)})

    def _task(self, task: Task, ts: TaskSchedule, number: str) -> Xml:
        uid = self.uids[task.id]
        units = [a.units_of(self.capacity.get(a.resource, 1.0)) for a in task.assign]
        work = _work_days(task, ts, units, self.per_week)
        self.work[task.id] = work
        start, finish = _task_times(ts)
        snet = task.start_no_earlier_than
        fields: Fields = {
            "UID": uid, "ID": uid, "Name": task.name,
            "Type": TASK_FIXED_WORK if task.effort is not None else TASK_FIXED_DURATION,
            "IsNull": 0, "WBS": number, "OutlineNumber": number, "OutlineLevel": 2,
            "Priority": task.priority, "Start": start, "Finish": finish,
            "Duration": _hours(_duration_days(task, ts)), "DurationFormat": FORMAT_DAYS,
            "Work": _hours(sum(work)),
            "EffortDriven": _flag(task.effort is not None), "Milestone": _flag(ts.milestone),
            "Summary": 0, "Critical": _flag(ts.critical), "FixedCost": task.cost or 0,
            "Cost": ts.cost, "ConstraintType": CONSTRAINT_SNET if snet else CONSTRAINT_ASAP,
            "ConstraintDate": _at(snet, DAY_START) if snet else None,
            "Deadline": _at(task.deadline, DAY_END) if task.deadline else None,
            "LevelingDelay": self._delay(ts) * TENTHS_PER_ELAPSED_DAY or None,
            "LevelingDelayFormat": FORMAT_ELAPSED_DAYS if ts.start_delay else None,
            "Notes": task.description,
            "PredecessorLink": _links(task.depends_on, self.uids, self.per_week),
            "Baseline": _baseline(self.baseline.get(task.id)),
        }
        if ts.late_start is not None and ts.late_finish is not None:
            fields["LateStart"] = _at(ts.late_start, DAY_START)
            fields["LateFinish"] = _at(ts.late_finish, DAY_END)
        if ts.status not in ("done", "cancelled"):
            fields["TotalSlack"] = ts.total_float * TENTHS_PER_DAY
            fields["FreeSlack"] = ts.free_float * TENTHS_PER_DAY
        fields.update(_progress(task, ts, self.schedule.status_date, self._calendar))
        self.status_field = self.status_field or "ExtendedAttribute" in fields
        return element("Task", fields)

    def _delay(self, ts: TaskSchedule) -> int:
        """The task's `start_delay` as Project counts a levelling delay: in elapsed days, from
        the working day its links allow to the day it starts (Project, and MPXJ modelling it,
        treat every levelling delay as elapsed time)."""
        if not ts.start_delay:
            return 0
        calendar = self._calendar()
        start = calendar.boundary_before(ts.start)
        return (ts.start - calendar.day(max(0, start - ts.start_delay))).days

    def _calendar(self) -> WorkCalendar:
        if self.calendar is None:
            from planctl.calendar import WorkCalendar

            self.calendar = WorkCalendar.for_plan(self.plan.calendar,
                                                  min(self.plan.start, self.schedule.start))
        return self.calendar

    def resources(self) -> Xml:
        return group("Resources", (element("Resource", {
            "UID": n + 1, "ID": n + 1, "Name": r.name, "Type": 1, "IsNull": 0,
            "Group": r.role, "MaxUnits": float(r.capacity), "CanLevel": 1,
            "StandardRate": float(r.rate) / (MINUTES_PER_DAY / 60),
            "StandardRateFormat": RATE_PER_DAY, "CalendarUID": n + 2})
            for n, r in enumerate(self.plan.resources)))

    def assignments(self) -> Xml:
        items = []
        uid = 0
        rates = {r.id: float(r.rate) for r in self.plan.resources}
        for _, task in self.plan.iter_tasks():
            ts = self.schedule.task(task.id)
            start, finish = _task_times(ts)
            done = ts.progress if ts.status in ("done", "in_progress") else 0.0
            for a, work in zip(task.assign, self.work[task.id], strict=True):
                uid += 1
                units = a.units_of(self.capacity.get(a.resource, 1.0))
                items.append(element("Assignment", {
                    "UID": uid, "TaskUID": self.uids[task.id],
                    "ResourceUID": self.resource_uids[a.resource],
                    "PercentWorkComplete": round(done),
                    "ActualStart": start if done else None,
                    "ActualFinish": finish if ts.status == "done" else None,
                    "ActualWork": _hours(work * done / 100),
                    "Cost": round(work * rates.get(a.resource, 0.0), 2), "Finish": finish,
                    "RemainingWork": _hours(work - work * done / 100), "Start": start,
                    "Units": units, "Work": _hours(work)}))
        return group("Assignments", items)


def _header(plan: Plan, schedule: Schedule) -> Fields:
    s = schedule
    return {
        "SaveVersion": SAVE_VERSION, "UID": 1, "Name": s.plan_name, "Title": s.plan_name,
        "ScheduleFromStart": 1, "StartDate": _at(s.start, DAY_START),
        "FinishDate": _at(s.finish, DAY_END), "CurrencyCode": s.currency, "CalendarUID": 1,
        "DefaultStartTime": DAY_START, "DefaultFinishTime": DAY_END,
        "MinutesPerDay": MINUTES_PER_DAY,
        "MinutesPerWeek": MINUTES_PER_DAY * len(plan.calendar.workdays), "DaysPerMonth": 20,
        "DurationFormat": FORMAT_DAYS, "WorkFormat": 3, "HonorConstraints": 1,
        "MultipleCriticalPaths": 0, "NewTasksEffortDriven": 0,
        "StatusDate": _at(s.status_date, DAY_END),
    }


def mspdi_bytes(plan: Plan, schedule: Schedule, baseline: Baseline | None = None) -> bytes:
    """The MSPDI file of `plan` as `schedule` places it, with `baseline` as Project's
    baseline 0 when given. UTF-8, with an XML declaration."""
    writer = _Writer(plan, schedule, baseline)
    fields = _header(plan, schedule)
    fields["Calendars"] = _calendars(plan, schedule)
    fields["Tasks"] = writer.tasks()  # before assignments: it works out each task's work
    if writer.status_field:
        fields["ExtendedAttributes"] = group("ExtendedAttributes", [element(
            "ExtendedAttribute", {"FieldID": STATUS_FIELD_ID, "FieldName": STATUS_FIELD_NAME,
                                  "Alias": STATUS_ALIAS}, "ExtendedAttributeDefinition")])
    fields["Resources"] = writer.resources()
    fields["Assignments"] = writer.assignments()
    project = element("Project", fields).replace("<Project>", f'<Project xmlns="{NAMESPACE}">',
                                                     1)
    return _DECLARATION + project.encode("utf-8") + b"\n"


def write(plan: Plan, schedule: Schedule, options: ExportOptions) -> bytes:
    """The `planctl export --format mspdi` writer (`planctl.export.WRITERS`)."""
    return mspdi_bytes(plan, schedule, options.baseline)


__all__ = ["NAMESPACE", "mspdi_bytes", "write"]
