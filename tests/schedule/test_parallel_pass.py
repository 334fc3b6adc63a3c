"""The parallel schedule generation pass (`sgs.parallel_pass`) and its waiting queues.

The pass parks a task whose resource is full on the day it is looked at, and brings it back on
the next day that resource has room, instead of retrying it every day. The reference below is
the pass as it was before, retrying every waiting task every day: the two must place every
task on the same day, on random plans and on one shared person. The operation count (not a
time) shows the quadratic retrying is gone.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from levelplans import level_plan
from randplans import Options, random_plan

from planctl.loader import load_text
from planctl.schedule import sgs
from planctl.schedule.compile import compile_network
from planctl.schedule.cpm import forward
from planctl.schedule.network import Network
from planctl.schedule.profile import Profile
from planctl.schedule.sgs import BUSY, FIXED, Placer, parallel_pass


def retry_every_day(pl: Placer, nodes: Sequence[int], key: Callable[[int], tuple],
                    prof: Profile) -> None:
    """The reference: every waiting task is looked at again on each day it might start."""
    net, member = pl.net, set(nodes)
    counts = {i: sum(1 for p, _, _ in net.preds[i] if p in member) for i in nodes}
    heap: list[tuple[int, tuple, int]] = []
    base: dict[int, tuple[int, bool]] = {}
    stack = [i for i in nodes if counts[i] == 0]

    def release() -> None:
        while stack:
            i = stack.pop()
            s, ws, by_start = pl.earliest(i)
            if pl.role[i] == BUSY:
                base[i] = (s, by_start)
                heapq.heappush(heap, (pl.fit_forward(i, ws, prof), key(i), i))
                continue
            pl.put(i, s, ws, by_start)
            done(i)

    def done(i: int) -> None:
        for j, _, _ in net.succs[i]:
            if j in member:
                counts[j] -= 1
                if counts[j] == 0:
                    stack.append(j)

    release()
    while heap:
        t, k, i = heapq.heappop(heap)
        ws = pl.fit_forward(i, t, prof)
        if ws != t:
            heapq.heappush(heap, (ws, k, i))
            continue
        s, by_start = base[i]
        pl.put(i, ws if net.resume[i] < 0 else s, ws, by_start)
        pl.book(i, prof)
        done(i)
        release()


def _placed(net: Network, engine: Callable, seed: int) -> list[tuple[int, int, int]]:
    early = forward(net)
    pl = Placer(net, early)
    prof = Profile(net.capacity, net.status if net.status is not None else 0, limit=net.horizon)
    for i in range(len(net)):  # as level() books them: fixed tasks first
        if pl.role[i] == FIXED and net.assign[i]:
            for r, units in net.assign[i]:
                for k in net.worked_days(i, early):
                    if k >= prof.floor and k not in net.leave[r]:
                        prof.ensure(k + 1)
                        prof.book(r, k, units)
    rng = random.Random(seed)
    noise = [rng.random() for _ in range(len(net))]
    nodes = [i for i in range(len(net)) if pl.role[i] != FIXED]
    engine(pl, nodes, lambda i: (noise[i], i), prof)
    return [(pl.start[i], pl.ws[i], pl.end[i]) for i in range(len(net))]


@settings(max_examples=120, deadline=None)
@given(st.integers(min_value=0, max_value=10**9),
       st.sampled_from(["simple", "general", "progress"]))
def test_parking_places_every_task_where_retrying_every_day_does(seed: int, kind: str) -> None:
    text = (random_plan(seed, Options(deadlines=True, progress=True)) if kind == "progress"
            else level_plan(seed, simple=kind == "simple"))
    plan = load_text(text, "p.yaml").plan
    net = compile_network(plan, plan.status_date)
    assert _placed(net, parallel_pass, seed) == _placed(net, retry_every_day, seed)


def _one_person(tasks: int, days: int = 1, capacity: int = 1, work: str = "duration") -> Network:
    lines = ["planctl: 1", "id: p", "name: P", "start: 2026-01-05",
             f"resources: [{{id: ann, name: Ann, capacity: {capacity},"
             " leave: [{from: 2026-02-02, to: 2026-02-06}]}]",
             "phases:", "  - id: ph", "    name: Ph", "    tasks:"]
    lines += [f"      - {{id: t{i}, name: T{i}, {work}: {days}d, assign: [ann]}}"
              for i in range(tasks)]
    return compile_network(load_text("\n".join(lines) + "\n", "p.yaml").plan, None)


def test_one_shared_person_matches_the_reference() -> None:
    for tasks, days, capacity, work in ((60, 1, 1, "duration"), (40, 3, 2, "duration"),
                                        (30, 2, 1, "effort"), (50, 1, 1, "effort")):
        net = _one_person(tasks, days, capacity, work)
        assert _placed(net, parallel_pass, 7) == _placed(net, retry_every_day, 7)


def test_one_shared_person_costs_a_few_fits_a_task(monkeypatch) -> None:
    """400 one-day tasks of one person: retrying every waiting task every day cost about
    n²/2 = 80,000 fits; parking costs one or two a task. (Effort: Ann does not work on leave;
    a duration task would run through it without her.)"""
    calls = 0
    fit = Placer.fit_forward

    def counted(self: Placer, i: int, ws: int, prof: Profile) -> int:
        nonlocal calls
        calls += 1
        return fit(self, i, ws, prof)

    monkeypatch.setattr(sgs.Placer, "fit_forward", counted)
    net = _one_person(400, work="effort")
    placed = _placed(net, parallel_pass, 3)
    assert calls <= 3 * 400, calls
    assert sorted(ws for _, ws, end in placed if end > ws) == [
        d for d in range(405) if d not in range(20, 25)]  # every working day but her leave
