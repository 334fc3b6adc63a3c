"""Errors of scheduling: a valid plan that still cannot be put on a calendar.

Codes E4xx. Each is a `PlanError`, so the CLI prints it like a load error (located, exit 1).
"""

from __future__ import annotations

from planctl.errors import Diagnostic, Location, PlanError


class ScheduleError(PlanError):
    """The plan cannot be scheduled; `diagnostics` says where and why."""

    def __init__(self, code: str, name: str, message: str, where: Location,
                 hint: str | None = None) -> None:
        super().__init__([Diagnostic(code, message, where, hint=hint, name=name)])


UNKNOWN_COUNTRY = "E401"
UNKNOWN_SUBDIVISION = "E402"
NO_WORKING_DAYS = "E403"
BEYOND_HORIZON = "E404"
CYCLE = "E405"
