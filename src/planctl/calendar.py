"""Working days: the plan's workdays minus its holidays and a country's public holidays.

The scheduler counts time in working-day *boundaries*. Working day k (k = 0, 1, ...) is the k-th
working day on or after the calendar's origin; boundary k is the moment it begins, which is also
the moment day k - 1 ends. `WorkCalendar` maps between dates and these indexes with two arrays it
grows on demand (a prefix count over calendar days, and the list of working days), so each
lookup is O(1) after the first and nothing walks day by day more than once.

Public holidays come from the `holidays` package, imported only when `country` is set.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from datetime import date, timedelta

from planctl.errors import Location
from planctl.model.fields import WEEKDAYS
from planctl.model.sections import Calendar, DateSpan
from planctl.schedule.errors import (
    BEYOND_HORIZON,
    NO_WORKING_DAYS,
    UNKNOWN_COUNTRY,
    UNKNOWN_SUBDIVISION,
    ScheduleError,
)
from planctl.schedule.horizon import HORIZON_YEARS

_CHUNK = 366
_MAX_GAP = 3660
"""Ten years without a working day means the holidays swallow the calendar: refuse."""


def _spans(spans: list[DateSpan]) -> list[tuple[date, date]]:
    """Inclusive (first, last) ranges, sorted and merged."""
    merged: list[tuple[date, date]] = []
    for first, last in sorted((s.first, s.last) for s in spans):
        if merged and first <= merged[-1][1] + timedelta(days=1):
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def span_days(spans: list[tuple[date, date]], first: date, last: date) -> set[date]:
    """The days of `spans` that fall in [first, last]."""
    days: set[date] = set()
    for lo, hi in spans:
        lo, hi = max(lo, first), min(hi, last)
        while lo <= hi:
            days.add(lo)
            lo += timedelta(days=1)
    return days


def public_holidays(calendar: Calendar) -> Callable[[date], str | None] | None:
    """A lookup of the public holiday on a day (its name), or None when no country is set.

    Raises a located `ScheduleError` for a country or subdivision the package does not know.
    """
    if calendar.country is None:
        return None
    import holidays  # lazily: it is large, and most plans never need it

    country = calendar.country.upper()
    supported = holidays.list_supported_countries()
    if country not in supported:
        raise ScheduleError(UNKNOWN_COUNTRY, "unknown-country",
                            f"unknown country '{calendar.country}' for public holidays",
                            calendar.location("country"),
                            hint="use an ISO 3166 code such as US, GB, DE or NO")
    subdivision = calendar.subdivision
    if subdivision is not None and subdivision.upper() not in supported[country]:
        known = ", ".join(supported[country][:12]) or "none"
        raise ScheduleError(UNKNOWN_SUBDIVISION, "unknown-subdivision",
                            f"country {country} has no subdivision '{subdivision}'",
                            calendar.location("subdivision"), hint=f"known: {known}")
    table = holidays.country_holidays(
        country, subdiv=subdivision.upper() if subdivision else None)
    populated: set[int] = set()

    def lookup(day: date) -> str | None:
        if day.year in populated:
            return table.get(day)
        populated.add(day.year)
        # The package fills in a year on its first lookup, and warns (naming its own source
        # file) for years where it knows only some holidays, such as India's lunar ones after
        # 2035. The holidays it knows still count; docs/scheduling.md tells users to list the
        # others under `holidays`. Its warning would only be noise on a CI log.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return table.get(day)

    return lookup


class WorkCalendar:
    """Working days from `origin` on, numbered 0, 1, 2, ...; grown on demand."""

    def __init__(self, origin: date, workdays: list[str], holidays: list[DateSpan],
                 public: Callable[[date], str | None] | None = None,
                 where: Location | None = None, horizon: date | None = None,
                 horizon_where: Location | None = None) -> None:
        self.origin = origin
        self.horizon = horizon
        """The calendar never grows past this day (None: only the date type's end stops it)."""
        self._horizon_where = horizon_where or where or Location("<python>")
        self.weekdays = frozenset(WEEKDAYS.index(d) for d in workdays)
        self.workdays_per_week = len(self.weekdays)
        self._spans = _spans(holidays)
        self._named = [(s.first, s.last, s.name) for s in holidays]
        self._public = public
        self._where = where or Location("<python>")
        self.days: list[date] = []
        """Working day k is `days[k]`."""
        self._count: list[int] = []
        """`_count[o]`: working days before origin + o days."""
        self._end = origin
        """First calendar day not yet classified."""
        self._gap = 0
        """Calendar days since the last working day found."""

    @classmethod
    def for_plan(cls, calendar: Calendar, origin: date, horizon: date | None = None,
                 horizon_where: Location | None = None) -> WorkCalendar:
        """The working days of a plan's calendar; with `horizon`, growing past that day is a
        `ScheduleError` at `horizon_where` (the scheduler passes its horizon and the plan's
        `start`), so no caller can walk it to the year 9999."""
        return cls(origin, list(calendar.workdays), list(calendar.holidays),
                   public_holidays(calendar), calendar.location("holidays"), horizon,
                   horizon_where)

    # -- growing ---------------------------------------------------------------------------

    def _grow(self) -> None:
        first = self._end
        if self.horizon is not None and first > self.horizon:
            raise ScheduleError(BEYOND_HORIZON, "beyond-horizon",
                                f"the schedule runs past {self.horizon}, {HORIZON_YEARS} "
                                "years after the plan's start", self._horizon_where,
                                hint="check very long durations, estimates, lags or leave")
        try:
            last = first + timedelta(days=_CHUNK - 1)
        except OverflowError:
            raise self._beyond(first) from None
        off = span_days(self._spans, first, last)
        public = self._public
        day, one, gap = first, timedelta(days=1), self._gap
        count, days, weekdays = self._count, self.days, self.weekdays
        while day <= last:
            count.append(len(days))
            if day.weekday() in weekdays and day not in off and not (public and public(day)):
                days.append(day)
                gap = 0
            else:
                gap += 1
            day += one
        self._end = day
        self._gap = gap
        if gap >= _MAX_GAP:
            raise ScheduleError(NO_WORKING_DAYS, "no-working-days",
                                f"no working day for ten years after {first}: the holidays "
                                "cover every workday", self._where,
                                hint="shorten the holiday ranges")

    def _beyond(self, day: date) -> ScheduleError:
        return ScheduleError(BEYOND_HORIZON, "beyond-calendar",
                             f"the schedule runs past the last representable date ({day})",
                             self._where, hint="check very long durations, lags or leave")

    def _cover(self, day: date) -> int:
        offset = (day - self.origin).days
        while offset >= len(self._count):
            self._grow()
        return offset

    # -- lookups ---------------------------------------------------------------------------

    def boundary_before(self, day: date) -> int:
        """Working days in [origin, day): the boundary at which `day` (or the next working
        day, if `day` is not one) begins."""
        if day <= self.origin:
            return 0
        return self._count[self._cover(day)]

    def boundary_after(self, day: date) -> int:
        """Working days in [origin, day]: the boundary at which `day` has ended."""
        if day < self.origin:
            return 0
        offset = self._cover(day)
        return self._count[offset] + (1 if self.is_working(day) else 0)

    def day(self, k: int) -> date:
        """The working day that begins at boundary k (k >= 0)."""
        while k >= len(self.days):
            self._grow()
        return self.days[k]

    def ensure(self, k: int) -> None:
        """Grow until working day k exists (raises `ScheduleError` past the year 9999)."""
        self.day(k)

    def is_working(self, day: date) -> bool:
        if day < self.origin:
            return day.weekday() in self.weekdays and not self._off(day)
        offset = self._cover(day)
        nxt = self._count[offset + 1] if offset + 1 < len(self._count) else None
        if nxt is None:
            return day.weekday() in self.weekdays and not self._off(day)
        return nxt > self._count[offset]

    def _off(self, day: date) -> bool:
        if any(lo <= day <= hi for lo, hi in self._spans):
            return True
        return bool(self._public and self._public(day))

    def holiday_name(self, day: date) -> str | None:
        """The name of the plan holiday or public holiday on `day`, if any."""
        for lo, hi, name in self._named:
            if lo <= day <= hi:
                return name or "holiday"
        return self._public(day) if self._public else None

    def non_working_between(self, first: date, last: date) -> frozenset[date]:
        """Calendar days in [first, last] that are not working days."""
        days = set()
        day = first
        one = timedelta(days=1)
        while day <= last:
            if not self.is_working(day):
                days.add(day)
            day += one
        return frozenset(days)
