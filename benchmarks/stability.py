"""How stable levelling is for review: a change to one task should not move unrelated work.

    python benchmarks/stability.py                 # 40 pairs of 150-task plans
    python benchmarks/stability.py --tasks 300 --pairs 20

Each pair is a generated plan (benchmarks/generate.py) and the same plan with one task's
duration lengthened by 2 to 5 working days. Both are scheduled with levelling. A task is
*related* to the change when it is the changed task, one of its successors (through any chain
of dependency links, phases included), or a task that shares a resource with it. The figure
is how many unrelated tasks change their start (or finish): ideally none, since nothing they
depend on changed. Printed: the mean and worst count per pair, the share of pairs with any,
and the mean share of unrelated tasks that moved. docs/scheduling.md records the results.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from dataclasses import dataclass

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from benchmarks.generate import plan_text  # noqa: E402

_DURATION = re.compile(r"(      - id: (t\d+)\n(?:        (?!duration)\w+:.*\n)*?        duration: )"
                       r"(\d+)d\n")


@dataclass
class PairResult:
    changed: str
    unrelated: int
    """Tasks not related to the change (see the module docstring)."""
    moved: int
    """Of those, how many start or finish on another day."""
    days: int = 0
    """Working days of the levelled base plan (to see what stability costs in length)."""
    unexplained: int = 0
    """Of the moved ones, how many are not downstream of the changed task or of a task sharing
    its resources in the driving network (links plus resource hand-offs) of either version:
    moves no chain of links and hand-offs explains, a reordering rather than a knock-on."""
    reordered: int = 0
    """Unrelated tasks whose order with another unrelated task of one of their resources is
    reversed (one starts before the other in one version and after it in the other): a
    person's unrelated work reordered, rather than delayed in the same order."""


def lengthen(text: str, rng: random.Random) -> tuple[str, str]:
    """The plan text with one duration task lengthened by 2 to 5 days, and that task's id."""
    found = list(_DURATION.finditer(text))
    match = rng.choice(found)
    days = int(match.group(3)) + rng.randint(2, 5)
    changed = text[:match.start(3)] + str(days) + text[match.end(3) - 0:]
    return changed, match.group(2)


def related(plan: object, task_id: str) -> set[str]:
    """The task, its successors through any chain of links, and the tasks sharing a resource."""
    from planctl.schedule.compile import compile_network
    from planctl.schedule.network import VIRTUAL

    net = compile_network(plan, None)  # type: ignore[arg-type]
    start = net.ids.index(task_id)
    seen, stack = {start}, [start]
    while stack:
        for j, _, _ in net.succs[stack.pop()]:
            if j not in seen:
                seen.add(j)
                stack.append(j)
    people = {r for r, _ in net.assign[start]}
    found = {net.ids[i] for i in seen if net.kind[i] != VIRTUAL}
    found |= {net.ids[i] for i in net.real if people & {r for r, _ in net.assign[i]}}
    return found


def measure_pair(tasks: int, seed: int) -> PairResult:
    from planctl.loader import load_text
    from planctl.schedule import schedule_plan

    rng = random.Random(seed)
    base_text = plan_text(tasks, seed=seed)
    changed_text, changed = lengthen(base_text, rng)
    base = load_text(base_text, "base.yaml").plan
    after = load_text(changed_text, "changed.yaml").plan
    before_s, after_s = schedule_plan(base), schedule_plan(after)
    near = related(base, changed)
    unrelated = [t for t in before_s.tasks if t.id not in near]
    moved = sum(1 for t in unrelated
                if (t.start, t.finish) != (after_s.task(t.id).start, after_s.task(t.id).finish))
    moved_ids = {t.id for t in unrelated
                 if (t.start, t.finish) != (after_s.task(t.id).start, after_s.task(t.id).finish)}
    down = downstream(before_s, near) | downstream(after_s, near)
    return PairResult(changed, len(unrelated), moved, before_s.days, len(moved_ids - down),
                      len(reordered(before_s, after_s, near)))


def reordered(before: object, after: object, near: set[str]) -> set[str]:
    """Tasks not in `near` whose order (by start, then finish) with another such task sharing
    one of their assignees is reversed between the two schedules."""
    found: set[str] = set()
    by_person: dict[str, list[str]] = {}
    for task in before.tasks:  # type: ignore[attr-defined]
        for person in () if task.id in near else task.assignees:
            by_person.setdefault(person, []).append(task.id)
    for ids in by_person.values():
        was = {i: (before.task(i).start, before.task(i).finish) for i in ids}  # type: ignore[attr-defined]
        now = {i: (after.task(i).start, after.task(i).finish) for i in ids}  # type: ignore[attr-defined]
        for k, a in enumerate(ids):
            for b in ids[k + 1:]:
                if (was[a] < was[b] and now[a] > now[b]) or (was[a] > was[b] and now[a] < now[b]):
                    found |= {a, b}
    return found


def downstream(schedule: object, roots: set[str]) -> set[str]:
    """Tasks reached from `roots` through driving links and resource hand-offs."""
    succs: dict[str, set[str]] = {}
    for task in schedule.tasks:  # type: ignore[attr-defined]
        for p in (*task.driving, *(h.predecessor for h in task.handoffs)):
            succs.setdefault(p, set()).add(task.id)
    seen, stack = set(roots), list(roots)
    while stack:
        for j in succs.get(stack.pop(), ()):
            if j not in seen:
                seen.add(j)
                stack.append(j)
    return seen


def summary(results: list[PairResult]) -> dict[str, float]:
    moved = [r.moved for r in results]
    shares = [r.moved / r.unrelated for r in results if r.unrelated]
    return {"pairs": len(results), "mean_moved": sum(moved) / len(moved),
            "worst_moved": max(moved), "pairs_with_any": sum(1 for m in moved if m) / len(moved),
            "mean_share": sum(shares) / len(shares) if shares else 0.0,
            "mean_days": sum(r.days for r in results) / len(results),
            "mean_unexplained": sum(r.unexplained for r in results) / len(results),
            "mean_reordered": sum(r.reordered for r in results) / len(results),
            "worst_reordered": max(r.reordered for r in results),
            "pairs_reordered": sum(1 for r in results if r.reordered) / len(results)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=150)
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--first-seed", type=int, default=1)
    args = parser.parse_args(argv)
    results = [measure_pair(args.tasks, seed)
               for seed in range(args.first_seed, args.first_seed + args.pairs)]
    s = summary(results)
    print(f"{s['pairs']} pairs of {args.tasks}-task plans: unrelated tasks moved per pair "
          f"mean {s['mean_moved']:.1f}, worst {s['worst_moved']}, "
          f"pairs with any {s['pairs_with_any']:.0%}, "
          f"mean share of unrelated tasks moved {s['mean_share']:.1%}; "
          f"mean levelled length {s['mean_days']:.1f} working days; moved with no chain of "
          f"links and hand-offs from the change, mean {s['mean_unexplained']:.1f}; "
          f"reordered on a resource, mean {s['mean_reordered']:.1f}, worst "
          f"{s['worst_reordered']}, pairs with any {s['pairs_reordered']:.0%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
