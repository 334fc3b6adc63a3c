"""The critical path after levelling: resource hand-offs, floats on the driving network, chains.

Hand-worked cases first, then properties on random levelled plans: the driving network (links
plus hand-offs) gives back the levelled dates; every critical chain runs from a start
constraint to the finish through dependencies and hand-offs; delaying a critical task by one
working day (keeping the levelled order) moves the finish, and delaying any task by its total
float does not.
"""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from levelplans import level_plan
from randplans import Options, random_plan
from schedutil import make_plan, run

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.compile import compile_network
from planctl.schedule.cpm import driving_preds, forward, plan_finish
from planctl.schedule.handoffs import Driving, driving
from planctl.schedule.level import level
from planctl.schedule.load import resource_usage
from planctl.schedule.network import (
    EFFORT,
    FF,
    FS,
    NO_BOUND,
    SF,
    SS,
    VIRTUAL,
    Network,
    Times,
)
from planctl.schedule.result import ResourceLink, Schedule

SEEDS = st.integers(min_value=0, max_value=10**9)
PROPERTY = settings(max_examples=60, deadline=None)

TWO_ON_ONE = """
- {id: a, name: A, duration: 3d, assign: [dev]}
- {id: b, name: B, duration: 2d, assign: [dev]}
- {id: c, name: C, duration: 1d, depends_on: [b]}
- {id: d, name: D, duration: 1d}
"""


def test_a_task_waiting_for_a_person_is_linked_to_the_task_that_held_them() -> None:
    s = run(TWO_ON_ONE, resources="- {id: dev, name: Dev}")
    # b goes first (it has less float: c follows it), a waits for the developer: b ⇢ a.
    assert s.resource_links == [ResourceLink("b", "a", "dev")]
    assert s.task("a").handoffs == (ResourceLink("b", "a", "dev"),)
    assert s.task("b").handoffs == ()
    assert s.critical_paths == [["b", "a"]]
    assert s.critical_path_links == [[("dev",)]]
    assert s.critical_path_text() == "b ⇢(dev) a"
    # Levelled: b days 0-1, a 2-4, c 2, d 0; finish after day 4.
    assert [s.task(t).total_float for t in "abcd"] == [0, 0, 2, 4]
    # Logic-only (unlevelled): a 0-2, b 0-1, c 2, d 0; finish after day 2.
    assert [s.task(t).logic_total_float for t in "abcd"] == [0, 0, 0, 2]


def test_logic_float_is_the_unlevelled_float() -> None:
    tasks = """
    - {id: a, name: A, duration: 3d, assign: [dev]}
    - {id: b, name: B, duration: 2d, assign: [dev]}
    - {id: c, name: C, duration: 5d}
    """
    s = run(tasks, resources="- {id: dev, name: Dev}")
    # Levelled: a 0..3, b 3..5 after a; c 0..5. Unlevelled: a, b and c from day 0, finish 5.
    assert s.resource_links == [ResourceLink("a", "b", "dev")]
    assert [s.task(t).total_float for t in "abc"] == [0, 0, 0]
    assert [s.task(t).logic_total_float for t in "abc"] == [2, 3, 0]
    assert [s.task(t).logic_free_float for t in "abc"] == [2, 3, 0]
    unlevelled = run(tasks, resources="- {id: dev, name: Dev}", level=False)
    assert [unlevelled.task(t).total_float for t in "abc"] == [2, 3, 0]
    assert [unlevelled.task(t).logic_total_float for t in "abc"] == [2, 3, 0]
    assert unlevelled.resource_links == []


def test_no_handoff_where_a_link_decides_the_start() -> None:
    tasks = """
    - {id: a, name: A, duration: 3d, assign: [dev]}
    - {id: b, name: B, duration: 2d, assign: [dev], depends_on: [a]}
    """
    s = run(tasks, resources="- {id: dev, name: Dev}")
    assert s.resource_links == []
    assert s.critical_path_text() == "a → b"


def test_room_for_two_needs_both_to_be_busy() -> None:
    tasks = """
    - {id: a, name: A, duration: 3d, assign: [devs]}
    - {id: b, name: B, duration: 5d, assign: [devs]}
    - {id: c, name: C, duration: 2d, assign: [devs]}
    """
    s = run(tasks, resources="- {id: devs, name: Devs, capacity: 2}")
    # a and b start at once; c waits for the first seat, a's, freed at day 3.
    assert s.resource_links == [ResourceLink("a", "c", "devs")]
    assert s.critical_paths == [["b"], ["a", "c"]]
    assert s.critical_path_text(1) == "a ⇢(devs) c"
    assert [s.task(t).total_float for t in "abc"] == [0, 0, 0]


def test_json_and_csv_carry_the_driving_network() -> None:
    from planctl.schedule.formats import schedule_csv, schedule_data

    s = run(TWO_ON_ONE, resources="- {id: dev, name: Dev}")
    data = schedule_data(s)
    assert data["resource_links"] == [{"predecessor": "b", "successor": "a", "resource": "dev",
                                       "type": "FS", "lag": 0}]
    assert data["critical_path_links"] == [[["dev"]]]
    assert data["critical_path_text"] == ["b ⇢(dev) a"]
    a = next(t for t in data["tasks"] if t["id"] == "a")
    assert a["handoffs"] == [{"predecessor": "b", "resource": "dev"}]
    assert a["logic_total_float"] == 0
    plan = make_plan(TWO_ON_ONE, resources="- {id: dev, name: Dev}")
    header = schedule_csv(s, plan).splitlines()[0].split(",")
    assert {"logic_total_float", "logic_free_float", "predecessors"} <= set(header)


def test_crm_example_chain_runs_from_its_first_open_task_to_close() -> None:
    from planctl.loader import load_plan

    s = schedule_plan(load_plan("examples/crm-rollout.yaml").plan)
    path = s.critical_paths[0]
    assert path[-1] == "close"
    assert s.task(path[0]).status != "done"
    assert "⇢(" in s.critical_path_text()
    assert len(path) > 5


# -- properties -------------------------------------------------------------------------------


def _levelled(plan: Plan) -> tuple[Network, Times, Driving]:
    net = compile_network(plan, plan.status_date)
    early = forward(net)
    times = level(net, early)
    loads, _ = resource_usage(net, times)
    return net, times, driving(net, early, times, loads)


def _plan(seed: int, simple: bool) -> Plan:
    return load_text(level_plan(seed, simple=simple), f"lv{seed}.yaml").plan


@PROPERTY
@given(SEEDS, st.booleans())
def test_the_driving_network_gives_back_the_levelled_dates(seed: int, simple: bool) -> None:
    net, times, drive = _levelled(_plan(seed, simple))
    again = forward(drive.net, drive.extra)
    assert again.start == times.start
    assert again.end == times.end
    assert again.work_start == times.work_start
    for p, i, r, lag, typ in drive.handoffs:
        assert any(rr == r for rr, _ in net.assign[p]) and any(rr == r for rr, _ in net.assign[i])
        # p released r (its end, or a day it stopped using r) no later than i's work start.
        release = (times.end[p] if typ == FS else times.start[p]) + lag
        assert times.work_start[p] < release <= times.work_start[i]
        assert lag <= 0 if typ == FS else typ == SS


@PROPERTY
@given(SEEDS)
def test_the_driving_network_gives_back_levelled_dates_with_progress(seed: int) -> None:
    # Tasks in progress whose remaining work levelling delayed keep it as a floor.
    plan = load_text(random_plan(seed, Options(deadlines=True, progress=True)),
                     f"rp{seed}.yaml").plan
    _, times, drive = _levelled(plan)
    again = forward(drive.net, drive.extra)
    assert (again.start, again.work_start, again.end) == (
        times.start, times.work_start, times.end)


def _is_start_constrained(net: Network, times: Times, i: int) -> bool:
    """Node i starts where something other than a link puts it: the plan's start, a
    `start_no_earlier_than`, actual dates, or (effort) the day its people are back from leave
    (the leave gave its predecessors float)."""
    ws = times.work_start[i]
    lower = net.lower[i]
    if net.kind[i] == EFFORT:
        lower = net.first_workday(i, lower)
        if ws - 1 in net.blocked[i]:
            return True
    return ws == lower or net.pinned_start[i] >= 0


@PROPERTY
@given(SEEDS, st.booleans())
def test_critical_chains_run_from_a_start_constraint_to_the_finish(seed: int,
                                                                    simple: bool) -> None:
    plan = _plan(seed, simple)
    s = schedule_plan(plan)
    net, times, drive = _levelled(plan)
    # A delay no hand-off explains (one that would close a loop through leads) is kept as a
    # start constraint of its task (docs/scheduling.md); chains may begin there.
    node = {net.ids[i]: i for i in range(len(net)) if net.kind[i] != VIRTUAL}
    finish = plan_finish(net, times)
    handoffs = {(net.ids[p], net.ids[i]): net.resource_ids[r] for p, i, r, _, _ in drive.handoffs}
    assert s.critical_paths
    for path, steps in zip(s.critical_paths, s.critical_path_links, strict=True):
        assert len(steps) == len(path) - 1
        assert times.end[node[path[-1]]] == finish
        head = node[path[0]]
        assert (drive.extra[head] != NO_BOUND or _is_start_constrained(net, times, head)
                or _placed_by_a_loose_finish_link(net, times, head)), path
        for (p, i), step in zip(pairwise(path), steps, strict=True):
            if step:
                assert handoffs[(p, i)] in step
            else:
                assert p in _dependency_drivers(net, times, node[i]), (p, i)


def _placed_by_a_loose_finish_link(net: Network, times: Times, i: int) -> bool:
    """Node i starts on the first day from which it can finish after a predecessor's finish
    (finish-to-finish) or start (start-to-finish), and the people it needs being away makes
    it finish later than that: the link sets the start yet leaves its predecessor float
    (seed 32531246: t3 must finish after t2, starts the Thursday before its person's leave
    and finishes after it, a day past t2's finish plus the holiday)."""
    drivers = driving_preds(net, times, i)
    if not drivers:
        return False
    for p in drivers:
        typ, lag = next((t, g) for q, t, g in net.preds[i] if q == p)
        bound = (times.end[p] if typ == FF else times.start[p]) + lag
        if typ not in (FF, SF) or times.end[i] <= bound:
            return False
    return True


def _dependency_drivers(net: Network, times: Times, i: int) -> set[str]:
    found, queue = set(), driving_preds(net, times, i)
    while queue:
        p = queue.pop()
        if net.kind[p] == VIRTUAL or net.cancelled[p]:
            queue.extend(driving_preds(net, times, p))
        else:
            found.add(net.ids[p])
    return found


def _finish_after_delay(drive: Driving, times: Times, i: int, days: int) -> int:
    extra = list(drive.extra)
    extra[i] = max(extra[i], times.work_start[i] + days)
    return plan_finish(drive.net, forward(drive.net, extra))


@PROPERTY
@given(SEEDS, st.booleans())
def test_delaying_a_critical_task_moves_the_finish_and_float_does_not(seed: int,
                                                                     simple: bool) -> None:
    plan = _plan(seed, simple)
    s: Schedule = schedule_plan(plan)
    net, times, drive = _levelled(plan)
    finish = plan_finish(net, times)
    for i in range(len(net)):
        if net.kind[i] == VIRTUAL or net.cancelled[i]:
            continue
        task = s.task(net.ids[i])
        if task.critical:
            assert _finish_after_delay(drive, times, i, 1) > finish, task.id
        elif task.total_float > 0:
            assert _finish_after_delay(drive, times, i, task.total_float) == finish, task.id
