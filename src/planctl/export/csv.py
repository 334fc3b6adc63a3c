"""A plan's tasks as CSV: one row a task, for spreadsheets and scripts.

The one CSV writer of planctl: `planctl export --format csv` and `planctl schedule --format
csv` both write `tasks_csv`. The columns are a public contract (docs/export.md): add columns at
the end, never rename or reorder one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from planctl.report.clean import csv_cell

if TYPE_CHECKING:
    from planctl.export import ExportOptions
    from planctl.model import Plan
    from planctl.model.tasks import Dependency
    from planctl.schedule.result import Schedule

COLUMNS = ("id", "name", "phase", "start", "finish", "milestone", "total_float",
           "free_float", "critical", "cost", "status", "progress", "assignees", "deadline",
           "overdue", "early_start", "late_start", "late_finish", "logic_total_float",
           "logic_free_float", "duration", "predecessors")


def write(plan: Plan, schedule: Schedule, options: ExportOptions) -> bytes:
    """The `csv` format of `planctl export`: `tasks_csv` as UTF-8."""
    return tasks_csv(plan, schedule).encode("utf-8")


def tasks_csv(plan: Plan, schedule: Schedule) -> str:
    """One row per task of `schedule`, with the columns of `COLUMNS`."""
    from planctl.schedule.formats import task_data

    links = predecessors(plan)
    rows = []
    for task in schedule.tasks:
        data = task_data(task)
        data["duration"] = task.days
        data["predecessors"] = links.get(task.id, "")
        rows.append(data)
    return table_csv(COLUMNS, rows)


def table_csv(columns: Sequence[str], rows: Iterable[dict[str, Any]]) -> str:
    """A header of `columns`, then one line a row: every cell through `cell`, quoted only where
    the CSV dialect needs it (a comma, a quote), as spreadsheets read it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(row[column]) for column in columns])
    return out.getvalue()


def cell(value: object) -> str:
    """Booleans as `yes`/`no`, lists space-separated, dates ISO, numbers as numbers; text one
    line, without controls, and never a formula (`planctl.report.clean.csv_cell`)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        value = " ".join(str(item) for item in value)
    return csv_cell(value)


def predecessors(plan: Plan) -> dict[str, str]:
    """Each task's links as `design FS+2d; review SS`: its own, then its phase's (which every
    task of the phase has), with lags in working days."""
    week = len(plan.calendar.workdays)
    found = {}
    for phase, task in plan.iter_tasks():
        links = [link_text(link, week) for link in (*task.depends_on, *phase.depends_on)]
        if links:
            found[task.id] = "; ".join(links)
    return found


def link_text(link: Dependency, workdays_per_week: int = 5) -> str:
    """`design FS`, `design FS+2d`, `build SS-1d`: the predecessor, the type, the lag."""
    lag = link.lag.whole_days(workdays_per_week)
    return f"{link.task} {link.type}" + (f"{lag:+d}d" if lag else "")
