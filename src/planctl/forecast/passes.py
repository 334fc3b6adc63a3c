"""The critical path method over many iterations at once: `cpm.forward` and `cpm.backward`,
vectorised.

Every per-node value is either a Python int (the same in every iteration: nothing upstream
varies) or a numpy array with one entry per iteration. Keeping constants as ints makes a plan
with a few uncertain tasks cost little more than one deterministic pass.

The passes mirror `planctl.schedule.cpm` line for line, so that with every sampled span equal
to the deterministic one they give back the deterministic dates (a test holds them to it).
Deadlines are left out of the backward pass: criticality is about the plan's finish.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Union

import numpy as np

from planctl.schedule.network import (
    EFFORT,
    FF,
    FS,
    MILESTONE,
    NO_BOUND,
    NO_LIMIT,
    SS,
    VIRTUAL,
    Network,
)

Value = Union[int, np.ndarray]  # noqa: UP007  (a runtime alias: `|` needs Python 3.10 types)
Flag = Union[bool, np.ndarray]  # noqa: UP007


def vmax(a: Value, b: Value) -> Value:
    if isinstance(a, int) and isinstance(b, int):
        return a if a >= b else b
    return np.maximum(a, b)


def vmin(a: Value, b: Value) -> Value:
    if isinstance(a, int) and isinstance(b, int):
        return a if a <= b else b
    return np.minimum(a, b)


def _select(cond: Flag, yes: Flag, no: Flag) -> Flag:
    if isinstance(cond, bool):
        return yes if cond else no
    return np.where(cond, yes, no)


@dataclass
class Passes:
    """Boundaries of every node, per iteration (see `Value`)."""

    start: list[Value]
    work_start: list[Value]
    end: list[Value]
    placed: list[Flag]


class Leave:
    """Vectorised `Network.first_workday` / `finish` for a node with blocked days."""

    def __init__(self, blocked: tuple[int, ...]) -> None:
        self.blocked = blocked
        self.days = np.asarray(blocked, dtype=np.int64)
        # For each blocked day, the first day after its run of blocked days.
        after = np.empty_like(self.days)
        nxt = -1
        for j in range(len(blocked) - 1, -1, -1):
            if j + 1 < len(blocked) and blocked[j + 1] == blocked[j] + 1:
                after[j] = nxt
            else:
                nxt = blocked[j] + 1
                after[j] = nxt
        self.after = after

    def first_workday(self, b: Value) -> Value:
        if isinstance(b, int):
            at = bisect_left(self.blocked, b)
            return int(self.after[at]) if at < len(self.blocked) and self.blocked[at] == b else b
        days = self.days
        at = np.searchsorted(days, b)
        inside = np.minimum(at, len(days) - 1)
        hit = (at < len(days)) & (days[inside] == b)
        out = np.where(hit, self.after[inside], b)
        return int(out) if isinstance(b, int) else out

    def finish(self, ws: Value, work: Value) -> Value:
        if isinstance(ws, int) and isinstance(work, int):
            return self._finish_one(ws, work)
        s = self.first_workday(ws)
        days = self.days
        lo = np.searchsorted(days, s)
        end = s + work
        while True:
            grown = s + work + np.searchsorted(days, end) - lo
            if np.array_equal(grown, end):
                break
            end = grown
        return int(end) if np.ndim(end) == 0 else end

    def _finish_one(self, ws: int, work: int) -> int:
        s = self.first_workday(ws)
        blocked = self.blocked
        lo = bisect_left(blocked, s)
        end = s + work
        while True:
            grown = s + work + bisect_left(blocked, end, lo) - lo
            if grown == end:
                return end
            end = grown

    def start_for_finish(self, end: Value, work: Value) -> Value:
        """The earliest work start whose finish is at or after `end` (a binary search, as
        `Network.start_for_finish`, over every iteration at once)."""
        hi = end - work
        lo = hi - len(self.days)
        while np.any(lo < hi):
            mid = (lo + hi) // 2
            fits = self.finish(mid, work) >= end
            hi, lo = np.where(fits, mid, hi), np.where(fits, lo, mid + 1)
        return self.first_workday(int(lo) if np.ndim(lo) == 0 else lo)


def _start_for_finish(net: Network, i: int, end: Value, work: Value,
                      gaps: Leave | None) -> Value:
    """`Network.start_for_finish` with a sampled amount of work."""
    if gaps is None:
        return end - work
    return gaps.start_for_finish(end, work)


def forward(net: Network, extra: list[int], work: list[Value], shift: list[Value],
            leave: dict[int, Leave]) -> Passes:
    """`cpm.forward(net, extra)` with node i working `work[i]` days (instead of
    `net.work[i]`) and milestone i moved `shift[i]` days later."""
    n = len(net)
    times = Passes([0] * n, [0] * n, [0] * n, [True] * n)
    for i in net.forward_order():
        _place(net, i, extra, work, shift, leave, times)
    return times


def _place(net: Network, i: int, extra: list[int], work: list[Value], shift: list[Value],
           leave: dict[int, Leave], times: Passes) -> None:
    """Node i's boundaries from its predecessors' (one step of `cpm.forward`)."""
    start, work_start, end, placed = times.start, times.work_start, times.end, times.placed
    kind = net.kind
    if net.pinned_end[i] >= 0:
        start[i] = work_start[i] = net.pinned_start[i]
        end[i] = net.pinned_end[i]
        placed[i] = net.pinned_by_start[i]
        return
    k = kind[i]
    more = extra[i]
    resumes = net.resume[i] >= 0
    s: Value = net.lower[i] if resumes else max(net.lower[i], more)
    by_start: Flag = True
    end_bound: Value = NO_BOUND
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
                kind_start = anchor & (lag <= 0)
                by_start = _select(b > s, kind_start,
                                   _select(b == s, by_start | kind_start, by_start))
                s = vmax(s, b)
            elif typ in (FS, SS):
                s = vmax(s, b)
            else:
                end_bound = vmax(end_bound, b)
    if k >= MILESTONE:
        s = s + shift[i]
        start[i] = work_start[i] = end[i] = s
        placed[i] = by_start
        return
    w = work[i]
    gaps = leave.get(i)
    if not (isinstance(end_bound, int) and end_bound == NO_BOUND):
        s = vmax(s, _start_for_finish(net, i, end_bound, w, gaps))
    if gaps is not None and net.pinned_start[i] < 0:
        s = gaps.first_workday(s)
    ws = s
    if resumes:
        ws = vmax(vmax(s, net.resume[i]), more)
        if gaps is not None:
            ws = gaps.first_workday(ws)
    start[i], work_start[i] = s, ws
    end[i] = gaps.finish(ws, w) if gaps is not None else ws + w


def critical(net: Network, times: Passes, finish: Value, real: list[int]) -> dict[int, Flag]:
    """For each node of `real`: whether its total float against `finish` is <= 0, per
    iteration (`cpm.backward` without deadlines, then `cpm.total_floats`)."""
    n = len(net)
    late_start: list[Value] = [0] * n
    late_end: list[Value] = [0] * n
    kind, succs, follows = net.kind, net.succs, net.follows_links
    start, end, work_start = times.start, times.end, times.work_start
    for i in net.backward_order():
        k = kind[i]
        le: Value = NO_LIMIT if k == VIRTUAL else finish
        ls: Value = NO_LIMIT
        for j, typ, lag in succs[i]:
            if not follows[j]:
                continue
            if typ == FS:
                le = vmin(le, late_start[j] - lag)
            elif typ == SS:
                ls = vmin(ls, late_start[j] - lag)
            elif typ == FF:
                le = vmin(le, late_end[j] - lag)
            else:
                ls = vmin(ls, late_end[j] - lag)
        if k >= MILESTONE:
            late_start[i] = late_end[i] = vmin(le, ls)
        elif not follows[i] or net.resume[i] >= 0:
            shift = vmin(le - end[i], ls - start[i])
            late_start[i], late_end[i] = start[i] + shift, end[i] + shift
        else:
            # The span a node needs, leave included (exact for duration nodes; for effort
            # nodes with leave, the leave it met where it was placed).
            span = end[i] - work_start[i]
            le = vmin(le, ls + span)
            late_start[i], late_end[i] = le - span, le
    out: dict[int, Flag] = {}
    for i in real:
        slack = vmin(late_start[i] - start[i], late_end[i] - end[i])
        out[i] = slack <= 0
    return out


def leave_of(net: Network) -> dict[int, Leave]:
    """The vectorised leave of every effort node that has any."""
    return {i: Leave(net.blocked[i]) for i in range(len(net))
            if net.kind[i] == EFFORT and net.blocked[i]}
