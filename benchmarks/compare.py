"""Time two installs of planctl side by side, interleaved, on the same generated plans.

    python benchmarks/compare.py BEFORE_PLANCTL AFTER_PLANCTL [--repeat 5] [--only one person]

Each argument is a `planctl` console script (for example the one in another worktree's
virtual environment). Every command runs alternately with one and the other, `--repeat` times,
and the best wall and CPU time of each are printed with the CPU ratio (on a busy shared
machine wall time says more about the neighbours than about planctl). The commands are
`check` and `schedule` (levelled, and `--no-level`) at 1,000 and 10,000 tasks, as in
docs/benchmarks.md, levelled `schedule` of 500 and 2,000 one-day tasks of one person (one
shared resource), and `export --format mspdi` of 10,000 tasks (issue 12's target). `--only TEXT`
keeps the cases whose name or size contains TEXT.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from benchmarks.generate import one_person_text, plan_text  # noqa: E402

ONE_PERSON = -1
"""In place of a resource count: the plan of benchmarks.generate.one_person_text."""

CASES = (
    ("check", 1_000, None, ["check"]),
    ("check", 10_000, None, ["check"]),
    ("schedule --no-level", 1_000, None, ["schedule", "--no-level", "--format", "json"]),
    ("schedule --no-level", 10_000, None, ["schedule", "--no-level", "--format", "json"]),
    ("schedule (levelled)", 1_000, 100, ["schedule", "--format", "json"]),
    ("schedule (levelled)", 10_000, 100, ["schedule", "--format", "json"]),
    ("schedule (levelled)", 500, ONE_PERSON, ["schedule", "--format", "json"]),
    ("schedule (levelled)", 2_000, ONE_PERSON, ["schedule", "--format", "json"]),
    ("export --format mspdi", 10_000, None, ["export", "--format", "mspdi"]),
)


def _time(command: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)}: exit {done.returncode}: {done.stderr[-500:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default="", help="cases whose name or size contains this")
    args = parser.parse_args(argv)
    print(f"load averages at the start: {os.getloadavg()}")
    print("| command | plan | before wall (s) | after wall (s) | before CPU (s) | after CPU (s) "
          "| after / before (CPU) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as work:
        for name, tasks, resources, command in CASES:
            size = f"{tasks:,} tasks" + (", one person" if resources == ONE_PERSON else
                                         f", {resources} resources" if resources else "")
            if args.only not in f"{name} {size}":
                continue
            path = os.path.join(work, f"plan-{tasks}-{resources}.yaml")
            if not os.path.exists(path):
                with open(path, "w", encoding="utf-8") as out:
                    out.write(one_person_text(tasks) if resources == ONE_PERSON
                              else plan_text(tasks, resources))
            wall = {"before": float("inf"), "after": float("inf")}
            cpu = dict(wall)
            for _ in range(args.repeat):
                for side in ("before", "after"):
                    w, c = _time([getattr(args, side), *command, path])
                    wall[side], cpu[side] = min(wall[side], w), min(cpu[side], c)
            print(f"| {name} | {size} | {wall['before']:.3f} | {wall['after']:.3f} | "
                  f"{cpu['before']:.3f} | {cpu['after']:.3f} | "
                  f"{cpu['after'] / cpu['before']:.3f} |", flush=True)
    print(f"load averages at the end: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
