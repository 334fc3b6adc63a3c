"""Graph helpers: cycles found whole and in stable order, no recursion on long chains."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.graph import find_cycles, has_cycle, strongly_connected, topological_order


def test_cycle_starts_at_smallest_node_and_follows_edges():
    graph = {"c": ["a"], "a": ["b"], "b": ["c"], "x": ["a"]}
    assert find_cycles(graph) == [["a", "b", "c"]]


def test_self_loop_is_a_cycle_and_dag_has_none():
    assert find_cycles({"a": ["a"]}) == [["a"]]
    assert find_cycles({"a": ["b"], "b": ["c"]}) == []


def test_long_chain_does_not_recurse():
    n = 50_000
    graph = {i: [i + 1] for i in range(n)}
    assert len(strongly_connected(graph)) == n + 1
    assert topological_order(graph, range(n + 1)) == list(range(n + 1))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
def test_cycles_found_iff_no_topological_order(edges):
    graph: dict[int, list[int]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    nodes = sorted({n for e in edges for n in e})
    cycles = find_cycles(graph)
    assert (topological_order(graph, nodes) is None) == bool(cycles)
    for cycle in cycles:
        for i, node in enumerate(cycle):
            assert cycle[(i + 1) % len(cycle)] in graph[node]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 12), st.integers(0, 12)), max_size=40))
def test_has_cycle_iff_no_topological_order(edges):
    graph: dict[int, list[int]] = {}
    for a, b in edges:
        graph.setdefault(a, []).append(b)
    nodes = sorted({n for e in edges for n in e})
    assert has_cycle(graph) == (topological_order(graph, nodes) is None)


def test_has_cycle_on_a_long_chain_and_behind_it():
    chain = {i: [i + 1] for i in range(50_000)}
    assert not has_cycle(chain)
    assert has_cycle({**chain, 50_000: [25_000]})
