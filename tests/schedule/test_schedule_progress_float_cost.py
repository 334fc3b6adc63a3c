"""Progress against a status date, total and free float, deadlines, critical paths, cost."""

from __future__ import annotations

from datetime import date

import pytest
from schedutil import dates, make_plan, run

from planctl.schedule import schedule_plan

WED_14 = date(2026, 1, 14)  # boundary 7


def test_done_task_keeps_its_actual_dates() -> None:
    s = run("- {id: a, name: A, duration: 3d, status: done, actual_start: 2026-01-06, "
            "actual_finish: 2026-01-12}\n- {id: b, name: B, duration: 1d, depends_on: [a]}",
            as_of=WED_14)
    assert dates(s, "a") == ("2026-01-06", "2026-01-12")
    assert s.task("a").progress == 100
    # b is not done: held back to the status date even though a finished earlier.
    assert dates(s, "b")[0] == "2026-01-14"


def test_successor_of_done_work_after_the_status_date_follows_the_actual_finish() -> None:
    s = run("- {id: a, name: A, duration: 3d, status: done, actual_start: 2026-01-06, "
            "actual_finish: 2026-01-12}\n- {id: b, name: B, duration: 1d, depends_on: [a]}",
            as_of=date(2026, 1, 7))
    assert dates(s, "b")[0] == "2026-01-13"


def test_done_task_without_dates_stays_where_the_plan_put_it() -> None:
    s = run("- {id: a, name: A, duration: 2d, status: done}\n"
            "- {id: b, name: B, duration: 1d, depends_on: [a]}", as_of=WED_14)
    assert dates(s, "a") == ("2026-01-05", "2026-01-06")
    assert not s.task("a").overdue


def test_in_progress_schedules_the_remaining_share_from_the_status_date() -> None:
    # 4 days, 50% done: 2 days remain, from Wed 14: Wed 14 .. Thu 15.
    s = run("- {id: a, name: A, duration: 4d, status: in_progress, progress: 50, "
            "actual_start: 2026-01-05}\n- {id: b, name: B, duration: 1d, depends_on: [a]}",
            as_of=WED_14)
    assert dates(s, "a") == ("2026-01-05", "2026-01-15")
    assert dates(s, "b")[0] == "2026-01-16"
    # Planned to finish Thu 8, not done by Wed 14: overdue.
    assert s.task("a").overdue
    assert s.task("a").planned_finish == date(2026, 1, 8)


def test_in_progress_started_after_the_status_date_keeps_its_start() -> None:
    s = run("- {id: a, name: A, duration: 4d, status: in_progress, progress: 25, "
            "actual_start: 2026-01-07}", as_of=date(2026, 1, 6))
    # 3 days remain from its actual start (the later of start and status date).
    assert dates(s, "a") == ("2026-01-07", "2026-01-09")
    assert not s.task("a").overdue


def test_nothing_not_yet_done_is_scheduled_before_the_status_date() -> None:
    s = run("- {id: m, name: M, milestone: true}\n- {id: a, name: A, duration: 2d}\n"
            "- {id: b, name: B, duration: 2d, start_no_earlier_than: 2026-01-20}",
            as_of=WED_14)
    assert dates(s, "m")[0] == "2026-01-14"
    assert dates(s, "a") == ("2026-01-14", "2026-01-15")
    assert dates(s, "b")[0] == "2026-01-20"
    assert s.task("a").overdue and s.task("m").overdue and not s.task("b").overdue


def test_status_date_before_the_work_changes_nothing() -> None:
    tasks = "- {id: a, name: A, duration: 2d}\n- {id: b, name: B, duration: 1d, depends_on: [a]}"
    early = run(tasks, as_of=date(2026, 1, 1))
    none = run(tasks)
    assert [dates(early, t) for t in "ab"] == [dates(none, t) for t in "ab"]
    assert not any(t.overdue for t in early.tasks)


def test_status_date_comes_from_the_plan_when_not_given() -> None:
    s = run("- {id: a, name: A, duration: 1d}", head="status_date: 2026-01-14")
    assert dates(s, "a")[0] == "2026-01-14"
    assert s.status_date == WED_14
    # as_of overrides it.
    assert dates(run("- {id: a, name: A, duration: 1d}", head="status_date: 2026-01-14",
                     as_of=date(2026, 1, 12)), "a")[0] == "2026-01-12"


def test_cancelled_task_takes_no_time_but_passes_its_links_on() -> None:
    s = run("- {id: a, name: A, duration: 2d}\n"
            "- {id: c, name: C, duration: 5d, depends_on: [a], status: cancelled, cost: 99}\n"
            "- {id: b, name: B, duration: 1d, depends_on: [c]}")
    assert dates(s, "b")[0] == "2026-01-07"
    assert s.task("c").cost == 0 and not s.task("c").critical
    assert all("c" not in path for path in s.critical_paths)


def test_total_and_free_float() -> None:
    # a (2d) -> c (1d); b (5d) -> c... no: a -> m ; b alone is the longest.
    s = run("- {id: a, name: A, duration: 2d}\n- {id: x, name: X, duration: 1d, "
            "depends_on: [a]}\n- {id: b, name: B, duration: 5d}\n"
            "- {id: y, name: Y, duration: 1d, depends_on: [a]}\n"
            "- {id: z, name: Z, duration: 1d, depends_on: [y], start_no_earlier_than: "
            "2026-01-09}")
    # Plan finish: b ends Fri 9 (boundary 5). a: late finish is bounded by x and y.
    assert (s.task("b").total_float, s.task("b").critical) == (0, True)
    assert s.task("x").total_float == 2 and s.task("x").free_float == 2
    # y can slip 1 day before z (held to Fri by start_no_earlier_than) moves: free float 1;
    # z itself ends with the plan: total float 0 too? z ends at 5 = plan finish.
    assert s.task("z").total_float == 0
    assert s.task("y").free_float == 1 and s.task("y").total_float == 1
    assert s.task("a").free_float == 0 and s.task("a").total_float == 1


def test_deadline_gives_negative_float_and_a_missed_deadline() -> None:
    s = run("- {id: a, name: A, duration: 3d}\n"
            "- {id: b, name: B, duration: 2d, depends_on: [a], deadline: 2026-01-08}\n"
            "- {id: c, name: C, duration: 10d}")
    # b runs Thu 8 .. Fri 9: one working day late; a and b get float -1 though the plan's
    # finish (c, Fri 16) leaves them room.
    assert s.task("b").total_float == -1 and s.task("a").total_float == -1
    assert s.task("b").critical and s.task("a").critical
    [missed] = s.missed_deadlines
    assert (missed.task, missed.finish, missed.slip) == ("b", date(2026, 1, 9), 1)


def test_met_deadline_limits_float() -> None:
    s = run("- {id: a, name: A, duration: 3d, deadline: 2026-01-09}\n"
            "- {id: c, name: C, duration: 10d}")
    assert s.task("a").total_float == 2
    assert not s.missed_deadlines


def test_milestone_deadline_on_its_day_is_met() -> None:
    s = run("- {id: a, name: A, duration: 5d}\n"
            "- {id: m, name: M, milestone: true, depends_on: [a], deadline: 2026-01-09}")
    assert s.task("m").total_float == 0 and not s.missed_deadlines


def test_critical_path_is_a_chain_from_start_to_finish() -> None:
    s = run("- {id: a, name: A, duration: 2d}\n- {id: b, name: B, duration: 3d, "
            "depends_on: [a]}\n- {id: c, name: C, duration: 1d, depends_on: [a]}\n"
            "- {id: d, name: D, duration: 1d, depends_on: [b, c]}")
    assert s.critical_paths == [["a", "b", "d"]]
    assert [t.id for t in s.tasks if t.critical] == ["a", "b", "d"]
    assert s.task("d").driving == ("b",)


def test_two_equal_chains_are_two_critical_paths() -> None:
    s = run("- {id: a, name: A, duration: 2d}\n- {id: b, name: B, duration: 2d}\n"
            "- {id: d, name: D, duration: 1d, depends_on: [a, b]}")
    assert s.critical_paths == [["a", "d"], ["b", "d"]]


def test_cost_per_task_phase_and_plan_against_budget() -> None:
    resources = """- {id: al, name: Al, rate: 100}
- {id: bo, name: Bo, rate: 80, leave: [2026-01-06]}"""
    s = run("- {id: a, name: A, duration: 3d, assign: [al, {resource: bo, units: 0.5}], "
            "cost: 1000}\n- {id: b, name: B, effort: 2d, assign: [al]}",
            resources=resources, head="budget: {currency: EUR, total: 2000}", phases="""
- id: q
  name: Q
  tasks:
    - {id: c, name: C, duration: 1d, assign: [{resource: al, units: 2}], depends_on: [a]}
""", level=False)
    # a: Al 100 x 1 x 3 days + Bo 80 x 0.5 x 2 days (away Tue) + 1000 fixed.
    assert s.task("a").cost == 300 + 80 + 1000
    assert s.task("b").cost == 200
    assert s.task("c").cost == 200
    phases = {p.id: p.cost for p in s.phases}
    assert phases == {"p": 1580, "q": 200}
    assert s.cost == 1780 and s.budget == 2000 and s.currency == "EUR"


def test_over_allocation_is_reported_when_not_levelling() -> None:
    plan = make_plan("- {id: a, name: A, duration: 2d, assign: [al]}\n"
                     "- {id: b, name: B, duration: 1d, assign: [al]}",
                     resources="- {id: al, name: Al}")
    s = schedule_plan(plan, level=False)
    assert s.resources[0].over_allocated == (date(2026, 1, 5),)
    assert s.resources[0].load[date(2026, 1, 5)] == 2


@pytest.mark.parametrize("level", [True, False])
def test_schedule_is_deterministic(level: bool) -> None:
    plan = make_plan("- {id: a, name: A, duration: 2d, assign: [al]}\n"
                     "- {id: b, name: B, duration: 1d, assign: [al], depends_on: "
                     "[{task: a, type: SS}]}", resources="- {id: al, name: Al}")
    assert schedule_plan(plan, level=level) == schedule_plan(plan, level=level)
