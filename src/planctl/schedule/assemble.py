"""`schedule_plan`: compile, pass forward, level, pass backward, and build the `Schedule` value."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date
from functools import cache, partial
from itertools import pairwise
from operator import attrgetter, mul

from planctl.calendar import WorkCalendar
from planctl.gcpause import gc_paused
from planctl.model import Plan
from planctl.schedule.compile import compile_network
from planctl.schedule.cpm import (
    backward,
    deadline_limit,
    driving_preds,
    forward,
    free_floats,
    plan_finish,
    total_floats,
)
from planctl.schedule.delay import start_delays
from planctl.schedule.handoffs import driving
from planctl.schedule.horizon import (
    LevellingTooLarge,
    check_ends,
    check_workload,
    levelling_too_large,
)
from planctl.schedule.load import over_allocated, resource_usage
from planctl.schedule.network import LINK_TYPES, MILESTONE, VIRTUAL, Network, Times
from planctl.schedule.paths import critical_paths
from planctl.schedule.result import (
    MissedDeadline,
    PhaseSchedule,
    ResourceLink,
    ResourceLoad,
    Schedule,
    TaskSchedule,
)


def schedule_plan(plan: Plan, *, as_of: date | None = None, level: bool = True) -> Schedule:
    """The schedule of a valid plan as the contract defines it (see docs/scheduling.md).

    `as_of` is the status date; None means the plan's `status_date`, and when that is None
    too there is no status-date constraint. Raises `ScheduleError` (a located `PlanError`)
    when the plan cannot be put on a calendar.
    """
    # Scheduling allocates many small acyclic objects: the collector's scans would cost more
    # than the passes themselves (measured: 0.7 s -> 0.15 s to compile 10,000 tasks).
    with gc_paused():
        return _schedule_plan(plan, as_of, level)[0]


def schedule_with_network(plan: Plan, *, as_of: date | None = None, level: bool = True
                          ) -> tuple[Schedule, Network, Times, Times]:
    """`schedule_plan`, with the compiled network and its unlevelled and final times: for
    what builds on the same passes (forecasts), so that nothing is levelled twice."""
    with gc_paused():
        return _schedule_plan(plan, as_of, level)


def _schedule_plan(plan: Plan, as_of: date | None, level: bool
                   ) -> tuple[Schedule, Network, Times, Times]:
    status_date = as_of if as_of is not None else plan.status_date
    net = compile_network(plan, status_date)
    early = forward(net)
    check_ends(net, early)  # before levelling sizes its profile by these ends
    # Late dates of the unlevelled schedule: levelling orders by them and the logic-only
    # floats of a levelled schedule are made from them; whichever asks first computes them.
    early_late = cache(lambda: backward(net, early, plan_finish(net, early)))
    times = early
    if level:
        from planctl.schedule.level import level as level_network

        try:
            times = level_network(net, early, early_late)
        except LevellingTooLarge:
            raise levelling_too_large(plan) from None
    finish = plan_finish(net, times)
    _check_horizon(net, times)
    check_workload(plan, net, times)
    schedule = _Assembly(plan, net, early, times, finish, status_date, level,
                         early_late).build()
    return schedule, net, early, times


def _check_horizon(net: Network, times: Times) -> None:
    """Refuse a schedule past the horizon; then make its last day addressable."""
    check_ends(net, times)
    real = [end for end, kind in zip(times.end, net.kind, strict=True) if kind != VIRTUAL]
    if real:
        last = max(real)
        net.calendar.ensure(max(last, net.plan_start) + 1)


class _Assembly:
    def __init__(self, plan: Plan, net: Network, early: Times, times: Times, finish: int,
                 status_date: date | None, levelled: bool,
                 early_late: Callable[[], tuple[list[int], list[int]]]) -> None:
        self.plan, self.net, self.early, self.times = plan, net, early, times
        self.finish, self.status_date, self.levelled = finish, status_date, levelled
        self.early_late = early_late
        self.cal = net.calendar

    def day(self, k: int) -> date:
        return self.cal.day(max(k, 0))

    def shown(self, i: int, times: Times) -> tuple[date, date]:
        """Start and finish dates of node i as the contract shows them."""
        net, task = self.net, self.net.model[i]
        s, e = times.start[i], times.end[i]
        if net.kind[i] == MILESTONE:
            shown = self.day(s) if times.start_placed[i] or s <= 0 else self.day(s - 1)
            if task.status == "done" and (task.actual_finish or task.actual_start):
                shown = task.actual_finish or task.actual_start
            return shown, shown
        first, last = self.day(s), self.day(max(e - 1, s))
        if task.status == "done":
            first = task.actual_start or first
            last = task.actual_finish or last
        elif task.status == "in_progress" and task.actual_start is not None:
            first = task.actual_start
        return first, max(first, last)

    def shown_all(self, times: Times, like: tuple[Times, list[tuple[date, date] | None]] | None
                  = None) -> list[tuple[date, date] | None]:
        """`shown` of every task (None for helper nodes). `like` is another schedule and its
        shown dates: a node it places exactly as `times` does takes its dates from there."""
        found: list[tuple[date, date] | None] = [None] * len(self.net)
        start, end, placed = times.start, times.end, times.start_placed
        other, other_shown = like if like is not None else (None, None)
        for i in self.net.real:
            if other is not None and other.start[i] == start[i] and other.end[i] == end[i] \
                    and other.start_placed[i] == placed[i]:
                found[i] = other_shown[i]  # type: ignore[index]
            else:
                found[i] = self.shown(i, times)
        return found

    def build(self) -> Schedule:
        net, times, plan = self.net, self.times, self.plan
        loads, worked = resource_usage(net, times)
        # Floats and paths of a levelled schedule follow its resource hand-offs too.
        # Each node's driving predecessors by links, found once for `driving` and hand-offs.
        self.binding = [driving_preds(net, times, i) for i in range(len(net))]
        found = driving(net, self.early, times, loads if self.levelled else None, self.binding)
        drive, handoffs = found.net, found.handoffs
        late_start, late_end = backward(drive, times, self.finish)
        total = total_floats(drive, times, late_start, late_end)
        free = free_floats(drive, times, total, self.finish)
        logic_total, logic_free = total, free
        if drive is not net or self.early is not times:
            early = self.early
            early_finish = plan_finish(net, early)
            ls, le = self.early_late()
            logic_total = total_floats(net, early, ls, le)
            logic_free = free_floats(net, early, logic_total, early_finish)
        critical = [k != VIRTUAL and not gone and t <= 0
                    for k, gone, t in zip(net.kind, net.cancelled, total, strict=True)]
        paths = critical_paths(drive, times, critical, self.finish)
        rids = net.resource_ids
        into: dict[int, list[ResourceLink]] = {}
        for p, i, r, lag, typ in handoffs:
            into.setdefault(i, []).append(
                ResourceLink(net.ids[p], net.ids[i], rids[r], lag, LINK_TYPES[typ]))
        self.handoffs = into
        shown = self.shown_all(times)
        early_shown = shown if self.early is times else self.shown_all(self.early, (times, shown))
        overdue = self._overdue(early_shown)
        rates = [r.rate for r in plan.resources]
        delays = start_delays(net, times)
        tasks: dict[int, TaskSchedule] = {}
        missed: list[MissedDeadline] = []
        kind, cancelled, assign = net.kind, net.cancelled, net.assign
        t_start, t_end, t_placed = times.start, times.end, times.start_placed
        planned, model = self.planned, net.model
        phase, work, done_work = net.phase, net.work, net.done_work
        for i in net.real:
            task = model[i]
            start, finish = shown[i]  # type: ignore[misc]
            cost = 0.0
            if not cancelled[i]:
                used, on_resources = worked[i], 0
                for r, units in assign[i]:
                    on_resources += rates[r] * units * used.get(r, 0)
                cost = (task.cost or 0.0) + on_resources
            late_s, late_f = self._late(i, late_start[i], late_end[i])
            driven_by = self._driving(i)
            tasks[net.file_order[i]] = TaskSchedule.from_fields({
                "id": task.id, "name": task.name, "phase": phase[i], "start": start,
                "finish": finish, "milestone": task.milestone, "total_float": total[i],
                "free_float": free[i], "critical": critical[i], "cost": round(cost, 2),
                "status": task.status, "progress": task.percent_done,
                "assignees": tuple([a.resource for a in task.assign]),
                "deadline": task.deadline, "overdue": overdue[i],
                "early_start": early_shown[i][0],  # type: ignore[index]
                "late_start": late_s, "late_finish": late_f, "driving": driven_by,
                "days": 0 if kind[i] == MILESTONE else max(0, t_end[i] - t_start[i]),
                "planned_finish": planned[i], "span_days": work[i] + done_work[i],
                "logic_total_float": logic_total[i], "logic_free_float": logic_free[i],
                "handoffs": tuple(into.get(i, ())), "start_delay": delays[i],
                "shown_at_start": t_placed[i] or t_start[i] <= 0})
            if task.deadline is not None and not cancelled[i] and finish > task.deadline:
                slip = max(1, t_end[i] - deadline_limit(net, times, i))
                missed.append(MissedDeadline(task.id, task.deadline, finish, slip))
        task_list = [tasks[k] for k in sorted(tasks)]
        return self._schedule(task_list, missed, paths, loads)

    def _path_links(self, path: list[int]) -> list[tuple[str, ...]]:
        """For each step of a chain: () for a dependency, the resources of a hand-off."""
        net, steps = self.net, []
        for p, i in pairwise(path):
            steps.append(tuple(link.resource for link in self.handoffs.get(i, ())
                               if link.predecessor == net.ids[p]))
        return steps

    def _late(self, i: int, late_start: int, late_end: int) -> tuple[date | None, date | None]:
        if late_start < 0:
            return None, None
        if self.net.kind[i] == MILESTONE:
            shown = self.day(late_start if self.times.start_placed[i] else late_end - 1)
            return shown, shown
        return self.day(late_start), self.day(max(late_end - 1, late_start))

    def _driving(self, i: int) -> tuple[str, ...]:
        """Real predecessors that decide node i's start, looking through helper nodes."""
        net, found, queue = self.net, {}, list(self.binding[i])
        while queue:
            p = queue.pop()
            if net.kind[p] == VIRTUAL:
                queue.extend(self.binding[p])
            else:
                found[net.ids[p]] = None
        return tuple(found)

    def _overdue(self, early_shown: list[tuple[date, date] | None]) -> list[bool]:
        """Planned (ignoring the status date) to finish before it, and not done."""
        net, n = self.net, len(self.net)
        self.planned: list[date | None] = [None] * n
        if net.status is None or self.status_date is None:
            return [False] * n
        if net.lower == net.plan_lower and max(net.resume, default=-1) < 0:
            # The status date holds nothing back and no work is in progress: the plan's own
            # schedule is the unlevelled one.
            planned_shown = early_shown
        else:
            planned_shown = self.shown_all(forward(net.without_status()))
        overdue = [False] * n
        for i in net.real:
            task = net.model[i]
            self.planned[i] = planned_shown[i][1] if task.status != "done" else None  # type: ignore[index]
            if task.status in ("done", "cancelled"):
                continue
            overdue[i] = self.planned[i] < self.status_date  # type: ignore[operator]
        return overdue

    def _schedule(self, tasks: list[TaskSchedule], missed: list[MissedDeadline],
                  paths: list[list[int]], loads: list[dict[int, float]]) -> Schedule:
        plan, net = self.plan, self.net
        over = over_allocated(net, loads) if not self.levelled else [[] for _ in loads]
        last = max((max(load, default=0) for load in loads), default=0)
        self.cal.ensure(max(last, 0))
        dates = self.cal.days
        # Per-day loads by date are made when first read (lint, charts, JSON): thousands of
        # entries a resource that an export never looks at.
        resources = [ResourceLoad.deferred(
            r.id, r.name, float(r.capacity), partial(_dated_load, load, dates),
            over_allocated=tuple([dates[max(k, 0)] for k in days]))
            for r, load, days in zip(plan.resources, loads, over, strict=True)]
        phases = _phases(plan, tasks, self.cal)
        shown = [t for t in tasks if t.status != "cancelled"] or tasks
        finish = max(map(_FINISH, shown), default=plan.start)
        first = min([plan.start, *map(_START, shown)])
        cost = round(sum(map(_COST, tasks)), 2)
        unlevelled = plan_finish(net, self.early) - net.plan_start
        return Schedule(
            plan_id=plan.id or "plan", plan_name=plan.name, start=plan.start, finish=finish,
            status_date=self.status_date or plan.start, cost=cost,
            budget=plan.budget.total if plan.budget else None,
            currency=plan.budget.currency if plan.budget else "USD", levelled=self.levelled,
            tasks=tasks, phases=phases, resources=resources,
            critical_paths=[[net.ids[i] for i in path] for path in paths],
            critical_path_links=[self._path_links(path) for path in paths],
            resource_links=[link for i in net.real for link in self.handoffs.get(i, ())],
            missed_deadlines=sorted(missed, key=lambda m: (m.finish, m.task)),
            non_working_days=self.cal.non_working_between(first, finish),
            days=self.finish - net.plan_start,
            lower_bound_days=max(unlevelled, _busiest(net, loads)),
            holidays=self._holidays(first, finish))

    def _holidays(self, first: date, last: date) -> dict[date, str]:
        cal, found = self.cal, {}
        for day in sorted(cal.non_working_between(first, last)):
            if day.weekday() in cal.weekdays:
                found[day] = cal.holiday_name(day) or "holiday"
        return found


def _dated_load(load: dict[int, float], dates: list[date]) -> dict[date, float]:
    """A resource's units by working-day index as units by date, in date order; `dates` is the
    calendar's list of working days (grown past the last index before this is called)."""
    return {dates[max(k, 0)]: round(v, 6) for k, v in sorted(load.items())}


def _busiest(net: Network, loads: list[dict[int, float]]) -> int:
    """Working days the busiest resource needs for all its work at full capacity."""
    best = 0.0
    for load, capacity in zip(loads, net.capacity, strict=True):
        best = max(best, sum(load.values()) / capacity)
    return math.ceil(best - 1e-9)


_START, _FINISH, _COST = attrgetter("start"), attrgetter("finish"), attrgetter("cost")
_SPAN, _PROGRESS = attrgetter("span_days"), attrgetter("progress")
_MILESTONE, _CRITICAL = attrgetter("milestone"), attrgetter("critical")


def _phases(plan: Plan, tasks: list[TaskSchedule], cal: WorkCalendar) -> list[PhaseSchedule]:
    by_phase: dict[str, list[TaskSchedule]] = {}
    for task in tasks:
        by_phase.setdefault(task.phase, []).append(task)
    phases = []
    for phase in plan.phases:
        members = by_phase.get(phase.id, [])
        shown = [t for t in members if t.status != "cancelled"] or members
        if not shown:
            continue
        spans, done = list(map(_SPAN, shown)), list(map(_PROGRESS, shown))
        total = sum(spans)
        progress = (sum(map(mul, spans, done)) / total if total else sum(done) / len(done))
        start, finish = min(map(_START, shown)), max(map(_FINISH, shown))
        work = not all(map(_MILESTONE, shown))
        phases.append(PhaseSchedule(
            id=phase.id, name=phase.name, start=start, finish=finish,
            cost=round(sum(map(_COST, members)), 2), progress=round(progress, 2),
            critical=any(map(_CRITICAL, members)),
            days=cal.boundary_after(finish) - cal.boundary_before(start) if work else 0))
    return phases
