"""Serial schedule generation over a `Network`: place nodes one by one against a `Profile`.

`Placer` holds a schedule being built (start, work start, end, and the milestone display flag
for every node) and knows, for one node, everything `cpm.forward` would compute from its
predecessors' current places. It then moves the node later, never earlier, until every day it
works has room on every resource it uses (`forward_pass`).

Node categories (`Placer.role`):
- FIXED: actual dates, or a start fixed by an actual start with nothing left to resume; kept
  where the unlevelled pass put them, their load booked before anything else is placed;
- BUSY: tasks with assignments that levelling may delay (work start only, for work in
  progress);
- FREE: everything else (milestones, helper nodes, tasks without resources): placed where
  their links put them.

A task that needs more units than a resource has is placed as if it needed exactly the
capacity: it then waits for that resource to be free, rather than forever.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Any

from planctl.schedule.network import (
    DURATION,
    EFFORT,
    FF,
    FS,
    MILESTONE,
    NO_BOUND,
    SS,
    Network,
    Times,
)
from planctl.schedule.profile import Profile

FIXED, BUSY, FREE = 0, 1, 2
_EPSILON = 1e-9


class Placer:
    """A schedule under construction (see the module docstring)."""

    def __init__(self, net: Network, early: Times) -> None:
        self.net, self.early = net, early
        n = len(net)
        self.start = list(early.start)
        self.ws = list(early.work_start)
        self.end = list(early.end)
        self.placed = list(early.start_placed)
        self.role = [FREE] * n
        self.demand: list[tuple[tuple[int, float], ...]] = [()] * n
        self.skip: list[frozenset[int] | None] = [None] * n
        # Effort tasks of the same resources share one blocked tuple (compile.py): share the
        # set made from it too, or a resource on leave for decades costs every task a copy.
        shared: dict[int, frozenset[int]] = {}
        for i in range(n):
            if net.pinned_end[i] >= 0 or (net.pinned_start[i] >= 0 and net.resume[i] < 0):
                self.role[i] = FIXED
            elif net.assign[i] and net.kind[i] in (DURATION, EFFORT) and net.work[i] > 0:
                self.role[i] = BUSY
                self.demand[i] = tuple([(r, min(u, net.capacity[r])) for r, u in net.assign[i]])
                if net.kind[i] == EFFORT:
                    blocked = net.blocked[i]
                    skip = shared.get(id(blocked))
                    if skip is None:
                        skip = shared[id(blocked)] = frozenset(blocked)
                    self.skip[i] = skip

    # -- one node, as cpm.forward places it -----------------------------------------------

    def earliest(self, i: int) -> tuple[int, int, bool]:
        """(start, work start, start placed) of node i from its predecessors' places."""
        net = self.net
        kind, start, end, placed = net.kind, self.start, self.end, self.placed
        k = kind[i]
        if self.role[i] == FIXED:
            return self.early.start[i], self.early.work_start[i], self.early.start_placed[i]
        more = self.early.work_start[i] if k < MILESTONE else NO_BOUND
        resumes = net.resume[i] >= 0
        lower = net.lower[i]
        s = lower if resumes or lower >= more else more
        by_start, end_bound = True, NO_BOUND
        pinned = net.pinned_start[i]
        if pinned >= 0:
            s = pinned
        else:
            for p, typ, lag in net.preds[i]:
                if typ in (FS, FF):
                    b = end[p] + lag
                    anchor = placed[p] if kind[p] >= MILESTONE else False
                else:
                    b = start[p] + lag
                    anchor = placed[p] if kind[p] >= MILESTONE else True
                if k >= MILESTONE:
                    kind_start = anchor and lag <= 0
                    if b > s:
                        s, by_start = b, kind_start
                    elif b == s and kind_start:
                        by_start = True
                elif typ in (FS, SS):
                    if b > s:
                        s = b
                elif b > end_bound:
                    end_bound = b
        if k >= MILESTONE:
            return s, s, by_start
        if end_bound > NO_BOUND:
            s = max(s, net.start_for_finish(i, end_bound))
        if k == EFFORT and pinned < 0:
            s = net.first_workday(i, s)
        ws = s
        if resumes:
            ws = net.first_workday(i, max(s, net.resume[i], more))
        return s, ws, True

    # -- resources ----------------------------------------------------------------------------

    def _misfit(self, i: int, ws: int, end: int, prof: Profile) -> int:
        """The first day in [ws, end) without room, or -1."""
        if end > prof.size:
            prof.ensure(end)
        found = -1
        lo = max(ws, prof.floor)
        skip = self.skip[i]
        leave = self.net.leave
        for r, units in self.demand[i]:
            rem = prof.rem[r]
            need = units - _EPSILON
            if lo >= end or min(rem[lo:end]) >= need:
                continue  # room on every day: the common case, checked at C speed
            away = skip if skip is not None else leave[r]
            for k in range(lo, end):
                if rem[k] < need and k not in away:
                    if found < 0 or k < found:
                        found = k
                    break
        return found

    def book(self, i: int, prof: Profile) -> None:
        ws, end = self.ws[i], self.end[i]
        if end > prof.size:
            prof.ensure(end)
        lo = max(ws, prof.floor)
        skip = self.skip[i]
        if lo >= end:
            return
        days = range(lo, end)
        for r, units in self.demand[i]:
            away = skip if skip is not None else self.net.leave[r]
            # `Profile.book` for each day, written out: the innermost loop of levelling.
            rem, full = prof.rem[r], prof.nxt[r]
            if away.isdisjoint(days):
                # No day off in the span (the common case): one slice, at C speed.
                left = [room - units for room in rem[lo:end]]
                rem[lo:end] = left
                if max(left) <= _EPSILON:  # every day now full: a person on a task
                    full.update(zip(days, range(lo + 1, end + 1), strict=True))
                elif min(left) <= _EPSILON:
                    for k in days:
                        if rem[k] <= _EPSILON:
                            full[k] = k + 1
                continue
            for k in days:
                if k not in away:
                    left_k = rem[k] - units
                    rem[k] = left_k
                    if left_k <= _EPSILON:
                        full[k] = k + 1

    def fit_forward(self, i: int, ws: int, prof: Profile) -> int:
        """The earliest work start >= ws at which BUSY node i fits."""
        net = self.net
        effort, work = net.kind[i] == EFFORT, net.work[i]
        while True:
            if effort:
                ws = net.first_workday(i, ws)
                end = net.finish(i, ws)
            else:
                end = ws + work
            bad = self._misfit(i, ws, end, prof)
            if bad < 0:
                return ws
            ws = bad + 1
            moved = True
            while moved:  # jump over runs of full days of every resource
                moved = False
                for r, _ in self.demand[i]:
                    nxt = prof.next_open(r, ws)
                    if nxt > ws:
                        ws, moved = nxt, True


def forward_pass(pl: Placer, nodes: Sequence[int], key: Callable[[int], Any],
                 prof: Profile) -> None:
    """Place `nodes` (one priority class) in `key` order among those whose predecessors in
    the class are placed, each as early as links and `prof` allow; books them in `prof`.
    `key(i)` is fixed for each node and no two nodes share one."""
    net = pl.net
    # The ready nodes wait in a heap of their ranks in key order: the heap then compares
    # ints, not pairs of key tuples.
    by_key = sorted(nodes, key=key)
    rank = [0] * len(net)
    member = [False] * len(net)
    for position, i in enumerate(by_key):
        rank[i] = position
        member[i] = True
    preds, succs, role, resume = net.preds, net.succs, pl.role, net.resume
    kind, work, blocked = net.kind, net.work, net.blocked
    start, work_start, end, placed = pl.start, pl.ws, pl.end, pl.placed
    counts = [0] * len(net)
    heap = []
    for i in nodes:
        links = preds[i]
        # Members among the predecessors (a list of bools summed: no generator a node).
        counts[i] = count = sum([member[link[0]] for link in links]) if links else 0
        if count == 0:
            heap.append(rank[i])
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        i = by_key[pop(heap)]
        s, ws, by_start = pl.earliest(i)
        busy = role[i] == BUSY
        if busy:
            ws = pl.fit_forward(i, ws, prof)
            if resume[i] < 0:
                s = ws
        # `pl.put`, written out: once a node.
        start[i], work_start[i], placed[i] = s, ws, by_start
        if kind[i] >= MILESTONE:
            end[i] = s
        else:
            end[i] = ws + work[i] if not blocked[i] else net.finish(i, ws)
        if busy:
            pl.book(i, prof)
        for link in succs[i]:
            j = link[0]
            if member[j]:
                counts[j] -= 1
                if counts[j] == 0:
                    push(heap, rank[j])
