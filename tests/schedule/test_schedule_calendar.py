"""Weekends, holidays in all three forms, public holidays through `holidays`, leave, effort."""

from __future__ import annotations

from datetime import date

import pytest
from schedutil import dates, make_plan, run

from planctl.calendar import WorkCalendar
from planctl.errors import PlanError
from planctl.schedule import schedule_plan


def test_weekend_is_skipped() -> None:
    s = run("- {id: a, name: A, duration: 5d, start_no_earlier_than: 2026-01-07}")
    assert dates(s, "a") == ("2026-01-07", "2026-01-13")


def test_holidays_single_named_and_range() -> None:
    head = """calendar:
  holidays:
    - 2026-01-06
    - {date: 2026-01-08, name: Founders day}
    - {from: 2026-01-12, to: 2026-01-14, name: Freeze}"""
    s = run("- {id: a, name: A, duration: 4d}", head=head)
    # Mon 5, (Tue 6 off), Wed 7, (Thu 8 off), Fri 9, (Mon 12 - Wed 14 off), Thu 15.
    assert dates(s, "a") == ("2026-01-05", "2026-01-15")
    assert s.holidays[date(2026, 1, 8)] == "Founders day"
    assert s.holidays[date(2026, 1, 13)] == "Freeze"


def test_us_public_holiday_observed_on_friday() -> None:
    # 4 July 2026 is a Saturday; the US observes it on Friday 3 July.
    s = run("- {id: a, name: A, duration: 2d, start_no_earlier_than: 2026-07-02}",
            head="calendar: {country: US}")
    assert dates(s, "a") == ("2026-07-02", "2026-07-06")
    assert s.holidays[date(2026, 7, 3)] == "Independence Day (observed)"


def test_norway_constitution_day_on_a_seven_day_calendar() -> None:
    head = "calendar:\n  workdays: [mon, tue, wed, thu, fri, sat, sun]\n  country: no"
    s = run("- {id: a, name: A, duration: 2d, start_no_earlier_than: 2026-05-16}", head=head)
    # Sat 16 works, Sun 17 (Constitution Day) does not, Mon 18 works.
    assert dates(s, "a") == ("2026-05-16", "2026-05-18")


def test_subdivision_holidays() -> None:
    # Cesar Chavez Day (31 March) is a state holiday in California only.
    task = "- {id: a, name: A, duration: 1d, start_no_earlier_than: 2026-03-31}"
    assert dates(run(task, head="calendar: {country: US, subdivision: CA}"), "a")[0] \
        == "2026-04-01"
    assert dates(run(task, head="calendar: {country: US}"), "a")[0] == "2026-03-31"


@pytest.mark.parametrize(("calendar", "key", "line"), [
    ("calendar:\n  country: XX", "E401", 6),
    ("calendar:\n  country: US\n  subdivision: ZZ", "E402", 7),
])
def test_unknown_country_or_subdivision_is_a_located_error(calendar: str, key: str,
                                                           line: int) -> None:
    plan = make_plan("- {id: a, name: A, duration: 1d}", head=calendar)
    with pytest.raises(PlanError) as caught:
        schedule_plan(plan)
    diagnostic = caught.value.diagnostics[0]
    assert diagnostic.code == key
    assert (diagnostic.location.path, diagnostic.location.line) == ("plan.yaml", line)


def test_holidays_swallowing_the_calendar_is_an_error_not_a_hang() -> None:
    head = "calendar:\n  holidays: [{from: 2026-01-01, to: 2090-12-31}]"
    with pytest.raises(PlanError) as caught:
        run("- {id: a, name: A, duration: 1d}", head=head)
    assert caught.value.diagnostics[0].code == "E403"


def test_leave_stretches_effort_but_not_duration() -> None:
    resources = "- {id: al, name: Al, leave: [2026-01-07]}"
    s = run("- {id: e, name: E, effort: 3d, assign: [al]}\n"
            "- {id: d, name: D, duration: 3d, assign: [al]}", resources=resources,
            level=False)
    assert dates(s, "e") == ("2026-01-05", "2026-01-08")  # Mon, Tue, (Wed off), Thu
    assert dates(s, "d") == ("2026-01-05", "2026-01-07")
    # The duration task does not load Al on his day off.
    al = s.resources[0]
    assert date(2026, 1, 7) not in al.load


def test_effort_starts_on_the_first_day_everyone_is_there() -> None:
    resources = "- {id: al, name: Al, leave: [{from: 2026-01-05, to: 2026-01-06}]}"
    s = run("- {id: e, name: E, effort: 1d, assign: [al]}", resources=resources)
    assert dates(s, "e") == ("2026-01-07", "2026-01-07")


def test_effort_over_several_assignees_with_units() -> None:
    resources = """- {id: al, name: Al, leave: [2026-01-08]}
- {id: bo, name: Bo}"""
    # 10 person-days over 1 + 0.5 units: ceil(10 / 1.5) = 7 working days on which both are
    # there. Al is away Thu 8: Mon 5 .. Tue 13 with Thu 8 skipped.
    s = run("- {id: e, name: E, effort: 10d, assign: [al, {resource: bo, units: 0.5}]}",
            resources=resources)
    assert dates(s, "e") == ("2026-01-05", "2026-01-14")
    loads = {r.id: r.load for r in s.resources}
    assert loads["bo"][date(2026, 1, 5)] == 0.5
    assert date(2026, 1, 8) not in loads["bo"]  # the task does not work that day
    assert len(loads["al"]) == 7


def test_fractional_effort_rounds_the_span_up() -> None:
    s = run("- {id: e, name: E, effort: 2.5d, assign: [al]}", resources="- {id: al, name: Al}")
    assert dates(s, "e") == ("2026-01-05", "2026-01-07")


def test_calendar_index_round_trip() -> None:
    cal = WorkCalendar(date(2026, 1, 5), ["mon", "tue", "wed", "thu", "fri"], [])
    for k in range(0, 2000, 7):
        day = cal.day(k)
        assert cal.boundary_before(day) == k
        assert cal.boundary_after(day) == k + 1
    assert cal.boundary_before(date(2026, 1, 10)) == 5  # Saturday: Monday's boundary
    assert cal.boundary_after(date(2026, 1, 10)) == 5
