"""Milestones shown where the contract says, phases as summaries and as dependencies,
`start_no_earlier_than`, and the plan's start."""

from __future__ import annotations

from schedutil import dates, run


def test_milestone_at_the_plan_start_is_shown_on_the_start_day() -> None:
    s = run("- {id: m, name: Kickoff, milestone: true}\n"
            "- {id: a, name: A, duration: 2d, depends_on: [m]}")
    assert dates(s, "m") == ("2026-01-05", "2026-01-05")
    assert dates(s, "a") == ("2026-01-05", "2026-01-06")


def test_plan_starting_on_a_saturday_starts_work_on_monday() -> None:
    s = run("- {id: m, name: Kickoff, milestone: true}\n- {id: a, name: A, duration: 1d}",
            start="2026-01-03")
    assert dates(s, "m") == ("2026-01-05", "2026-01-05")
    assert dates(s, "a") == ("2026-01-05", "2026-01-05")


def test_milestone_after_a_friday_finish_is_shown_on_that_friday() -> None:
    s = run("- {id: a, name: A, duration: 5d}\n"
            "- {id: m, name: Done, milestone: true, depends_on: [a]}\n"
            "- {id: b, name: B, duration: 1d, depends_on: [m]}")
    assert dates(s, "a")[1] == "2026-01-09"
    assert dates(s, "m") == ("2026-01-09", "2026-01-09")
    # Its successors start at t: the Monday.
    assert dates(s, "b")[0] == "2026-01-12"


def test_milestone_chain_keeps_the_finish_placement() -> None:
    s = run("- {id: a, name: A, duration: 5d}\n"
            "- {id: m, name: M, milestone: true, depends_on: [a]}\n"
            "- {id: n, name: N, milestone: true, depends_on: [m]}")
    assert dates(s, "n") == ("2026-01-09", "2026-01-09")


def test_positive_lag_places_a_milestone_at_a_day_close() -> None:
    s = run("- {id: a, name: A, duration: 2d}\n"
            "- {id: m, name: M, milestone: true, depends_on: [{task: a, lag: 1d}]}")
    # e(A) = 2, t = 3: shown on the last working day before 3, Wed 7.
    assert dates(s, "m")[0] == "2026-01-07"


def test_start_to_start_without_lag_places_a_milestone_on_the_start_day() -> None:
    s = run("- {id: x, name: X, duration: 2d}\n"
            "- {id: a, name: A, duration: 3d, depends_on: [x]}\n"
            "- {id: m, name: M, milestone: true, depends_on: [{task: a, type: SS}]}")
    assert dates(s, "m")[0] == "2026-01-07"


def test_start_wins_when_start_and_finish_place_a_milestone_at_the_same_boundary() -> None:
    # A ends Fri 9 (t = 5); start_no_earlier_than Mon 12 is also t = 5: shown on Monday.
    s = run("- {id: a, name: A, duration: 5d}\n"
            "- {id: m, name: M, milestone: true, depends_on: [a], "
            "start_no_earlier_than: 2026-01-12}")
    assert dates(s, "m")[0] == "2026-01-12"


def test_start_no_earlier_than() -> None:
    s = run("- {id: a, name: A, duration: 2d, start_no_earlier_than: 2026-01-07}\n"
            "- {id: b, name: B, duration: 1d, start_no_earlier_than: 2026-01-10}\n"
            "- {id: c, name: C, duration: 1d, depends_on: [a], "
            "start_no_earlier_than: 2026-01-06}")
    assert dates(s, "a") == ("2026-01-07", "2026-01-08")
    assert dates(s, "b")[0] == "2026-01-12"  # a Saturday: the next working day
    assert dates(s, "c")[0] == "2026-01-09"  # dependencies push past it


PHASES = """
- id: q
  name: Q
  depends_on: [p]
  tasks:
    - {id: q1, name: Q1, duration: 1d}
    - {id: q2, name: Q2, duration: 2d, depends_on: [q1]}
- id: r
  name: R
  tasks:
    - {id: r1, name: R1, duration: 1d, depends_on: [p]}
    - {id: r2, name: R2, duration: 1d, depends_on: [{task: p, type: SS}]}
    - {id: r3, name: R3, duration: 1d, depends_on: [q2]}
"""


def test_phase_depends_on_phase_and_task_depends_on_phase() -> None:
    s = run("- {id: p1, name: P1, duration: 2d}\n"
            "- {id: p2, name: P2, duration: 3d, start_no_earlier_than: 2026-01-06}",
            phases=PHASES)
    # p's last task p2 runs Tue 6 .. Thu 8: every task of q waits for it, r1 too.
    assert dates(s, "q1")[0] == "2026-01-09"
    assert dates(s, "r1")[0] == "2026-01-09"
    # SS on a phase: no earlier than the latest start among its tasks (p2, Tue 6).
    assert dates(s, "r2")[0] == "2026-01-06"
    # Phase summaries: earliest start, latest finish.
    q = next(ph for ph in s.phases if ph.id == "q")
    assert (q.start.isoformat(), q.finish.isoformat()) == ("2026-01-09", "2026-01-13")
    p = next(ph for ph in s.phases if ph.id == "p")
    assert (p.start.isoformat(), p.finish.isoformat()) == ("2026-01-05", "2026-01-08")


def test_phase_dependency_with_type_and_lag_applies_to_every_task() -> None:
    s = run("- {id: a, name: A, duration: 3d}", phases="""
- id: q
  name: Q
  depends_on: [{task: a, type: FF, lag: 1d}]
  tasks:
    - {id: q1, name: Q1, duration: 1d}
    - {id: q2, name: Q2, duration: 2d}
""")
    # e(q) >= e(A) + 1 = 4 for each: q1 is Thu 8, q2 is Wed 7 .. Thu 8.
    assert dates(s, "q1") == ("2026-01-08", "2026-01-08")
    assert dates(s, "q2") == ("2026-01-07", "2026-01-08")


def test_milestone_after_a_phase_is_shown_on_its_last_day() -> None:
    s = run("- {id: a, name: A, duration: 5d}", phases="""
- id: q
  name: Q
  tasks:
    - {id: m, name: M, milestone: true, depends_on: [p]}
""")
    assert dates(s, "m")[0] == "2026-01-09"
