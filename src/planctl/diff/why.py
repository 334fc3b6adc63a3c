"""Why a date moved: the changed inputs on the chain that drives it.

A task's start is decided by its driving predecessors (`TaskSchedule.driving`, the dependency
links that set it) and, after levelling, by the resource hand-off that made it wait: the task
of the same person that finished last before it started. Walking these back from a moved
milestone finds every task that can have moved it; the ones whose inputs changed (or that were
added) are the reasons, each shown with the chain from it to the milestone.
"""

from __future__ import annotations

import bisect
from collections import deque

from planctl.diff.result import Cause, Step
from planctl.schedule.result import Schedule, TaskSchedule

Drivers = dict[str, list[tuple[str, str | None]]]
"""Task id -> the tasks that drive it, each with the resource of the hand-off (None for a
dependency link)."""


def drivers(schedule: Schedule) -> Drivers:
    """Who drives whom in `schedule`: dependency links, then resource hand-offs."""
    result: Drivers = {t.id: [(d, None) for d in t.driving] for t in schedule.tasks}
    handoffs = getattr(schedule, "resource_links", None)
    if handoffs is not None:  # the scheduler's own hand-off links, where it records them
        for link in handoffs:
            result.setdefault(link.successor, []).append((link.predecessor, link.resource))
        return result
    for task, pred, resource in _derived_handoffs(schedule):
        result[task].append((pred, resource))
    return result


def _derived_handoffs(schedule: Schedule) -> list[tuple[str, str, str]]:
    """Hand-offs read off a levelled schedule: a task that starts later than its links allow
    waited for a person; the person's task that finished last before it is the one it waited
    for."""
    if not schedule.levelled:
        return []
    by_person: dict[str, list[TaskSchedule]] = {}
    for t in schedule.tasks:
        if not t.milestone:
            for person in t.assignees:
                by_person.setdefault(person, []).append(t)
    finishes = {}
    for person, tasks in by_person.items():
        tasks.sort(key=lambda t: (t.finish, t.id))
        finishes[person] = [t.finish for t in tasks]
    found = []
    for t in schedule.tasks:
        if t.milestone or t.early_start is None or t.start <= t.early_start:
            continue
        best: tuple[TaskSchedule, str] | None = None
        for person in t.assignees:
            i = bisect.bisect_left(finishes[person], t.start) - 1
            if i >= 0:
                candidate = by_person[person][i]
                if candidate.id != t.id and (best is None or candidate.finish > best[0].finish):
                    best = (candidate, person)
        if best is not None:
            found.append((t.id, best[0].id, best[1]))
    return found


def causes(target: str, graph: Drivers, changed: dict[str, dict[str, tuple[str, str]]],
           added: set[str]) -> tuple[Cause, ...]:
    """The changed or added tasks on the chains that drive `target`, nearest first."""
    successor: dict[str, tuple[str, str | None]] = {}
    queue, seen, found = deque([target]), {target}, []
    while queue:
        current = queue.popleft()
        if current != target and (current in changed or current in added):
            found.append(current)
        for pred, resource in graph.get(current, ()):
            if pred not in seen:
                seen.add(pred)
                successor[pred] = (current, resource)
                queue.append(pred)
    if target in changed or target in added:
        found.insert(0, target)
    result = []
    for task in found:
        chain, node = [], task
        while node != target:
            nxt, resource = successor[node]
            chain.append(Step(node, resource))
            node = nxt
        chain.append(Step(target))
        result.append(Cause(task, changed.get(task, {}), task in added, tuple(chain)))
    return tuple(result)


def chain_text(chain: tuple[Step, ...]) -> str:
    """`design → build ⇢(dana) migrate → go-live`: → a dependency, ⇢(who) a hand-off."""
    parts = []
    for step in chain:
        parts.append(step.task)
        if step is not chain[-1]:
            parts.append(f"⇢({step.resource})" if step.resource else "→")
    return " ".join(parts)
