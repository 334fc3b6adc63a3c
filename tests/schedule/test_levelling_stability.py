"""Levelling stability for review: changing one task moves little unrelated work.

benchmarks/stability.py measures it on generated pairs (docs/scheduling.md, "Stability"); this
test runs a few small pairs and keeps a bound on the count, so a change that makes levelling
reshuffle whole plans after a local edit fails here, and checks on random plans what the
levelling order guarantees: work placed before the changed task does not move. It asserts no
time.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from levelplans import level_plan

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.compile import compile_network
from planctl.schedule.cpm import backward, forward, plan_finish
from planctl.schedule.level import _effective_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.stability import lengthen, measure_pair, related, summary


def test_lengthen_changes_one_duration() -> None:
    import random

    text = ("      - id: t1\n        name: A\n        duration: 4d\n"
            "      - id: t2\n        name: B\n        effort: 3d\n")
    changed, task = lengthen(text, random.Random(1))
    assert task == "t1"
    assert "duration: 4d" not in changed and "effort: 3d" in changed


def test_related_tasks_are_successors_and_sharers() -> None:
    from planctl.loader import load_text

    plan = load_text(
        "planctl: 1\nid: p\nname: P\nstart: 2026-01-05\n"
        "resources: [{id: ann, name: Ann}, {id: bo, name: Bo}]\n"
        "phases:\n  - id: ph\n    name: Ph\n    tasks:\n"
        "      - {id: a, name: A, duration: 2d, assign: [ann]}\n"
        "      - {id: b, name: B, duration: 2d, depends_on: [a]}\n"
        "      - {id: c, name: C, duration: 2d, assign: [ann]}\n"
        "      - {id: d, name: D, duration: 2d, assign: [bo]}\n", "p.yaml").plan
    assert related(plan, "a") == {"a", "b", "c"}


def test_a_local_change_moves_few_unrelated_tasks() -> None:
    results = [measure_pair(60, seed) for seed in range(1, 7)]
    figures = summary(results)
    # Measured 2026-12-01 with the one-pass levelling: 9.8 % of the unrelated tasks moved on
    # average on these pairs (the search before: about 12 %), 0.3 reordered a pair.
    assert figures["mean_share"] <= 0.25, figures
    assert figures["mean_reordered"] <= 1.5, figures


def _changed(text: str, task: str, days: int) -> str | None:
    """The plan text with `task`'s duration or effort set to `days` working days (None when
    the task has neither: a milestone)."""
    line = re.compile(r"(\{id: " + task + r", [^\n]*?\b(?:duration|effort): )\w+")
    new, count = line.subn(lambda m: f"{m.group(1)}{days}d", text)
    return new if count == 1 else None


def _order_facts(plan: Plan) -> tuple[dict[str, int], dict[str, int], dict[str, set[str]],
                                      dict[str, set[str]]]:
    """Effective priority, unlevelled late start, successors and predecessors (through any
    chain of links, phases included) of every task, worked out from the network."""
    net = compile_network(plan, plan.status_date)
    early = forward(net)
    late_start, _ = backward(net, early, plan_finish(net, early))
    eff = _effective_priority(net)
    tasks = set(net.real)

    def reach(i: int, edges: list) -> set[str]:
        seen, stack = {i}, [i]
        while stack:
            for j, _, _ in edges[stack.pop()]:
                if j not in seen:
                    seen.add(j)
                    stack.append(j)
        return {net.ids[j] for j in seen & tasks} - {net.ids[i]}

    return ({net.ids[i]: eff[i] for i in tasks}, {net.ids[i]: late_start[i] for i in tasks},
            {net.ids[i]: reach(i, net.succs) for i in tasks},
            {net.ids[i]: reach(i, net.preds) for i in tasks})


@settings(max_examples=80, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["simple", "general"]),
       st.integers(min_value=0, max_value=40), st.integers(min_value=1, max_value=12))
def test_changing_a_task_never_moves_work_levelling_places_before_it(
        seed: int, kind: str, pick: int, days: int) -> None:
    """Changing the duration or effort of a task C that depends on nothing keeps every task
    of higher (effective) priority that does not depend on C where it was; in plans whose
    links never let a predecessor start after its successor (FS and SS, no leads), so does
    every task of C's priority whose unlevelled latest start is earlier than C's, before and
    after the change. The levelling order of all other tasks is the same before and after,
    and a serial pass places the tasks before C the same way (docs/scheduling.md,
    "Stability")."""
    text = level_plan(seed, simple=kind == "simple")
    base = load_text(text, "base.yaml").plan
    ids = sorted(base.tasks_by_id)
    target = ids[pick % len(ids)]
    changed_text = _changed(text, target, days)
    assume(changed_text is not None)
    assert changed_text is not None
    changed = load_text(changed_text, "changed.yaml").plan
    eff, late_was, after, _ = _order_facts(base)
    _, late, _, before = _order_facts(changed)
    assume(not before[target])
    before_s, after_s = schedule_plan(base), schedule_plan(changed)
    kept = {t for t in ids if t not in after[target] and t != target
            and (eff[t] > eff[target]
                 or (kind == "simple" and eff[t] == eff[target] and late[t] < late[target]
                     and late_was[t] < late_was[target]))}
    for task in sorted(kept):
        was, now = before_s.task(task), after_s.task(task)
        assert (was.start, was.finish) == (now.start, now.finish), (task, target)
