"""Durations and lags of a project file in the plan's working days.

MS Project counts durations in minutes of working time (a day is `MinutesPerDay`, 480 by
default), with elapsed units (`ELAPSED_DAYS`...) that run through nights and weekends, and lags
that may be a percentage of the predecessor's duration. A plan counts whole working days.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_WORKING = {"MINUTES": 1 / 60, "HOURS": 1.0}
_ELAPSED_DAYS = {"ELAPSED_MINUTES": 1 / 1440, "ELAPSED_HOURS": 1 / 24, "ELAPSED_DAYS": 1.0,
                 "ELAPSED_WEEKS": 7.0, "ELAPSED_MONTHS": 30.0, "ELAPSED_YEARS": 365.0}
_EPSILON = 1e-6


@dataclass(frozen=True)
class Clock:
    """How the file converts its units: working hours in a day and a week, days in a month,
    and the working days of the plan's week (for elapsed time)."""

    hours_per_day: float = 8.0
    hours_per_week: float = 40.0
    days_per_month: float = 20.0
    workdays_per_week: int = 5

    @classmethod
    def of(cls, properties: Any, workdays_per_week: int) -> Clock:
        def number(value: Any, default: float) -> float:
            return float(value.doubleValue()) if value is not None and float(
                value.doubleValue()) > 0 else default

        return cls(hours_per_day=number(properties.getMinutesPerDay(), 480) / 60,
                   hours_per_week=number(properties.getMinutesPerWeek(), 2400) / 60,
                   days_per_month=number(properties.getDaysPerMonth(), 20),
                   workdays_per_week=workdays_per_week)


@dataclass(frozen=True)
class Days:
    """An amount in working days, and whether getting it needed an approximation (elapsed
    time taken as working days)."""

    value: float
    elapsed: bool = False

    @property
    def whole(self) -> bool:
        return abs(self.value - round(self.value)) < _EPSILON


def unit_name(duration: Any) -> str:
    return str(duration.getUnits().name())


def working_days(duration: Any, clock: Clock, percent_of: float = 0.0) -> Days:
    """`duration` (an MPXJ Duration) in working days of the plan."""
    value = float(duration.getDuration())
    unit = unit_name(duration)
    if unit in _WORKING:
        return Days(value * _WORKING[unit] / clock.hours_per_day)
    if unit == "DAYS":
        return Days(value)
    if unit == "WEEKS":
        return Days(value * clock.hours_per_week / clock.hours_per_day)
    if unit == "MONTHS":
        return Days(value * clock.days_per_month)
    if unit == "YEARS":
        return Days(value * clock.days_per_month * 12)
    if unit in ("PERCENT", "ELAPSED_PERCENT"):
        return Days(value / 100 * percent_of, elapsed=unit == "ELAPSED_PERCENT")
    if unit in _ELAPSED_DAYS:
        return Days(value * _ELAPSED_DAYS[unit] * clock.workdays_per_week / 7, elapsed=True)
    raise ValueError(f"unknown duration unit {unit}")


def days_text(days: int) -> str:
    return f"{days}d"
