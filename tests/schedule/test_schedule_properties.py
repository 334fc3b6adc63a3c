"""Properties of the scheduler on random valid plans."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from randplans import Options, random_plan

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.compile import compile_network
from planctl.schedule.cpm import forward
from planctl.schedule.network import EFFORT, FF, FS, MILESTONE, SS, VIRTUAL, Network, Times

SEEDS = st.integers(min_value=0, max_value=10**9)
FAST = settings(max_examples=60, deadline=None)


def _plan(seed: int, options: Options = Options()) -> Plan:
    return load_text(random_plan(seed, options), f"r{seed}.yaml").plan


def _links_hold(net: Network, times: Times) -> None:
    s, e = times.start, times.end
    for i in range(len(net)):
        assert s[i] >= net.plan_start or net.kind[i] == VIRTUAL
        if not net.follows_links[i]:
            continue
        for p, typ, lag in net.preds[i]:
            if typ == FS:
                assert s[i] >= e[p] + lag, (net.ids[p], net.ids[i])
            elif typ == SS:
                assert s[i] >= s[p] + lag, (net.ids[p], net.ids[i])
            elif typ == FF:
                assert e[i] >= e[p] + lag, (net.ids[p], net.ids[i])
            else:
                assert e[i] >= s[p] + lag, (net.ids[p], net.ids[i])


@FAST
@given(SEEDS)
def test_every_dependency_holds_in_boundaries(seed: int) -> None:
    net = compile_network(_plan(seed), None)
    _links_hold(net, forward(net))


@FAST
@given(SEEDS)
def test_every_node_starts_as_early_as_its_constraints_allow(seed: int) -> None:
    net = compile_network(_plan(seed), None)
    t = forward(net)
    for i in range(len(net)):
        bounds = [net.lower[i]]
        for p, typ, lag in net.preds[i]:
            b = (t.end[p] if typ in (FS, FF) else t.start[p]) + lag
            if net.kind[i] >= MILESTONE or typ in (FS, SS):
                bounds.append(b)
            else:
                bounds.append(net.start_for_finish(i, b))
        earliest = max(bounds)
        if net.kind[i] == EFFORT:
            earliest = net.first_workday(i, earliest)
        assert t.start[i] == earliest, net.ids[i]
        assert t.end[i] - t.start[i] >= net.work[i]


def _working_days(plan: Plan, days: int) -> list[date]:
    """The plan's working days, worked out here without the scheduler's calendar."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    weekdays = {names.index(d) for d in plan.calendar.workdays}
    off = {h.first for h in plan.calendar.holidays}
    return [d for d in (plan.start + timedelta(n) for n in range(days))
            if d.weekday() in weekdays and d not in off]


@FAST
@given(SEEDS)
def test_dependencies_hold_in_the_dates_shown(seed: int) -> None:
    plan = _plan(seed)
    schedule = schedule_plan(plan, level=False)
    days = _working_days(plan, 3000)
    index = {d: k for k, d in enumerate(days)}
    bound: dict[str, tuple[int, int]] = {}
    for task in schedule.tasks:
        if not task.milestone:
            bound[task.id] = (index[task.start], index[task.finish] + 1)
    for _, task in plan.iter_tasks():
        if task.id not in bound:
            continue
        s, e = bound[task.id]
        for dep in task.depends_on:
            if dep.task not in bound:
                continue
            ps, pe = bound[dep.task]
            lag = dep.lag.whole_days(len(plan.calendar.workdays))
            got = {"FS": s - pe, "SS": s - ps, "FF": e - pe, "SF": e - ps}[dep.type]
            assert got >= lag, (dep.task, dep.type, lag, task.id)


@FAST
@given(SEEDS)
def test_float_is_never_negative_without_deadlines(seed: int) -> None:
    schedule = schedule_plan(_plan(seed), level=False)
    for task in schedule.tasks:
        assert task.total_float >= 0, task.id
        assert 0 <= task.free_float <= task.total_float, task.id
    assert not schedule.missed_deadlines


@FAST
@given(SEEDS)
def test_critical_paths_are_chains_from_start_to_finish(seed: int) -> None:
    plan = _plan(seed, Options(snet=False, leave=False))
    schedule = schedule_plan(plan, level=False)
    assert schedule.critical_paths, "a plan with tasks has a critical path"
    first_day = _working_days(plan, 30)[0]
    last = max(t.finish for t in schedule.tasks if not t.milestone) \
        if any(not t.milestone for t in schedule.tasks) else None
    for path in schedule.critical_paths:
        tasks = [schedule.task(i) for i in path]
        assert all(t.critical for t in tasks)
        for before, after in itertools.pairwise(tasks):
            assert before.id in after.driving
        head = tasks[0]
        assert not any(schedule.task(p).critical for p in head.driving)
        # Without start_no_earlier_than, leave or a status date, chains begin at the start.
        assert head.start == first_day, head.id
        if last is not None:
            assert tasks[-1].finish >= last


@FAST
@given(SEEDS)
def test_critical_tasks_ending_with_the_plan_lie_on_a_listed_path_or_the_list_is_full(
        seed: int) -> None:
    schedule = schedule_plan(_plan(seed, Options(snet=False, leave=False)), level=False)
    on_paths = {t for path in schedule.critical_paths for t in path}
    if len(schedule.critical_paths) < 10:
        for task in schedule.tasks:
            if task.critical and task.finish == schedule.finish and not task.milestone:
                assert task.id in on_paths


@settings(max_examples=25, deadline=None)
@given(SEEDS)
def test_deadlines_only_lower_float(seed: int) -> None:
    with_deadlines = _plan(seed, Options(deadlines=True))
    free = schedule_plan(with_deadlines, level=False)
    for task in free.tasks:
        if task.deadline is not None and task.finish > task.deadline:
            assert task.total_float < 0
            assert task.id in {m.task for m in free.missed_deadlines}


@settings(max_examples=20, deadline=None)
@given(SEEDS)
def test_schedule_is_deterministic(seed: int) -> None:
    plan = _plan(seed, Options(deadlines=True))
    assert schedule_plan(plan, level=False) == schedule_plan(plan, level=False)


@FAST
@given(SEEDS)
def test_progress_against_the_status_date(seed: int) -> None:
    plan = _plan(seed, Options(progress=True))
    status = plan.status_date
    assert status is not None
    schedule = schedule_plan(plan, level=False)
    for _, task in plan.iter_tasks():
        shown = schedule.task(task.id)
        if task.status == "done" and task.milestone:
            # A milestone has one day: its actual finish, else its actual start.
            assert shown.start == (task.actual_finish or task.actual_start or shown.start)
        elif task.status == "done":
            assert shown.start == (task.actual_start or shown.start)
            assert shown.finish == (task.actual_finish or shown.finish)
            assert not shown.overdue
        elif task.status == "in_progress" and not task.milestone:
            assert shown.start == (task.actual_start or shown.start)
            assert shown.finish >= status
        elif task.status != "cancelled":
            assert shown.start >= status, task.id
            assert shown.overdue == (shown.planned_finish is not None
                                     and shown.planned_finish < status)


@FAST
@given(SEEDS, st.integers(min_value=0, max_value=10**6))
def test_forward_with_extra_bounds_delays_without_breaking_links(seed: int, salt: int) -> None:
    # How levelling delays work: a raised lower bound moves the node, links move the rest.
    net = compile_network(_plan(seed), None)
    early = forward(net)
    extra = [early.work_start[i] + (salt >> (i % 16)) % 4 for i in range(len(net))]
    later = forward(net, extra)
    _links_hold(net, later)
    for i in range(len(net)):
        assert later.start[i] >= early.start[i] and later.end[i] >= early.end[i]
        if net.kind[i] != VIRTUAL:
            assert later.work_start[i] >= extra[i]
            assert later.end[i] == net.finish(i, later.work_start[i])
