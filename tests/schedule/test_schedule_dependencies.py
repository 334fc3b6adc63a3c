"""Hand-worked dates for every dependency type with positive, zero and negative lag.

Default calendar (Mon-Fri), plan start Mon 2026-01-05. Boundaries: Mon 5 = 0, Tue 6 = 1,
Wed 7 = 2, Thu 8 = 3, Fri 9 = 4, Mon 12 = 5, Tue 13 = 6 ...
"""

from __future__ import annotations

import pytest
from schedutil import dates, run

# A works Mon-Wed (boundaries 0..3).
A = "- {id: a, name: A, duration: 3d}"
# X works Mon-Tue; C follows it and works Wed-Thu (start boundary 2), so leads have room.
XC = "- {id: x, name: X, duration: 2d}\n- {id: c, name: C, duration: 2d, depends_on: [x]}"


@pytest.mark.parametrize(("lag", "start", "finish"), [
    ("0d", "2026-01-08", "2026-01-09"),   # the working day after A finishes
    ("2d", "2026-01-12", "2026-01-13"),   # s = e(A) + 2 = 5: over the weekend
    ("-1d", "2026-01-07", "2026-01-08"),  # a lead: starts on A's last day
    ("1w", "2026-01-15", "2026-01-16"),   # 1w = 5 working days: s = 8
])
def test_finish_to_start(lag: str, start: str, finish: str) -> None:
    s = run(A + f"\n- {{id: b, name: B, duration: 2d, depends_on: [{{task: a, lag: {lag}}}]}}")
    assert dates(s, "b") == (start, finish)


def test_short_form_is_finish_to_start_without_lag() -> None:
    s = run(A + "\n- {id: b, name: B, duration: 1d, depends_on: [a]}")
    assert dates(s, "b") == ("2026-01-08", "2026-01-08")


@pytest.mark.parametrize(("lag", "start"), [
    ("0d", "2026-01-07"),   # starts with C (Wed)
    ("2d", "2026-01-09"),   # s = s(C) + 2 = 4 (Fri)
    ("-1d", "2026-01-06"),  # s = s(C) - 1 = 1 (Tue)
])
def test_start_to_start(lag: str, start: str) -> None:
    s = run(XC + f"\n- {{id: b, name: B, duration: 1d, depends_on: "
                 f"[{{task: c, type: SS, lag: {lag}}}]}}")
    assert dates(s, "b")[0] == start


@pytest.mark.parametrize(("lag", "start", "finish"), [
    ("0d", "2026-01-06", "2026-01-07"),   # e(B) = e(A) = 3: B is Tue-Wed
    ("1d", "2026-01-07", "2026-01-08"),   # e(B) = 4
    ("-1d", "2026-01-05", "2026-01-06"),  # e(B) = 2
    ("-3d", "2026-01-05", "2026-01-06"),  # e(B) >= 0 would start before the plan: held there
])
def test_finish_to_finish(lag: str, start: str, finish: str) -> None:
    s = run(A + f"\n- {{id: b, name: B, duration: 2d, depends_on: "
                f"[{{task: a, type: FF, lag: {lag}}}]}}")
    assert dates(s, "b") == (start, finish)


@pytest.mark.parametrize(("lag", "start"), [
    ("0d", "2026-01-06"),   # e(B) >= s(C) = 2: B's last day is Tue, the day before C's first
    ("2d", "2026-01-08"),   # e(B) >= 4: B is Thu
    ("-1d", "2026-01-05"),  # e(B) >= 1: B is Mon
])
def test_start_to_finish(lag: str, start: str) -> None:
    s = run(XC + f"\n- {{id: b, name: B, duration: 1d, depends_on: "
                 f"[{{task: c, type: SF, lag: {lag}}}]}}")
    assert dates(s, "b") == (start, start)


def test_the_latest_constraint_wins() -> None:
    s = run(XC + "\n- {id: b, name: B, duration: 1d, depends_on: [x, {task: c, type: SS, "
                 "lag: 2d}]}")
    assert dates(s, "b")[0] == "2026-01-09"


def test_nothing_starts_before_the_plan_start_whatever_the_lead() -> None:
    s = run(A + "\n- {id: b, name: B, duration: 1d, depends_on: [{task: a, lag: -10d}]}")
    assert dates(s, "b")[0] == "2026-01-05"


def test_lag_counts_working_days_not_calendar_days() -> None:
    # A ends Fri 9 Jan; a 1-day lag skips the weekend and Monday: B starts Tue 13.
    s = run("- {id: a, name: A, duration: 5d}\n"
            "- {id: b, name: B, duration: 1d, depends_on: [{task: a, lag: 1d}]}")
    assert dates(s, "a") == ("2026-01-05", "2026-01-09")
    assert dates(s, "b")[0] == "2026-01-13"


def test_weeks_are_workdays_of_the_plan_calendar() -> None:
    s = run("- {id: a, name: A, duration: 1w}",
            head="calendar:\n  workdays: [mon, tue, wed, thu, fri, sat]")
    # Six workdays a week: Mon 5 .. Sat 10.
    assert dates(s, "a") == ("2026-01-05", "2026-01-10")
