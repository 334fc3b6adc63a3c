"""Properties of resource levelling on random plans where people are shared.

Loads and links are checked twice: on the dates shown, with the working days and the load per
day worked out here from the plan (not by the scheduler's calendar or profile), and on the
scheduler's own boundaries for the link types the dates cannot show exactly (milestones).
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from levelplans import level_plan
from randplans import Options, random_plan

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.compile import compile_network
from planctl.schedule.cpm import forward
from planctl.schedule.level import level
from planctl.schedule.network import FF, FS, SS, VIRTUAL
from planctl.schedule.result import Schedule, TaskSchedule

SEEDS = st.integers(min_value=0, max_value=10**9)
FAST = settings(max_examples=40, deadline=None)
KINDS = st.sampled_from(["simple", "general", "randplans"])


def _plan(seed: int, kind: str) -> Plan:
    if kind == "randplans":
        text = random_plan(seed, Options(deadlines=True))
    else:
        text = level_plan(seed, simple=kind == "simple")
    return load_text(text, f"lv{seed}.yaml").plan


def _span(first: date, last: date) -> list[date]:
    return [first + timedelta(n) for n in range((last - first).days + 1)]


class Days:
    """The plan's working days and each resource's leave, from the plan text's meaning."""

    def __init__(self, plan: Plan, count: int = 4000) -> None:
        names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        weekdays = {names.index(d) for d in plan.calendar.workdays}
        off = {d for h in plan.calendar.holidays for d in _span(h.first, h.last)}
        self.days = [d for d in (plan.start + timedelta(n) for n in range(count))
                     if d.weekday() in weekdays and d not in off]
        self.index = {d: k for k, d in enumerate(self.days)}
        self.leave = {r.id: {d for s in r.leave for d in _span(s.first, s.last)}
                      for r in plan.resources}


def _loads(plan: Plan, schedule: Schedule, days: Days) -> dict[str, dict[date, float]]:
    """Units of each resource per day: a task uses each of its resources on every working
    day from its start to its finish that the resource is not on leave; an effort task works
    only when all its resources are there."""
    loads: dict[str, dict[date, float]] = {r.id: {} for r in plan.resources}
    capacity = {r.id: r.capacity for r in plan.resources}
    for _, task in plan.iter_tasks():
        got = schedule.task(task.id)
        if task.milestone:
            continue
        everyone = set().union(*(days.leave[a.resource] for a in task.assign))
        for a in task.assign:
            away = everyone if task.effort is not None else days.leave[a.resource]
            for k in range(days.index[got.start], days.index[got.finish] + 1):
                day = days.days[k]
                if day not in away:
                    loads[a.resource][day] = loads[a.resource].get(day, 0.0) + a.units_of(
                        capacity[a.resource])
    return loads


@FAST
@given(SEEDS, KINDS)
def test_no_resource_is_over_capacity_on_any_day(seed: int, kind: str) -> None:
    plan = _plan(seed, kind)
    schedule = schedule_plan(plan)
    assert schedule.levelled
    days = Days(plan)
    ours = _loads(plan, schedule, days)
    for resource, load in zip(plan.resources, schedule.resources, strict=True):
        assert load.over_allocated == ()
        assert max(load.load.values(), default=0) <= resource.capacity + 1e-9
        assert max(ours[resource.id].values(), default=0) <= resource.capacity + 1e-9
        # The scheduler's own load agrees with the one worked out here.
        assert {d: round(u, 6) for d, u in ours[resource.id].items()} == load.load


@FAST
@given(SEEDS, KINDS)
def test_every_dependency_holds_after_levelling(seed: int, kind: str) -> None:
    plan = _plan(seed, kind)
    net = compile_network(plan, None)
    early = forward(net)
    times = level(net, early)
    s, e = times.start, times.end
    for i in range(len(net)):
        assert s[i] >= early.start[i] or net.kind[i] == VIRTUAL, net.ids[i]
        if not net.follows_links[i]:
            continue
        for p, typ, lag in net.preds[i]:
            got = {FS: s[i] - e[p], SS: s[i] - s[p], FF: e[i] - e[p]}.get(typ, e[i] - s[p])
            assert got >= lag, (net.ids[p], typ, lag, net.ids[i])
    # The same in the dates shown, for links between tasks that are not milestones.
    schedule = schedule_plan(plan)
    days = Days(plan)
    wpw = len(plan.calendar.workdays)
    for _, task in plan.iter_tasks():
        if task.milestone:
            continue
        got = schedule.task(task.id)
        start, end = days.index[got.start], days.index[got.finish] + 1
        for dep in task.depends_on:
            pred = plan.tasks_by_id.get(dep.task)
            if pred is None or pred.milestone:
                continue
            theirs = schedule.task(pred.id)
            ps, pe = days.index[theirs.start], days.index[theirs.finish] + 1
            gap = {"FS": start - pe, "SS": start - ps, "FF": end - pe, "SF": end - ps}[dep.type]
            assert gap >= dep.lag.whole_days(wpw), (pred.id, dep.type, task.id)


@FAST
@given(SEEDS, KINDS)
def test_levelling_only_delays(seed: int, kind: str) -> None:
    plan = _plan(seed, kind)
    levelled, unlevelled = schedule_plan(plan), schedule_plan(plan, level=False)
    assert levelled.finish >= unlevelled.finish
    assert levelled.days >= unlevelled.days
    for got, before in zip(levelled.tasks, unlevelled.tasks, strict=True):
        assert got.start >= before.start, got.id
        assert got.early_start == before.start, got.id


@FAST
@given(SEEDS, KINDS)
def test_lower_bound_is_a_lower_bound(seed: int, kind: str) -> None:
    plan = _plan(seed, kind)
    levelled, unlevelled = schedule_plan(plan), schedule_plan(plan, level=False)
    assert unlevelled.days <= levelled.lower_bound_days <= levelled.days
    # The bound is the longer of the unlevelled length and the busiest resource's work in
    # that schedule at full capacity (a duration task's work can depend on where it falls
    # against leave, so each schedule counts its own), recounted here.
    days = Days(plan)
    for schedule in (levelled, unlevelled):
        loads = _loads(plan, schedule, days)
        busiest = max((sum(loads[r.id].values()) / r.capacity for r in plan.resources),
                      default=0)
        assert schedule.lower_bound_days == max(unlevelled.days, math.ceil(busiest - 1e-9))


@FAST
@given(SEEDS, st.sampled_from(["simple", "general"]))
def test_levelled_floats_and_critical_paths(seed: int, kind: str) -> None:
    schedule = schedule_plan(_plan(seed, kind))  # no deadlines in these plans
    for task in schedule.tasks:
        assert task.total_float >= 0, task.id
        assert 0 <= task.free_float <= task.total_float, task.id
    assert schedule.critical_paths
    # As in the unlevelled property: a chain ends with the last task that is not a milestone
    # (a milestone shown on the start of its day may end the plan a day after it).
    last = max((t.finish for t in schedule.tasks if not t.milestone), default=None)
    for path in schedule.critical_paths:
        tasks = [schedule.task(i) for i in path]
        assert all(t.critical for t in tasks)
        # Each step is a driving dependency or a resource hand-off levelling created.
        for before, after in itertools.pairwise(tasks):
            assert before.id in _drivers(after)
        assert not any(schedule.task(p).critical for p in _drivers(tasks[0]))
        if last is not None:
            assert tasks[-1].finish >= last


def _drivers(task: TaskSchedule) -> set[str]:
    return {*task.driving, *(h.predecessor for h in task.handoffs)}


def _effective_priority(plan: Plan) -> dict[str, int]:
    """A task's priority raised to the highest of the tasks that depend on it (level.py)."""
    succs: dict[str, list[str]] = {}
    for _, task in plan.iter_tasks():
        for dep in task.depends_on:
            succs.setdefault(dep.task, []).append(task.id)
    eff: dict[str, int] = {}
    for _, task in reversed(list(plan.iter_tasks())):  # links only point back in the file
        eff[task.id] = max([task.priority, *(eff[s] for s in succs.get(task.id, []))])
    return eff


def _priority_check(plan: Plan) -> tuple[int, list[tuple[str, str]]]:
    """level.py's promise: when a task H could start (its links, its unlevelled start and, for
    effort, its person's leave allow it) on the day a task L of lower (inherited) priority
    starts on a resource they share, and H starts later, then H could not have started that
    day even with L out of the way. Gives the pairs checked and the pairs that break it."""
    schedule = schedule_plan(plan)
    days = Days(plan)
    loads = _loads(plan, schedule, days)
    eff = _effective_priority(plan)
    tasks = [task for _, task in plan.iter_tasks()]
    capacity = {r.id: r.capacity for r in plan.resources}
    wpw = len(plan.calendar.workdays)

    def worked(task_id: str, resource: str) -> set[int]:
        got = schedule.task(task_id)
        return {k for k in range(days.index[got.start], days.index[got.finish] + 1)
                if days.days[k] not in days.leave[resource]}

    def ready(task) -> int:
        k = days.index[schedule.task(task.id).early_start]
        for dep in task.depends_on:
            pred = schedule.task(dep.task)
            lag = dep.lag.whole_days(wpw)
            k = max(k, days.index[pred.finish] + 1 + lag if dep.type == "FS"
                    else days.index[pred.start] + lag)
        return k

    def window(task, k: int) -> list[int]:
        """The days task would work on if it started at day k."""
        away = days.leave[task.assign[0].resource]
        size = (task.effort or task.duration).days(wpw)
        if task.duration is not None:
            return [k + n for n in range(int(size)) if days.days[k + n] not in away]
        found: list[int] = []
        while len(found) < size:
            if days.days[k] not in away:
                found.append(k)
            k += 1
        return found

    checked, broken = 0, []
    for high in tasks:
        r = high.assign[0].resource
        h_ready, h_start = ready(high), days.index[schedule.task(high.id).start]
        for low in tasks:
            if low.assign[0].resource != r or eff[low.id] >= eff[high.id]:
                continue
            l_start = days.index[schedule.task(low.id).start]
            if not h_ready <= l_start < h_start or window(high, l_start)[0] != l_start:
                continue  # H could not start that day (an effort task's person is away)
            checked += 1
            mine, theirs = worked(high.id, r), worked(low.id, r)
            if not any(loads[r].get(days.days[k], 0.0) - (k in mine) - (k in theirs) + 1
                       > capacity[r] + 1e-9 for k in window(high, l_start)):
                broken.append((high.id, low.id))
    return checked, broken


@settings(max_examples=80, deadline=None)
@given(SEEDS)
def test_a_lower_priority_task_never_takes_a_resource_a_waiting_higher_one_could_use(
        seed: int) -> None:
    assert _priority_check(_plan(seed, "simple"))[1] == []


def test_the_priority_property_has_cases_to_check() -> None:
    assert sum(_priority_check(_plan(seed, "simple"))[0] for seed in range(100)) >= 20
