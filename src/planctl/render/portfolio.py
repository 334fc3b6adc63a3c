"""A portfolio: many plans rendered as an index page and one page per plan, linked relatively."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planctl.errors import InputError
from planctl.reader import STDIN

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.render.environment import Format
    from planctl.render.health import Health
    from planctl.render.views import RiskView
    from planctl.schedule.result import Schedule

TOP_RISKS = 3


def discover(paths: list[str]) -> list[str]:
    """The plan files named by `paths`: files as given, directories searched the way
    `planctl check` searches them (sorted; fragments, hidden folders and virtual environments
    skipped)."""
    from planctl import check

    found: list[str] = []
    for raw in paths:
        path = Path(raw)
        if raw == STDIN:
            found.append(raw)  # standard input, read as the plan is loaded
        elif path.is_dir():
            matches = check.discover(raw)
            if not matches:
                raise InputError(f"{raw}: no plan files (*.yaml with a `planctl:` key) found")
            found += matches
        elif path.exists():
            found.append(str(path))
        else:
            raise InputError(f"{raw}: no such file or directory")
    return found


def page_names(plans: list[Plan], fmt: Format) -> list[str]:
    """A file name per plan, from its id; refuses two plans with one id."""
    seen: dict[str, int] = {}
    names = []
    for index, plan in enumerate(plans):
        plan_id = plan.id or f"plan-{index + 1}"
        if plan_id in seen:
            raise InputError(f"two plans share the id '{plan_id}' (plans {seen[plan_id] + 1} "
                             f"and {index + 1}); ids must be unique in a portfolio")
        seen[plan_id] = index
        stem = f"{plan_id}-plan" if plan_id == "index" else plan_id
        names.append(f"{stem}.{fmt}")
    return names


@dataclass(frozen=True)
class PlanEntry:
    """One row of the portfolio index."""

    id: str
    name: str
    owner: str | None
    start: date
    finish: date
    deadline: date | None
    finish_vs_deadline: int | None
    progress: float
    health: Health
    top_risks: list[RiskView]
    href: str
    tasks: int
    as_of: date | None = None
    """The status date the plan was scheduled at."""
    as_of_note: str | None = None
    """`(today): the plan has no status_date`, when its status date is not its own."""


def entry(plan: Plan, schedule: Schedule, context: dict[str, Any], href: str) -> PlanEntry:
    """The index row of a plan, from the context its own page was rendered with."""
    summary = context["summary"]
    risks = [r for r in context["risks"] if r.status != "closed"][:TOP_RISKS]
    return PlanEntry(
        id=plan.id or "", name=plan.name, owner=context["owner"], start=schedule.start,
        finish=schedule.finish, deadline=summary.deadline,
        finish_vs_deadline=summary.finish_vs_deadline, progress=summary.progress,
        health=summary.health, top_risks=risks, href=href, tasks=summary.tasks,
        as_of=schedule.status_date, as_of_note=context.get("as_of_note"))


def index_context(entries: list[PlanEntry], as_of: date | None, title: str) -> dict[str, Any]:
    """What `portfolio.{md,html}.j2` receives; see docs/templates.md."""
    counts = {level: sum(e.health.level == level for e in entries)
              for level in ("green", "amber", "red")}
    return {"title": title, "plans": entries, "as_of": as_of, "health_counts": counts}
