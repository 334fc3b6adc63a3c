"""What the commands that read and schedule plans share: the `--as-of` value and the load."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.schedule.result import Schedule


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value; a clear usage error (exit 2) otherwise."""
    from planctl.errors import InputError

    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option}: expected a date written YYYY-MM-DD, got {text!r}") from None


def load_and_schedule(files: list[str], status_date: date | None, *, level: bool = True
                      ) -> list[tuple[Plan, Schedule]]:
    """Every plan loaded and scheduled; the errors of all broken plans are reported together."""
    from planctl.errors import PlanError
    from planctl.loader import load_plan
    from planctl.schedule import schedule_plan

    plans = []
    problems = []
    today = date.today()  # the CLI, not the core, reads the clock
    for path in files:
        try:
            plan = load_plan(path).plan
            as_of = status_date or plan.status_date or today
            plans.append((plan, schedule_plan(plan, as_of=as_of, level=level)))
        except PlanError as exc:
            problems += exc.diagnostics
    if problems:
        raise PlanError(problems)
    return plans
