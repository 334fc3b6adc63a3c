"""Calendars of a project file: the working weekdays, and the days off as holidays or leave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_JAVA_DAYS = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
# The plan format's years (docs/format.md, "Limits").
FIRST_YEAR, LAST_YEAR = 1900, 2999


def to_date(value: Any) -> date | None:
    """A Java LocalDate or LocalDateTime as a date; None for null or outside the plan's years."""
    if value is None:
        return None
    year = int(value.getYear())
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    return date(year, int(value.getMonthValue()), int(value.getDayOfMonth()))


@dataclass(frozen=True)
class DaysOff:
    """A day or a range of days off, as the plan writes it."""

    first: date
    last: date
    name: str

    def as_yaml(self) -> Any:
        item: dict[str, Any] = ({"date": self.first} if self.first == self.last
                                else {"from": self.first, "to": self.last})
        if self.name:
            item["name"] = self.name
        return item if self.name or self.first != self.last else self.first


def workdays(calendar: Any) -> list[str]:
    """The working weekdays of an MPXJ ProjectCalendar (its base calendar's where it says
    nothing itself)."""
    from java.time import DayOfWeek  # type: ignore[import-not-found]

    return [short for short, day in zip(WEEKDAYS, _JAVA_DAYS, strict=True)
            if calendar.isWorkingDay(getattr(DayOfWeek, day))]


@dataclass
class Exceptions:
    """The exceptions of a calendar and its bases: days off, and what could not be kept."""

    days_off: list[DaysOff]
    working: list[str]  # exceptions that make a day a working day: dropped
    outside: list[str]  # days off outside the years a plan may name: dropped


def exceptions(calendar: Any, *, bases: bool = True) -> Exceptions:
    """Days off of `calendar` (and of its base calendars unless `bases` is false), recurring
    exceptions expanded."""
    result = Exceptions([], [], [])
    seen: set[tuple[date, date]] = set()
    chain, current = [], calendar
    while current is not None and len(chain) < (20 if bases else 1):  # never a loop
        chain.append(current)
        current = current.getParent()
    for each in chain:
        for exception in each.getCalendarExceptions():
            for single in _expanded(exception):
                _add(single, result, seen)
    result.days_off.sort(key=lambda d: (d.first, d.last))
    return result


def _expanded(exception: Any) -> list[Any]:
    if exception.getRecurring() is not None:
        return list(exception.getExpandedExceptions())
    return [exception]


def _add(exception: Any, result: Exceptions, seen: set[tuple[date, date]]) -> None:
    name = str(exception.getName() or "").strip()
    first, last = exception.getFromDate(), exception.getToDate()
    label = f"{first}..{last}" if str(first) != str(last) else str(first)
    if exception.getWorking():
        result.working.append(f"{name} {label}".strip())
        return
    start, end = to_date(first), to_date(last)
    if start is None or end is None or end < start:
        result.outside.append(f"{name} {label}".strip())
        return
    if (start, end) in seen:
        return
    seen.add((start, end))
    result.days_off.append(DaysOff(start, end, " ".join(name.split())))
