"""Random plans where people are shared, for the levelling tests, as YAML text.

Every task but milestones uses one or more of a few resources, so levelling has work to do.
`simple=True` keeps to what the priority property can be checked on by hand: no milestones,
one resource at one unit a task, FS and SS links with non-negative lags between tasks (no phase
links, no start constraints). Otherwise any link type and lag (leads too), links to phases,
milestones, several resources a task with fractional units, and `start_no_earlier_than`.
Units never exceed a resource's capacity: a task needing more than the resource has can never
be levelled (that is lint rule D103's job, not levelling's).
"""

from __future__ import annotations

import random
from datetime import date, timedelta


def level_plan(seed: int, simple: bool = False) -> str:
    rng = random.Random(seed)
    start = date(2026, 1, 1) + timedelta(days=rng.randrange(200))
    workdays = rng.choice([["mon", "tue", "wed", "thu", "fri"],
                           ["mon", "tue", "wed", "thu", "fri", "sat"]])
    holidays = [str(start + timedelta(days=rng.randrange(90))) for _ in range(rng.randint(0, 3))]
    lines = ["planctl: 1", f"id: lv{seed}", f"name: Levelling {seed}", f"start: {start}",
             "calendar:", f"  workdays: [{', '.join(workdays)}]",
             f"  holidays: [{', '.join(holidays)}]", "resources:"]
    capacity: dict[str, int] = {}
    for k in range(rng.randint(1, 2 if simple else 4)):
        rid = f"r{k}"
        capacity[rid] = rng.choice([1, 1, 1, 2]) if simple else rng.choice([1, 1, 2, 3])
        leave = ""
        if rng.random() < 0.5:
            first = start + timedelta(days=rng.randrange(60))
            leave = f", leave: [{first}, {{from: {first + timedelta(days=3)}, " \
                    f"to: {first + timedelta(days=3 + rng.randrange(8))}}}]"
        lines.append(f"  - {{id: {rid}, name: {rid}, capacity: {capacity[rid]}{leave}}}")
    lines.append("phases:")
    tasks: list[str] = []
    phases: list[str] = []
    for ph in range(rng.randint(1, 3)):
        phase = f"ph{ph}"
        lines += [f"  - id: {phase}", f"    name: Phase {ph}"]
        if not simple and phases and rng.random() < 0.3:
            lines.append(f"    depends_on: [{rng.choice(phases)}]")
        lines.append("    tasks:")
        for _ in range(rng.randint(2, 9)):
            ident = f"t{len(tasks)}"
            body = _body(rng, capacity, start, simple)
            if rng.random() < 0.4:
                body += f", priority: {rng.choice([100, 300, 500, 700, 900])}"
            lines.append(f"      - {{id: {ident}, name: Task {ident}, {body}"
                         f"{_deps(rng, tasks, phases, simple)}}}")
            tasks.append(ident)
        phases.append(phase)
    return "\n".join(lines) + "\n"


def _body(rng: random.Random, capacity: dict[str, int], start: date, simple: bool) -> str:
    extra = ""
    if not simple and rng.random() < 0.1:
        extra = f", start_no_earlier_than: {start + timedelta(days=rng.randrange(20))}"
    if not simple and rng.random() < 0.1:
        return "milestone: true" + extra
    if simple:
        who = rng.choice(list(capacity))
    else:
        chosen = rng.sample(list(capacity), rng.randint(1, min(2, len(capacity))))
        who = ", ".join(
            f"{{resource: {r}, units: {rng.choice([u for u in (0.5, 1, 2) if u <= capacity[r]])}}}"
            for r in chosen)
    if rng.random() < 0.6:
        return f"effort: {rng.choice([1, 2, 3, 5, 8])}d, assign: [{who}]" + extra
    return f"duration: {rng.choice(['1d', '2d', '4d', '1w'])}, assign: [{who}]" + extra


def _deps(rng: random.Random, tasks: list[str], phases: list[str], simple: bool) -> str:
    if not tasks:
        return ""
    chosen = sorted({rng.choice(tasks[-8:]) for _ in range(rng.randint(0, 2))})
    if not simple and phases and rng.random() < 0.1:
        chosen.append(rng.choice(phases))
    links = []
    for target in chosen:
        if simple:
            kind, lag = rng.choice(["FS", "FS", "SS"]), rng.choice([0, 0, 1, 3])
        else:
            kind, lag = rng.choice(["FS", "FS", "SS", "FF", "SF"]), rng.choice([0, 0, 1, 3, -1, -2])
        links.append(f"{{task: {target}, type: {kind}, lag: {lag}d}}")
    return f", depends_on: [{', '.join(links)}]" if links else ""
