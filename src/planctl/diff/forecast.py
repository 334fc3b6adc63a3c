"""What a change does to the forecast: P50 and P80 before and after, and each deadline's
chance. Both sides are forecast with the same seed and distribution, so the figures are
reproducible and the difference is the plan's, not the dice's."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from planctl.diff.result import DeadlineChanceChange, ForecastChange

if TYPE_CHECKING:
    from planctl.diff.compare import Version
    from planctl.diff.result import ScheduleDiff


def with_forecast(diff: ScheduleDiff, base: Version, head: Version) -> ScheduleDiff:
    """`diff` with its `forecast` set, when both sides have their plan and either uses
    forecasts (a task estimate or a risk delay); unchanged otherwise (a baseline side)."""
    from planctl.forecast.inputs import uses_forecasts

    if base.plan is None or head.plan is None:
        return diff
    if not (uses_forecasts(base.plan) or uses_forecasts(head.plan)):
        return diff
    from planctl.forecast import forecast_plan

    before, after = (forecast_plan(v.plan, as_of=v.schedule.status_date,  # type: ignore[arg-type]
                                   level=v.schedule.levelled) for v in (base, head))
    from planctl.diff.compare import working_days_between

    days = working_days_between(head.plan, before.finish.p80, after.finish.p80)
    chances = {d.id: d for d in before.deadlines}
    deadlines = []
    for d in after.deadlines:
        old = chances.pop(d.id, None)
        deadlines.append(DeadlineChanceChange(d.id, d.name, (
            old.probability if old else None, d.probability)))
    deadlines += [DeadlineChanceChange(d.id, d.name, (d.probability, None))
                  for d in chances.values()]
    return replace(diff, forecast=ForecastChange(
        p50=(before.finish.p50, after.finish.p50), p80=(before.finish.p80, after.finish.p80),
        p80_delta_days=days, deadlines=deadlines, iterations=(before.iterations,
                                                             after.iterations),
        seed=after.seed))
