"""The mapping, field by field, on files MPXJ wrote from `mpxj_projects` (docs/import.md)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from importing import FIXTURES
from ruamel.yaml import YAML

from planctl.importer import import_file
from planctl.loader import load_text


def imported(name: str) -> tuple[dict[str, Any], Any]:
    result = import_file(FIXTURES / name)
    load_text(result.text)  # valid: raises PlanError otherwise
    return YAML(typ="safe").load(result.text), result.report


def tasks_of(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {t["id"]: t for phase in plan["phases"] for t in phase.get("tasks", [])}


@pytest.fixture(scope="module")
def full(mpxj: None) -> tuple[dict[str, Any], Any]:
    return imported("full.xml")


def test_summary_tasks_become_phases_with_nesting_flattened(full):
    plan, report = full
    phases = [(p["id"], p["name"]) for p in plan["phases"]]
    assert phases == [("plan", "Plan"), ("move", "Move"), ("racks", "Move / Racks"),
                      ("close", "Close")]
    assert [t["id"] for t in plan["phases"][2]["tasks"]] == ["strip-the-racks",
                                                             "rebuild-the-racks"]
    assert report.approximated["summary tasks inside summary tasks made phases named by "
                               "their path"] == ["Move / Racks"]


def test_durations_milestones_and_effort(full):
    tasks = tasks_of(full[0])
    assert tasks["survey-the-site"]["duration"] == "5d"  # 1 week
    assert tasks["draw-the-layout"]["duration"] == "2d"  # 12 hours, rounded up
    assert tasks["layout-approved"]["milestone"] is True
    assert tasks["pack"]["effort"] == "12d"  # 96 hours of work, effort-driven
    assert tasks["pack"]["assign"] == [{"resource": "movers", "units": 3}]
    assert "Draw the layout" in full[1].approximated[
        "durations of part of a day rounded up to whole days"]


def test_links_of_all_four_types_with_lags(full):
    tasks = tasks_of(full[0])
    assert tasks["draw-the-layout"]["depends_on"] == ["survey-the-site"]
    assert tasks["pack"]["depends_on"] == [{"task": "layout-approved", "type": "FS",
                                            "lag": "2d"}]
    assert tasks["strip-the-racks"]["depends_on"] == [{"task": "pack", "type": "SS",
                                                       "lag": "1d"}]
    # 16 hours of lag are two working days
    assert tasks["rebuild-the-racks"]["depends_on"] == [{"task": "strip-the-racks",
                                                         "type": "FF", "lag": "2d"}]
    # 2 elapsed days are about 1.4 working days: approximated and said so
    assert tasks["drive-the-trucks"]["depends_on"] == [{"task": "pack", "type": "SF",
                                                        "lag": "1d"}]
    assert full[1].approximated["elapsed lags taken as working days"] == ["Drive the trucks"]
    # a link to a summary task is a link to its phases
    close = next(p for p in full[0]["phases"] if p["id"] == "close")
    assert close["depends_on"] == ["move", "racks"]


def test_constraints_deadlines_priority_cost_and_inactive(full):
    tasks = tasks_of(full[0])
    assert tasks["rebuild-the-racks"]["start_no_earlier_than"] == date(2026, 2, 9)
    assert tasks["layout-approved"]["deadline"] == date(2026, 1, 30)
    assert tasks["hand-over-the-keys"]["deadline"] == date(2026, 3, 31)  # FNLT, stated
    assert full[1].approximated["finish-no-later-than constraints taken as deadlines"] == [
        "Hand over the keys"]
    assert full[1].dropped["must-finish-on constraints"] == ["Party"]
    assert tasks["party"]["status"] == "cancelled"
    assert tasks["drive-the-trucks"]["priority"] == 800
    assert tasks["drive-the-trucks"]["cost"] == 1200


def test_resources_calendar_and_notes(full):
    plan, report = full
    assert plan["resources"] == [
        {"id": "ana-ruiz", "name": "Ana Ruiz", "rate": 400,
         "leave": [{"from": date(2026, 3, 2), "to": date(2026, 3, 6), "name": "Ski trip"}]},
        {"id": "movers", "name": "Movers", "kind": "team", "capacity": 3, "rate": 240},
        {"id": "half-time-clerk", "name": "Half-time clerk", "capacity": 0.5, "rate": 160},
    ]
    assert tasks_of(plan)["strip-the-racks"]["assign"] == [
        {"resource": "movers", "units": 2}, {"resource": "ana-ruiz", "units": 0.5}]
    assert plan["calendar"] == {"holidays": [
        {"date": date(2026, 1, 19), "name": "Founders day"},
        {"from": date(2026, 2, 16), "to": date(2026, 2, 20), "name": "Winter break"}]}
    assert report.dropped["extra working days in the project calendar"] == [
        "Stock-take Saturday 2026-01-24"]
    assert report.dropped["material resources (a plan has people, teams and equipment)"] == [
        "Crates"]
    assert tasks_of(plan)["survey-the-site"]["description"] == (
        "Measure every aisle.\nPhotograph the loading bay.")
    assert plan["start"] == date(2026, 1, 5) and plan["name"] == "Warehouse move"


def test_progress_and_status_date(mpxj: None):
    plan, _ = imported("progress.xml")
    tasks = tasks_of(plan)
    assert plan["status_date"] == date(2026, 1, 16)
    assert tasks["strip-out"]["status"] == "done"
    assert (tasks["strip-out"]["actual_start"], tasks["strip-out"]["actual_finish"]) == (
        date(2026, 1, 5), date(2026, 1, 9))
    assert tasks["paint"]["status"] == "in_progress"
    assert tasks["paint"]["progress"] == 40
    assert tasks["paint"]["actual_start"] == date(2026, 1, 12)
    assert "status" not in tasks["carpet"]


@pytest.mark.parametrize("name", ["full.mpx", "full.pmxml.xml", "full.xer"])
def test_other_formats_give_the_same_tasks_and_links(full, name: str):
    plan, _ = imported(name)
    mine, theirs = tasks_of(full[0]), tasks_of(plan)
    assert set(theirs) == set(mine)
    for tid, task in mine.items():
        assert theirs[tid].get("duration") == task.get("duration") or "effort" in task, tid
        links = {d if isinstance(d, str) else d["task"] for d in task.get("depends_on", [])}
        assert {d if isinstance(d, str) else d["task"]
                for d in theirs[tid].get("depends_on", [])} == links, tid


@pytest.mark.parametrize("name", ["full.xml", "progress.xml", "full.xer"])
def test_the_plan_is_in_fmt_layout_without_anchors(mpxj: None, name: str):
    from planctl.fmt import format_text

    text = import_file(FIXTURES / name).text
    assert format_text(text) == text
    assert "&id" not in text and "*id" not in text  # equal dates are not aliased


def test_without_status_date_or_progress_the_plan_is_as_of_its_start(full):
    plan, report = full
    assert plan["status_date"] == plan["start"]
    assert report.approximated["no status date and no progress in the file: the plan is as "
                               "of its start"] == ["2026-01-05"]


def test_reimport_gives_the_same_text(mpxj: None):
    assert import_file(FIXTURES / "full.xml").text == import_file(FIXTURES / "full.xml").text


def test_report_lines_count_every_entry(full):
    lines = full[1].lines()
    assert lines[0].startswith("kept: ") and "8 tasks" in lines[0]
    approximated = next(line for line in lines if line.startswith("approximated: "))
    assert approximated == f"approximated: {sum(map(len, full[1].approximated.values()))}"


def test_the_project_summary_task_of_a_file_without_tasks_is_not_a_task(mpxj: None):
    # Project 2000-2002 save it (id 0, outline level 0, no name) in a file with no tasks, as
    # in MPXJ's resource-*-project2000-mpp9.mpp; it was imported as a milestone 'task-0'.
    import mpxj_projects as make

    from planctl.importer import convert

    project = make.new_project("Resources only")
    summary = project.addTask()
    from java.lang import Integer

    summary.setID(Integer.valueOf(0))
    summary.setOutlineLevel(Integer.valueOf(0))
    result = convert(project)
    assert result.sources == {}
    assert "task-0" not in result.text
    load_text(result.text, "<imported>")


def test_a_resource_with_another_working_week_is_reported_dropped(mpxj, tmp_path) -> None:
    """A plan has one working week; a person who works Monday to Thursday loses that, and
    the report says so, by name (docs/import.md)."""
    from java.time import DayOfWeek
    from mpxj_projects import assign, new_project, resource, task, write
    from org.mpxj import DayType

    project = new_project("Four-day week")
    calendar = project.getDefaultCalendar()
    short = resource(project, "Kai", 100)
    resource(project, "Lee", 100)
    own = short.addCalendar()
    own.setParent(calendar)
    own.setCalendarDayType(DayOfWeek.FRIDAY, DayType.NON_WORKING)
    assign(task(project, "Paint", 3), short)
    result = import_file(write(project, tmp_path / "week.xml", "MSPDI"))
    assert result.report.dropped["resource calendars with another working week"] == \
        ["Kai: mon, tue, wed, thu"]
    assert any("another working week" in line for line in result.report.lines())
