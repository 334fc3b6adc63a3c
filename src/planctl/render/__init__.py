"""Status pages of plans: Markdown (GitHub-flavoured) and self-contained HTML, through Jinja.

    >>> from planctl.render import render_plan
    >>> text = render_plan(plan, schedule, "html")

The schedule is computed by the caller (`planctl.schedule.schedule_plan`); rendering reads
no clock and no files but templates, and writes nothing.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.render.environment import Format
    from planctl.schedule.result import Schedule

PLAN_TEMPLATE = "plan.{fmt}.j2"
INDEX_TEMPLATE = "portfolio.{fmt}.j2"


def render_plan(plan: Plan, schedule: Schedule, fmt: Format = "md", *,
                templates: str | os.PathLike[str] | None = None, gantt: str = "auto",
                index_href: str | None = None, environment: Any = None) -> str:
    """The status page of `plan` as scheduled in `schedule`.

    `templates` is a directory whose templates override the packaged ones by name (they run
    sandboxed); `gantt` is `auto`, `tasks` or `phases`; `index_href` links back to a portfolio.
    Raises `RenderError` when a template cannot be found, compiled or run.
    """
    from planctl.render.context import build_context
    from planctl.render.environment import make_environment, render_template

    env = environment or make_environment(fmt, templates)
    context = build_context(plan, schedule, gantt=gantt, index_href=index_href)
    context["format"] = fmt
    return render_template(env, PLAN_TEMPLATE.format(fmt=fmt), context)


__all__ = ["render_plan"]
