"""`TaskSchedule.start_delay`: the working days a task starts after the start its links allow
(predecessors at their scheduled dates), what levelling and the status date add."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st
from randplans import Options, random_plan

from planctl.loader import load_text
from planctl.schedule import schedule_plan


def _plan(seed: int, progress: bool = False):
    return load_text(random_plan(seed, Options(progress=progress)), f"r{seed}.yaml").plan


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**9))
def test_nothing_is_delayed_without_levelling_or_a_status_date(seed: int) -> None:
    schedule = schedule_plan(_plan(seed), level=False)
    assert [t.id for t in schedule.tasks if t.start_delay] == []


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**9), progress=st.booleans())
def test_a_delayed_task_starts_after_its_unlevelled_start(seed: int, progress: bool) -> None:
    # Levelled predecessors only push the start the links allow later, never earlier. With a
    # status date, waiting for it is delay too, and the unlevelled start waits as well.
    for task in schedule_plan(_plan(seed, progress)).tasks:
        assert task.start_delay >= 0
        if task.start_delay:
            assert not task.milestone and task.status in ("planned", "blocked")
            assert task.start >= task.early_start if progress else (
                task.start > task.early_start), task.id


def test_levelling_delays_the_task_that_waits_for_its_resource() -> None:
    plan = load_text("""\
planctl: 1
name: Two jobs, one person
start: 2026-03-02
resources: [{id: ana, name: Ana}]
phases:
  - id: work
    name: Work
    tasks:
      - {id: first, name: First, duration: 4d, assign: [ana], priority: 900}
      - {id: second, name: Second, duration: 3d, assign: [ana]}
      - {id: after, name: After, duration: 1d, depends_on: [second]}
""", "two.yaml").plan
    schedule = schedule_plan(plan)
    assert [(t.id, t.start_delay) for t in schedule.tasks] == [
        ("first", 0), ("second", 4), ("after", 0)]
    assert schedule.task("after").start == date(2026, 3, 11)


def test_waiting_for_the_status_date_is_a_delay_too() -> None:
    plan = load_text("planctl: 1\nname: Late\nstart: 2026-03-02\nphases:\n  - id: p\n"
                     "    name: P\n    tasks:\n      - {id: t, name: T, duration: 2d}\n",
                     "late.yaml").plan
    assert schedule_plan(plan, as_of=date(2026, 3, 4)).task("t").start_delay == 2
