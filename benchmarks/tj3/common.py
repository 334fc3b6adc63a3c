"""Shared helpers: reach the tj3 tooling in tests/tj3, schedule a plan with both tools."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from datetime import date

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from tj3.dates import end_boundary  # noqa: E402
from tj3.tjp import Tj3OutOfTime, run_tj3, to_tjp  # noqa: E402
from tj3.workdays import WorkingDays  # noqa: E402


@dataclass
class Tj3Run:
    days: int
    """Working days from the plan's start to tj3's finish."""
    seconds: float


def _first_horizon(plan: object) -> int:
    """Calendar days likely to hold tj3's levelled schedule: three times the lower bound."""
    from planctl.schedule import schedule_plan

    unlevelled = schedule_plan(plan, as_of=plan.start, level=False)  # type: ignore[attr-defined]
    workdays = len(plan.calendar.workdays)  # type: ignore[attr-defined]
    return int((3 * unlevelled.lower_bound_days + 60) * 7 / workdays) + 60


def tj3_finish(text: str, timeout: float = 3600) -> Tj3Run:
    """Schedule plan YAML text with tj3: its finish in working days and its wall time.

    The project window starts at three times the lower bound and doubles while tj3 reports
    tasks that did not fit (tj3 cannot go past 2035).
    """
    from planctl.loader import load_text

    plan = load_text(text).plan
    horizon = _first_horizon(plan)
    limit = (date(2035, 12, 31) - plan.start).days
    while True:
        project = to_tjp(plan, min(horizon, limit))
        began = time.perf_counter()
        try:
            result = run_tj3(project, timeout=timeout)
        except Tj3OutOfTime:
            if horizon >= limit:
                raise
            horizon *= 2
            continue
        seconds = time.perf_counter() - began
        days = WorkingDays(plan, horizon).days
        return Tj3Run(max(end_boundary(t.end, days) for t in result.values()), seconds)
