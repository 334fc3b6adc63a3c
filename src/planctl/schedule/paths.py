"""Critical paths: chains of critical tasks linked by driving dependencies, start to finish.

A chain ends at a critical task that finishes when the plan does and is followed backwards
through driving links (links whose constraint decides the successor's start) to a critical
task with no critical driving predecessor: one started by the plan's start, the status date,
a `start_no_earlier_than`, its actual dates, or after a non-critical predecessor. Helper nodes
and cancelled tasks are looked through. At most `MAX_PATHS` chains are listed.
"""

from __future__ import annotations

from planctl.schedule.cpm import driving_preds
from planctl.schedule.network import VIRTUAL, Network, Times

MAX_PATHS = 10


def critical_preds(net: Network, times: Times, critical: list[bool]) -> list[list[int]]:
    """For each node, its critical driving predecessors, looking through helper nodes."""
    n = len(net)
    through = [net.kind[i] == VIRTUAL or net.cancelled[i] for i in range(n)]
    found: list[list[int]] = [[] for _ in range(n)]
    for i in net.forward_order():
        if not critical[i] and not through[i]:
            continue
        seen: dict[int, None] = {}
        for p in driving_preds(net, times, i):
            if through[p]:
                seen.update(dict.fromkeys(found[p]))
            elif critical[p]:
                seen[p] = None
        found[i] = sorted(seen, key=lambda p: net.file_order[p])
    return found


def critical_paths(net: Network, times: Times, critical: list[bool],
                   finish: int) -> list[list[int]]:
    """Up to `MAX_PATHS` chains of node indexes, each from its first task to its last."""
    preds = critical_preds(net, times, critical)
    # A chain ends at the last critical task: one that drives no other critical task (a
    # milestone right after it at the same boundary would extend the chain).
    driving = {p for i in range(len(net)) if critical[i] for p in preds[i]}
    tails = sorted((i for i in range(len(net))
                    if critical[i] and times.end[i] == finish and i not in driving),
                   key=lambda i: net.file_order[i])
    paths: list[list[int]] = []
    for tail in tails:
        stack = [(tail, 0)]
        path: list[int] = []
        while stack and len(paths) < MAX_PATHS:
            node, depth = stack.pop()
            del path[depth:]
            path.append(node)
            if not preds[node]:
                paths.append(path[::-1])
                continue
            # Pushed in reverse so the first predecessor in file order is explored first.
            stack.extend((p, depth + 1) for p in reversed(preds[node]))
        if len(paths) >= MAX_PATHS:
            break
    return paths
