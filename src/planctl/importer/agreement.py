"""How far planctl's schedule of an imported plan agrees with the dates the file stores.

Project files store the dates their tool computed. After an import, planctl schedules the plan
(levelled only when Project had levelled the file: some task has a levelling delay) and each
task's start and finish are compared, as days, with the file's. Only tasks where both tools
mean the same thing count: tasks that the import kept as they were (nothing approximated or
dropped on them), scheduled automatically, active, not yet started, with dates in the file on
or after the plan's start (Project lets a lead or a start-to-finish link place a task before
the project start; a plan never schedules before its start) and its status date (a plan
schedules work not started from the status date on; Project leaves it where it was), and no
predecessor, directly or through others, that fails one of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from planctl.importer import ImportResult
from planctl.importer.calendar import to_date
from planctl.importer.outline import name_of


@dataclass
class Agreement:
    """Counts of compared tasks and those whose start and finish both agree."""

    compared: int = 0
    agreed: int = 0
    skipped: int = 0
    """Tasks with dates that the import approximated (their dates are compared in `all_*`)."""
    all_compared: int = 0
    all_agreed: int = 0
    levelled: bool = False
    """Whether Project had levelled the file (and planctl levelled too to compare)."""
    differences: list[tuple[str, date, date, date, date]] = field(default_factory=list)
    """(task id, file start, file finish, planctl start, planctl finish) where they differ."""

    def add(self, other: Agreement) -> None:
        self.compared += other.compared
        self.agreed += other.agreed
        self.skipped += other.skipped
        self.all_compared += other.all_compared
        self.all_agreed += other.all_agreed
        self.differences.extend(other.differences)


def comparable(task: Any, touched: set[str], start: date, status: date | None) -> bool:
    """Whether both tools mean the same thing by this task's dates."""
    if name_of(task) in touched or task.getStart() is None or task.getFinish() is None:
        return False
    first = to_date(task.getStart())
    if first is None or first < start:  # Project lets a lead or an SF link go before it
        return False
    if status is not None and first < status:
        return False  # work not started Project leaves before the status date; a plan does not
    if str(task.getTaskMode() or "").upper().startswith("MANUAL"):
        return False
    if task.getActive() is not None and not task.getActive():
        return False
    percent = task.getPercentageComplete()
    return task.getActualStart() is None and (percent is None or
                                              float(percent.doubleValue()) == 0)


def agreement(result: ImportResult) -> Agreement:
    """Schedule the imported plan and compare each comparable task's dates with the file's."""
    from planctl.loader import load_text
    from planctl.schedule import schedule_plan

    touched = {item for entries in (result.report.approximated, result.report.dropped)
               for items in entries.values() for item in items}
    plan = load_text(result.text).plan
    # Project levels only when asked; a file it levelled has tasks with a levelling delay.
    levelled = any(_delayed(task) for task in result.sources.values())
    schedule = schedule_plan(plan, level=levelled)
    found = Agreement(levelled=levelled)
    apart = {tid for tid, task in result.sources.items()
             if not comparable(task, touched, plan.start, plan.status_date)}
    apart = _downstream(plan, apart)
    for planned in schedule.tasks:
        task = result.sources.get(planned.id)
        if task is None:
            continue
        if task.getStart() is None or task.getFinish() is None:
            continue
        start, finish = to_date(task.getStart()), to_date(_finish(task))
        same = (start, finish) == (planned.start, planned.finish)
        found.all_compared += 1
        found.all_agreed += same
        if planned.id in apart:
            found.skipped += 1
            continue
        found.compared += 1
        if same:
            found.agreed += 1
        elif start is not None and finish is not None:
            found.differences.append((planned.id, start, finish, planned.start,
                                      planned.finish))
    return found


def _delayed(task: Any) -> bool:
    delay = task.getLevelingDelay()
    return delay is not None and float(delay.getDuration()) != 0


def _downstream(plan: Any, apart: set[str]) -> set[str]:
    """`apart` and every task that a link from one of them reaches (its dates depend on one
    the tools treat differently), phases looked through."""
    members = {phase.id: [task.id for task in phase.tasks] for phase in plan.phases}
    predecessors: dict[str, set[str]] = {}
    for phase in plan.phases:
        inherited = {dep.task for dep in phase.depends_on}
        for task in phase.tasks:
            names = inherited | {dep.task for dep in task.depends_on}
            predecessors[task.id] = {t for name in names for t in members.get(name, [name])}
    result = set(apart)
    changed = True
    while changed:
        changed = False
        for tid, before in predecessors.items():
            if tid not in result and before & result:
                result.add(tid)
                changed = True
    return result


def _finish(task: Any) -> Any:
    """The file's finish as a day: a finish before the first working minute of a day is the
    end of the working day before (a file that stores dates without times, as MPX may, has
    midnight everywhere and means the day itself)."""
    finish = task.getFinish()
    calendar = task.getEffectiveCalendar()
    if task.getMilestone() or calendar is None or (
            _midnight(finish) and _midnight(task.getStart())):
        return finish
    from org.mpxj import TimeUnit  # type: ignore[import-not-found]

    day_start = finish.toLocalDate().atStartOfDay()
    worked = calendar.getWork(day_start, finish, TimeUnit.MINUTES)
    if worked is not None and float(worked.getDuration()) > 0:
        return finish
    return calendar.getPreviousWorkFinish(finish)


def _midnight(moment: Any) -> bool:
    return int(moment.getHour()) == 0 and int(moment.getMinute()) == 0
