"""Schedule a plan with tj3 and give its dates as the contract would show them."""

from __future__ import annotations

import shutil
from datetime import date

from planctl.model import Plan

from .dates import contract_dates
from .tjp import Tj3OutOfTime, horizon_for, run_tj3, to_tjp
from .workdays import WorkingDays

TJ3 = shutil.which("tj3")
"""tj3 on PATH (`.ci/run` installs the Debian package `tj3`), or None."""


def tj3_dates(plan: Plan, timeout: float = 120) -> dict[str, tuple[date, date]]:
    """planctl task id -> (start, finish) of tj3's schedule of `plan`.

    The project window starts at `horizon_for(plan)` and doubles while tj3 reports tasks
    that did not fit in it.
    """
    horizon = horizon_for(plan)
    while True:
        project = to_tjp(plan, horizon)
        try:
            times = run_tj3(project, timeout=timeout)
        except Tj3OutOfTime:
            if horizon > 20 * 365:
                raise
            horizon *= 2
            continue
        return contract_dates(plan, project.links, times, WorkingDays(plan, horizon))
