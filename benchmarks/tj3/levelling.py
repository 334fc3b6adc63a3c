"""Levelling quality against TaskJuggler on generated plans where people are shared.

    python benchmarks/tj3/levelling.py [--plans 20] [--jobs 2] [--first-seed 1000] [--per-plan]

Each plan comes from `tests/tj3/randplan.py` with `shared=k`: every task but milestones is
effort on one of k people (who take leave), with FS/SS links, lags, holidays and, in half the
families, `priority` on a quarter of the tasks. Both tools schedule it; the table gives, per
family, the mean ratio of planctl's finish to tj3's (working days from the plan's start), how
often planctl finishes later / the same / earlier, and both tools' mean ratio to the lower
bound (the longer of the longest chain and the busiest person's total work). "serial LST" is a
plain serial schedule with a latest-start rule and no improvement, for reference.

tj3 may split an effort task around other work; planctl never does (levelling only delays).
"""

from __future__ import annotations

import argparse
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from benchmarks.tj3.common import tj3_finish

FAMILIES = [
    # (label, tasks, people, share of tasks with a priority)
    ("15 tasks, 2 people", 15, 2, 0.0),
    ("15 tasks, 2 people, priorities", 15, 2, 0.25),
    ("30 tasks, 3 people", 30, 3, 0.0),
    ("30 tasks, 3 people, priorities", 30, 3, 0.25),
    ("40 tasks, 5 people", 40, 5, 0.0),
    ("40 tasks, 5 people, priorities", 40, 5, 0.25),
]


@dataclass
class Result:
    family: str
    seed: int
    planctl: int
    tj3: int
    serial: int
    bound: int


def serial_lst_days(plan: object) -> int:
    """Finish of a plain serial schedule (latest start first), no improvement: a baseline."""
    from planctl.schedule.compile import compile_network
    from planctl.schedule.cpm import backward, forward, plan_finish
    from planctl.schedule.network import NO_BOUND
    from planctl.schedule.profile import Profile
    from planctl.schedule.sgs import BUSY, FIXED, Placer, forward_pass

    net = compile_network(plan, plan.start)  # type: ignore[attr-defined]
    early = forward(net)
    late_start, _ = backward(net, early, plan_finish(net, early))
    placer = Placer(net, early)
    nodes = [i for i in range(len(net)) if placer.role[i] != FIXED]
    forward_pass(placer, nodes, lambda i: (late_start[i], i), Profile(net.capacity, 0))
    extra = [placer.ws[i] if placer.role[i] == BUSY else NO_BOUND for i in range(len(net))]
    return plan_finish(net, forward(net, extra)) - net.plan_start


def run_one(job: tuple[str, int, int, int, float]) -> Result:
    from planctl.loader import load_text
    from planctl.schedule import schedule_plan
    from tj3.randplan import Shape, random_plan

    family, seed, tasks, people, share = job
    text = random_plan(seed, Shape(tasks=tasks, shared=people, priority_share=share))
    plan = load_text(text).plan
    ours = schedule_plan(plan, as_of=plan.start, level=True)
    for load in ours.resources:  # a finish only counts when the schedule is valid
        if any(units > load.capacity + 1e-9 for units in load.load.values()):
            raise AssertionError(f"{family} seed {seed}: {load.id} over capacity")
    return Result(family, seed, ours.days, tj3_finish(text).days, serial_lst_days(plan),
                  ours.lower_bound_days)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def table(results: list[Result]) -> list[str]:
    head = ("| plans | n | planctl / tj3 | later / same / earlier | planctl / bound "
            "| tj3 / bound | serial LST / tj3 | serial LST later than tj3 |")
    lines = [head, "|" + "---|" * 8]
    groups = [(label, [r for r in results if r.family == label]) for label, *_ in FAMILIES]
    groups.append(("all", results))
    for label, rows in groups:
        if not rows:
            continue
        later = sum(r.planctl > r.tj3 for r in rows)
        same = sum(r.planctl == r.tj3 for r in rows)
        serial_later = sum(r.serial > r.tj3 for r in rows)
        name = f"**{label}**" if label == "all" else label
        lines.append(
            f"| {name} | {len(rows)} | {_mean([r.planctl / r.tj3 for r in rows]):.3f} "
            f"| {later} / {same} / {len(rows) - later - same} "
            f"| {_mean([r.planctl / r.bound for r in rows]):.3f} "
            f"| {_mean([r.tj3 / r.bound for r in rows]):.3f} "
            f"| {_mean([r.serial / r.tj3 for r in rows]):.3f} "
            f"| {serial_later} ({100 * serial_later / len(rows):.0f}%) |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=20, help="plans per family")
    parser.add_argument("--jobs", type=int, default=2, help="plans scheduled at once")
    parser.add_argument("--first-seed", type=int, default=1000)
    parser.add_argument("--per-plan", action="store_true", help="also list every plan")
    args = parser.parse_args()
    jobs = [(label, args.first_seed + seed, tasks, people, share)
            for label, tasks, people, share in FAMILIES for seed in range(args.plans)]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(run_one, jobs))
    if args.per_plan:
        for r in results:
            print(f"{r.family:32} seed {r.seed}: planctl {r.planctl} tj3 {r.tj3} "
                  f"serial {r.serial} bound {r.bound}")
    print(f"Levelled finish, planctl against tj3: {args.plans} plans a family, seeds "
          f"{args.first_seed}..{args.first_seed + args.plans - 1}; ratios are means over plans "
          "of finishes in working days from the plan's start; bound = the longer of the "
          "longest chain and the busiest person's work.\n")
    print("\n".join(table(results)))


if __name__ == "__main__":
    main()
