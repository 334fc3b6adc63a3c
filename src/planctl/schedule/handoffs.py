"""Resource hand-offs of a levelled schedule, and the driving network they make with the links.

Levelling places a task at the first day from which every day it works has room on every
resource it uses. So when a task B starts later than its links allow, the working day just
before it (its last workable day before its start) had no room on some resource R, and R was
held there by tasks that released it when B started: A -> B through R, a *resource link*.
Every such A that ends exactly where B could start is a link (with two people freeing one
seat at once, either release matters to the levelled order).

The *driving network* is the plan's dependency links plus the resource links as
finish-to-start links with no lag. `cpm.forward` on it gives back the levelled dates, so floats
and critical paths computed on it say what the levelled schedule means: delay a critical task
by a day, keeping the levelled order, and the finish moves.

Where no hand-off explains a delay (the remaining work of a task in progress, whose start is
history; a resource freed by a gap in another task's work rather than its end; a link that
would close a loop through a negative lag), the levelled work start is kept as a start
constraint of that task (`extra`), as `level` itself does.
"""

from __future__ import annotations

from dataclasses import replace

from planctl.schedule.network import EFFORT, FS, NO_BOUND, Link, Network, Times
from planctl.schedule.sgs import BUSY, Placer

_EPSILON = 1e-9

Handoff = tuple[int, int, int]
"""(predecessor node, successor node, resource index)."""


def resource_handoffs(net: Network, early: Times, times: Times,
                      loads: list[dict[int, float]]) -> tuple[list[Handoff], list[int]]:
    """The resource links of levelled `times` (in successor order), and for each node a lower
    bound on its work start that no link explains (`NO_BOUND` when links do).

    `early` is the unlevelled schedule and `loads` the levelled units per resource and day
    (`load.resource_usage`).
    """
    n = len(net)
    extra = [NO_BOUND] * n
    pl = Placer(net, early)
    if BUSY not in pl.role:
        return [], extra
    pl.start, pl.ws, pl.end = list(times.start), list(times.work_start), list(times.end)
    pl.placed = list(times.start_placed)
    floor = net.status if net.status is not None else 0
    ends = _ends_by_resource(net, times)
    links: list[Handoff] = []
    for i in range(n):
        if pl.role[i] != BUSY:
            continue
        ws = times.work_start[i]
        if pl.earliest(i)[1] >= ws:
            continue  # its links (or its own constraints) put it there
        found = [] if net.resume[i] >= 0 else _waited_for(net, pl, i, ws, floor, loads, ends)
        if found:
            links.extend(found)
        else:
            extra[i] = ws
    return links, extra


def _ends_by_resource(net: Network, times: Times) -> list[dict[int, list[int]]]:
    """Per resource, the nodes that use it, by end boundary."""
    ends: list[dict[int, list[int]]] = [{} for _ in net.resource_ids]
    for i, assignments in enumerate(net.assign):
        if net.work[i] <= 0 and net.done_work[i] <= 0:
            continue
        for r, _ in assignments:
            ends[r].setdefault(times.end[i], []).append(i)
    return ends


def _waited_for(net: Network, pl: Placer, i: int, ws: int, floor: int,
                loads: list[dict[int, float]], ends: list[dict[int, list[int]]]) -> list[Handoff]:
    """Hand-offs into BUSY node i, which levelling started at work start `ws`."""
    # The last day node i could have worked before ws: a start there was refused for want
    # of room on that day (a later clash would have refused ws too).
    day = net.last_workday(i, ws - 1) if net.kind[i] == EFFORT else ws - 1
    if day < floor:
        return []
    found: list[Handoff] = []
    for r, units in pl.demand[i]:
        if net.kind[i] != EFFORT and day in net.leave[r]:
            continue  # a duration task does not need a resource on its leave
        if loads[r].get(day, 0.0) + units <= net.capacity[r] + _EPSILON:
            continue  # room on that day: not what it waited for
        by_end = ends[r]
        for end in range(day + 1, ws + 1):
            found.extend((p, i, r) for p in by_end.get(end, ()) if p != i)
    return found


def driving_network(net: Network, handoffs: list[Handoff]) -> tuple[Network, list[Handoff]]:
    """`net` with every hand-off added as a finish-to-start link with no lag, in an order that
    is topological for both kinds of link, and the hand-offs it holds. Hand-offs that would
    close a loop (possible only through leads) are left out; the caller keeps their
    successors' levelled starts as constraints."""
    if not handoffs:
        return net, handoffs
    preds: list[tuple[Link, ...]] = list(net.preds)
    added: dict[int, list[Link]] = {}
    for p, i, _ in handoffs:
        links = added.setdefault(i, [])
        if (p, FS, 0) not in links:
            links.append((p, FS, 0))
    for i, links in added.items():
        preds[i] = preds[i] + tuple(links)
    order = _topological(len(net), preds)
    if order is None:
        # Keep only the hand-offs that follow the dependency order: always acyclic.
        for i, links in added.items():
            preds[i] = net.preds[i] + tuple(link for link in links if link[0] < i)
        order = list(range(len(net)))
        handoffs = [h for h in handoffs if h[0] < h[1]]
    succs: list[list[Link]] = [[] for _ in range(len(net))]
    for i, links in enumerate(preds):
        for p, typ, lag in links:
            succs[p].append((i, typ, lag))
    return replace(net, preds=preds, succs=succs, order=order), handoffs


def _topological(n: int, preds: list[tuple[Link, ...]]) -> list[int] | None:
    """Kahn's order, lowest index first among the ready nodes; None when there is a loop."""
    import heapq

    count = [len(links) for links in preds]
    succs: list[list[int]] = [[] for _ in range(n)]
    for i, links in enumerate(preds):
        for p, _, _ in links:
            succs[p].append(i)
    ready = [i for i in range(n) if count[i] == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for j in succs[i]:
            count[j] -= 1
            if count[j] == 0:
                heapq.heappush(ready, j)
    return order if len(order) == n else None
