"""Levelling stability for review: lengthening one task moves little unrelated work.

benchmarks/stability.py measures it on generated pairs (docs/scheduling.md, "Stability"); this
test runs a few small pairs and keeps a loose bound on the count, so a change that makes
levelling reshuffle whole plans after a local edit fails here. It asserts no time.
"""

from __future__ import annotations

import sys
from pathlib import Path

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
    # Measured 2026-12-01: about 12 % of the unrelated tasks moved on average on such pairs.
    assert figures["mean_share"] <= 0.35, figures
