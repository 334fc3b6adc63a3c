"""Project files built with MPXJ itself, for the import tests and their committed fixtures.

`full_project()` uses every feature `planctl import` maps (docs/import.md); MPXJ's Microsoft
scheduler computes its dates, so the MSPDI written from it stores dates as Project would.
`python tests/import/mpxj_projects.py` rewrites the files in tests/import/fixtures/.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures"
START = (2026, 1, 5)


def jvm() -> None:
    from planctl.mpxj_bridge import start_jvm

    start_jvm()


def _at(y: int, m: int, d: int, hour: int = 8) -> Any:
    from java.time import LocalDateTime

    return LocalDateTime.of(y, m, d, hour, 0)


def _days(value: float, unit: str = "DAYS") -> Any:
    from org.mpxj import Duration, TimeUnit

    return Duration.getInstance(float(value), getattr(TimeUnit, unit))


def new_project(name: str) -> Any:
    """An empty project with a Monday-to-Friday calendar starting on START."""
    from org.mpxj import ProjectFile

    project = ProjectFile()
    calendar = project.addDefaultBaseCalendar()
    project.setDefaultCalendar(calendar)
    properties = project.getProjectProperties()
    properties.setStartDate(_at(*START))
    properties.setProjectTitle(name)
    return project


def task(parent: Any, name: str, duration: float | None = None, unit: str = "DAYS") -> Any:
    child = parent.addTask()
    child.setName(name)
    if duration is not None:
        child.setDuration(_days(duration, unit))
    return child


def link(successor: Any, predecessor: Any, kind: str = "FINISH_START", lag: float = 0,
         unit: str = "DAYS") -> None:
    from org.mpxj import Relation, RelationType

    successor.addPredecessor(Relation.Builder().predecessorTask(predecessor)
                             .type(getattr(RelationType, kind)).lag(_days(lag, unit)))


def resource(project: Any, name: str, max_units: float = 100, hourly: float = 0) -> Any:
    from org.mpxj import Availability, CostRateTable, CostRateTableEntry, Rate, TimeUnit
    from org.mpxj.common import LocalDateTimeHelper

    person = project.addResource()
    person.setName(name)
    person.getAvailability().add(Availability(LocalDateTimeHelper.START_DATE_NA,
                                              LocalDateTimeHelper.END_DATE_NA, float(max_units)))
    table = CostRateTable()
    table.add(CostRateTableEntry(LocalDateTimeHelper.START_DATE_NA,
                                 LocalDateTimeHelper.END_DATE_NA, 0,
                                 [Rate(float(hourly), TimeUnit.HOURS)]))
    person.setCostRateTable(0, table)
    return person


def assign(work: Any, person: Any, units: float = 100) -> Any:
    assignment = work.addResourceAssignment(person)
    assignment.setUnits(float(units))
    return assignment


def day_off(calendar: Any, first: tuple[int, int, int], last: tuple[int, int, int],
            name: str = "", working: bool = False) -> Any:
    from java.time import LocalDate

    exception = calendar.addCalendarException(LocalDate.of(*first), LocalDate.of(*last))
    if name:
        exception.setName(name)
    if working:
        from java.time import LocalTime
        from org.mpxj import LocalTimeRange

        exception.add(LocalTimeRange(LocalTime.of(8, 0), LocalTime.of(12, 0)))
    return exception


def schedule(project: Any) -> None:
    """Compute dates as Microsoft Project would (MPXJ's MicrosoftScheduler)."""
    from org.mpxj.cpm import MicrosoftScheduler

    for each in project.getTasks():
        if each.getSummary() or each.getChildTasks().size():
            continue
        length = each.getDuration() or _days(0)
        each.setActualDuration(_days(0, str(length.getUnits().name())))
        each.setRemainingDuration(length)
        for assignment in each.getResourceAssignments():
            hours = _in_hours(length) * float(assignment.getUnits().doubleValue()) / 100
            assignment.setWork(_days(hours, "HOURS"))
            assignment.setActualWork(_days(0, "HOURS"))
            assignment.setRemainingWork(_days(hours, "HOURS"))
    MicrosoftScheduler().schedule(project, _at(*START))


def _in_hours(duration: Any) -> float:
    per = {"HOURS": 1, "DAYS": 8, "WEEKS": 40, "MINUTES": 1 / 60}
    return float(duration.getDuration()) * per.get(str(duration.getUnits().name()), 8)


def full_project() -> Any:
    """Every feature the import maps, once at least."""
    from org.mpxj import ConstraintType, Priority, TaskType

    project = new_project("Warehouse move")
    calendar = project.getDefaultCalendar()
    day_off(calendar, (2026, 1, 19), (2026, 1, 19), "Founders day")
    day_off(calendar, (2026, 2, 16), (2026, 2, 20), "Winter break")
    day_off(calendar, (2026, 1, 24), (2026, 1, 24), "Stock-take Saturday", working=True)
    ana = resource(project, "Ana Ruiz", 100, hourly=50)
    movers = resource(project, "Movers", 300, hourly=30)
    resource(project, "Half-time clerk", 50, hourly=20)
    crate = project.addResource()
    crate.setName("Crates")
    from org.mpxj import ResourceType

    crate.setType(ResourceType.MATERIAL)
    leave = ana.addCalendar()
    leave.setParent(calendar)
    day_off(leave, (2026, 3, 2), (2026, 3, 6), "Ski trip")

    plan = task(project, "Plan")
    survey = task(plan, "Survey the site", 1, "WEEKS")
    survey.setNotes("Measure every aisle.\nPhotograph the loading bay.")
    layout = task(plan, "Draw the layout", 12, "HOURS")
    link(layout, survey)
    approved = task(plan, "Layout approved", 0)
    approved.setMilestone(True)
    approved.setDeadline(_at(2026, 1, 30, 17))
    link(approved, layout)

    move = task(project, "Move")
    pack = task(move, "Pack", 4)
    pack.setType(TaskType.FIXED_WORK)
    pack.setEffortDriven(True)
    pack.setWork(_days(96, "HOURS"))
    assign(pack, movers, 300)
    link(pack, approved, "FINISH_START", 2)
    racks = task(move, "Racks")  # a summary inside a summary
    strip = task(racks, "Strip the racks", 3)
    assign(strip, movers, 200)
    assign(strip, ana, 50)
    link(strip, pack, "START_START", 1)
    rebuild = task(racks, "Rebuild the racks", 5)
    rebuild.setConstraintType(ConstraintType.START_NO_EARLIER_THAN)
    rebuild.setConstraintDate(_at(2026, 2, 9))
    link(rebuild, strip, "FINISH_FINISH", 16, "HOURS")
    truck = task(move, "Drive the trucks", 2)
    link(truck, pack, "START_FINISH", 2, "ELAPSED_DAYS")
    truck.setPriority(Priority.getInstance(800))
    truck.setFixedCost(1200.0)

    close = task(project, "Close")
    link(close, move)
    hand = task(close, "Hand over the keys", 1)
    hand.setConstraintType(ConstraintType.FINISH_NO_LATER_THAN)
    hand.setConstraintDate(_at(2026, 3, 31, 17))
    party = task(close, "Party", 1)
    party.setConstraintType(ConstraintType.MUST_FINISH_ON)
    party.setConstraintDate(_at(2026, 4, 3, 17))
    party.setActive(False)
    link(party, hand)
    schedule(project)
    return project


def progress_project() -> Any:
    """A project under way: done, in-progress and planned tasks, and a status date."""
    project = new_project("Office refit")
    work = task(project, "Refit")
    strip = task(work, "Strip out", 5)
    paint = task(work, "Paint", 10)
    carpet = task(work, "Carpet", 3)
    link(paint, strip)
    link(carpet, paint)
    schedule(project)
    strip.setActualStart(_at(2026, 1, 5))
    strip.setActualFinish(_at(2026, 1, 9, 17))
    strip.setPercentageComplete(100)
    paint.setActualStart(_at(2026, 1, 12))
    paint.setPercentageComplete(40)
    project.getProjectProperties().setStatusDate(_at(2026, 1, 16, 17))
    return project


def write(project: Any, path: Path, file_format: str) -> Path:
    from org.mpxj.writer import FileFormat, UniversalProjectWriter

    UniversalProjectWriter(getattr(FileFormat, file_format)).write(project, str(path))
    return path


def main() -> int:
    jvm()
    FIXTURES.mkdir(exist_ok=True)
    full = full_project()
    for suffix, file_format in (("xml", "MSPDI"), ("mpx", "MPX"), ("pmxml.xml", "PMXML"),
                                ("xer", "XER")):
        write(full, FIXTURES / f"full.{suffix}", file_format)
    write(progress_project(), FIXTURES / "progress.xml", "MSPDI")
    return 0


if __name__ == "__main__":
    sys.exit(main())
