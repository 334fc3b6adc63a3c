"""Scheduling: a plan's dates, floats, critical paths, progress, loads and cost.

`schedule_plan(plan, as_of=..., level=...) -> Schedule` is the entry point; the value it returns
is defined in `planctl.schedule.result`. Names are imported lazily so that importing a light
submodule (`result`, `errors`) does not pull in the whole scheduler.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "schedule_plan": "planctl.schedule.assemble",
    "ScheduleError": "planctl.schedule.errors",
    "Schedule": "planctl.schedule.result",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planctl.schedule' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
