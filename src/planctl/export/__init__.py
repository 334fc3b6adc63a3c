"""`planctl export`: a scheduled plan written for other tools, in a registry of writers by name.

A writer is `write(plan, schedule, options) -> bytes`: it reads the `Plan` and its `Schedule`,
recomputes no dates, prints nothing and touches no file; the command decides where the bytes
go. Modules are imported only when their format is used (`icalendar` only for `ical`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planctl.baseline import Baseline
    from planctl.model import Plan
    from planctl.schedule.result import Schedule

# name -> "module:function"
WRITERS: dict[str, str] = {
    "csv": "planctl.export.csv:write",
    "ical": "planctl.export.ical:write",
    "mspdi": "planctl.export.mspdi:write",
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
SUFFIXES: dict[str, str] = {".csv": "csv", ".ics": "ical", ".ical": "ical", ".xml": "mspdi"}
"""Output file suffix -> format, for `-o FILE` without `--format`."""


@dataclass(frozen=True)
class ExportOptions:
    """What a writer may be asked beyond the plan and its schedule."""

    tasks: bool = False
    """iCalendar: an event for every task too, not only milestones and deadlines."""
    resource: str | None = None
    """iCalendar: one resource's feed (its tasks and its leave); None for the whole plan."""
    revision: int = 0
    """iCalendar: the SEQUENCE of every event; the command derives it from git (see
    `planctl.export.revision` and docs/export.md)."""
    baseline: Baseline | None = None
    """MSPDI: a saved baseline, written as Project's baseline 0."""


Writer = Callable[["Plan", "Schedule", ExportOptions], bytes]


def export(plan: Plan, schedule: Schedule, fmt: str,
           options: ExportOptions = ExportOptions()) -> bytes:
    """`plan` and its `schedule` written in format `fmt` (one of `FORMATS`)."""
    from planctl.gcpause import gc_paused

    module, function = WRITERS[fmt].split(":")
    writer: Writer = getattr(importlib.import_module(module), function)
    # A writer allocates many small objects and frees none until done; see planctl.gcpause.
    with gc_paused():
        return writer(plan, schedule, options)


__all__ = ["FORMATS", "SUFFIXES", "WRITERS", "ExportOptions", "Writer", "export"]
