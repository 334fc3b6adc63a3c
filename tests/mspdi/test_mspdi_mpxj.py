"""The MSPDI export read back by MPXJ: every task's dates, duration, links and assignments, the
calendars, resources, constraints, progress and baseline equal planctl's, on the examples and
on random plans.

MPXJ runs in a JVM started once per session. Without Java or MPXJ these tests skip with the
reason; under CI (`.ci/run` installs both) they fail instead.
"""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import mpxj_view
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mpxj_view import AssignmentView, LinkView, ProjectView

sys.path.insert(0, str(Path(__file__).parents[1] / "schedule"))
from randplans import Options, random_plan

from planctl.baseline import Baseline, snapshot
from planctl.calendar import WorkCalendar
from planctl.export.mspdi import mspdi_bytes
from planctl.loader import load_plan, load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.result import Schedule, TaskSchedule

EXAMPLES = ["examples/crm-rollout.yaml", "examples/app-release.yaml",
            "examples/dc-migration/plan.yaml"]
AS_OF = date(2026, 3, 2)


@pytest.fixture(scope="session", autouse=True)
def _mpxj() -> None:
    mpxj_view.start()


def _uids(plan: Plan) -> dict[str, int]:
    """The documented numbering: phases and tasks in file order, each phase before its tasks;
    a phase without tasks is left out."""
    uids: dict[str, int] = {}
    for phase in plan.phases:
        if not phase.tasks:
            continue
        uids[phase.id] = len(uids) + 1
        for task in phase.tasks:
            uids[task.id] = len(uids) + 1
    return uids


def _work_hours(plan: Plan, task_id: str, schedule: Schedule) -> list[float]:
    task, ts = plan.tasks_by_id[task_id], schedule.task(task_id)
    capacity = {r.id: r.capacity for r in plan.resources}
    units = [a.units_of(capacity[a.resource]) for a in task.assign]
    if task.milestone or task.status == "cancelled":
        return [0.0] * len(units)
    if task.effort is not None:
        effort = task.effort.days(len(plan.calendar.workdays))
        return [8 * effort * u / sum(units) for u in units]
    return [8 * u * ts.span_days for u in units]


def _elapsed_delay(calendar: WorkCalendar, ts: TaskSchedule) -> int:
    """Calendar days from the working day `start_delay` working days before the start."""
    day = ts.start
    for _ in range(ts.start_delay):
        day -= timedelta(days=1)
        while not calendar.is_working(day):
            day -= timedelta(days=1)
    return (ts.start - day).days


def _days(first: date, last: date) -> list[date]:
    return [date.fromordinal(n) for n in range(first.toordinal(), last.toordinal() + 1)]


def assert_same(plan: Plan, schedule: Schedule, view: ProjectView,
                baseline: Baseline | None = None) -> None:
    uids = _uids(plan)
    calendar = WorkCalendar.for_plan(plan.calendar, min(plan.start, schedule.start))
    per_week = len(plan.calendar.workdays)
    tasks = {t.uid: t for t in view.tasks}
    assert len(view.tasks) == 1 + len(uids)  # the project's summary task, UID 0
    for phase in schedule.phases:
        got = tasks[uids[phase.id]]
        assert (got.outline_level, got.summary, got.name) == (1, True, phase.name)
        assert (got.start.date(), got.finish.date()) == (phase.start, phase.finish), phase.id
    resource_uids = {r.id: n + 1 for n, r in enumerate(plan.resources)}
    capacity = {r.id: r.capacity for r in plan.resources}
    saved = {t.id: t for t in baseline.tasks} if baseline else {}
    for _, task in plan.iter_tasks():
        ts, got = schedule.task(task.id), tasks[uids[task.id]]
        where = f"task {task.id}"
        assert (got.outline_level, got.summary, got.name) == (2, False, task.name), where
        recorded = task.actual_start is not None or task.actual_finish is not None
        # A done milestone with two actual dates: a task marked milestone between them.
        took_time = ts.status == "done" and ts.milestone and recorded and \
            task.actual_start not in (None, task.actual_finish)
        start = task.actual_start if took_time else ts.start
        assert (got.start.date(), got.finish.date()) == (start, ts.finish), where
        # Working days of work: without the days of leave an effort task waits through, or
        # the pause of a task in progress until the status date (docs/export.md); work done
        # on recorded dates, the working days between them.
        days = ts.days if ts.status == "done" and recorded else ts.span_days
        if took_time:
            days = len([d for d in _days(start, ts.finish) if calendar.is_working(d)])
        assert got.duration_days == days, where
        assert got.milestone == ts.milestone, where
        assert got.links == {LinkView(uids[d.task], d.type, d.lag.whole_days(per_week))
                             for d in task.depends_on if d.task in uids}, where
        hours = _work_hours(plan, task.id, schedule)
        assert got.assignments == {
            AssignmentView(resource_uids[a.resource],
                           round(100 * a.units_of(capacity[a.resource]), 2), round(60 * h))
            for a, h in zip(task.assign, hours, strict=True)}, where
        if task.start_no_earlier_than:
            assert got.constraint == "START_NO_EARLIER_THAN", where
            assert got.constraint_date.date() == task.start_no_earlier_than, where
        else:
            assert got.constraint == "AS_SOON_AS_POSSIBLE", where
        assert (got.deadline.date() if got.deadline else None) == task.deadline, where
        assert got.levelling_delay_days == _elapsed_delay(calendar, ts), where
        assert got.percent_complete == round(ts.progress if ts.status != "planned" else 0), where
        started = ts.status == "done" or (ts.status == "in_progress" and (
            task.actual_start is not None or ts.start <= schedule.status_date))
        assert (got.actual_start.date() if got.actual_start else None) == (
            start if started else None), where
        # The plan's status where Project needs an actual date the plan does not have.
        unrecorded = (ts.status == "done" and not recorded) or (
            ts.status == "in_progress" and task.actual_start is None)
        assert got.planctl_status == (ts.status if unrecorded else None), where
        assert (got.actual_finish.date() if got.actual_finish else None) == (
            ts.finish if ts.status == "done" else None), where
        old = saved.get(task.id)
        assert (got.baseline_start and got.baseline_start.date(),
                got.baseline_finish and got.baseline_finish.date(),
                got.baseline_duration_days) == (
            (old.start, old.finish, old.duration) if old else (None, None, None)), where
    first, last = schedule.start, schedule.finish
    holidays = {d for d in _days(first, last) if not calendar.is_working(d)}
    assert view.non_working == holidays
    for resource, got in zip(plan.resources, view.resources, strict=True):
        assert (got.uid, got.name) == (resource_uids[resource.id], resource.name)
        assert got.max_units == pytest.approx(100 * resource.capacity)
        assert got.rate_per_day == pytest.approx(resource.rate)
        leave = {d for s in resource.leave for d in _days(s.first, s.last)}
        assert got.non_working == holidays | (leave & set(_days(first, last))), resource.id


@pytest.mark.parametrize("path", EXAMPLES)
def test_mpxj_reads_back_every_example_as_planctl_scheduled_it(path: str) -> None:
    plan = load_plan(path).plan
    schedule = schedule_plan(plan, as_of=AS_OF)
    view = mpxj_view.read(mspdi_bytes(plan, schedule), schedule.start, schedule.finish)
    assert_same(plan, schedule, view)
    assert view.status_date == datetime.combine(AS_OF, datetime.min.time()).replace(hour=17)


def test_a_baseline_is_carried_as_projects_baseline() -> None:
    plan = load_plan(EXAMPLES[0]).plan
    before = schedule_plan(plan, as_of=date(2026, 1, 5), level=False)
    baseline = snapshot(plan, before, "approved")
    schedule = schedule_plan(plan, as_of=AS_OF)
    view = mpxj_view.read(mspdi_bytes(plan, schedule, baseline), schedule.start,
                          schedule.finish)
    assert_same(plan, schedule, view, baseline)
    assert any(t.baseline_finish and t.baseline_finish != t.finish for t in view.tasks)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10**9), progress=st.booleans(), level=st.booleans())
def test_mpxj_reads_back_random_plans_as_planctl_scheduled_them(
        seed: int, progress: bool, level: bool) -> None:
    plan = load_text(random_plan(seed, Options(deadlines=True, progress=progress)),
                     f"r{seed}.yaml").plan
    schedule = schedule_plan(plan, level=level)
    baseline = snapshot(plan, schedule_plan(plan, level=not level)) if seed % 2 else None
    view = mpxj_view.read(mspdi_bytes(plan, schedule, baseline), schedule.start,
                          schedule.finish)
    assert_same(plan, schedule, view, baseline)


LEVELLED = """\
planctl: 1
name: Two jobs, one person
start: 2026-03-02
calendar: {holidays: [2026-03-06]}
resources: [{id: ana, name: Ana}]
phases:
  - id: work
    name: Work
    tasks:
      - {id: first, name: First, duration: 4d, assign: [ana], priority: 900}
      - {id: second, name: Second, duration: 3d, assign: [ana]}
"""


def test_project_recalculating_the_levelling_delay_lands_on_planctls_dates() -> None:
    # MPXJ's model of Project's scheduler (org.mpxj.cpm.MicrosoftScheduler) recalculates the
    # file from its logic: `second` waits for Ana across a holiday only through its delay.
    plan = load_text(LEVELLED, "levelled.yaml").plan
    schedule = schedule_plan(plan)
    second = schedule.task("second")
    assert (second.start, second.start_delay) == (date(2026, 3, 9), 4)
    dates = mpxj_view.recalculated(mspdi_bytes(plan, schedule))
    assert dates["Second"] == (second.start, second.finish)
    assert dates["First"] == (schedule.task("first").start, schedule.task("first").finish)


def test_a_phase_without_tasks_is_left_out_with_the_links_to_it() -> None:
    plan = load_text("planctl: 1\nname: E\nstart: 2026-03-02\nphases:\n  - {id: empty, "
                     "name: Empty}\n  - id: q\n    name: Q\n    depends_on: [empty]\n"
                     "    tasks:\n      - {id: t, name: T, duration: 1d, depends_on: [empty]}\n",
                     "e.yaml").plan
    schedule = schedule_plan(plan)
    view = mpxj_view.read(mspdi_bytes(plan, schedule), schedule.start, schedule.finish)
    assert_same(plan, schedule, view)
    assert [t.name for t in view.tasks] == ["E", "Q", "T"]
