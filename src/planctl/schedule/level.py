"""Resource levelling: delay tasks until no resource is used above its capacity on any day.

Contract of `level(net, early) -> Times` (called by `schedule_plan` when levelling is on):
no resource above its `capacity` on any working day from the status date on (days before it
are history); every link of `net.preds` still holds; no node earlier than in `early`; nodes with
actual dates never move, and a task in progress keeps its start (only its remaining work may
be delayed). The result is built by `cpm.forward(net, extra)` with `extra[i]` the levelled work
start of each task, so every link is re-applied by the same code as the unlevelled pass.
Levelling only delays: a task is never split or interrupted.

How (documented in docs/scheduling.md, "Resource levelling"):

- Priority. A task competes with the highest `priority` of itself and of every task that
  depends on it, directly or not (a task that a high-priority task waits for is as urgent as
  it). When two tasks could both start on a day but there is room for only one, the higher
  priority starts; a task that cannot start yet does not hold the resource back, so a
  lower-priority task may use it meanwhile, and keeps it until it finishes. Among equal
  priorities the contract's order (less total float, then file order) is tried first.
- Schedules. Two engines place tasks one at a time, each as early as its links allow and then
  at the first day from which every day it works has room on every resource it uses: the
  serial one takes tasks in rule order (priority first), the parallel one walks forward in
  time and, on each day, offers the resources to the tasks that can start then in rule order.
- Improvement. The first schedule uses the contract's order. Others use other rules inside
  equal priority (latest start, latest finish, most work, earliest start, then random orders
  biased to late start), each refined by forward-backward improvement: right-justify every
  task against the finish, latest finish first, then place again in that order. The schedule
  that finishes first is kept (ties: the smaller sum of finishes, then the earlier attempt).
  The search stops early when a schedule finishes with the unlevelled one (nothing can beat
  it) or when random orders stop improving. The work is bounded by the plan's size, never by
  the clock, so results are reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from planctl.schedule.cpm import backward, forward, plan_finish, total_floats
from planctl.schedule.network import NO_BOUND, VIRTUAL, Network, Times
from planctl.schedule.profile import Profile
from planctl.schedule.sgs import (
    BUSY,
    FIXED,
    Placer,
    backward_pass,
    forward_pass,
    parallel_pass,
)

PASS_BUDGET = 8_000
"""Node placements the improvement may spend (a pass over n nodes costs n): about 0.1 s.
Measured (benchmarks/tj3/levelling.py and generated 50-task plans): four times the budget and
no early stops finish 1.4 % sooner in total, at five times the time; the mean ratio to tj3's
finish moves from 0.945 to 0.943."""
MIN_PASSES, MAX_PASSES = 1, 40
SAMPLE_NOISE = 1.0
"""Random orders add up to this share of the spread of late starts to each task's own."""
STALL = 12
"""Random orders stop after this many in a row that do not improve on the best schedule."""


def level(net: Network, early: Times) -> Times:
    """A resource-feasible schedule no earlier than `early` (see the module docstring)."""
    pl = Placer(net, early)
    if BUSY not in pl.role:
        return early
    base = Profile(net.capacity, net.status if net.status is not None else 0,
                   limit=net.horizon)
    for i in range(len(net)):
        if pl.role[i] == FIXED and net.assign[i]:
            _book_fixed(net, early, i, base)
    nodes = [i for i in range(len(net)) if pl.role[i] != FIXED]
    _Search(pl, nodes, base, _effective_priority(net)).run()
    extra = [NO_BOUND] * len(net)
    for i, role in enumerate(pl.role):
        if role == BUSY:
            extra[i] = pl.ws[i]
    return forward(net, extra)


def _book_fixed(net: Network, early: Times, i: int, prof: Profile) -> None:
    days = [k for k in net.worked_days(i, early) if k >= prof.floor]
    if not days:
        return
    prof.ensure(max(days) + 1)
    for r, units in net.assign[i]:
        for k in days:
            if k not in net.leave[r]:
                prof.book(r, k, units)


def _effective_priority(net: Network) -> list[int]:
    """Each node's own priority raised to the highest of the tasks that depend on it."""
    n = len(net)
    eff = [0] * n
    for i in range(n - 1, -1, -1):
        best = 0 if net.kind[i] == VIRTUAL else net.priority[i]
        for j, _, _ in net.succs[i]:
            if net.follows_links[j] and eff[j] > best:
                best = eff[j]
        eff[i] = best
    return eff


Key = Callable[[int], tuple]


class _Search:
    """Builds candidate schedules of `nodes` and keeps the one that finishes first."""

    def __init__(self, pl: Placer, nodes: list[int], base: Profile, eff: list[int]) -> None:
        self.pl, self.nodes, self.base, self.eff = pl, nodes, base, eff
        self.busy = [i for i in nodes if pl.role[i] == BUSY]
        self.passes = max(MIN_PASSES, min(MAX_PASSES, PASS_BUDGET // max(1, len(nodes))))
        self.best: tuple[tuple[int, int], list] | None = None
        net, early = pl.net, pl.early
        late_start, late_end = backward(net, early, plan_finish(net, early))
        floats = total_floats(net, early, late_start, late_end)
        order = net.file_order
        work = [net.work[i] * sum(u for _, u in net.assign[i]) for i in range(len(net))]
        self.late_start = late_start
        neg = [-p for p in eff]
        self.rules: list[Key] = [
            lambda i: (neg[i], floats[i], order[i], i),
            lambda i: (neg[i], late_start[i], floats[i], order[i], i),
            lambda i: (neg[i], late_end[i], floats[i], order[i], i),
            lambda i: (neg[i], -work[i], floats[i], order[i], i),
            lambda i: (neg[i], early.start[i], floats[i], order[i], i),
        ]
        self.uniform = len({eff[i] for i in self.busy}) <= 1
        # Levelling only delays: a schedule that finishes with the unlevelled one is optimal.
        self.floor = max((early.end[i] for i in nodes), default=0)

    def optimal(self) -> bool:
        return self.best is not None and self.best[0][0] <= self.floor

    def objective(self) -> tuple[int, int]:
        end = self.pl.end
        return max(end[i] for i in self.nodes), sum(end[i] for i in self.busy)

    def snapshot(self) -> list[tuple[int, int, int, bool]]:
        pl = self.pl
        return [(pl.start[i], pl.ws[i], pl.end[i], pl.placed[i]) for i in self.nodes]

    def restore(self, snap: list[tuple[int, int, int, bool]]) -> None:
        pl = self.pl
        for i, (s, ws, e, placed) in zip(self.nodes, snap, strict=True):
            pl.start[i], pl.ws[i], pl.end[i], pl.placed[i] = s, ws, e, placed

    def attempt(self, engine: Callable, rule: Key) -> None:
        """One schedule from `rule`, improved forward-backward while that helps."""
        pl, nodes, neg = self.pl, self.nodes, self.eff
        engine(pl, nodes, rule, self.base.copy())
        self.passes -= 1
        score = self.objective()
        while self.passes >= 2:
            snap = self.snapshot()
            self.passes -= 2
            if not backward_pass(pl, nodes, score[0], self.base.copy()):
                self.restore(snap)
                break
            right = list(pl.start)
            engine(pl, nodes, lambda i, right=right: (-neg[i], right[i], i), self.base.copy())
            new = self.objective()
            if new >= score:
                self.restore(snap)
                break
            score = new
        if self.best is None or score < self.best[0]:
            self.best = (score, self.snapshot())

    def run(self) -> None:
        # Both engines respect priority (see the module docstring); the serial one usually
        # finishes first when every task has the same priority, the parallel one otherwise.
        engines: list[Callable] = [forward_pass, parallel_pass]
        if not self.uniform:
            engines.reverse()
        if not self.busy:
            engines = [forward_pass]
        for rule in self.rules:
            for engine in engines:
                if self.passes > 0 and not self.optimal():
                    self.attempt(engine, rule)
        rng = random.Random(len(self.nodes))
        ls, eff = self.late_start, self.eff
        spread = max(1, max(ls[i] for i in self.nodes) - min(ls[i] for i in self.nodes))
        turn = stalled = 0
        while self.passes > 0 and stalled < STALL and not self.optimal():
            best = self.best
            noise = {i: rng.random() * spread * SAMPLE_NOISE for i in self.nodes}
            self.attempt(engines[turn % len(engines)],
                         lambda i, noise=noise: (-eff[i], ls[i] + noise[i], i))
            stalled = 0 if self.best is not best else stalled + 1
            turn += 1
        assert self.best is not None
        self.restore(self.best[1])
