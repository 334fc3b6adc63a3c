"""Resource hand-offs of a levelled schedule, and the driving network they make with the links.

Levelling places a task at the first day from which every day it works has room on every
resource it uses. So when a task B starts later than its links allow, the working day just
before it (its last workable day before its start) had no room on some resource R, and R was
held there by tasks that released it when B started: A -> B through R, a *resource link*.
Every such A that releases R exactly where B could start is a link (with two people freeing
one seat at once, either release matters to the levelled order). A releases R after the last
day it loads R before B starts: usually its last day (a finish-to-start link), or earlier when
R is on leave on A's last days (a duration task runs on without it: the link has a lead of
those days), or before a gap in its use of R (leave inside A: a start-to-start link with the
lag from A's start to the release).

The *driving network* is the plan's dependency links plus the resource links. `cpm.forward`
on it gives back the levelled dates, so floats
and critical paths computed on it say what the levelled schedule means: delay a critical task
by a day, keeping the levelled order, and the finish moves.

Where no hand-off explains a delay (the remaining work of a task in progress, whose start is
history; a resource freed by a gap in another task's work rather than its end; a link that
would close a loop through a negative lag), the levelled work start is kept as a start
constraint of that task (`extra`), as `level` itself does.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from planctl.schedule.cpm import driving_preds
from planctl.schedule.network import (
    EFFORT,
    FS,
    MILESTONE,
    NO_BOUND,
    SS,
    Link,
    Network,
    Times,
)

_EPSILON = 1e-9

Handoff = tuple[int, int, int, int, int]
"""(predecessor node, successor node, resource index, lag, link type FS or SS): the
successor's work starts no earlier than the predecessor's end (FS) or start (SS) plus lag."""


def resource_handoffs(net: Network, early: Times, times: Times, loads: list[dict[int, float]],
                      binding: list[list[int]] | None = None
                      ) -> tuple[list[Handoff], list[int]]:
    """The resource links of levelled `times` (in successor order), and for each node a lower
    bound on its work start that no link explains (`NO_BOUND` when links do).

    `early` is the unlevelled schedule, `loads` the levelled units per resource and day
    (`load.resource_usage`), and `binding`, when the caller has it, each node's
    `cpm.driving_preds` in `times`.
    """
    n = len(net)
    extra = [NO_BOUND] * n
    floor = net.status if net.status is not None else 0
    users: _Users | None = None
    links: list[Handoff] = []
    kind, work, assign = net.kind, net.work, net.assign
    for i in range(n):
        ws = times.work_start[i]
        # Levelling moved only tasks with resources and work left (sgs.BUSY), and only later
        # than unlevelled; a task a link puts where it is did not wait for anyone.
        if (ws <= early.work_start[i] or not assign[i] or kind[i] >= MILESTONE
                or work[i] <= 0 or net.pinned_end[i] >= 0
                or (net.pinned_start[i] >= 0 and net.resume[i] < 0)):
            continue
        if net.resume[i] >= 0:
            # Remaining work of a task in progress, moved by levelling (links place its start,
            # which is history, not its work): kept as a floor, never a hand-off.
            extra[i] = ws
            continue
        if binding[i] if binding is not None else driving_preds(net, times, i):
            continue
        if users is None:
            users = _Users(net, times)
        demand = [(r, min(u, net.capacity[r])) for r, u in assign[i]]
        found = _waited_for(net, times, i, demand, floor, loads, users)
        if found:
            links.extend(found)
        else:
            extra[i] = ws
    return links, extra


class _Users:
    """Per resource, the nodes that load it sorted by work start, to find those at work on a
    day without scanning them all (only those that start within the longest span before it)."""

    def __init__(self, net: Network, times: Times) -> None:
        by_resource: list[list[tuple[int, int]]] = [[] for _ in net.resource_ids]
        work, done_work, work_start, end = net.work, net.done_work, times.work_start, times.end
        for i, assignments in enumerate(net.assign):
            if assignments and (work[i] > 0 or done_work[i] > 0):
                for r, _ in assignments:
                    by_resource[r].append((work_start[i], i))
        self.nodes: list[list[int]] = []
        self.starts: list[list[int]] = []
        self.longest: list[int] = []
        for users in by_resource:
            users.sort()
            self.starts.append([ws for ws, _ in users])
            self.nodes.append([i for _, i in users])
            self.longest.append(max([end[i] - ws for ws, i in users], default=0))

    def at_work(self, r: int, day: int, times: Times) -> list[int]:
        """Nodes using r whose work span holds `day`."""
        starts, nodes = self.starts[r], self.nodes[r]
        j = bisect_right(starts, day) - 1
        found, horizon = [], day - self.longest[r]
        while j >= 0 and starts[j] >= horizon:
            if times.end[nodes[j]] > day:
                found.append(nodes[j])
            j -= 1
        return found


def _loads(net: Network, times: Times, p: int, r: int, k: int) -> bool:
    """Whether node p loads resource r on working day k (history before its work start
    aside: the status date is the floor of every check here)."""
    if not times.work_start[p] <= k < times.end[p] or k in net.leave[r]:
        return False
    blocked = net.blocked[p]
    if blocked:
        at = bisect_left(blocked, k)
        return at == len(blocked) or blocked[at] != k
    return True


def _waited_for(net: Network, times: Times, i: int, units: list[tuple[int, float]],
                floor: int, loads: list[dict[int, float]], users: _Users) -> list[Handoff]:
    """Hand-offs into BUSY node i, which levelling started at work start `ws`."""
    ws = times.work_start[i]
    # The last day node i could have worked before ws: a start there was refused for want
    # of room on that day (a later clash would have refused ws too).
    day = net.last_workday(i, ws - 1) if net.kind[i] == EFFORT else ws - 1
    if day < floor:
        return []
    found: list[Handoff] = []
    for r, need in units:
        if net.kind[i] != EFFORT and day in net.leave[r]:
            continue  # a duration task does not need a resource on its leave
        if loads[r].get(day, 0.0) + need <= net.capacity[r] + _EPSILON:
            continue  # room on that day: not what it waited for
        for p in users.at_work(r, day, times):
            if p == i or not _loads(net, times, p, r, day):
                continue
            release = day + 1
            while release <= ws and _loads(net, times, p, r, release):
                release += 1
            if release > ws:
                continue  # still busy when i started: it did not hand over
            found.append(_handoff(net, times, p, i, r, release))
    return found


def _handoff(net: Network, times: Times, p: int, i: int, r: int, release: int) -> Handoff:
    """The link that puts i's work start at p's `release` of r: finish-to-start with a lead of
    p's last days off r, or, when p works on with r after a gap, start-to-start."""
    end = times.end[p]
    k = release
    while k < end and not _loads(net, times, p, r, k):
        k += 1
    if k >= end:
        return p, i, r, release - end, FS
    return p, i, r, release - times.start[p], SS


@dataclass
class Driving:
    """The driving network of a placed schedule: `cpm.forward(net, extra)` gives it back."""

    net: Network
    """The plan's links plus the hand-offs (the plan's own network when there are none)."""
    handoffs: list[Handoff]
    """The resource links it holds, in successor order."""
    extra: list[int]
    """Per node, a work-start bound no link explains (`NO_BOUND` where links do)."""


def driving(net: Network, early: Times, times: Times, loads: list[dict[int, float]] | None,
            binding: list[list[int]] | None = None) -> Driving:
    """The driving network of levelled `times` (`loads` None: not levelled, no hand-offs);
    `binding` as for `resource_handoffs`."""
    if loads is None:
        return Driving(net, [], [NO_BOUND] * len(net))
    found, extra = resource_handoffs(net, early, times, loads, binding)
    drive, kept = with_handoffs(net, found)
    if len(kept) < len(found):
        explained = {h[1] for h in kept}
        for h in found:
            if h[1] not in explained:
                extra[h[1]] = times.work_start[h[1]]
    return Driving(drive, kept, extra)


def with_handoffs(net: Network, handoffs: list[Handoff]) -> tuple[Network, list[Handoff]]:
    """`net` with every hand-off added as a link (of its type and lag), in an order that is
    topological for both kinds of link, and the hand-offs it holds. Hand-offs that would close
    a loop (possible only through leads) are left out; the caller keeps their successors'
    levelled starts as constraints."""
    if not handoffs:
        return net, handoffs
    added: dict[int, list[Link]] = {}
    for p, i, _, lag, typ in handoffs:
        links = added.setdefault(i, [])
        if (p, typ, lag) not in links:
            links.append((p, typ, lag))
    preds: list[tuple[Link, ...]] = list(net.preds)
    for i, links in added.items():
        preds[i] = preds[i] + tuple(links)
    order: list[int] | None = None
    # Node indexes are already topological for the links: only a hand-off from a later index
    # to an earlier one needs a new order.
    succs = list(map(list, net.succs))
    for i, links in added.items():
        for p, typ, lag in links:
            succs[p].append((i, typ, lag))
    if any(p > i for p, i, _, _, _ in handoffs):
        order = _topological(preds, succs)
        if order is None:
            # Drop the hand-offs inside a loop (the links alone have none: this breaks them).
            loop = _component(len(net), preds)
            handoffs = [h for h in handoffs if loop[h[0]] < 0 or loop[h[0]] != loop[h[1]]]
            succs = list(map(list, net.succs))
            for i, links in added.items():
                links[:] = [link for link in links
                            if loop[link[0]] < 0 or loop[link[0]] != loop[i]]
                preds[i] = net.preds[i] + tuple(links)
                for p, typ, lag in links:
                    succs[p].append((i, typ, lag))
            order = _topological(preds, succs)
            assert order is not None
    return replace(net, preds=preds, succs=succs, order=order), handoffs


def _component(n: int, preds: list[tuple[Link, ...]]) -> list[int]:
    """For each node, the id of the loop (strongly connected component of two or more nodes)
    it belongs to, or -1 (Kosaraju's algorithm, without recursion)."""
    succs: list[list[int]] = [[] for _ in range(n)]
    for i, links in enumerate(preds):
        for p, _, _ in links:
            succs[p].append(i)
    seen, finished = [False] * n, []
    for root in range(n):
        if seen[root]:
            continue
        seen[root] = True
        stack = [(root, iter(succs[root]))]
        while stack:
            node, rest = stack[-1]
            for j in rest:
                if not seen[j]:
                    seen[j] = True
                    stack.append((j, iter(succs[j])))
                    break
            else:
                stack.pop()
                finished.append(node)
    comp = [-2] * n  # -2: not reached yet
    for count, root in enumerate(reversed(finished)):
        if comp[root] != -2:
            continue
        members, stack = [root], [root]
        comp[root] = count
        while stack:
            for p, _, _ in preds[stack.pop()]:
                if comp[p] == -2:
                    comp[p] = count
                    members.append(p)
                    stack.append(p)
        if len(members) == 1 and all(p != root for p, _, _ in preds[root]):
            comp[root] = -1
    return comp


def _topological(preds: list[tuple[Link, ...]], succs: list[list[Link]]) -> list[int] | None:
    """Kahn's order, lowest index first among the ready nodes; None when there is a loop."""
    import heapq

    count = [len(links) for links in preds]
    ready = [i for i, c in enumerate(count) if c == 0]
    heapq.heapify(ready)
    order: list[int] = []
    while ready:
        i = heapq.heappop(ready)
        order.append(i)
        for j, _, _ in succs[i]:
            count[j] -= 1
            if count[j] == 0:
                heapq.heappush(ready, j)
    return order if len(order) == len(preds) else None
