"""Serial schedule generation over a `Network`: place nodes one by one against a `Profile`.

`Placer` holds a schedule being built (start, work start, end, and the milestone display flag
for every node) and knows, for one node, everything `cpm.forward` would compute from its
predecessors' current places. It then moves the node later, never earlier, until every day it
works has room on every resource it uses (`forward_pass`), or, for right-justification, as late
as its successors allow (`backward_pass`).

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

from planctl.schedule.network import (
    DURATION,
    EFFORT,
    FF,
    FS,
    MILESTONE,
    NO_BOUND,
    NO_LIMIT,
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
                self.demand[i] = tuple((r, min(u, net.capacity[r])) for r, u in net.assign[i])
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
        s = net.lower[i] if resumes else max(net.lower[i], more)
        by_start, end_bound = True, NO_BOUND
        if net.pinned_start[i] >= 0:
            s = net.pinned_start[i]
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
                    s = max(s, b)
                else:
                    end_bound = max(end_bound, b)
        if k >= MILESTONE:
            return s, s, by_start
        if end_bound > NO_BOUND:
            s = max(s, net.start_for_finish(i, end_bound))
        if k == EFFORT and net.pinned_start[i] < 0:
            s = net.first_workday(i, s)
        ws = s
        if resumes:
            ws = net.first_workday(i, max(s, net.resume[i], more))
        return s, ws, True

    def put(self, i: int, s: int, ws: int, by_start: bool) -> None:
        self.start[i], self.ws[i], self.placed[i] = s, ws, by_start
        self.end[i] = s if self.net.kind[i] >= MILESTONE else self.net.finish(i, ws)

    # -- resources ----------------------------------------------------------------------------

    def _end(self, i: int, ws: int) -> tuple[int, int]:
        """(work start, end) of BUSY node i asked to start work at ws."""
        net = self.net
        if net.kind[i] == EFFORT:
            ws = net.first_workday(i, ws)
            return ws, net.finish(i, ws)
        return ws, ws + net.work[i]

    def _misfit(self, i: int, ws: int, end: int, prof: Profile, last: bool) -> int:
        """The first (or, with `last`, the last) day in [ws, end) without room, or -1."""
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
            days = range(end - 1, lo - 1, -1) if last else range(lo, end)
            for k in days:
                if rem[k] < need and k not in away:
                    if found < 0 or (k > found if last else k < found):
                        found = k
                    break
        return found

    def book(self, i: int, prof: Profile) -> None:
        ws, end = self.ws[i], self.end[i]
        prof.ensure(end)
        lo = max(ws, prof.floor)
        skip = self.skip[i]
        for r, units in self.demand[i]:
            away = skip if skip is not None else self.net.leave[r]
            for k in range(lo, end):
                if k not in away:
                    prof.book(r, k, units)

    def full_resource(self, i: int, day: int, prof: Profile) -> int:
        """A resource BUSY node i uses that has no room at all on `day`, or -1."""
        if day < prof.floor:
            return -1
        for r, _ in self.demand[i]:
            if prof.next_open(r, day) > day:
                return r
        return -1

    def fit_forward(self, i: int, ws: int, prof: Profile) -> int:
        """The earliest work start >= ws at which BUSY node i fits."""
        while True:
            ws, end = self._end(i, ws)
            bad = self._misfit(i, ws, end, prof, last=False)
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

    def fit_backward(self, i: int, ws: int, floor: int, prof: Profile) -> int:
        """The latest work start in [floor, ws] at which BUSY node i fits, or -1."""
        net = self.net
        effort = net.kind[i] == EFFORT
        while ws >= floor:
            ws, end = self._end(i, ws)
            bad = self._misfit(i, ws, end, prof, last=True)
            if bad < 0:
                return ws
            # Every worked day must come before the clash: end <= bad.
            last_day = bad - 1
            moved = True
            while moved:
                moved = False
                for r, _ in self.demand[i]:
                    prev = prof.prev_open(r, last_day)
                    if prev < last_day:
                        last_day, moved = prev, True
            ws = net.latest_start(i, last_day + 1) if effort else last_day + 1 - net.work[i]
        return -1


def _ready_heap(nodes: Sequence[int], counts: dict[int, int],
                key: Callable[[int], object]) -> list[tuple[object, int]]:
    heap = [(key(i), i) for i in nodes if counts[i] == 0]
    heapq.heapify(heap)
    return heap


def forward_pass(pl: Placer, nodes: Sequence[int], key: Callable[[int], object],
                 prof: Profile) -> None:
    """Place `nodes` (one priority class) in `key` order among those whose predecessors in
    the class are placed, each as early as links and `prof` allow; books them in `prof`."""
    net, member = pl.net, set(nodes)
    counts = {i: sum(1 for p, _, _ in net.preds[i] if p in member) for i in nodes}
    heap = _ready_heap(nodes, counts, key)
    while heap:
        _, i = heapq.heappop(heap)
        s, ws, by_start = pl.earliest(i)
        if pl.role[i] == BUSY:
            ws = pl.fit_forward(i, ws, prof)
            if net.resume[i] < 0:
                s = ws
        pl.put(i, s, ws, by_start)
        if pl.role[i] == BUSY:
            pl.book(i, prof)
        for j, _, _ in net.succs[i]:
            if j in member:
                counts[j] -= 1
                if counts[j] == 0:
                    heapq.heappush(heap, (key(j), j))


def backward_pass(pl: Placer, nodes: Sequence[int], finish: int, prof: Profile) -> bool:
    """Right-justify `nodes`: latest finish first, each as late as its successors (placed by
    this pass) and `finish` allow, but never before its current place. False when a node no
    longer fits anywhere there (the caller keeps the schedule it had)."""
    net, member = pl.net, set(nodes)
    counts = {i: sum(1 for j, _, _ in net.succs[i] if j in member) for i in nodes}
    end_now = list(pl.end)
    heap = _ready_heap(nodes, counts, lambda i: (-end_now[i], -i))
    while heap:
        _, i = heapq.heappop(heap)
        le, ls = finish, NO_LIMIT
        for j, typ, lag in net.succs[i]:
            if j not in member or not net.follows_links[j]:
                continue
            if typ == FS:
                le = min(le, pl.start[j] - lag)
            elif typ == SS:
                ls = min(ls, pl.start[j] - lag)
            elif typ == FF:
                le = min(le, pl.end[j] - lag)
            else:
                ls = min(ls, pl.end[j] - lag)
        k = net.kind[i]
        if k >= MILESTONE:
            t = max(pl.start[i], min(le, ls))
            pl.put(i, t, t, pl.placed[i])
        elif pl.role[i] != BUSY or net.resume[i] >= 0:
            pass  # work in progress and tasks without resources stay put in this pass
        else:
            if k == DURATION:
                ws = min(le - net.work[i], ls)
            else:
                if ls < NO_LIMIT // 2:
                    le = min(le, net.finish(i, net.last_workday(i, ls)))
                ws = net.latest_start(i, le)
            ws = pl.fit_backward(i, ws, pl.ws[i], prof)
            if ws < 0:
                return False
            pl.put(i, ws, ws, True)
        if pl.role[i] == BUSY:
            pl.book(i, prof)
        for p, _, _ in net.preds[i]:
            if p in member:
                counts[p] -= 1
                if counts[p] == 0:
                    heapq.heappush(heap, ((-end_now[p], -p), p))
    return True


def parallel_pass(pl: Placer, nodes: Sequence[int], key: Callable[[int], tuple],
                  prof: Profile) -> None:
    """Place `nodes` walking forward in time: at each day, the tasks that can start then are
    offered their resources in `key` order (priority first); a task that does not fit waits
    for the next day it could. Started tasks keep their resources (no interruption).

    A waiting task is looked at again only on days it might start. One found on a day its
    resource r has no room left at all waits in r's queue (`_Waiting`) and comes back, in key
    order, on the next day r has room: retrying every waiting task on every day made one
    shared resource quadratic (2,000 one-day tasks of one person took minutes). A full day of
    r is never a leave day of r (nothing is booked on leave), so a task using r works on it
    (an effort task never starts on a day it does not work) and cannot start on it."""
    net, member = pl.net, set(nodes)
    counts = {i: sum(1 for p, _, _ in net.preds[i] if p in member) for i in nodes}
    heap: list[tuple[int, tuple, int]] = []
    base: dict[int, tuple[int, bool]] = {}
    stack = [i for i in nodes if counts[i] == 0]
    waiting = _Waiting(prof, heap)
    keys: dict[int, tuple] = {}

    def release() -> None:
        while stack:
            i = stack.pop()
            s, ws, by_start = pl.earliest(i)
            if pl.role[i] == BUSY:
                base[i] = (s, by_start)
                keys[i] = key(i)
                heapq.heappush(heap, (pl.fit_forward(i, ws, prof), keys[i], i))
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
        if i < 0:
            i = waiting.wake(-1 - i, t, k)
            if i < 0:
                continue  # a wake-up that a later one replaced
        full = pl.full_resource(i, t, prof)
        if full >= 0:
            waiting.park(full, t, k, i)
            continue
        ws = pl.fit_forward(i, t, prof)
        if ws != t:
            heapq.heappush(heap, (ws, k, i))
            continue
        s, by_start = base[i]
        pl.put(i, ws if net.resume[i] < 0 else s, ws, by_start)
        pl.book(i, prof)
        done(i)
        release()


class _Waiting:
    """Tasks of `parallel_pass` waiting for a resource r that had no room left on the day they
    were looked at: one queue a resource, in key order, and one wake-up entry (day, key,
    -1 - r) in the pass's heap for the queue's first task on the next day r has room. The pass
    walks forward in time and a task is parked on the day it is looked at, so that day is the
    first every parked task could start. Days only fill up, so a wake-up is never late; one
    that comes early or out of date is put right when it is taken (`wake`). Every task comes
    back at the day and key at which retrying it every day would first have let it start."""

    def __init__(self, prof: Profile, heap: list[tuple[int, tuple, int]]) -> None:
        self.prof, self.heap = prof, heap
        self.queues: dict[int, list[tuple[tuple, int]]] = {}
        self.armed: dict[int, tuple[int, tuple]] = {}

    def park(self, r: int, day: int, k: tuple, i: int) -> None:
        heapq.heappush(self.queues.setdefault(r, []), (k, i))
        self._arm(r, day)

    def wake(self, r: int, day: int, k: tuple) -> int:
        """The task due at the wake-up (day, k) of resource r, or -1 when there is none."""
        if self.armed.get(r) != (day, k):
            return -1  # replaced by an earlier one
        del self.armed[r]
        queue = self.queues[r]
        if (self.prof.next_open(r, day), queue[0][0]) != (day, k):
            self._arm(r, day)
            return -1
        _, i = heapq.heappop(queue)
        if queue:
            self._arm(r, day)
        return i

    def _arm(self, r: int, day: int) -> None:
        when = (self.prof.next_open(r, day), self.queues[r][0][0])
        if r not in self.armed or when < self.armed[r]:
            self.armed[r] = when
            heapq.heappush(self.heap, (*when, -1 - r))
