"""The `<Tasks>` and `<Assignments>` of an MSPDI file (`planctl.export.mspdi`).

Every task carries the dates planctl computed, and Project lands on the same ones when it
recalculates: the plan's links, `start_no_earlier_than` as a "start no earlier than"
constraint, and for a task that levelling (or the status date) delayed, that delay as Project's
levelling delay (in elapsed days, as Project counts it) from the start its links allow with its
predecessors at their levelled dates (`TaskSchedule.start_delay`). docs/export.md gives the
mapping field by field.

Tasks, their links, custom field and baseline, and assignments are most of a large file: each
is written by one f-string, in the schema's order (`planctl.export.mspdi_schema`) spelled out;
tests/mspdi/test_mspdi_xml.py checks every child they can have against the schema. The
summary tasks (the project's, the phases') go through `planctl.export.mspdi_markup.element`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from planctl.export.mspdi_markup import Xml, element, escaped, group_lines, number, scalar
from planctl.export.mspdi_values import (
    DAY_END,
    DAY_START,
    FORMAT_DAYS,
    FORMAT_ELAPSED_DAYS,
    TENTHS_PER_DAY,
    TENTHS_PER_ELAPSED_DAY,
    at,
    flag,
    hours,
)

if TYPE_CHECKING:
    from planctl.baseline import Baseline, BaselineTask
    from planctl.calendar import WorkCalendar
    from planctl.model import Plan
    from planctl.model.tasks import Dependency, Phase, Task
    from planctl.schedule.result import PhaseSchedule, Schedule, TaskSchedule

_Days = Callable[[], "WorkCalendar"]
"""The plan's working days, built on first use (most exports never need them)."""

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
        return at(ts.start, time), at(ts.finish, time)
    return at(ts.start, DAY_START), at(ts.finish, DAY_END)


def _links(deps: Iterable[Dependency], uids: dict[str, int], per_week: int) -> list[str]:
    # Lags in whole working days, rounded up as the scheduler counts them.
    return [(f"<PredecessorLink>\n<PredecessorUID>{uids[dep.task]}</PredecessorUID>\n"
                f"<Type>{LINK_TYPES[dep.type]}</Type>\n<CrossProject>0</CrossProject>\n"
                f"<LinkLag>{dep.lag.whole_days(per_week) * TENTHS_PER_DAY}</LinkLag>\n"
                f"<LagFormat>{FORMAT_DAYS}</LagFormat>\n</PredecessorLink>")
            for dep in deps if dep.task in uids]


class _Progress(NamedTuple):
    """A task's dates and progress as Project keeps them: texts, None where left out."""

    start: str
    finish: str
    duration: str
    percent: int
    actual_start: str | None
    actual_finish: str | None
    actual_duration: str
    remaining_duration: str
    status: str | None
    """The task's `planctl status` custom field (`STATUS_ALIAS`), where Project needs it."""


def _progress(task: Task, ts: TaskSchedule, times: tuple[str, str], status: date,
              calendar: _Days) -> _Progress:
    """`times`: the task's start and finish as `_task_times` writes them."""
    if ts.status == "done":
        return _done(task, ts, times, calendar)
    start, finish = times
    in_progress = ts.status == "in_progress"
    done = ts.progress if in_progress else 0.0
    span = ts.span_days or ts.days
    # Started is what in progress means to Project: without an actual start the import reads
    # a task at 0 % as not started and moves it after the status date.
    started = in_progress and (task.actual_start is not None or ts.start <= status)
    # Project writes both durations on every task; MPXJ's scheduler needs them.
    return _Progress(start, finish, hours(_duration_days(task, ts)), round(done),
                     start if started else None, None, hours(span * done / 100),
                     hours(span - span * done / 100),
                     ts.status if in_progress and task.actual_start is None else None)


def _done(task: Task, ts: TaskSchedule, times: tuple[str, str], calendar: _Days
          ) -> _Progress:
    """A done task's actual dates. A done milestone with two different actual dates took
    time: Project keeps it as a task marked milestone running from its actual start to its
    actual finish (planctl shows it on its actual finish)."""
    start, finish = times
    days = _duration_days(task, ts)
    first, last = task.actual_start, task.actual_finish
    if ts.milestone and first is not None and last is not None and first != last:
        start, finish = at(first, DAY_START), at(last, DAY_END)
        days = _working_days(calendar(), first, last)
    return _Progress(start, finish, hours(days), 100, start, finish, hours(days), hours(0),
                     ts.status if first is None and last is None else None)


def _status(status: str) -> str:
    """The `planctl status` custom field of a task (`STATUS_ALIAS`)."""
    return (f"<ExtendedAttribute>\n<FieldID>{STATUS_FIELD_ID}</FieldID>\n"
            f"<Value>{escaped(status)}</Value>\n</ExtendedAttribute>")


def _baseline(b: BaselineTask) -> str:
    # A baseline keeps days, not whether a start or a finish placed a milestone: the close.
    return (f"<Baseline>\n<Number>0</Number>\n"
            f"<Start>{at(b.start, DAY_END if b.milestone else DAY_START)}</Start>\n"
            f"<Finish>{at(b.finish, DAY_END)}</Finish>\n"
            f"<Duration>{hours(b.duration)}</Duration>\n"
            f"<DurationFormat>{FORMAT_DAYS}</DurationFormat>\n<Work>{hours(b.work)}</Work>\n"
            f"<Cost>{scalar(b.cost)}</Cost>\n</Baseline>")


class TaskWriter:
    """A plan's `<Tasks>` (the project's summary task, then each phase with tasks before its
    tasks) and `<Assignments>`, which `tasks()` writes with their tasks."""

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
        self.rates = {r.id: float(r.rate) for r in plan.resources}
        self.calendar: WorkCalendar | None = None
        """The plan's working days, built when a levelling delay or a done milestone's
        actual dates need them."""
        self.status_field = False
        """Whether a task carries the `planctl status` custom field (then it is defined)."""
        self.assignment_items: list[str] = []
        """`<Assignment>` elements, written with their tasks (they share its dates and work)."""

    def tasks(self) -> list[str]:
        """`<Tasks>`, as lines (see `group_lines`)."""
        s = self.schedule
        items = [element("Task", {
            "UID": 0, "ID": 0, "Name": s.plan_name, "Type": TASK_FIXED_DURATION, "IsNull": 0,
            "WBS": "0", "OutlineNumber": "0", "OutlineLevel": 0, "Start": at(s.start, DAY_START),
            "Finish": at(s.finish, DAY_END), "Duration": hours(s.days),
            "DurationFormat": FORMAT_DAYS, "Summary": 1, "Cost": s.cost})]
        phases = {p.id: p for p in s.phases}
        scheduled = {t.id: t for t in s.tasks}
        for n, phase in enumerate((p for p in self.plan.phases if p.tasks), 1):
            items.append(self._phase(phase, phases[phase.id], n))
            for m, task in enumerate(phase.tasks, 1):
                items.append(self._task(task, scheduled[task.id], f"{n}.{m}"))
        return group_lines("Tasks", items)

    def _phase(self, phase: Phase, p: PhaseSchedule, n: int) -> Xml:
        uid = self.uids[phase.id]
        return element("Task", {
            "UID": uid, "ID": uid, "Name": p.name, "Type": TASK_FIXED_DURATION, "IsNull": 0,
            "WBS": str(n), "OutlineNumber": str(n), "OutlineLevel": 1,
            "Start": at(p.start, DAY_START), "Finish": at(p.finish, DAY_END),
            "DurationFormat": FORMAT_DAYS, "Summary": 1, "Milestone": 0,
            "Critical": flag(p.critical), "Cost": p.cost, "PercentComplete": round(p.progress),
            "Notes": phase.description,
            "PredecessorLink": _links(phase.depends_on, self.uids, self.per_week)})

    def _task(self, task: Task, ts: TaskSchedule, wbs: str) -> str:
        """The task's `<Task>` (its assignments go to `assignment_items`)."""
        uid = self.uids[task.id]
        units = [a.units_of(self.capacity.get(a.resource, 1.0)) for a in task.assign]
        work = _work_days(task, ts, units, self.per_week)
        times = _task_times(ts)
        if units:
            self._assignments(task, ts, times, uid, units, work)
        p = _progress(task, ts, times, self.schedule.status_date, self._calendar)
        effort = task.effort is not None
        snet, deadline, notes = task.start_no_earlier_than, task.deadline, task.description
        # The children Project may go without, each with the line break before it, or "".
        active = "\n<Active>0</Active>" if ts.status == "cancelled" else ""  # inactive: no work
        late = (f"\n<LateStart>{at(ts.late_start, DAY_START)}</LateStart>\n"
                f"<LateFinish>{at(ts.late_finish, DAY_END)}</LateFinish>"
                if ts.late_start is not None and ts.late_finish is not None else "")
        slack = (f"\n<FreeSlack>{ts.free_float * TENTHS_PER_DAY}</FreeSlack>\n"
                 f"<TotalSlack>{ts.total_float * TENTHS_PER_DAY}</TotalSlack>"
                 if ts.status not in ("done", "cancelled") else "")
        actual = "" if p.actual_start is None else f"\n<ActualStart>{p.actual_start}</ActualStart>"
        if p.actual_finish is not None:
            actual += f"\n<ActualFinish>{p.actual_finish}</ActualFinish>"
        constraint = (f"<ConstraintType>{CONSTRAINT_SNET}</ConstraintType>\n"
                      f"<ConstraintDate>{at(snet, DAY_START)}</ConstraintDate>" if snet else
                      f"<ConstraintType>{CONSTRAINT_ASAP}</ConstraintType>")
        if deadline:
            constraint += f"\n<Deadline>{at(deadline, DAY_END)}</Deadline>"
        later = ""
        if ts.start_delay:
            delay = self._delay(ts) * TENTHS_PER_ELAPSED_DAY
            if delay:
                later += f"\n<LevelingDelay>{delay}</LevelingDelay>"
            later += f"\n<LevelingDelayFormat>{FORMAT_ELAPSED_DAYS}</LevelingDelayFormat>"
        if notes is not None:
            later += f"\n<Notes>{escaped(notes)}</Notes>"
        for link in _links(task.depends_on, self.uids, self.per_week):
            later += f"\n{link}"
        if p.status is not None:
            self.status_field = True
            later += f"\n{_status(p.status)}"
        if (saved := self.baseline.get(task.id)) is not None:
            later += f"\n{_baseline(saved)}"
        return (
            f"<Task>\n<UID>{uid}</UID>\n<ID>{uid}</ID>\n<Name>{escaped(task.name)}</Name>{active}\n"
            f"<Type>{TASK_FIXED_WORK if effort else TASK_FIXED_DURATION}</Type>\n"
            f"<IsNull>0</IsNull>\n<WBS>{wbs}</WBS>\n<OutlineNumber>{wbs}</OutlineNumber>\n"
            f"<OutlineLevel>2</OutlineLevel>\n<Priority>{task.priority}</Priority>\n"
            f"<Start>{p.start}</Start>\n<Finish>{p.finish}</Finish>\n"
            f"<Duration>{p.duration}</Duration>\n<DurationFormat>{FORMAT_DAYS}</DurationFormat>\n"
            f"<Work>{hours(sum(work))}</Work>\n<EffortDriven>{flag(effort)}</EffortDriven>\n"
            f"<Milestone>{flag(ts.milestone)}</Milestone>\n<Summary>0</Summary>\n"
            f"<Critical>{flag(ts.critical)}</Critical>{late}{slack}\n"
            f"<FixedCost>{scalar(task.cost or 0)}</FixedCost>\n"
            f"<PercentComplete>{p.percent}</PercentComplete>\n<Cost>{number(ts.cost)}</Cost>"
            f"{actual}\n<ActualDuration>{p.actual_duration}</ActualDuration>\n"
            f"<RemainingDuration>{p.remaining_duration}</RemainingDuration>\n"
            f"{constraint}{later}\n</Task>")

    def _assignments(self, task: Task, ts: TaskSchedule, times: tuple[str, str], task_uid: int,
                     units: list[float], work: list[float]) -> None:
        """The task's `<Assignment>` elements, numbered on from the last task's."""
        start, finish = times
        done = ts.progress if ts.status in ("done", "in_progress") else 0.0
        # What the task's assignments share: its progress and dates.
        actual = f"<PercentWorkComplete>{round(done)}</PercentWorkComplete>"
        if ts.status == "done":
            actual += f"\n<ActualFinish>{finish}</ActualFinish>"
        if done:
            actual += f"\n<ActualStart>{start}</ActualStart>"
        items = self.assignment_items
        for a, u, w in zip(task.assign, units, work, strict=True):
            items.append(
                f"<Assignment>\n<UID>{len(items) + 1}</UID>\n<TaskUID>{task_uid}</TaskUID>\n"
                f"<ResourceUID>{self.resource_uids[a.resource]}</ResourceUID>\n{actual}\n"
                f"<ActualWork>{hours(w * done / 100)}</ActualWork>\n"
                f"<Cost>{number(round(w * self.rates.get(a.resource, 0.0), 2))}</Cost>\n"
                f"<Finish>{finish}</Finish>\n"
                f"<RemainingWork>{hours(w - w * done / 100)}</RemainingWork>\n"
                f"<Start>{start}</Start>\n<Units>{number(u)}</Units>\n<Work>{hours(w)}</Work>\n"
                f"</Assignment>")

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

    def assignments(self) -> list[str]:
        """`<Assignments>` as lines: after `tasks()`, which writes them."""
        return group_lines("Assignments", self.assignment_items)


__all__ = ["LINK_TYPES", "STATUS_ALIAS", "STATUS_FIELD_ID", "STATUS_FIELD_NAME", "TaskWriter"]
