"""The plan calendar recomputed from the plan itself, independently of planctl's scheduler.

The cross-check must not trust the code it checks, so the few calendar facts it needs (which
days work, for the plan and for one resource) are derived here from the contract's words.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, timedelta

from planctl.model import Plan
from planctl.model.fields import WEEKDAYS


def span_days(spans: list) -> set[date]:
    """Every day covered by a list of `DateSpan` (single days and inclusive ranges)."""
    days: set[date] = set()
    for span in spans:
        day = span.first
        while day <= span.last:
            days.add(day)
            day += timedelta(days=1)
    return days


class WorkingDays:
    """The plan's working days from its start on, numbered 0, 1, 2, ... (boundary indexes)."""

    def __init__(self, plan: Plan, horizon_days: int) -> None:
        weekdays = {WEEKDAYS.index(name) for name in plan.calendar.workdays}
        holidays = span_days(plan.calendar.holidays)
        self.days: list[date] = []
        day = plan.start
        for _ in range(horizon_days):
            if day.weekday() in weekdays and day not in holidays:
                self.days.append(day)
            day += timedelta(days=1)

    def index(self, day: date) -> int:
        """Boundary index of the first working day on or after `day`."""
        return bisect_left(self.days, day)

    def day(self, index: int) -> date:
        return self.days[index]
