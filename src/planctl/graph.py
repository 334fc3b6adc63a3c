"""Directed-graph helpers, all iterative: a chain of 100,000 tasks must not recurse."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Hashable, Iterable, Mapping
from itertools import chain
from typing import TypeVar

N = TypeVar("N", bound=Hashable)


def strongly_connected(graph: Mapping[N, Iterable[N]]) -> list[list[N]]:
    """Tarjan's strongly connected components, without recursion."""
    index: dict[N, int] = {}
    low: dict[N, int] = {}
    on_stack: set[N] = set()
    stack: list[N] = []
    components: list[list[N]] = []
    counter = 0
    nodes = list(graph)
    for targets in list(graph.values()):
        nodes.extend(t for t in targets if t not in graph)
    for start in nodes:
        if start in index:
            continue
        work = [(start, iter(graph.get(start, ())))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph.get(child, ()))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def has_cycle(graph: Mapping[N, Iterable[N]]) -> bool:
    """Whether `graph` has a cycle: Kahn's algorithm takes off every node that no remaining
    edge leads into, and a cycle is what it cannot take off. (A few times cheaper than
    finding the cycles, which a valid plan does not have.)"""
    incoming = Counter(chain.from_iterable(graph.values()))
    ready = [node for node in graph if node not in incoming]
    while ready:
        for child in graph.get(ready.pop(), ()):
            incoming[child] -= 1
            if not incoming[child] and child in graph:
                ready.append(child)
    return any(incoming.values())


def find_cycles(graph: Mapping[N, Iterable[N]]) -> list[list[N]]:
    """One shortest cycle per cyclic component, starting at its smallest node, sorted."""
    if not has_cycle(graph):
        return []
    cycles = []
    for component in strongly_connected(graph):
        members = set(component)
        start = min(component, key=str)
        if len(component) == 1 and start not in graph.get(start, ()):
            continue
        # Breadth-first from start back to start, inside the component.
        previous: dict[N, N] = {}
        queue = deque([start])
        found = False
        while queue and not found:
            node = queue.popleft()
            for child in graph.get(node, ()):
                if child not in members:
                    continue
                if child == start:
                    previous[start] = node
                    found = True
                    break
                if child not in previous:
                    previous[child] = node
                    queue.append(child)
        path = [start]
        node = previous[start]
        while node != start:
            path.append(node)
            node = previous[node]
        path.reverse()
        cycles.append([start, *path[:-1]])
    return sorted(cycles, key=lambda c: [str(n) for n in c])


def topological_order(graph: Mapping[N, Iterable[N]], nodes: Iterable[N]) -> list[N] | None:
    """Kahn's order of `nodes` (ties kept in the given order), or None if there is a cycle."""
    ordered_nodes = list(nodes)
    indegree = dict.fromkeys(ordered_nodes, 0)
    for node in ordered_nodes:
        for child in graph.get(node, ()):
            indegree[child] += 1
    ready = deque(n for n in ordered_nodes if indegree[n] == 0)
    order = []
    while ready:
        node = ready.popleft()
        order.append(node)
        for child in graph.get(node, ()):
            indegree[child] -= 1
            if indegree[child] == 0:
                ready.append(child)
    return order if len(order) == len(ordered_nodes) else None
