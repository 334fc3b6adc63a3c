"""Resources of a project file: people and teams with their units, rate and leave."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from planctl.importer.calendar import exceptions, workdays
from planctl.importer.ids import IdMaker
from planctl.importer.report import ImportReport
from planctl.importer.units import Clock

# The plan's bounds for capacity and units (docs/format.md, "Limits").
MIN_UNITS, MAX_UNITS = 0.01, 10_000.0
_MAX_RATE = 1e15
# Rate units to working days: a rate per hour is multiplied by the hours in a day, and so on.
_RATE_UNITS = {"MINUTES": "minute", "HOURS": "hour", "DAYS": "day", "WEEKS": "week",
               "MONTHS": "month", "YEARS": "year"}


@dataclass(frozen=True)
class Imported:
    """A resource as the plan names it."""

    id: str
    name: str
    capacity: float


def units(value: Any, default: float = 1.0) -> float:
    """MPXJ's percentage units (100 = one full-time person) as plan units."""
    if value is None:
        return default
    return float(value.doubleValue()) / 100


def number(value: float) -> float | int:
    """A whole number written without `.0`."""
    return int(value) if value == int(value) else value


def clamp_units(value: float) -> float:
    return round(min(max(value, MIN_UNITS), MAX_UNITS), 4)


def resources(project: Any, clock: Clock, report: ImportReport,
              holidays: set[tuple[date, date]]) -> tuple[list[dict[str, Any]],
                                                         dict[int, Imported]]:
    """The plan's `resources` list and, by the file's unique id, what each became. Days off
    that are the project's `holidays` already are not repeated as leave."""
    ids = IdMaker("resource")
    items: list[dict[str, Any]] = []
    by_unique_id: dict[int, Imported] = {}
    for resource in project.getResources():
        unique_id = resource.getUniqueID()
        name = " ".join(str(resource.getName() or "").split())
        if unique_id is None or (not name and int(unique_id) <= 0):
            continue  # the "unassigned" placeholder Project keeps at unique id 0 or -65535
        label = name or f"resource {unique_id}"
        kind = str(resource.getType().name()) if resource.getType() is not None else "WORK"
        if kind != "WORK":
            report.drop(f"{kind.lower()} resources (a plan has people, teams and equipment)",
                        label)
            continue
        rid = ids.make(name, unique_id)
        capacity = clamp_units(units(resource.getMaxUnits()))
        if capacity != round(units(resource.getMaxUnits()), 4):
            report.approximate("resource max units outside 1% to 1,000,000%", label)
        item: dict[str, Any] = {"id": rid, "name": name or rid}
        if capacity > 1:
            item["kind"] = "team"
        if capacity != 1:
            item["capacity"] = number(capacity)
        rate = _daily_rate(resource.getStandardRate(), clock, label, report)
        if rate:
            item["rate"] = number(rate)
        leave = _leave(resource, label, report, holidays, project.getDefaultCalendar())
        if leave:
            item["leave"] = leave
        items.append(item)
        by_unique_id[int(unique_id)] = Imported(rid, name, capacity)
        report.keep("resources")
    return items, by_unique_id


def _daily_rate(rate: Any, clock: Clock, label: str, report: ImportReport) -> float:
    if rate is None or float(rate.getAmount()) <= 0:
        return 0.0
    amount = float(rate.getAmount())
    unit = str(rate.getUnits().name()) if rate.getUnits() is not None else "HOURS"
    per_day = {"MINUTES": amount * 60 * clock.hours_per_day,
               "HOURS": amount * clock.hours_per_day, "DAYS": amount,
               "WEEKS": amount * clock.hours_per_day / clock.hours_per_week,
               "MONTHS": amount / clock.days_per_month,
               "YEARS": amount / clock.days_per_month / 12}.get(unit.replace("ELAPSED_", ""))
    if per_day is None:
        report.drop("rates in units a plan cannot express", label)
        return 0.0
    if unit not in ("HOURS", "DAYS"):
        report.approximate(f"rates per {_RATE_UNITS.get(unit, unit.lower())} taken per "
                           "working day", label)
    return round(min(per_day, _MAX_RATE), 2)


def _leave(resource: Any, label: str, report: ImportReport,
           holidays: set[tuple[date, date]], project_calendar: Any) -> list[Any]:
    calendar = resource.getCalendar()
    if calendar is None:
        return []
    # A resource calendar based on the project's inherits its days off: they are holidays.
    parent = calendar.getParent()
    project_based = parent is not None and parent.equals(project_calendar)
    own = exceptions(calendar, bases=not project_based)
    # A plan has one working week for everybody: a person's own week cannot be kept.
    week = workdays(calendar)
    if week != workdays(project_calendar):
        report.drop("resource calendars with another working week",
                    f"{label}: {', '.join(week) or 'no working day'}")
    leave = [d.as_yaml() for d in own.days_off if (d.first, d.last) not in holidays]
    for item in own.working:
        report.drop("extra working days in resource calendars", f"{label}: {item}")
    for item in own.outside:
        report.drop("days off outside the years 1900-2999", f"{label}: {item}")
    if leave:
        report.keep("leave ranges", len(leave))
    return leave
