"""`planctl export --format csv`: the table read back with the csv module, on hand-made plans
and on random ones, and the same bytes as `planctl schedule --format csv`."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st
from randplans import Options, random_plan
from schedutil import make_plan

from planctl.export import ExportOptions, export
from planctl.export.csv import COLUMNS, tasks_csv
from planctl.loader import load_text
from planctl.schedule import schedule_plan
from planctl.schedule.formats import schedule_csv

LINKED = """
- {id: design, name: Design, duration: 3d, assign: [al]}
- {id: build, name: "=1+2", duration: 1w, assign: [al, bo], depends_on: [{task: design, lag: 2d}]}
- {id: test, name: Test, duration: 2d, depends_on: [{task: build, type: SS, lag: -1d}, design]}
- {id: docs, name: Docs, duration: 1d, depends_on: [{task: build, type: FF, lag: 1w}]}
- {id: done, name: "-done-", milestone: true, depends_on: [{task: test, type: SF}]}
"""
PEOPLE = "- {id: al, name: Al, rate: 100}\n- {id: bo, name: Bo, rate: 50}"


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_a_task_with_the_documented_columns() -> None:
    plan = make_plan(LINKED, resources=PEOPLE)
    schedule = schedule_plan(plan)
    text = export(plan, schedule, "csv").decode("utf-8")
    assert text.splitlines()[0] == ",".join(COLUMNS)
    rows = rows_of(text)
    assert [r["id"] for r in rows] == ["design", "build", "test", "docs", "done"]
    build = rows[1]
    assert (build["start"], build["finish"]) == ("2026-01-12", "2026-01-16")
    assert build["duration"] == "5" and build["phase"] == "p"
    assert build["assignees"] == "al bo"
    assert build["critical"] == "yes" and build["total_float"] == "0"
    assert float(build["cost"]) == 5 * 150
    assert rows[4]["milestone"] == "yes" and rows[4]["duration"] == "0"


def test_predecessors_carry_type_and_lag_in_working_days() -> None:
    plan = make_plan(LINKED, resources=PEOPLE)
    rows = {r["id"]: r for r in rows_of(tasks_csv(plan, schedule_plan(plan)))}
    assert rows["design"]["predecessors"] == ""
    assert rows["build"]["predecessors"] == "design FS+2d"
    assert rows["test"]["predecessors"] == "build SS-1d; design FS"
    assert rows["docs"]["predecessors"] == "build FF+5d"  # a week of five working days
    assert rows["done"]["predecessors"] == "test SF"


def test_a_phase_link_is_listed_on_each_of_its_tasks() -> None:
    phases = """\
- id: q
  name: Q
  depends_on: [{task: p, lag: 1d}]
  tasks:
    - {id: x, name: X, duration: 1d, depends_on: [y]}
    - {id: y, name: Y, duration: 1d}
"""
    plan = make_plan("- {id: a, name: A, duration: 2d}", phases=phases)
    rows = {r["id"]: r for r in rows_of(tasks_csv(plan, schedule_plan(plan)))}
    assert rows["x"]["predecessors"] == "y FS; p FS+1d"
    assert rows["y"]["predecessors"] == "p FS+1d"


def test_text_a_spreadsheet_would_run_is_shown_as_text() -> None:
    plan = make_plan(LINKED, resources=PEOPLE)
    rows = {r["id"]: r for r in rows_of(tasks_csv(plan, schedule_plan(plan)))}
    assert rows["build"]["name"] == "'=1+2"
    assert rows["done"]["name"] == "'-done-"


def test_cells_with_commas_quotes_and_line_breaks_read_back_whole() -> None:
    plan = make_plan('- {id: a, name: "one, \\"two\\"\\nthree", duration: 1d}')
    text = tasks_csv(plan, schedule_plan(plan))
    assert '"one, ""two"" three"' in text  # quoted as spreadsheets expect; the break a space
    assert rows_of(text)[0]["name"] == 'one, "two" three'


def test_schedule_csv_is_the_same_writer() -> None:
    plan = make_plan(LINKED, resources=PEOPLE)
    schedule = schedule_plan(plan)
    assert schedule_csv(schedule, plan) == export(plan, schedule, "csv",
                                                  ExportOptions()).decode("utf-8")


def _links_from_plan(plan: object, task_id: str, week: int) -> list[tuple[str, str, int]]:
    for phase, task in plan.iter_tasks():  # type: ignore[attr-defined]
        if task.id == task_id:
            return [(d.task, d.type, d.lag.whole_days(week))
                    for d in (*task.depends_on, *phase.depends_on)]
    raise KeyError(task_id)


def _parse_link(text: str) -> tuple[str, str, int]:
    ident, rest = text.split(" ")
    kind, lag = rest[:2], rest[2:]
    return ident, kind, int(lag[:-1]) if lag else 0


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), progress=st.booleans())
def test_rows_read_back_equal_the_schedule_on_random_plans(seed: int, progress: bool) -> None:
    plan = load_text(random_plan(seed, Options(progress=progress, deadlines=True)),
                     "random.yaml").plan
    schedule = schedule_plan(plan)
    rows = rows_of(tasks_csv(plan, schedule))
    assert [r["id"] for r in rows] == [t.id for t in schedule.tasks]
    week = len(plan.calendar.workdays)
    for row, task in zip(rows, schedule.tasks, strict=True):
        assert set(row) == set(COLUMNS) and None not in row.values()
        assert row["start"] == task.start.isoformat()
        assert row["finish"] == task.finish.isoformat()
        assert int(row["duration"]) == task.days
        assert float(row["cost"]) == task.cost
        assert float(row["progress"]) == task.progress
        assert row["critical"] == ("yes" if task.critical else "no")
        assert row["assignees"].split() == list(task.assignees)
        links = [_parse_link(t) for t in row["predecessors"].split("; ") if t]
        assert links == _links_from_plan(plan, task.id, week)
