"""planctl's dates against TaskJuggler's (tj3), task for task.

Random plans in the semantics both tools share (see `randplan.py` and `tjp.py`: working-day
durations as tj3 `length`, effort on one resource with leave, plan holidays, FS and SS links
with non-negative gaps, milestones, 8-hour days 9:00-17:00) are scheduled by both, and every
task must get the same start and finish. tj3's instants are translated to the contract's dates
by `dates.py`; the scheduler is never adjusted to tj3.

Then a few hand-worked plans, each checked against the dates worked out by hand *and* against
tj3, including the one levelling case both tools mean the same way: two tasks of one person
with different priorities (the higher one goes first, the other after it).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.result import Schedule

from .crosscheck import TJ3, tj3_dates
from .randplan import Shape, random_plan
from .tjp import resolve_links

_MISSING = "tj3 (TaskJuggler, Debian package tj3) is not on PATH; .ci/run installs it"


@pytest.fixture(autouse=True, scope="module")
def _needs_tj3() -> None:
    # Skipped on a machine without TaskJuggler; under CI, where .ci/run installs it, missing
    # is a failure, not a silent skip.
    if TJ3 is None:
        if os.environ.get("CI"):
            pytest.fail(_MISSING)
        pytest.skip(_MISSING)

SEEDS = range(48)


def _shape(seed: int) -> Shape:
    """Plans of 12 to 45 tasks; a third of them effort-heavy."""
    return Shape(tasks=12 + (seed * 7) % 34, effort_share=0.6 if seed % 3 == 0 else 0.3)


def _plan(seed: int) -> Plan:
    return load_text(random_plan(seed, _shape(seed)), f"gen-{seed}.yaml").plan


def _ours(schedule: Schedule) -> dict[str, tuple[date, date]]:
    return {t.id: (t.start, t.finish) for t in schedule.tasks}


@pytest.fixture(scope="module")
def theirs() -> dict[int, dict[str, tuple[date, date]]]:
    """tj3's dates of every random plan; two tj3 processes at a time (one per core)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(SEEDS, pool.map(lambda s: tj3_dates(_plan(s)), SEEDS), strict=True))


def _disagreements(ours: dict[str, tuple[date, date]],
                   tj3: dict[str, tuple[date, date]]) -> list[str]:
    return [f"{task}: planctl {a[0]}..{a[1]}, tj3 {tj3[task][0]}..{tj3[task][1]}"
            for task, a in ours.items() if tj3[task] != a]


@pytest.mark.parametrize("seed", SEEDS)
def test_random_plan_dates_match_tj3(seed: int, theirs: dict) -> None:
    plan = _plan(seed)
    tj3 = theirs[seed]
    assert set(tj3) == {task.id for _, task in plan.iter_tasks()}
    unlevelled = _ours(schedule_plan(plan, as_of=plan.start, level=False))
    assert _disagreements(unlevelled, tj3) == []
    # Every effort task has a person of its own: levelling has nothing to do and must not
    # move anything.
    assert _ours(schedule_plan(plan, as_of=plan.start, level=True)) == unlevelled


def test_random_plans_cover_the_shared_semantics() -> None:
    """The random plans above really use what they claim to check (else they prove little)."""
    seen: dict[str, int] = dict.fromkeys(
        ["leave stretches effort", "holiday inside a task", "SS link", "SS gap", "FS gap",
         "phase link", "milestone after a task", "weekend not sat-sun"], 0)
    for seed in SEEDS:
        plan = _plan(seed)
        schedule = schedule_plan(plan, as_of=plan.start, level=False)
        links = resolve_links(plan)
        holidays = {d for span in plan.calendar.holidays
                    for d in _days(span.first, span.last)}
        found = set()
        for _, task in plan.iter_tasks():
            got = schedule.task(task.id)
            if task.effort is not None and got.days > task.effort.days(len(plan.calendar.workdays)):
                leave = any(task.assign[0].resource == r.id and r.leave for r in plan.resources)
                if leave:
                    found.add("leave stretches effort")
            if not task.milestone and any(got.start <= d <= got.finish for d in holidays):
                found.add("holiday inside a task")
            if any(d.task in {p.id for p in plan.phases} for d in task.depends_on):
                found.add("phase link")
        for link in links:
            succ = plan.tasks_by_id[link.succ]
            found.add(f"{link.type} link")
            if link.lag > 0:
                found.add(f"{link.type} gap")
            if succ.milestone and link.type == "FS":
                found.add("milestone after a task")
        if any(p.depends_on for p in plan.phases):
            found.add("phase link")
        if plan.calendar.workdays != ["mon", "tue", "wed", "thu", "fri"]:
            found.add("weekend not sat-sun")
        for name in found & set(seen):
            seen[name] += 1
    assert all(count >= 3 for count in seen.values()), seen


def _days(first: date, last: date) -> list[date]:
    return [date.fromordinal(k) for k in range(first.toordinal(), last.toordinal() + 1)]


# -- hand-worked plans: 2026-01-05 is a Monday ----------------------------------------------

HEAD = """planctl: 1
id: hand
name: Hand-worked
start: 2026-01-05
"""


def _both(text: str, level: bool = False) -> tuple[dict, dict]:
    plan = load_text(HEAD + text, "hand.yaml").plan
    return _ours(schedule_plan(plan, as_of=plan.start, level=level)), tj3_dates(plan)


def _d(text: str) -> date:
    return date.fromisoformat(text)


def test_ss_link_with_a_gap() -> None:
    ours, tj3 = _both("""phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 5d}
      - {id: b, name: B, duration: 2d, depends_on: [{task: a, type: SS, lag: 2d}]}
""")
    # b may start two working days after a starts: on a's third day, Wed 7 Jan.
    assert ours["b"] == (_d("2026-01-07"), _d("2026-01-08"))
    assert ours == tj3


def test_milestone_after_a_friday_finish() -> None:
    ours, tj3 = _both("""phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 5d}
      - {id: m, name: M, milestone: true, depends_on: [a]}
      - {id: c, name: C, duration: 1d, depends_on: [m]}
""")
    # a works Mon 5 .. Fri 9; the milestone is placed by a's finish, so it is shown on that
    # Friday; c starts on the next working day, Mon 12.
    assert ours["a"] == (_d("2026-01-05"), _d("2026-01-09"))
    assert ours["m"] == (_d("2026-01-09"), _d("2026-01-09"))
    assert ours["c"] == (_d("2026-01-12"), _d("2026-01-12"))
    assert ours == tj3


def test_holiday_stretches_a_duration_and_moves_a_successor() -> None:
    ours, tj3 = _both("""calendar:
  holidays: [2026-01-07, {from: 2026-01-12, to: 2026-01-13}]
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, duration: 3d}
      - {id: b, name: B, duration: 1d, depends_on: [{task: a, lag: 1d}]}
""")
    # a: Mon 5, Tue 6, (Wed 7 holiday) Thu 8; one working day of lag (Fri 9), then the
    # next working day after the weekend and Mon 12-Tue 13 holidays is Wed 14.
    assert ours["a"] == (_d("2026-01-05"), _d("2026-01-08"))
    assert ours["b"] == (_d("2026-01-14"), _d("2026-01-14"))
    assert ours == tj3


def test_leave_stretches_an_effort_task() -> None:
    ours, tj3 = _both("""resources:
  - {id: ann, name: Ann, leave: [2026-01-07, {from: 2026-01-09, to: 2026-01-12}]}
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: A, effort: 3d, assign: [ann]}
      - {id: b, name: B, duration: 2d, depends_on: [a]}
""")
    # Ann works Mon 5, Tue 6, (leave Wed 7) Thu 8: a is done on Thu 8. b does not need Ann:
    # it starts Fri 9 although she is away.
    assert ours["a"] == (_d("2026-01-05"), _d("2026-01-08"))
    assert ours["b"] == (_d("2026-01-09"), _d("2026-01-12"))
    assert ours == tj3


def test_one_person_two_tasks_priority_decides_the_order() -> None:
    ours, tj3 = _both("""resources:
  - {id: ann, name: Ann}
phases:
  - id: p
    name: P
    tasks:
      - {id: low, name: Low, effort: 3d, assign: [ann], priority: 300}
      - {id: high, name: High, effort: 2d, assign: [ann], priority: 800}
      - {id: done, name: Done, milestone: true, depends_on: [low, high]}
""", level=True)
    # Both could start Mon 5; Ann does the higher priority first (Mon-Tue), then the other
    # (Wed-Fri), whichever comes first in the file.
    assert ours["high"] == (_d("2026-01-05"), _d("2026-01-06"))
    assert ours["low"] == (_d("2026-01-07"), _d("2026-01-09"))
    assert ours["done"] == (_d("2026-01-09"), _d("2026-01-09"))
    assert ours == tj3
