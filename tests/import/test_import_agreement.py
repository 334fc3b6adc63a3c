"""Dates agree: projects scheduled by MPXJ's MicrosoftScheduler (Project's rules, an
independent implementation), imported and scheduled by planctl, give every task the same
start and finish where both tools mean the same thing (docs/import.md, "Agreement").

Two known differences are left out of the random projects. Constraint dates fall on working
days: MPXJ's scheduler puts a linked milestone whose start-no-earlier-than is a Saturday on the
Saturday, planctl on the Monday. A lead never ends at a milestone: one that a lead puts at the
boundary between two days is shown on the next day by Project, on the day before by planctl.
"""

from __future__ import annotations

from typing import Any

import mpxj_projects as make
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from importing import FIXTURES

from planctl.importer import convert, import_file
from planctl.importer.agreement import agreement

KINDS = ["FINISH_START", "START_START", "FINISH_FINISH", "START_FINISH"]
_WEEKDAY_OFFSETS = [n for n in range(28) if n % 7 < 5]  # the project starts on a Monday


@st.composite
def projects(draw: Any) -> list[dict[str, Any]]:
    """Tasks in file order: whole-day durations, links back to earlier tasks of the four types
    with whole-day lags (leads too), a few start-no-earlier-than dates and holidays."""
    count = draw(st.integers(1, 12))
    tasks = []
    for n in range(count):
        days = draw(st.integers(0, 8))
        lags = st.integers(0 if days == 0 else -2, 4)
        links = draw(st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.sampled_from(KINDS),
                                        lags), max_size=2 if n else 0,
                              unique_by=lambda link: link[0]))
        tasks.append({"days": days, "links": links,
                      "snet": draw(st.none() | st.sampled_from(_WEEKDAY_OFFSETS))})
    return tasks


def build(spec: list[dict[str, Any]], holidays: list[int]) -> Any:
    from java.time import LocalDate

    project = make.new_project("Random")
    calendar = project.getDefaultCalendar()
    for offset in holidays:
        day = LocalDate.of(*make.START).plusDays(offset)
        calendar.addCalendarException(day, day)
    phase = make.task(project, "Work")
    made = []
    for n, item in enumerate(spec):
        task = make.task(phase, f"Task {n}", item["days"])
        if item["days"] == 0:
            task.setMilestone(True)
        if item["snet"] is not None:
            from org.mpxj import ConstraintType

            task.setConstraintType(ConstraintType.START_NO_EARLIER_THAN)
            task.setConstraintDate(make._at(*make.START).plusDays(item["snet"]))
        for index, kind, lag in item["links"]:
            make.link(task, made[index], kind, lag)
        made.append(task)
    make.schedule(project)
    return project


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=projects(), holidays=st.lists(st.integers(29, 40), max_size=3, unique=True))
def test_random_projects_agree_with_the_microsoft_scheduler(mpxj: None, spec, holidays):
    found = agreement(convert(build(spec, holidays)))
    assert found.differences == []
    # Only tasks that Project placed before the project start (by a lead or an SF link) are
    # not compared; the first task, with no links, always is.
    assert found.compared >= 1 and found.compared + found.skipped == len(spec)


def test_fixture_agreement_and_its_known_differences(mpxj: None):
    """full.xml uses every approximation: one task is comparable, and it agrees. Of all 8,
    5 agree: the successors of a 12-hour task (which Project starts the same afternoon, and a
    plan, counting whole days, the next) and a task behind an elapsed lag differ."""
    found = agreement(import_file(FIXTURES / "full.xml"))
    assert (found.compared, found.agreed, found.differences) == (1, 1, [])
    assert (found.all_compared, found.all_agreed) == (8, 5)


@pytest.mark.parametrize("name", ["full.mpx", "full.xer", "full.pmxml.xml", "progress.xml"])
def test_other_fixtures_schedule(mpxj: None, name: str):
    found = agreement(import_file(FIXTURES / name))
    assert found.all_compared > 0
