"""How far a schedule may reach, and how much day-by-day bookkeeping it may need.

Every table the scheduler indexes by working day (the calendar's day list, leave sets, the
levelling profile, resource loads) grows with the span it covers. A plan of a few bytes can ask
for a span of millions of days (a long effort at tiny units, a long lag chain), so the span is
checked against a horizon *before* any of those tables is sized by it:

- the horizon is `HORIZON_DAYS` calendar days after the plan's start; dates past it (a start
  constraint, an actual date, the status date) are errors at their line, and a task the passes
  would end past it is an error at its duration or effort;
- levelling may delay work, so its profile refuses to grow past the horizon, or past
  `MAX_PROFILE_CELLS` resource-days in all, instead of allocating them;
- resource loads are built only when the assignments work at most `MAX_RESOURCE_DAYS`
  resource-days in all.

The limits are documented in docs/scheduling.md ("Limits").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from planctl.schedule.errors import BEYOND_HORIZON, ScheduleError

if TYPE_CHECKING:
    from planctl.errors import Location
    from planctl.model import Plan
    from planctl.schedule.network import Network, Times

HORIZON_YEARS = 100
HORIZON_DAYS = HORIZON_YEARS * 366
"""Calendar days after the plan's start that a schedule may reach (and leave is read)."""
MAX_RESOURCE_DAYS = 1_000_000
"""Resource-days of assigned work a schedule may load (400 people for ten years; about 300 MB
for the loads and the `Schedule`'s copy of them)."""
MAX_PROFILE_CELLS = 2_000_000
"""Resource-days the levelling profile may track (200 resources over 10,000 working days;
about 200 MB with the copy each attempt works on)."""

MAX_LEAVE_DAYS = 1_000_000
"""Days of leave the scheduler keeps, for all resources (and their unions for effort tasks
that share them) together: 1,000 people on leave for three years each (about 70 MB)."""


class LevellingTooLarge(Exception):
    """The levelling profile would grow past the horizon or `MAX_PROFILE_CELLS`."""


def horizon_end(plan: Plan) -> date:
    """The last day a schedule of `plan` may reach."""
    return plan.start + timedelta(days=HORIZON_DAYS)


def check_dates(plan: Plan, status_date: date | None) -> None:
    """Refuse dates the scheduler would have to walk the calendar to, past the horizon (or
    as far before the start), before anything is sized by them."""
    last = horizon_end(plan)
    first = plan.start - timedelta(days=HORIZON_DAYS)
    for _, task in plan.iter_tasks():
        if task.start_no_earlier_than is None and task.actual_start is None \
                and task.actual_finish is None:
            continue  # most tasks: nothing to check
        for name in ("start_no_earlier_than", "actual_start", "actual_finish"):
            day = getattr(task, name)
            if day is not None and not first <= day <= last:
                raise ScheduleError(
                    BEYOND_HORIZON, "beyond-horizon",
                    f"{name} {day} of task '{task.id}' is more than {HORIZON_YEARS} years "
                    f"from the plan's start ({plan.start})", task.location(name),
                    hint=f"plans are scheduled within {HORIZON_YEARS} years of their start")
    if status_date is not None and not first <= status_date <= last:
        written = plan.status_date == status_date
        raise ScheduleError(
            BEYOND_HORIZON, "beyond-horizon",
            f"the status date {status_date} is more than {HORIZON_YEARS} years from the "
            f"plan's start ({plan.start})",
            plan.location("status_date" if written else "start"),
            hint="check `status_date`" if written else "check the --as-of date")


def check_ends(net: Network, times: Times) -> None:
    """Refuse a schedule in which a task ends past the horizon (`net.horizon`)."""
    from planctl.schedule.network import VIRTUAL

    real = [i for i, kind in enumerate(net.kind) if kind != VIRTUAL]
    if not real:
        return
    all_blocked, end = net.blocked, times.end
    for i in real:
        blocked = all_blocked[i]
        if blocked and end[i] > net.leave_horizon and blocked[-1] >= net.leave_horizon - 1:
            task = net.model[i]
            raise ScheduleError(
                BEYOND_HORIZON, "resources-never-available",
                f"task '{net.ids[i]}' cannot be scheduled: its resources are not all available "
                f"within {HORIZON_YEARS} years", task.location("assign"),
                hint="check the leave of its resources")
    last = max(real, key=end.__getitem__)
    if times.end[last] <= net.horizon:
        return
    task = net.model[last]
    raise ScheduleError(
        BEYOND_HORIZON, "beyond-horizon",
        f"task '{net.ids[last]}' would end more than {HORIZON_YEARS} years after the plan's "
        "start", task.location(task.work_kind),
        hint="check its length, its units and the lags before it")


def check_workload(plan: Plan, net: Network, times: Times) -> None:
    """Refuse to build day-by-day resource loads for more than `MAX_RESOURCE_DAYS`."""
    total = 0
    for i, assignments in enumerate(net.assign):
        if assignments:
            total += len(assignments) * max(0, times.end[i] - times.start[i])
    if total > MAX_RESOURCE_DAYS:
        raise ScheduleError(
            BEYOND_HORIZON, "workload-too-large",
            f"the assignments add up to {total:,} resource-days; planctl schedules at most "
            f"{MAX_RESOURCE_DAYS:,}", plan.location("resources"),
            hint="check very long tasks with many resources, or split the plan")


def levelling_too_large(plan: Plan) -> ScheduleError:
    return ScheduleError(
        BEYOND_HORIZON, "levelling-too-large",
        f"levelling would delay work more than {HORIZON_YEARS} years after the plan's start, "
        f"or track more than {MAX_PROFILE_CELLS:,} resource-days",
        plan.location("resources"),
        hint="check resources with little capacity and long efforts, or use --no-level")


def leave_too_large(where: Location, what: str) -> ScheduleError:
    return ScheduleError(
        BEYOND_HORIZON, "leave-too-large",
        f"the {what} add up to more than {MAX_LEAVE_DAYS:,} days within the {HORIZON_YEARS} "
        "years a plan is scheduled in", where,
        hint="check leave ranges that run for decades")
