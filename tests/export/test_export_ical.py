"""`planctl export --format ical`: the feed parsed back with the icalendar library."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from randplans import Options, random_plan
from schedutil import make_plan

from hostile import FORBIDDEN, HOSTILE_NAMES, yaml_string
from planctl.errors import InputError
from planctl.export import ExportOptions, export
from planctl.export.revision import plan_revision
from planctl.loader import load_text
from planctl.schedule import schedule_plan

TASKS = """
- {id: design, name: Design, duration: 3d, assign: [al]}
- {id: build, name: Build, duration: 1w, assign: [al, bo], depends_on: [design],
   deadline: 2026-01-14}
- {id: review, name: Review, milestone: true, depends_on: [build]}
- {id: drop, name: Dropped, duration: 1d, status: cancelled, deadline: 2026-01-09}
- {id: ship, name: Ship, milestone: true, depends_on: [review], deadline: 2026-02-02,
   assign: [bo]}
"""
PEOPLE = """
- {id: al, name: Al, leave: [2026-02-02, {from: 2026-02-09, to: 2026-02-13, name: Ski trip}]}
- {id: bo, name: Bo}
"""


def feed(options: ExportOptions = ExportOptions(), tasks: str = TASKS) -> Calendar:
    plan = make_plan(tasks, resources=PEOPLE)
    data = export(plan, schedule_plan(plan, as_of=date(2026, 1, 5)), "ical", options)
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # RFC 5545 lines
    return Calendar.from_ical(data)


def events(cal: Calendar) -> dict[str, dict[str, object]]:
    """UID -> the event's fields as Python values."""
    found = {}
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in found, f"duplicate UID {uid}"
        found[uid] = {"summary": str(event["SUMMARY"]), "start": event.decoded("DTSTART"),
                      "end": event.decoded("DTEND"), "sequence": int(event["SEQUENCE"]),
                      "stamp": event.decoded("DTSTAMP"), "status": str(event["STATUS"]),
                      "category": [str(c) for c in event["CATEGORIES"].cats],
                      "description": str(event["DESCRIPTION"])}
    return found


def test_milestones_and_deadlines_by_default() -> None:
    cal = feed()
    assert str(cal["X-WR-CALNAME"]) == "Test" and str(cal["VERSION"]) == "2.0"
    found = events(cal)
    assert set(found) == {"t/milestone/review@planctl", "t/milestone/ship@planctl",
                          "t/deadline/build@planctl", "t/deadline/drop@planctl",
                          "t/deadline/ship@planctl"}
    review = found["t/milestone/review@planctl"]
    # Design Mon 5 - Wed 7 Jan, build Thu 8 - Wed 14: review is shown on Wed 14 Jan.
    assert (review["start"], review["end"]) == (date(2026, 1, 14), date(2026, 1, 15))
    assert review["summary"] == "Review" and review["category"] == ["milestone"]
    deadline = found["t/deadline/build@planctl"]
    assert deadline["summary"] == "Deadline: Build"
    assert (deadline["start"], deadline["end"]) == (date(2026, 1, 14), date(2026, 1, 15))
    assert "on time" in str(deadline["description"])
    assert found["t/deadline/drop@planctl"]["status"] == "CANCELLED"


def test_tasks_are_all_day_spans_whose_end_is_the_day_after_the_finish() -> None:
    found = events(feed(ExportOptions(tasks=True)))
    build = found["t/task/build@planctl"]
    assert (build["start"], build["end"]) == (date(2026, 1, 8), date(2026, 1, 15))
    assert isinstance(build["start"], date) and not isinstance(build["start"], datetime)
    assert "Assigned: al, bo." in str(build["description"])
    assert found["t/task/drop@planctl"]["status"] == "CANCELLED"
    assert "t/task/review@planctl" not in found  # a milestone stays one event
    assert len(found) == 5 + 3


def test_a_resource_feed_holds_their_tasks_deadlines_and_leave() -> None:
    cal = feed(ExportOptions(resource="al"))
    assert str(cal["X-WR-CALNAME"]) == "Test: Al"
    found = events(cal)
    assert set(found) == {"t/task/design@planctl", "t/task/build@planctl",
                          "t/deadline/build@planctl", "t/leave/al/2026-02-02@planctl",
                          "t/leave/al/2026-02-09@planctl"}
    trip = found["t/leave/al/2026-02-09@planctl"]
    assert trip["summary"] == "Ski trip"
    assert (trip["start"], trip["end"]) == (date(2026, 2, 9), date(2026, 2, 14))
    assert found["t/leave/al/2026-02-02@planctl"]["summary"] == "Leave"
    bo = events(feed(ExportOptions(resource="bo")))
    assert set(bo) == {"t/task/build@planctl", "t/deadline/build@planctl",
                       "t/milestone/ship@planctl", "t/deadline/ship@planctl"}


def test_an_unknown_resource_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(InputError, match=r"'zed'.*al, bo"):
        feed(ExportOptions(resource="zed"))


def test_the_same_plan_gives_the_same_bytes_and_the_stamp_is_the_status_date() -> None:
    plan = make_plan(TASKS, resources=PEOPLE)
    one = export(plan, schedule_plan(plan, as_of=date(2026, 1, 5)), "ical",
                 ExportOptions(tasks=True))
    two = export(make_plan(TASKS, resources=PEOPLE),
                 schedule_plan(plan, as_of=date(2026, 1, 5)), "ical", ExportOptions(tasks=True))
    assert one == two
    stamps = {e["stamp"] for e in events(Calendar.from_ical(one)).values()}
    assert stamps == {datetime(2026, 1, 5, tzinfo=timezone.utc)}


def test_uids_stay_when_the_event_moves_and_sequence_is_the_revision() -> None:
    before = events(feed(ExportOptions(tasks=True, revision=3)))
    moved = TASKS.replace("duration: 3d", "duration: 4d")
    after = events(feed(ExportOptions(tasks=True, revision=4), tasks=moved))
    assert set(before) == set(after)
    assert before["t/milestone/review@planctl"]["start"] == date(2026, 1, 14)
    assert after["t/milestone/review@planctl"]["start"] == date(2026, 1, 15)
    assert {e["sequence"] for e in before.values()} == {3}
    assert {e["sequence"] for e in after.values()} == {4}


@pytest.mark.parametrize("key", sorted(HOSTILE_NAMES))
def test_hostile_names_reach_the_feed_without_controls(key: str) -> None:
    tasks = (f"- {{id: m, name: {yaml_string(HOSTILE_NAMES[key])}, milestone: true, "
             "deadline: 2026-01-05}")
    found = feed(ExportOptions(tasks=True), tasks=tasks).walk("VEVENT")
    assert len(found) == 2
    for event in found:
        assert FORBIDDEN.findall(str(event["SUMMARY"])) == []
        assert "\n" not in str(event["SUMMARY"])
        assert FORBIDDEN.findall(str(event["DESCRIPTION"]).replace("\n", "")) == []


def test_a_name_cannot_add_an_event_or_a_property() -> None:
    name = "a\\nEND:VEVENT\\nBEGIN:VEVENT\\nUID:evil;x=1,y\\r\\nSTATUS:CANCELLED"
    tasks = f'- {{id: a, name: "{name}", duration: 1d, deadline: 2026-01-05}}'
    found = events(feed(ExportOptions(tasks=True), tasks=tasks))
    assert set(found) == {"t/task/a@planctl", "t/deadline/a@planctl"}
    task = found["t/task/a@planctl"]
    assert task["summary"] == "a END:VEVENT BEGIN:VEVENT UID:evil;x=1,y STATUS:CANCELLED"
    assert task["status"] == "CONFIRMED"
    assert "UID:evil;x=1,y" in str(found["t/deadline/a@planctl"]["description"])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_every_task_of_a_random_plan_is_one_event_at_its_dates(seed: int) -> None:
    plan = load_text(random_plan(seed, Options(progress=True, deadlines=True)),
                     "random.yaml").plan
    schedule = schedule_plan(plan)
    found = events(Calendar.from_ical(export(plan, schedule, "ical", ExportOptions(tasks=True))))
    expected = 0
    for task in schedule.tasks:
        kind = "milestone" if task.milestone else "task"
        event = found[f"{schedule.plan_id}/{kind}/{task.id}@planctl"]
        assert event["start"] == task.start
        assert event["end"] == task.finish.fromordinal(task.finish.toordinal() + 1)
        expected += 1
        if task.deadline is not None:
            assert found[f"{schedule.plan_id}/deadline/{task.id}@planctl"]["start"] == \
                task.deadline
            expected += 1
    assert len(found) == expected


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                        "HOME": str(folder), "PATH": "/usr/bin:/bin"})


def test_the_revision_counts_commits_of_the_plan_and_an_uncommitted_change(
        tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    other = tmp_path / "other.txt"
    plan.write_text("one\n")
    assert plan_revision([str(plan)]) == 0  # not a repository
    _git(tmp_path, "init", "-q")
    assert plan_revision([str(plan)]) == 0  # no commit yet
    _git(tmp_path, "add", "plan.yaml")
    _git(tmp_path, "commit", "-q", "-m", "one")
    assert plan_revision([str(plan)]) == 1
    plan.write_text("two\n")
    assert plan_revision([str(plan)]) == 2  # changed, not committed
    _git(tmp_path, "commit", "-q", "-am", "two")
    assert plan_revision([str(plan)]) == 2
    other.write_text("x\n")
    _git(tmp_path, "add", "other.txt")
    _git(tmp_path, "commit", "-q", "-m", "other file")
    assert plan_revision([str(plan)]) == 2  # commits of other files do not count
    fragment = tmp_path / "fragment.yaml"
    fragment.write_text("f\n")
    assert plan_revision([str(plan), str(fragment)]) == 3  # an untracked fragment is a change
    assert plan_revision(["<stdin>"]) == 0  # a plan read from standard input has no history
