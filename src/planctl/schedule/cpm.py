"""The critical path method on a `Network`: forward pass, backward pass, floats, driving links.

Every pass is one loop over the nodes in topological order (or its reverse) and touches each
link once: O(nodes + links), with effort nodes paying a logarithmic look-up in their leave.
"""

from __future__ import annotations

from collections.abc import Sequence

from planctl.schedule.network import (
    DURATION,
    EFFORT,
    FF,
    FS,
    MILESTONE,
    NO_BOUND,
    NO_LIMIT,
    SS,
    VIRTUAL,
    Network,
    Times,
)

_HALF = NO_LIMIT // 2


def forward(net: Network, extra: Sequence[int] | None = None) -> Times:
    """Early boundaries of every node.

    `extra[i]`, when given, is one more lower bound on node i's work start: levelling delays a
    node by raising it. Nodes with actual dates keep them; a task in progress keeps its start
    and `extra` delays only its remaining work.
    """
    n = len(net)
    start, work_start, end = [0] * n, [0] * n, [0] * n
    placed = [True] * n
    kind, preds, lower = net.kind, net.preds, net.lower
    pinned_start, pinned_end, resume = net.pinned_start, net.pinned_end, net.resume
    work, blocked = net.work, net.blocked
    for i in net.forward_order():
        if pinned_end[i] >= 0:
            start[i] = work_start[i] = pinned_start[i]
            end[i] = pinned_end[i]
            placed[i] = net.pinned_by_start[i]
            continue
        k = kind[i]
        more = extra[i] if extra is not None else NO_BOUND
        resumes = resume[i] >= 0
        s = lower[i] if resumes else max(lower[i], more)
        by_start = True  # for milestones: whether a start placed the node at s
        end_bound = NO_BOUND
        if pinned_start[i] >= 0:
            s = pinned_start[i]
        else:
            for p, typ, lag in preds[i]:
                if typ in (FS, FF):
                    b = end[p] + lag
                    anchor = placed[p] if kind[p] >= MILESTONE else False
                else:
                    b = start[p] + lag
                    anchor = placed[p] if kind[p] >= MILESTONE else True
                if k >= MILESTONE:
                    kind_start = anchor and lag <= 0  # a positive lag ends at a day's close
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
            start[i] = work_start[i] = end[i] = s
            placed[i] = by_start
            continue
        if end_bound > NO_BOUND:
            s = max(s, net.start_for_finish(i, end_bound))
        if k == EFFORT and pinned_start[i] < 0:
            s = net.first_workday(i, s)
        ws = s
        if resumes:
            ws = net.first_workday(i, max(s, resume[i], more))
        start[i], work_start[i] = s, ws
        # `net.finish`, whose first case (no days off) is most tasks, written out.
        end[i] = ws + work[i] if not blocked[i] else net.finish(i, ws)
    return Times(start, work_start, end, placed)


def plan_finish(net: Network, times: Times) -> int:
    """The plan's finish boundary: the latest end of any task (helper nodes excluded)."""
    ends = [e for e, k in zip(times.end, net.kind, strict=True) if k != VIRTUAL]
    return max(ends) if ends else net.plan_start


def deadline_limit(net: Network, times: Times, i: int) -> int:
    """The latest end boundary that meets node i's deadline (`NO_LIMIT` without one).

    A milestone a start placed is shown on the day that begins at t, so it must sit one
    boundary earlier than one a finish placed.
    """
    limit = net.deadline_end[i]
    if limit < NO_LIMIT and net.kind[i] == MILESTONE and times.start_placed[i]:
        return limit - 1
    return limit


def backward(net: Network, times: Times, finish: int) -> tuple[list[int], list[int]]:
    """Late start and late end boundaries against `finish` and every deadline."""
    n = len(net)
    late_start, late_end = [0] * n, [0] * n
    kind, work, succs, follows = net.kind, net.work, net.succs, net.follows_links
    deadline_end, placed, resume = net.deadline_end, times.start_placed, net.resume
    for i in net.backward_order():
        k = kind[i]
        if k == VIRTUAL:
            le = NO_LIMIT
        else:
            le = deadline_end[i]  # `deadline_limit`, written out: once a node
            if le < NO_LIMIT and k == MILESTONE and placed[i]:
                le -= 1
            if finish < le:
                le = finish
        ls = NO_LIMIT
        for j, typ, lag in succs[i]:
            if not follows[j]:
                continue
            if typ == FS:
                bound = late_start[j] - lag
                if bound < le:
                    le = bound
            elif typ == SS:
                bound = late_start[j] - lag
                if bound < ls:
                    ls = bound
            elif typ == FF:
                bound = late_end[j] - lag
                if bound < le:
                    le = bound
            else:
                bound = late_end[j] - lag
                if bound < ls:
                    ls = bound
        if k >= MILESTONE:
            late_start[i] = late_end[i] = min(le, ls)
        elif not follows[i] or resume[i] >= 0:
            # Dates that are facts cannot move: only how far they could have is measured.
            s, e = times.start[i], times.end[i]
            shift = min(le - e, ls - s)
            late_start[i], late_end[i] = s + shift, e + shift
        elif k == DURATION:
            le = min(le, ls + work[i])
            late_start[i], late_end[i] = le - work[i], le
        else:
            if ls < _HALF:
                le = min(le, net.finish(i, net.last_workday(i, ls)))
            s = net.latest_start(i, le)
            late_start[i], late_end[i] = s, net.finish(i, s)
    return late_start, late_end


def total_floats(net: Network, times: Times, late_start: list[int],
                 late_end: list[int]) -> list[int]:
    """Working days each node can slip (negative when a deadline is already missed)."""
    return [ls - s if ls - s < le - e else le - e for s, e, ls, le in
            zip(times.start, times.end, late_start, late_end, strict=True)]


def free_floats(net: Network, times: Times, total: list[int], finish: int) -> list[int]:
    """Working days each node can slip without moving any successor (or the plan's finish).

    Helper nodes are looked through. Free float is never negative and never more than a
    non-negative total float.
    """
    n = len(net)
    free = [0] * n
    kind, succs, follows = net.kind, net.succs, net.follows_links
    start, end = times.start, times.end
    for i in net.backward_order():
        best = NO_LIMIT
        for j, typ, lag in succs[i]:
            if not follows[j]:
                continue
            # The slack of the link: how far i may move before it binds j.
            if typ == FS:
                slack = start[j] - end[i] - lag
            elif typ == SS:
                slack = start[j] - start[i] - lag
            elif typ == FF:
                slack = end[j] - end[i] - lag
            else:
                slack = end[j] - start[i] - lag
            if kind[j] == VIRTUAL:
                slack += free[j]
            if slack < best:
                best = slack
        if kind[i] == VIRTUAL:
            free[i] = best
            continue
        if best >= _HALF:
            best = finish - end[i]
        free[i] = max(0, min(best, max(total[i], 0)))
    return free


def driving_preds(net: Network, times: Times, i: int) -> list[int]:
    """Predecessors whose link decides node i's start in `times` (none for fixed dates)."""
    if not net.follows_links[i] or net.pinned_end[i] >= 0:
        return []
    k, s = net.kind[i], times.start[i]
    found = []
    for p, typ, lag in net.preds[i]:
        b = (times.end[p] if typ in (FS, FF) else times.start[p]) + lag
        if k == DURATION and typ not in (FS, SS):
            b -= net.work[i]
        elif k == EFFORT:
            b = net.first_workday(i, b) if typ in (FS, SS) else net.start_for_finish(i, b)
        if b == s:
            found.append(p)
    return found

