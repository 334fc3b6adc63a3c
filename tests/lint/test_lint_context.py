"""The indexes `LintContext` builds once for every rule: the task links, phases expanded."""

from __future__ import annotations

from planctl.lint.context import LintContext
from planctl.loader import load_text

# p2 waits for p1 (each of its tasks for each of p1's); f waits for a task and for an empty
# phase; the empty phase p3 waits for z; p4 waits for p3, which has no tasks.
PLAN = """\
planctl: 1
name: Links
start: 2026-01-05
phases:
  - id: p0
    name: Zero
    tasks:
      - {id: z, name: Z, duration: 1d}
  - id: p1
    name: One
    tasks:
      - {id: a, name: A, duration: 1d}
      - {id: b, name: B, duration: 1d}
      - {id: g, name: G, duration: 1d}
  - id: p2
    name: Two
    depends_on: [p1]
    tasks:
      - {id: c, name: C, duration: 1d}
      - {id: d, name: D, duration: 1d, depends_on: [c]}
  - id: p3
    name: Empty
    depends_on: [z]
    tasks: []
  - id: p4
    name: Four
    depends_on: [p3]
    tasks:
      - {id: e, name: E, duration: 1d}
      - {id: f, name: F, duration: 1d, depends_on: [a, p3]}
"""


def context(text: str = PLAN) -> LintContext:
    return LintContext(load_text(text, "plan.yaml"))


def test_successors_expand_links_to_and_from_phases():
    ctx = context()
    assert ctx.successors == {
        "a": {"c", "d", "f"}, "b": {"c", "d"}, "g": {"c", "d"}, "c": {"d"},
        # z is named as a predecessor, of a phase without tasks: a key with no successor task
        # (so F102 does not call it an open end: something is linked after it).
        "z": set(),
    }


def test_predecessors_are_the_successors_reversed():
    ctx = context()
    assert ctx.predecessors == {"c": {"a", "b", "g"}, "d": {"a", "b", "c", "g"}, "f": {"a"}}


def test_a_task_has_a_predecessor_through_its_own_links_or_its_phase():
    ctx = context()
    # e waits for nothing but an empty phase: it still has a predecessor, as F101 has always
    # read it (the link is there; T102 reports the empty phase).
    assert ctx.with_predecessor == {"c", "d", "e", "f"}


def test_phase_members_in_file_order():
    assert context().phase_members == {"p0": ("z",), "p1": ("a", "b", "g"), "p2": ("c", "d"),
                                       "p3": (), "p4": ("e", "f")}


def test_uses_forecasts_is_an_estimate_or_a_risk_delay():
    assert not context().uses_forecasts
    with_estimate = PLAN.replace("{id: a, name: A, duration: 1d}",
                                 "{id: a, name: A, duration: 1d, estimate: "
                                 "{optimistic: 1d, likely: 1d, pessimistic: 2d}}")
    assert context(with_estimate).uses_forecasts
