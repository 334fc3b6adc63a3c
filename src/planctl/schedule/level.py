"""Resource levelling: delay tasks until no resource is used above its capacity on any day.

Contract of `level(net, early) -> Times` (called by `schedule_plan` when levelling is on):
no resource above its `capacity` on any working day from the status date on (days before it
are history); every link of `net.preds` still holds; no node earlier than in `early`; nodes with
actual dates never move, and a task in progress keeps its start (only its remaining work may
be delayed). The result is built by `cpm.forward(net, extra)` with `extra[i]` the levelled work
start of each task, so every link is re-applied by the same code as the unlevelled pass.
Levelling only delays: a task is never split or interrupted.

How (documented in docs/scheduling.md, "Resource levelling"):

- Order. One serial pass places the tasks one at a time, each as early as its links allow and
  then at the first day from which every day it works has room on every resource it uses. It
  takes them in a fixed order, among those whose predecessors are placed: higher effective
  priority first (a task competes with the highest `priority` of itself and of every task that
  depends on it), then earlier unlevelled late start, then earlier unlevelled late finish, then
  file order. A task that a higher-priority task waits for is as urgent as it; a lower-priority
  task uses only what the higher ones left.
- Why one pass and this order. A change to task C's duration shifts every late start by the
  same amount (the plan's finish moves) except those of C and of the tasks C depends on (and
  of tasks with a deadline). When C depends on nothing, the order of all other tasks is kept,
  so a task placed before C both before and after the change stays where it was; otherwise
  C's predecessors may move ahead of other work. Later tasks move only through the resources
  used by C, by the tasks it delays and by its predecessors. A search that kept the
  shortest of many schedules (several rules, forward-backward improvement, random orders)
  finished about 1.4 % sooner on generated plans but flipped between candidates after small
  edits, moving and reordering unrelated people's work (benchmarks/stability.py;
  docs/scheduling.md, "Stability"). One pass also costs one placement a task, where the search
  made up to 40.
"""

from __future__ import annotations

from collections.abc import Callable

from planctl.schedule.cpm import backward, forward, plan_finish
from planctl.schedule.network import NO_BOUND, VIRTUAL, Network, Times
from planctl.schedule.profile import Profile
from planctl.schedule.sgs import BUSY, FIXED, Placer, forward_pass


def level(net: Network, early: Times,
          late: Callable[[], tuple[list[int], list[int]]] | None = None) -> Times:
    """A resource-feasible schedule no earlier than `early` (see the module docstring).

    `late`, when given, returns the late start and end boundaries of `early` against its own
    finish (`cpm.backward`): a caller that needs them too computes them once.
    """
    pl = Placer(net, early)
    if BUSY not in pl.role:
        return early
    base = Profile(net.capacity, net.status if net.status is not None else 0,
                   limit=net.horizon)
    for i in range(len(net)):
        if pl.role[i] == FIXED and net.assign[i]:
            _book_fixed(net, early, i, base)
    nodes = [i for i in range(len(net)) if pl.role[i] != FIXED]
    eff, order = _effective_priority(net), net.file_order
    late_start, late_end = (late() if late is not None
                            else backward(net, early, plan_finish(net, early)))
    # Every node's key made in one zip: a lambda would be called once a node.
    keys = list(zip([-e for e in eff], late_start, late_end, order, range(len(net)),
                    strict=True))
    forward_pass(pl, nodes, keys.__getitem__, base)
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
