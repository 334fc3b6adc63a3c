"""A plan's dates as an iCalendar feed (RFC 5545), written with the `icalendar` library.

Every event is all-day: planctl schedules in working days, not hours. By default the feed holds
the milestones and the deadlines; `tasks` adds each task as a span (DTEND is the day after its
finish, as all-day events count); `resource` gives one person's feed: the tasks assigned to
them, their deadlines, and the resource's leave.

Calendar apps recognise an event they already have by its UID and replace it when its
SEQUENCE is higher, so both are derived, never random: the UID from the plan's id, the kind of
event and the task's id; the SEQUENCE from the plan's git history (`ExportOptions.revision`).
DTSTAMP is midnight UTC of the status date, so the same plan gives the same bytes.
docs/export.md maps every field.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from planctl.errors import InputError
from planctl.report.clean import one_line, strip_controls

if TYPE_CHECKING:
    from icalendar import Calendar, Event

    from planctl.export import ExportOptions
    from planctl.model import Plan
    from planctl.schedule.result import Schedule, TaskSchedule

PRODID = "-//planctl//planctl export//EN"


def write(plan: Plan, schedule: Schedule, options: ExportOptions) -> bytes:
    """The `ical` format of `planctl export`."""
    return calendar(plan, schedule, options).to_ical()


def calendar(plan: Plan, schedule: Schedule, options: ExportOptions) -> Calendar:
    """The feed as an `icalendar.Calendar`."""
    from icalendar import Calendar

    feed = _Feed(schedule, options)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    title = one_line(schedule.plan_name, " ")
    person = options.resource
    if person is not None:
        resource = plan.resources_by_id.get(person)
        if resource is None:
            known = ", ".join(sorted(plan.resources_by_id)) or "none"
            raise InputError(f"--resource {person!r}: the plan has no such resource "
                             f"(its resources: {known})")
        title = f"{title}: {one_line(resource.name, ' ')}"
    cal.add("x-wr-calname", title)
    for task in schedule.tasks:
        if person is not None and person not in task.assignees:
            continue
        if task.milestone:
            cal.add_component(feed.milestone(task))
        elif options.tasks or person is not None:
            cal.add_component(feed.task(task))
        if task.deadline is not None:
            cal.add_component(feed.deadline(task))
    if person is not None:
        firsts: set[date] = set()
        for span in plan.resources_by_id[person].leave:
            if span.first not in firsts:  # the UID is the first day: a repeated one is dropped
                firsts.add(span.first)
                cal.add_component(feed.leave(person, span.first, span.last, span.name))
    return cal


class _Feed:
    """Builds the events of one feed: what they share (UID root, SEQUENCE, DTSTAMP)."""

    def __init__(self, schedule: Schedule, options: ExportOptions) -> None:
        self.plan_id = schedule.plan_id
        self.revision = options.revision
        # Midnight UTC of the status date: the same plan gives the same bytes (docs/export.md).
        self.stamp = datetime.combine(schedule.status_date, datetime.min.time(), timezone.utc)

    def _event(self, uid: str, summary: str, first: date, last: date, category: str,
               description: str, cancelled: bool = False) -> Event:
        from icalendar import Event

        event = Event()
        event.add("uid", f"{self.plan_id}/{uid}@planctl")
        event.add("dtstamp", self.stamp)
        event.add("sequence", self.revision)
        event.add("summary", one_line(summary, " "))
        event.add("dtstart", first)
        event.add("dtend", last + timedelta(days=1))  # all-day: DTEND is exclusive
        event.add("description", strip_controls(description))
        event.add("categories", [category])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        return event

    def milestone(self, t: TaskSchedule) -> Event:
        return self._event(f"milestone/{t.id}", t.name, t.finish, t.finish, "milestone",
                           _about(t), t.status == "cancelled")

    def task(self, t: TaskSchedule) -> Event:
        return self._event(f"task/{t.id}", t.name, t.start, t.finish, "task", _about(t),
                           t.status == "cancelled")

    def deadline(self, t: TaskSchedule) -> Event:
        assert t.deadline is not None
        if t.status == "cancelled":
            state = "cancelled"
        elif t.finish > t.deadline:
            state = f"finishes {t.finish.isoformat()}, after its deadline"
        else:
            state = f"finishes {t.finish.isoformat()}, on time"
        return self._event(f"deadline/{t.id}", f"Deadline: {t.name}", t.deadline, t.deadline,
                           "deadline", f"Deadline of {t.name} ({t.id}): {state}.\n{_about(t)}",
                           t.status == "cancelled")

    def leave(self, resource: str, first: date, last: date, name: str | None) -> Event:
        event = self._event(f"leave/{resource}/{first.isoformat()}", name or "Leave", first,
                            last, "leave", f"{resource} is away (leave in the plan).")
        event["transp"] = "OPAQUE"  # away: busy, unlike the plan's informational events
        return event


def _about(t: TaskSchedule) -> str:
    """The DESCRIPTION of a task's event: phase, status, progress, people, float."""
    from planctl.lateness import shows_float, working_days

    progress = (f" ({t.progress:g}% done)" if 0 < t.progress < 100
                and t.status not in ("done", "cancelled") else "")
    lines = [f"Task {t.id} in phase {t.phase}.", f"Status: {t.status}{progress}."]
    if not t.milestone:
        lines.append(f"{t.start.isoformat()} to {t.finish.isoformat()} "
                     f"({working_days(t.days)}).")
    if t.assignees:
        lines.append("Assigned: " + ", ".join(t.assignees) + ".")
    if shows_float(t):
        lines.append(("Critical; " if t.critical else "")
                     + f"total float {working_days(t.total_float)}.")
    return "\n".join(lines)
