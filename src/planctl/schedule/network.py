"""The compiled, numeric form of a plan that every scheduling pass works on.

`compile_network(plan, status)` (in `compile.py`) turns a `Plan` into a `Network`; the passes in
`cpm.py` and the levelling in `level.py` read it and never touch the pydantic models.

Time
    Integers counting working-day *boundaries* of `net.calendar` (a `WorkCalendar`): working
    day k runs from boundary k to boundary k + 1; `calendar.day(k)` is its date. A node that
    works days s .. e-1 has start boundary s and end boundary e (e - s working days); a
    milestone has s = e = t. All plan dates were converted when the network was compiled.

Nodes
    Indexes 0 .. n-1 *in topological order*: every predecessor of node i has an index < i,
    so one loop `for i in range(n)` is a forward pass and `range(n - 1, -1, -1)` a backward
    one. `file_order[i]` is the task's position in the file (the last tie-breaker when
    levelling). Kinds:

    - `DURATION`: spans `work[i]` working days of the plan calendar, whatever its resources do.
    - `EFFORT`: works `work[i]` days, only on days when every assigned resource is available;
      `blocked[i]` is the sorted tuple of working-day indexes on which it cannot work (the
      union of its resources' leave). Its start is always a day it works (`first_workday`).
    - `MILESTONE`: no length (`work` 0). Cancelled tasks compile to this kind too, with no
      assignments, so their links still order their neighbours (`cancelled[i]` is True).
    - `VIRTUAL`: a helper node with no length, no resources and no place in any report. A
      dependency on a phase, or a phase's own `depends_on`, is routed through one of these
      so a phase of 1,000 tasks does not become 1,000 x 1,000 links.

    `assign[i]` is a tuple of `(resource index, units)`; `priority[i]` 1..1000 (higher wins).

Links
    `preds[i]` is a tuple of `(p, type, lag)` with `p < i`, type `FS`/`SS`/`FF`/`SF` and the
    lag in working days (may be negative); `succs[p]` holds the same links as `(i, type, lag)`.
    With s, e the start/end boundaries (for milestones and virtual nodes s = e):
    FS: s(i) >= e(p) + lag; SS: s(i) >= s(p) + lag; FF: e(i) >= e(p) + lag;
    SF: e(i) >= s(p) + lag.  `follows_links[i]` is False for tasks whose dates are facts
    (done, or in progress with an actual start): links neither move them nor are checked on them.

Lower bounds and progress
    `lower[i]` is the earliest work start from everything but links: the plan's start,
    `start_no_earlier_than`, and the status date for work not yet started (`NO_BOUND` for
    virtual nodes). `pinned_start[i]` / `pinned_end[i]` (or -1) are boundaries fixed by actual
    dates. An in-progress task has `resume[i]` >= 0 (the status date's boundary): its start is
    `pinned_start` (or where links put it, but no later than `resume`), and its remaining
    `work[i]` days are scheduled from `resume` on.

Resources
    `resource_ids[r]`, `capacity[r]`, and `leave[r]`: the frozenset of working-day indexes the
    resource is away. `available(r, k)` tests one day.

For the levelling engineer: `forward(net, extra)` in `cpm.py` is the forward pass; `extra[i]`
is an additional lower bound on node i's work start (delay a node by raising it). `finish(i, ws)`
gives the end boundary of node i when its work starts at `ws`, leave included. `worked_days(i,
times)` yields the working-day indexes a placed node loads its resources on.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planctl.calendar import WorkCalendar

DURATION, EFFORT, MILESTONE, VIRTUAL = 0, 1, 2, 3
FS, SS, FF, SF = 0, 1, 2, 3
LINK_TYPES = ("FS", "SS", "FF", "SF")
NO_BOUND = -(1 << 40)
"""A lower bound that never binds."""
NO_LIMIT = 1 << 40
"""An upper bound that never binds (no deadline)."""

Link = tuple[int, int, int]
"""(other node, link type, lag in working days)."""


@dataclass
class Network:
    """A plan as numbers: see the module docstring for every field's meaning."""

    calendar: WorkCalendar
    plan_start: int
    status: int | None
    """Boundary of the status date, or None when there is no status-date constraint."""
    ids: list[str] = field(default_factory=list)
    kind: list[int] = field(default_factory=list)
    work: list[int] = field(default_factory=list)
    assign: list[tuple[tuple[int, float], ...]] = field(default_factory=list)
    blocked: list[tuple[int, ...]] = field(default_factory=list)
    preds: list[tuple[Link, ...]] = field(default_factory=list)
    succs: list[list[Link]] = field(default_factory=list)
    lower: list[int] = field(default_factory=list)
    pinned_start: list[int] = field(default_factory=list)
    pinned_end: list[int] = field(default_factory=list)
    resume: list[int] = field(default_factory=list)
    follows_links: list[bool] = field(default_factory=list)
    deadline_end: list[int] = field(default_factory=list)
    """Boundary at which the deadline day ends (`NO_LIMIT` when there is none)."""
    priority: list[int] = field(default_factory=list)
    file_order: list[int] = field(default_factory=list)
    cancelled: list[bool] = field(default_factory=list)
    phase: list[str] = field(default_factory=list)
    """Phase id of each task ('' for virtual nodes)."""
    model: list[Any] = field(default_factory=list)
    """The `Task` each node came from (None for virtual nodes)."""
    resource_ids: list[str] = field(default_factory=list)
    capacity: list[float] = field(default_factory=list)
    leave: list[frozenset[int]] = field(default_factory=list)
    plan_lower: list[int] = field(default_factory=list)
    """`lower` without the status date: what the plan alone asks for."""
    pinned_by_start: list[bool] = field(default_factory=list)
    """For pinned milestones: shown on the day beginning at t (True) or the day before."""
    done_work: list[int] = field(default_factory=list)
    """Working days of work already done by a task in progress (`work` is what remains)."""
    leave_horizon: int = NO_LIMIT
    """Leave is known up to this boundary; later work of a resource on leave there is refused."""
    horizon: int = NO_LIMIT
    """No task may end after this boundary (`planctl.schedule.horizon`)."""
    order: list[int] | None = None
    """A topological order of the nodes when it is not 0 .. n-1: set only on the driving
    network of a levelled schedule (`handoffs.driving_network`), whose resource links may run
    from a higher index to a lower one. The passes of `cpm.py` follow it."""

    def __len__(self) -> int:
        return len(self.ids)

    def forward_order(self) -> range | list[int]:
        """Nodes in topological order (predecessors first)."""
        return self.order if self.order is not None else range(len(self.ids))

    def backward_order(self) -> range | list[int]:
        """Nodes in reverse topological order (successors first)."""
        if self.order is not None:
            return self.order[::-1]
        return range(len(self.ids) - 1, -1, -1)

    @property
    def real(self) -> list[int]:
        """Indexes of the nodes that are tasks (not virtual), in topological order."""
        return [i for i, k in enumerate(self.kind) if k != VIRTUAL]

    def available(self, r: int, k: int) -> bool:
        """Whether resource r works on working day k."""
        return k not in self.leave[r]

    # -- effort arithmetic (duration nodes are plain addition) -----------------------------

    def first_workday(self, i: int, b: int) -> int:
        """The first day >= b on which node i can work (b itself unless blocked)."""
        blocked = self.blocked[i]
        if not blocked:
            return b
        at = bisect_left(blocked, b)
        while at < len(blocked) and blocked[at] == b:
            b += 1
            at += 1
        return b

    def last_workday(self, i: int, b: int) -> int:
        """The last day <= b on which node i can work."""
        blocked = self.blocked[i]
        if not blocked:
            return b
        at = bisect_left(blocked, b)
        while at >= 0 and at < len(blocked) and blocked[at] == b:
            b -= 1
            at -= 1
        return b

    def finish(self, i: int, ws: int) -> int:
        """End boundary of node i when its work starts at boundary ws."""
        work = self.work[i]
        blocked = self.blocked[i]
        if not blocked:
            return ws + work
        s = self.first_workday(i, ws)
        if work == 0:
            return s
        lo = bisect_left(blocked, s)
        end = s + work
        while True:
            # Every blocked day inside [s, end) pushes the end one day further.
            grown = s + work + bisect_left(blocked, end, lo) - lo
            if grown == end:
                return end
            end = grown

    def start_for_finish(self, i: int, end: int) -> int:
        """The earliest work start of node i whose finish is at or after `end`."""
        hi = end - self.work[i]
        blocked = self.blocked[i]
        if not blocked:
            return hi
        lo = hi - len(blocked)
        # finish() never decreases as the start moves later: binary-search the first fit.
        while lo < hi:
            mid = (lo + hi) // 2
            if self.finish(i, mid) >= end:
                hi = mid
            else:
                lo = mid + 1
        return self.first_workday(i, lo)

    def latest_start(self, i: int, end: int) -> int:
        """The latest work start of node i whose finish is at or before `end`."""
        hi = end - self.work[i]
        blocked = self.blocked[i]
        if not blocked:
            return hi
        lo = hi - len(blocked)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.finish(i, mid) <= end:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def worked_days(self, i: int, times: Times) -> Sequence[int]:
        """Working-day indexes on which node i works (and loads its resources) in `times`.

        A task in progress has done `done_work[i]` days of work on its first days from its
        start (up to the status date), then works from its resumed work start to its end;
        effort tasks skip their blocked days. Most tasks work every day from their work start
        to their end: for them this is a `range`.
        """
        start, ws, end = times.start[i], times.work_start[i], times.end[i]
        blocked = self.blocked[i]
        resumed = start < ws and self.resume[i] >= 0
        if not blocked and not resumed:
            return range(ws, end)
        days = []
        if resumed:
            done = self.done_work[i]
            pause = min(ws, self.resume[i])
            for k in range(start, max(start, pause)):
                if done <= 0:
                    break
                if not blocked or k not in blocked:
                    done -= 1
                    days.append(k)
        if not blocked:
            days.extend(range(ws, end))
        else:
            skip = set(blocked[bisect_left(blocked, ws):bisect_left(blocked, end)])
            days.extend(k for k in range(ws, end) if k not in skip)
        return days

    def without_status(self) -> Network:
        """The same plan as if there were no status date: the plan's own dates, with every
        task in progress running its whole span from its start (for `overdue`)."""
        n = len(self.ids)
        return replace(self, status=None, lower=list(self.plan_lower), resume=[-1] * n,
                       work=[w + d for w, d in zip(self.work, self.done_work, strict=True)])


@dataclass
class Times:
    """Boundaries of every node after a forward pass (or after levelling).

    `start` is the reported start (an actual start for tasks in progress), `work_start` where
    the work being scheduled begins (equal to `start` except for tasks in progress), `end` the
    end boundary. `start_placed[i]` tells for milestones (and virtual nodes) whether a start
    placed them (the plan's start, `start_no_earlier_than`, an SS link with no lag...), so they
    are shown on the day that begins at t, or a finish, so they are shown on the day before t.
    """

    start: list[int]
    work_start: list[int]
    end: list[int]
    start_placed: list[bool]

    def copy(self) -> Times:
        return Times(list(self.start), list(self.work_start), list(self.end),
                     list(self.start_placed))
