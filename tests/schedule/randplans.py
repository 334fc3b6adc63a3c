"""Random valid plans for the scheduler's property tests, as YAML text.

Every feature the scheduler reads appears: the three task kinds, the four link types with
negative, zero and positive lags, links to phases and phase-level `depends_on`, holidays,
six- and five-day weeks, resources with units and leave, `start_no_earlier_than` and
deadlines (each can be switched off, because some properties hold only without them).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Options:
    deadlines: bool = False
    snet: bool = True
    leave: bool = True
    progress: bool = False
    """A status date some weeks in, with done, in-progress, blocked and cancelled tasks."""


def random_plan(seed: int, options: Options = Options()) -> str:
    rng = random.Random(seed)
    start = date(2026, 1, 1) + timedelta(days=rng.randrange(200))
    workdays = rng.choice([["mon", "tue", "wed", "thu", "fri"],
                           ["mon", "tue", "wed", "thu", "fri", "sat"]])
    holidays = [str(start + timedelta(days=rng.randrange(60))) for _ in range(rng.randint(0, 3))]
    status = start + timedelta(days=rng.randrange(1, 40))
    lines = ["planctl: 1", f"id: r{seed}", f"name: Random {seed}", f"start: {start}",
             *([f"status_date: {status}"] if options.progress else []),
             "calendar:", f"  workdays: [{', '.join(workdays)}]",
             f"  holidays: [{', '.join(holidays)}]"]
    resources = [f"res{k}" for k in range(rng.randint(1, 3))]
    lines.append("resources:")
    for res in resources:
        leave = ""
        if options.leave and rng.random() < 0.6:
            first = start + timedelta(days=rng.randrange(40))
            leave = f", leave: [{first}, {{from: {first + timedelta(days=5)}, " \
                    f"to: {first + timedelta(days=5 + rng.randrange(6))}}}]"
        lines.append(f"  - {{id: {res}, name: {res}, capacity: {rng.choice([1, 2])}, "
                     f"rate: {rng.randrange(0, 500, 50)}{leave}}}")
    lines.append("phases:")
    tasks: list[str] = []
    phases: list[str] = []
    for ph in range(rng.randint(1, 3)):
        phase = f"ph{ph}"
        lines += [f"  - id: {phase}", f"    name: Phase {ph}"]
        if phases and rng.random() < 0.4:
            lines.append(f"    depends_on: [{_link(rng, rng.choice(phases + tasks))}]")
        lines.append("    tasks:")
        for _ in range(rng.randint(1, 8)):
            ident = f"t{len(tasks)}"
            lines.append(f"      - {{id: {ident}, name: Task {ident}, "
                         f"{_body(rng, resources, start, options)}"
                         f"{_progress(rng, start, status) if options.progress else ''}"
                         f"{_deps(rng, tasks, phases)}}}")
            tasks.append(ident)
        phases.append(phase)
    return "\n".join(lines) + "\n"


def _link(rng: random.Random, target: str) -> str:
    kind = rng.choice(["FS", "FS", "SS", "FF", "SF"])
    lag = rng.choice([0, 0, 0, 1, 2, 5, -1, -3])
    if kind == "FS" and lag == 0 and rng.random() < 0.5:
        return target
    return f"{{task: {target}, type: {kind}, lag: {lag}d}}"


def _deps(rng: random.Random, tasks: list[str], phases: list[str]) -> str:
    if not tasks:
        return ""
    chosen = {rng.choice(tasks[-6:]) for _ in range(rng.randint(0, 3))}
    if phases and rng.random() < 0.15:
        chosen.add(rng.choice(phases))
    if not chosen:
        return ""
    return f", depends_on: [{', '.join(_link(rng, t) for t in sorted(chosen))}]"


def _body(rng: random.Random, resources: list[str], start: date, options: Options) -> str:
    roll = rng.random()
    extra = ""
    if options.snet and rng.random() < 0.15:
        extra += f", start_no_earlier_than: {start + timedelta(days=rng.randrange(30))}"
    if options.deadlines and rng.random() < 0.25:
        extra += f", deadline: {start + timedelta(days=rng.randrange(5, 60))}"
    if roll < 0.15:
        return "milestone: true" + extra
    assign = rng.sample(resources, rng.randint(1, len(resources)))
    who = ", ".join(f"{{resource: {r}, units: {rng.choice([0.5, 1])}}}" for r in assign)
    if roll < 0.55:
        return f"effort: {rng.choice([1, 2, 3, 4.5, 8])}d, assign: [{who}]" + extra
    span = rng.choice(["1d", "2d", "3d", "5d", "1w"])
    return f"duration: {span}, assign: [{who}]" + extra


def _progress(rng: random.Random, start: date, status: date) -> str:
    roll = rng.random()
    first = start + timedelta(days=rng.randrange(max(1, (status - start).days)))
    if roll < 0.25:
        if rng.random() < 0.3:
            return ", status: done"
        last = first + timedelta(days=rng.randrange(max(1, (status - first).days)))
        return f", status: done, actual_start: {first}, actual_finish: {last}"
    if roll < 0.45:
        since = f", actual_start: {first}" if rng.random() < 0.8 else ""
        return f", status: in_progress, progress: {rng.choice([0, 10, 50, 90])}{since}"
    if roll < 0.5:
        return ", status: cancelled"
    if roll < 0.55:
        return ", status: blocked"
    return ""
