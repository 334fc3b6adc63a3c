"""Lateness stated right: each deadline against its own task's finish, in working days, with
the unit and the right plural; negative float from a later deadline named as such; finished
work shows no float. Hand-worked on a go-live plan (2026-01-05 is a Monday)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.lateness import late_or_spare, pushes, standings, working_days
from planctl.loader import load_text
from planctl.render import render_plan
from planctl.render.context import build_context
from planctl.schedule import schedule_plan

# Design (done) Mon 5 - Fri 16; build 20d Mon 19 Jan - Fri 13 Feb; uat 5d to Fri 20 Feb; go
# live shown Fri 20 Feb against a deadline of Fri 6 Feb: 10 working days late. Hypercare runs
# 40 more working days to Fri 17 Apr: the plan's finish, 72 calendar days after the deadline,
# which is the figure the old pages wrongly printed.
GO_LIVE = """\
planctl: 1
id: erp
name: ERP go-live
owner: al
start: 2026-01-05
status_date: 2026-01-19
resources: [{id: al, name: Al}]
phases:
  - id: p
    name: P
    owner: al
    tasks:
      - {id: design, name: Design, duration: 10d, assign: [al], status: done,
         actual_start: 2026-01-05, actual_finish: 2026-01-16}
      - {id: build, name: Build, duration: 20d, depends_on: [design], owner: al}
      - {id: uat, name: UAT, duration: 5d, depends_on: [build], owner: al,
         deadline: 2026-02-27}
      - {id: live, name: Go live, milestone: true, depends_on: [uat], deadline: DEADLINE}
      - {id: support, name: Hypercare, duration: 40d, depends_on: [live], owner: al}
"""


def scheduled(deadline: str = "2026-02-06"):
    plan = load_text(GO_LIVE.replace("DEADLINE", deadline), "erp.yaml").plan
    return plan, schedule_plan(plan)


def test_units_and_plurals() -> None:
    assert working_days(1) == "1 working day" and working_days(2) == "2 working days"
    assert late_or_spare(1) == "1 working day late"
    assert late_or_spare(-3) == "3 working days to spare"
    assert late_or_spare(0) == "on time"


def test_each_deadline_is_compared_with_its_own_finish() -> None:
    plan, schedule = scheduled()
    assert schedule.finish == date(2026, 4, 17)
    found = {s.task: s for s in standings(plan, schedule)}
    assert (found["live"].finish, found["live"].days_late) == (date(2026, 2, 20), 10)
    assert found["live"].text == "10 working days late"
    # UAT finishes Fri 20 Feb, deadline Fri 27 Feb: 5 working days to spare.
    assert found["uat"].days_late == -5 and found["uat"].text == "5 working days to spare"


def test_negative_float_from_a_later_deadline_pushes_that_milestone() -> None:
    plan, schedule = scheduled()
    pushed = pushes(plan, schedule)
    assert set(pushed) == {"build", "uat"}  # design is done; hypercare has no deadline after
    assert pushed["build"].text == "pushes Go live past its deadline by 10 working days"
    context = build_context(plan, schedule)
    reasons = {r.task.id: r.reasons for r in context["at_risk"]}
    assert reasons["build"] == ["pushes Go live past its deadline by 10 working days"]
    # UAT has its own deadline, which it meets: it is not "behind its deadline".
    assert reasons["uat"] == ["pushes Go live past its deadline by 10 working days"]
    assert reasons["live"] == ["10 working days behind its deadline 2026-02-06"]
    assert "support" not in reasons


def test_one_working_day_is_singular_everywhere() -> None:
    plan, schedule = scheduled("2026-02-19")  # go live is shown Fri 20 Feb: one day late
    page = render_plan(plan, schedule, "md")
    assert "| Deadline | 2026-02-19 (Go live): 1 working day late |" in page
    assert "pushes Go live past its deadline by 1 working day |" in page
    assert "Go live misses its deadline 2026-02-19 by 1 working day\n" in page


def test_the_summary_card_and_the_index_use_the_milestones_finish() -> None:
    plan, schedule = scheduled()
    summary = build_context(plan, schedule)["summary"]
    assert (summary.deadline, summary.deadline_task, summary.finish_vs_deadline) == (
        date(2026, 2, 6), "Go live", 10)  # not the plan's finish, 72 calendar days later
    html = render_plan(plan, schedule, "html")
    assert "Deadline 2026-02-06 (Go live): 10 working days late" in html
    assert "days late" not in html.replace("working days late", "")


def test_finished_tasks_show_no_float() -> None:
    plan, schedule = scheduled()
    page = render_plan(plan, schedule, "md")
    design = next(line for line in page.splitlines() if line.startswith("| design |"))
    assert design.endswith("| 2026-01-05 | 2026-01-16 | 10 | — | Done | Al |")


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=0, max_value=46))  # deadlines from the plan start
def test_days_late_grows_one_working_day_at_a_time(offset: int) -> None:
    # Moving the deadline one working day earlier makes the milestone one working day later.
    day = date(2026, 2, 20).toordinal() - offset
    deadline = date.fromordinal(day)
    plan, schedule = scheduled(deadline.isoformat())
    live = {s.task: s for s in standings(plan, schedule)}["live"]
    weekdays = sum(date.fromordinal(d).weekday() < 5 for d in range(day + 1,
                                                                    date(2026, 2, 21).toordinal()))
    assert live.days_late == weekdays
    assert live.late == (weekdays > 0)


def test_status_and_schedule_say_the_same_from_the_command(tmp_path: Path) -> None:
    path = tmp_path / "erp.yaml"
    path.write_text(GO_LIVE.replace("DEADLINE", "2026-02-06"))

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "planctl", *args, str(path)],
                              capture_output=True, text=True, timeout=120,
                              env={"COLUMNS": "200", "PATH": "/usr/bin"})
        assert done.returncode == 0, done.stderr
        return done.stdout

    status = run("status")
    assert "Go live: deadline 2026-02-06, 10 working days late" in status
    assert "Go live misses its deadline 2026-02-06 by 10 working days" in status
    table = run("schedule")
    assert "missed deadline: live finishes 2026-02-20, deadline 2026-02-06 (10 working days " \
           "late)" in table
    design = next(line for line in table.splitlines() if line.lstrip().startswith("design "))
    assert " — " in design
    tasks = {t["id"]: t for t in json.loads(run("schedule", "--format", "json"))["tasks"]}
    assert tasks["design"]["total_float"] is None and tasks["design"]["free_float"] is None
    assert tasks["build"]["total_float"] == -10
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("schedule", "--format", "csv")))}
    assert rows["design"]["total_float"] == "" and rows["build"]["total_float"] == "-10"


def test_the_summary_shows_the_latest_deadline_when_none_is_missed() -> None:
    plan, schedule = scheduled("2026-02-20")
    summary = build_context(plan, schedule)["summary"]
    assert (summary.deadline_task, summary.finish_vs_deadline) == ("UAT", -5)
