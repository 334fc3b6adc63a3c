"""Random plans in the subset planctl and tj3 mean the same way, as plan YAML text.

The subset: 8-hour days on the plan's workdays, plan holidays, `duration` tasks, `effort` on one
resource at one unit (the resource may be on leave), milestones, FS and SS links with
non-negative lags (to tasks and to phases, and phase-level `depends_on`), and `priority`.

Two more rules keep both tools on common ground. An SS link never starts from an effort task:
tj3 fixes a successor against its predecessor's start before that effort task has found its
first working hour, and then reports an error instead of a schedule. An SS link never starts
from a milestone either, where the contract's display rule leaves a choice open.

`shared=0` gives every effort task a resource of its own (nothing to level: the date
cross-check); `shared=k` makes every task but milestones an effort task on one of k people
(the levelling comparison).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

WEEKS = (["mon", "tue", "wed", "thu", "fri"],) * 8 + (
    ["mon", "tue", "wed", "thu", "fri", "sat"], ["sun", "mon", "tue", "wed", "thu"])


@dataclass(frozen=True)
class Shape:
    """How a generated plan looks."""

    tasks: int = 20
    shared: int = 0
    """0: each effort task has its own resource; k > 0: every task is effort on one of k."""
    milestone_share: float = 0.12
    effort_share: float = 0.3
    """Share of effort tasks when `shared` is 0."""
    max_preds: int = 3
    window: int = 12
    """Predecessors are picked among this many tasks before."""
    leave: bool = True
    priority_share: float = 0.25
    """Share of tasks (when `shared`) with a `priority` other than the default."""


def _spans(rng: random.Random, start: date, count: int, within: int) -> list[str]:
    items = []
    for _ in range(count):
        first = start + timedelta(days=rng.randrange(within))
        if rng.random() < 0.3:
            last = first + timedelta(days=rng.randint(1, 6))
            items.append(f"{{from: {first}, to: {last}}}")
        else:
            items.append(str(first))
    return items


def _lag(rng: random.Random, workdays: int) -> str:
    if rng.random() < 0.7:
        return ""
    if rng.random() < 0.15:
        return f", lag: {rng.randint(1, 2)}w"
    return f", lag: {rng.randint(1, 6)}d"


def random_plan(seed: int, shape: Shape = Shape()) -> str:
    """Plan YAML text; the same seed and shape always give the same plan."""
    rng = random.Random(seed)
    start = date(2026, 1, 1) + timedelta(days=rng.randrange(365))
    workdays = rng.choice(WEEKS)
    horizon = min(3000, 60 + int(shape.tasks * (7 / shape.shared if shape.shared else 3)))
    lines = ["planctl: 1", f"id: gen-{seed}", f"name: Generated plan {seed}",
             f"start: {start}", f"status_date: {start}", "calendar:",
             f"  workdays: [{', '.join(workdays)}]",
             f"  holidays: [{', '.join(_spans(rng, start, rng.randint(0, 5), horizon))}]"]
    kinds: list[str] = []
    for _ in range(shape.tasks):
        roll = rng.random()
        if roll < shape.milestone_share:
            kinds.append("milestone")
        elif shape.shared or roll < shape.milestone_share + shape.effort_share:
            kinds.append("effort")
        else:
            kinds.append("duration")
    people = shape.shared or kinds.count("effort")
    lines.append("resources:")
    for index in range(people):
        leave = _spans(rng, start, rng.randint(0, 3), horizon) if shape.leave else []
        lines.append(f"  - {{id: p{index}, name: Person {index}, leave: [{', '.join(leave)}]}}")
    phases = max(1, min(5, shape.tasks // 8))
    cuts = sorted(rng.sample(range(1, shape.tasks), phases - 1)) if phases > 1 else []
    bounds = list(zip([0, *cuts], [*cuts, shape.tasks], strict=True))
    lines.append("phases:")
    own = 0
    for number, (first, stop) in enumerate(bounds):
        lines += [f"  - id: ph{number}", f"    name: Phase {number}"]
        phase_dep = None
        if number and rng.random() < 0.3:
            phase_dep = rng.randrange(number)
            lag = _lag(rng, len(workdays))
            lines.append(f"    depends_on: [{{task: ph{phase_dep}{lag}}}]")
        lines.append("    tasks:")
        for index in range(first, stop):
            kind = kinds[index]
            lines += [f"      - id: t{index}", f"        name: Task {index}"]
            if kind == "milestone":
                lines.append("        milestone: true")
            elif kind == "duration":
                size = f"{rng.randint(1, 3)}w" if rng.random() < 0.1 else f"{rng.randint(1, 9)}d"
                lines.append(f"        duration: {size}")
            else:
                lines.append(f"        effort: {rng.randint(1, 8)}d")
                person = rng.randrange(shape.shared) if shape.shared else own
                own += 0 if shape.shared else 1
                lines.append(f"        assign: [p{person}]")
            if shape.shared and rng.random() < shape.priority_share:
                lines.append(f"        priority: {rng.choice([200, 400, 600, 800, 950])}")
            # Tasks already linked through a phase are not picked again: tj3 refuses a second
            # link between the same two tasks.
            banned = set(range(*bounds[phase_dep])) if phase_dep is not None else set()
            deps: list[str] = []
            if number and phase_dep is None and rng.random() < 0.08:
                target = rng.randrange(number)
                banned |= set(range(*bounds[target]))
                deps.append(f"{{task: ph{target}{_lag(rng, len(workdays))}}}")
            candidates = [i for i in range(max(0, index - shape.window), index)
                          if i not in banned]
            for pred in rng.sample(candidates, min(len(candidates),
                                                   rng.randint(0, shape.max_preds))):
                ss = kinds[pred] == "duration" and rng.random() < 0.25
                deps.append(f"{{task: t{pred}, type: {'SS' if ss else 'FS'}"
                            f"{_lag(rng, len(workdays))}}}")
            if deps:
                lines.append(f"        depends_on: [{', '.join(deps)}]")
    return "\n".join(lines) + "\n"
