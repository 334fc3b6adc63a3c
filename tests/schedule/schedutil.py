"""Small plans for the scheduler tests, written as the YAML a user would write.

2026-01-05 is a Monday: with the default calendar, boundary 0 is Mon 5 Jan, 5 is Mon 12 Jan.
"""

from __future__ import annotations

from datetime import date

from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan
from planctl.schedule.result import Schedule

MON = date(2026, 1, 5)


def make_plan(tasks: str, *, head: str = "", resources: str = "", phases: str = "",
              start: str = "2026-01-05") -> Plan:
    """A plan with one phase `p` holding `tasks` (YAML list items, one per line), plus
    optional top-level lines (`head`), resources and further phases."""
    lines = ["planctl: 1", "id: t", "name: Test", f"start: {start}"]
    lines += [line for line in head.strip().splitlines() if line.strip()]
    if resources.strip():
        lines.append("resources:")
        lines += ["  " + line.strip() for line in resources.strip().splitlines()]
    lines += ["phases:", "  - id: p", "    name: P", "    tasks:"]
    lines += ["      " + line.strip() for line in tasks.strip().splitlines()]
    if phases.strip():
        lines += ["  " + line for line in phases.strip("\n").splitlines()]
    return load_text("\n".join(lines) + "\n", "plan.yaml").plan


def run(tasks: str, *, as_of: date | None = None, level: bool = True, **kw: str) -> Schedule:
    return schedule_plan(make_plan(tasks, **kw), as_of=as_of, level=level)


def dates(schedule: Schedule, task_id: str) -> tuple[str, str]:
    t = schedule.task(task_id)
    return t.start.isoformat(), t.finish.isoformat()
