"""Values as MSPDI writes them: times of day, durations in hours, format codes.

A working day is 08:00-12:00 and 13:00-17:00 (480 minutes), so durations are whole days of 8
hours and link lags count 4,800 tenths of a minute a day.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

MINUTES_PER_DAY = 480
TENTHS_PER_DAY = MINUTES_PER_DAY * 10
"""Link lags and levelling delays count tenths of a minute."""
DAY_START, DAY_END = "08:00:00", "17:00:00"
WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
FORMAT_DAYS, FORMAT_ELAPSED_DAYS = 7, 8
"""Duration format codes: working days, elapsed (calendar) days."""
TENTHS_PER_ELAPSED_DAY = 24 * 60 * 10


# The same few hundred dates and durations recur on thousands of tasks: kept once made.
@lru_cache(maxsize=1 << 16)
def at(day: date, time: str) -> str:
    """A date and time of day: `2026-03-02T08:00:00`."""
    return f"{day.isoformat()}T{time}"


@lru_cache(maxsize=1 << 16)
def hours(days: float) -> str:
    """An xsd:duration of working time: `days` working days of 8 hours."""
    minutes = round(days * MINUTES_PER_DAY)
    whole, rest = divmod(abs(minutes), 60)
    return f"{'-' if minutes < 0 else ''}PT{whole}H{rest}M0S"


def flag(on: bool) -> int:
    return 1 if on else 0


__all__ = ["DAY_END", "DAY_START", "FORMAT_DAYS", "FORMAT_ELAPSED_DAYS", "MINUTES_PER_DAY",
           "TENTHS_PER_DAY", "TENTHS_PER_ELAPSED_DAY", "WORKING_TIMES", "at", "flag", "hours"]
