"""Make a synthetic, valid plan of any size for the benchmarks.

    python benchmarks/generate.py --tasks 1000 --resources 40 --seed 1 -o plan-1000.yaml
    python benchmarks/generate.py --tasks 2000 --one-person -o one-person-2000.yaml

The plan looks like a large real one: phases of 25 tasks in parallel workstreams of about eight
phases each (a bigger plan has more streams, not a longer chain, so its critical path is three
to four years long at any size from 1,000 tasks); durations and effort; people, teams and
equipment with leave; assignments within capacity; dependencies on earlier tasks (mostly nearby
in the same phase, the previous phase of the stream, a few across streams or far back; every
link type, lags and leads); a calendar with holidays; risks, stakeholders and communications.
It is valid (`planctl check` finds no error) and the same seed always gives the same text.

`--tj3` keeps to what TaskJuggler and planctl mean the same way (tests/tj3/tjp.py translates
it): people of capacity 1 only, effort on exactly one person at 1 unit, durations without
assignments, FS links with lags of zero or more, and SS links only from duration tasks.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta

PHASE_SIZE = 25
STREAM_PHASES = 8  # phases per workstream: the longest chain is about this many phases long
START = date(2026, 1, 5)
WORDS = (
    "migrate", "configure", "review", "test", "deploy", "design", "document", "train",
    "integrate", "audit", "billing", "ledger", "portal", "gateway", "catalogue", "search",
    "reporting", "payroll", "inventory", "customer", "order", "invoice", "warehouse", "mobile",
    "api", "schema", "index", "cache", "backup",
)


def _name(rng: random.Random, index: int) -> str:
    return f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {index}"


def _resources(rng: random.Random, count: int, tj3: bool
               ) -> tuple[list[str], dict[str, float], list[str]]:
    lines, capacity, people = ["resources:"], {}, []
    for i in range(count):
        ident = f"r{i}"
        kind = "person" if tj3 else "team" if i % 5 == 4 else "equipment" if i % 11 == 10 \
            else "person"
        units = 3 if kind == "team" else 1
        capacity[ident] = units
        if kind == "person":
            people.append(ident)
        lines += [f"  - id: {ident}", f"    name: {kind.capitalize()} {i}",
                  f"    kind: {kind}", f"    capacity: {units}",
                  f"    rate: {rng.randrange(300, 1200, 50)}"]
        if kind == "person" and rng.random() < 0.3:
            first = START + timedelta(days=rng.randrange(10, 400))
            lines.append(f"    leave: [{{from: {first}, to: {first + timedelta(days=4)}}}]")
    return lines, capacity, people


def _work(rng: random.Random, roll: float, capacity: dict[str, float], tj3: bool) -> list[str]:
    """The `effort` or `duration` line and the `assign` line of a task that is not a milestone."""
    if tj3:
        if roll < 0.45:
            return [f"        effort: {rng.randrange(2, 30)}d",
                    f"        assign: [{rng.choice(list(capacity))}]"]
        return [f"        duration: {rng.randrange(1, 15)}d"]
    chosen = rng.sample(list(capacity), k=min(len(capacity), rng.choice((1, 1, 1, 2))))
    parts = []
    for resource in chosen:
        units = rng.choice((0.5, 1, capacity[resource])) if capacity[resource] > 1 else 1
        parts.append(resource if units == 1 else f"{{resource: {resource}, units: {units}}}")
    work = f"effort: {rng.randrange(2, 30)}d" if roll < 0.45 else \
        f"duration: {rng.randrange(1, 15)}d"
    return [f"        {work}", f"        assign: [{', '.join(parts)}]"]


def _task(rng: random.Random, index: int, links: list[str], capacity: dict[str, float],
          people: list[str], tj3: bool, kinds: dict[str, str]) -> list[str]:
    lines = [f"      - id: t{index}", f"        name: {_name(rng, index)}"]
    roll = rng.random()
    kinds[f"t{index}"] = "milestone" if roll < 0.05 else "effort" if roll < 0.45 else "duration"
    if roll < 0.05:
        lines += ["        milestone: true", f"        owner: {rng.choice(people)}"]
    else:
        lines += _work(rng, roll, capacity, tj3)
    if links:
        lines.append("        depends_on:")
        lines += [f"          - {link}" for link in links]
    if rng.random() < 0.1:
        lines.append(f"        priority: {rng.randrange(100, 1000)}")
    if rng.random() < 0.05:
        lines.append(f"        deadline: {START + timedelta(days=rng.randrange(200, 1200))}")
    if rng.random() < 0.1:
        lines.append(f"        cost: {rng.randrange(500, 20000, 500)}")
    return lines


def _targets(rng: random.Random, index: int, phases: list[list[str]], streams: int,
             ids: list[str]) -> set[str]:
    """Earlier tasks to depend on (so there is never a cycle), mostly in the same phase.

    The first task of a phase follows the previous phase of its workstream (and sometimes one
    of another stream); later tasks follow one to three of the twelve before them in the phase,
    and now and then any earlier task.
    """
    phase, position = divmod(index, PHASE_SIZE)
    chosen: set[str] = set()
    if position == 0:
        if phase >= streams:
            chosen.add(rng.choice(phases[phase - streams][-3:]))
        if phase and rng.random() < 0.2:
            chosen.add(rng.choice(phases[rng.randrange(phase)]))
        return chosen
    here = phases[phase]
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        chosen.add(here[-rng.randrange(1, min(len(here), 12) + 1)])
    if rng.random() < 0.03:
        chosen.add(ids[rng.randrange(len(ids))])
    return chosen


def _links(rng: random.Random, targets: set[str], tj3: bool, kinds: dict[str, str]
           ) -> list[str]:
    """Links to `targets`: plain, or with a type and a lag.

    With `tj3`, an SS link starts only from a duration task: tj3 places an SS successor against
    an effort task's start before levelling has found it and then reports an error instead of a
    schedule (the rule tests/tj3/randplan.py keeps too).
    """
    links = []
    for target in sorted(targets):
        if rng.random() < 0.8:
            links.append(target)
        elif tj3:
            kind = rng.choice(("FS", "SS")) if kinds[target] == "duration" else "FS"
            links.append(f"{{task: {target}, type: {kind}, lag: {rng.choice(('1d', '2d', '1w'))}}}")
        else:
            kind = rng.choice(("FS", "SS", "FF", "SF"))
            lag = rng.choice(("-2d", "1d", "2d", "1w"))
            links.append(f"{{task: {target}, type: {kind}, lag: {lag}}}")
    return links


def plan_text(tasks: int, resources: int | None = None, seed: int = 1, tj3: bool = False) -> str:
    """The YAML text of a valid plan with `tasks` tasks (`tj3`: only what tj3 shares)."""
    rng = random.Random(seed)
    resources = resources if resources is not None else max(5, tasks // 25)
    resource_lines, capacity, people = _resources(rng, resources, tj3)
    people = people[:50] or [r for r in capacity if r.endswith("4")] or list(capacity)
    stakeholders = [f"s{i}" for i in range(max(3, tasks // 200))]
    lines = ["# A synthetic plan made by benchmarks/generate.py", "planctl: 1",
             f"name: Synthetic plan of {tasks} tasks", f"owner: {people[0]}",
             f"start: {START}", f"status_date: {START}", "calendar:", "  holidays:"]
    for year in (2026, 2027, 2028, 2029):
        lines += [f"    - {{date: {year}-01-01, name: New Year}}",
                  f"    - {{from: {year}-12-24, to: {year}-12-31, name: Year end}}"]
    lines += resource_lines
    lines += ["budget: {currency: EUR, total: 100000000}", "phases:"]
    ids: list[str] = []
    phases: list[list[str]] = []
    kinds: dict[str, str] = {}
    streams = max(1, round(tasks / (PHASE_SIZE * STREAM_PHASES)))
    for start in range(0, tasks, PHASE_SIZE):
        phase = start // PHASE_SIZE
        phases.append([])
        lines += [f"  - id: p{phase}", f"    name: Phase {phase}",
                  f"    owner: {rng.choice(people)}", "    tasks:"]
        for index in range(start, min(tasks, start + PHASE_SIZE)):
            links = _links(rng, _targets(rng, index, phases, streams, ids), tj3, kinds)
            lines += _task(rng, index, links, capacity, people, tj3, kinds)
            ids.append(f"t{index}")
            phases[phase].append(f"t{index}")
    lines.append("risks:")
    for i in range(max(3, tasks // 50)):
        affected = sorted(set(rng.sample(ids, k=min(len(ids), 2))))
        lines += [f"  - id: R{i}", f"    title: {json.dumps(_name(rng, i))}",
                  f"    probability: {rng.randrange(1, 6)}", f"    impact: {rng.randrange(1, 6)}",
                  f"    owner: {rng.choice(people)}", f"    affects: [{', '.join(affected)}]",
                  "    mitigation: Watch it weekly",
                  "    delay: {optimistic: 1d, likely: 3d, pessimistic: 10d}"]
    lines.append("stakeholders:")
    for i, ident in enumerate(stakeholders):
        level = ("high", "medium", "low")[i % 3]
        lines += [f"  - id: {ident}", f"    name: Stakeholder {i}", f"    influence: {level}",
                  "    interest: high"]
    lines += ["communications:", "  - name: Weekly status",
              f"    audience: [{', '.join(stakeholders)}]", f"    owner: {people[0]}"]
    return "\n".join(lines) + "\n"


def one_person_text(tasks: int) -> str:
    """One person doing everything: `tasks` one-day tasks, no links, in phases of 25. Levelling
    has to queue them all on her, the worst case of one shared resource."""
    lines = ["# One person, one-day tasks: made by benchmarks/generate.py --one-person",
             "planctl: 1", f"name: {tasks} one-day tasks of one person", "owner: ann",
             f"start: {START}", "resources:", "  - {id: ann, name: Ann, kind: person}",
             "phases:"]
    for start in range(0, tasks, PHASE_SIZE):
        lines += [f"  - id: p{start // PHASE_SIZE}", f"    name: Phase {start // PHASE_SIZE}",
                  "    tasks:"]
        lines += [f"      - {{id: t{i}, name: Task {i}, duration: 1d, assign: [ann]}}"
                  for i in range(start, min(tasks, start + PHASE_SIZE))]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, required=True, help="number of tasks")
    parser.add_argument("--resources", type=int, default=None,
                        help="number of resources (default: tasks / 25, at least 5)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--tj3", action="store_true",
                        help="use only what TaskJuggler shares (see above)")
    parser.add_argument("--one-person", action="store_true",
                        help="one-day tasks of one person, no links (one shared resource)")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.tasks < 1 or (args.resources is not None and args.resources < 1):
        parser.error("--tasks and --resources must be at least 1")
    text = one_person_text(args.tasks) if args.one_person else \
        plan_text(args.tasks, args.resources, args.seed, args.tj3)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
