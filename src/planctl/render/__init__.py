"""Status pages of plans: Markdown (GitHub-flavoured) and self-contained HTML, through Jinja.

    >>> from planctl.render import render_plan
    >>> text = render_plan(plan, schedule, "html")

The schedule is computed by the caller (`planctl.schedule.schedule_plan`); rendering reads
no clock and no files but templates, and writes nothing.
"""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.render.environment import Format
    from planctl.schedule.result import Schedule

PLAN_TEMPLATE = "plan.{fmt}.j2"
INDEX_TEMPLATE = "portfolio.{fmt}.j2"


def render_plan(plan: Plan, schedule: Schedule, fmt: Format = "md", *,
                templates: str | os.PathLike[str] | None = None, gantt: str = "auto",
                index_href: str | None = None, variance: Any = None,
                today: date | None = None, forecast: Any = None) -> str:
    """The status page of `plan` as scheduled in `schedule`.

    `templates` is a directory whose templates override the packaged ones by name (they run
    sandboxed); `gantt` is `auto`, `tasks` or `phases`; `index_href` links back to a portfolio;
    `variance` (a `planctl.baseline.Variance`) adds the slip against a baseline, and baseline
    bars under the Gantt chart's; `today` (the caller's clock) lets the page say "(today)"
    when that is where its status date came from; `forecast` (a `planctl.forecast.Forecast`)
    adds the forecast section (percentiles, deadline chances, S-curve, drivers) and a
    criticality column.
    Raises `RenderError` when a template cannot be found, compiled or run.
    """
    from planctl.render.environment import make_environment

    env = make_environment(fmt, templates)
    return plan_page(env, plan, schedule, fmt, gantt=gantt, index_href=index_href,
                     variance=variance, today=today, forecast=forecast)[0]


def plan_page(env: Any, plan: Plan, schedule: Schedule, fmt: Format, *, gantt: str = "auto",
              index_href: str | None = None, variance: Any = None, today: date | None = None,
              forecast: Any = None
              ) -> tuple[str, dict[str, Any]]:
    """A plan's page rendered in `env`, and the context it was rendered with."""
    from planctl.gcpause import gc_paused
    from planctl.render.context import build_context
    from planctl.render.environment import render_template

    # Pages allocate many small objects and free none until done; see planctl.gcpause.
    with gc_paused():
        context = build_context(plan, schedule, gantt=gantt, index_href=index_href,
                                variance=variance, today=today, forecast=forecast)
        context["format"] = fmt
        return render_template(env, PLAN_TEMPLATE.format(fmt=fmt), context), context


def render_portfolio(plans: list[tuple[Plan, Schedule]], fmt: Format = "md", *,
                     templates: str | os.PathLike[str] | None = None, gantt: str = "auto",
                     title: str = "Portfolio", variances: list[Any] | None = None,
                     today: date | None = None,
                     forecasts: list[Any] | None = None) -> dict[str, str]:
    """Every page of a portfolio: `{file name: text}`, the index first (`index.md|html`).

    Each plan's page is `<plan id>.<fmt>` and links back to the index relatively.
    `variances`, one per plan (or None), puts each plan's baseline variance on its page;
    `forecasts`, likewise, its forecast.
    """
    from planctl.render.environment import make_environment, render_template
    from planctl.render.portfolio import entry, index_context, page_names

    env = make_environment(fmt, templates)
    names = page_names([plan for plan, _ in plans], fmt)
    index_name = f"index.{fmt}"
    pages: dict[str, str] = {}
    entries = []
    nothing = [None] * len(plans)
    for (plan, schedule), name, variance, forecast in zip(
            plans, names, variances or nothing, forecasts or nothing, strict=True):
        text, context = plan_page(env, plan, schedule, fmt, gantt=gantt, index_href=index_name,
                                  variance=variance, today=today, forecast=forecast)
        pages[name] = text
        entries.append(entry(plan, schedule, context, name))
    dates = {schedule.status_date for _, schedule in plans}
    as_of = dates.pop() if len(dates) == 1 else None
    index = render_template(env, INDEX_TEMPLATE.format(fmt=fmt),
                            index_context(entries, as_of, title) | {"format": fmt})
    return {index_name: index, **pages}


__all__ = ["plan_page", "render_plan", "render_portfolio"]
