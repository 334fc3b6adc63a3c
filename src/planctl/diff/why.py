"""Why a date moved: the changed inputs on the chain that drives it.

A task's start is decided by its driving predecessors (`TaskSchedule.driving`, the dependency
links that set it) and, after levelling, by the resource hand-offs that made it wait
(`Schedule.resource_links`). Walking these back from a moved
milestone finds every task that can have moved it; the ones whose inputs changed (or that were
added) are the reasons, each shown with the chain from it to the milestone.
"""

from __future__ import annotations

from collections import deque

from planctl.diff.result import Cause, Step
from planctl.schedule.result import Schedule, chain_notation

Drivers = dict[str, list[tuple[str, tuple[str, ...]]]]
"""Task id -> the tasks that drive it, each with the resources handed off (empty for a
dependency link)."""


def drivers(schedule: Schedule) -> Drivers:
    """Who drives whom in `schedule`: dependency links, then resource hand-offs."""
    result: Drivers = {t.id: [(d, ()) for d in t.driving] for t in schedule.tasks}
    handed: dict[tuple[str, str], list[str]] = {}
    for link in schedule.resource_links:
        handed.setdefault((link.successor, link.predecessor), []).append(link.resource)
    for (successor, predecessor), resources in handed.items():
        result.setdefault(successor, []).append((predecessor, tuple(sorted(resources))))
    return result


def causes(target: str, graph: Drivers, changed: dict[str, dict[str, tuple[str, str]]],
           added: set[str]) -> tuple[Cause, ...]:
    """The changed or added tasks on the chains that drive `target`, nearest first."""
    successor: dict[str, tuple[str, tuple[str, ...]]] = {}
    queue, seen, found = deque([target]), {target}, []
    while queue:
        current = queue.popleft()
        if current != target and (current in changed or current in added):
            found.append(current)
        for pred, resources in graph.get(current, ()):
            if pred not in seen:
                seen.add(pred)
                successor[pred] = (current, resources)
                queue.append(pred)
    if target in changed or target in added:
        found.insert(0, target)
    result = []
    for task in found:
        chain, node = [], task
        while node != target:
            nxt, resources = successor[node]
            chain.append(Step(node, resources))
            node = nxt
        chain.append(Step(target))
        result.append(Cause(task, changed.get(task, {}), task in added, tuple(chain)))
    return tuple(result)


def chain_text(chain: tuple[Step, ...]) -> str:
    """`design → build ⇢(dana) migrate → go-live`: → a dependency, ⇢(who) a hand-off."""
    return chain_notation([s.task for s in chain], [s.resources for s in chain[:-1]])
