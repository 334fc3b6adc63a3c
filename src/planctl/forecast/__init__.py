"""Schedule risk analysis: PERT and Monte Carlo forecasts over the levelled network.

`forecast_plan(plan, ...) -> Forecast` is the entry point (see docs/forecast.md). Levelling in
every iteration would be slow and would reorder people's work from one iteration to the next,
so the simulation runs on the *driving network* of the deterministic levelled schedule: the
plan's dependency links plus the resource hand-offs levelling created
(`planctl.schedule.handoffs`). numpy is imported here, never on the CLI's start-up path.
"""

from __future__ import annotations

from datetime import date

from planctl.forecast.result import (
    PERCENTILES,
    DeadlineChance,
    Forecast,
    MilestoneForecast,
    Percentiles,
    RiskDriver,
    TaskDriver,
    forecast_data,
)
from planctl.forecast.sampling import DISTRIBUTIONS
from planctl.model import Plan
from planctl.schedule.network import Network, Times

__all__ = ["DISTRIBUTIONS", "Forecast", "forecast_data", "forecast_plan"]

DEFAULT_SEED = 1


def forecast_plan(plan: Plan, *, as_of: date | None = None, iterations: int | None = None,
                  seed: int = DEFAULT_SEED, distribution: str = "pert",
                  level: bool = True) -> Forecast:
    """The forecast of a valid plan.

    `as_of` is the status date (None: the plan's `status_date`, else none). `iterations` None
    runs as many as the P80 finish needs to be stable to a working day (at most 32,000). The
    same plan, seed, distribution and iteration count always give the same forecast. Raises
    `ScheduleError` when the plan cannot be scheduled, `ValueError` for a bad argument.
    """
    from planctl.forecast.inputs import risk_events, spreads
    from planctl.forecast.simulate import Simulation, correlation, percentile
    from planctl.gcpause import gc_paused
    from planctl.schedule.assemble import schedule_with_network

    if distribution not in DISTRIBUTIONS:
        raise ValueError(f"distribution must be one of {', '.join(DISTRIBUTIONS)}")
    if iterations is not None and iterations < 1:
        raise ValueError("iterations must be at least 1")
    status_date = as_of if as_of is not None else plan.status_date
    schedule, net, early, times = schedule_with_network(plan, as_of=status_date, level=level)
    with gc_paused():
        net, extra = _driving(net, early, times, level)
        shown = {t.id: t for t in schedule.tasks}
        fixed = {i: shown[net.ids[i]].finish.toordinal() for i in net.real
                 if net.pinned_end[i] >= 0}
        milestones = [i for i in net.real if net.model[i].milestone and not net.cancelled[i]]
        deadlines = [i for i in net.real
                     if net.model[i].deadline is not None and not net.cancelled[i]]
        watched = list(dict.fromkeys(milestones + deadlines))
        sim = Simulation(net, extra, spreads(plan, net), risk_events(plan, net), distribution,
                         watched, fixed)
        draws = sim.run(seed, iterations)
    finish = draws.joined(draws.finish)
    n = len(finish)

    def dates_of(ordinals: object) -> Percentiles:
        return Percentiles(*(percentile(ordinals, x) for x in PERCENTILES))  # type: ignore[arg-type]

    def name(i: int) -> str:
        return net.model[i].name

    s_curve = []
    days, counts = _unique(finish)
    total = 0
    for day, count in zip(days, counts, strict=True):
        total += count
        s_curve.append((date.fromordinal(day), total / n))
    p80 = percentile(finish, 80)
    risks = []
    for risk in sim.risks:
        alone = percentile(draws.joined(draws.without[risk.id]), 80)
        added = int(sim.working_index([p80.toordinal()])[0]
                    - sim.working_index([alone.toordinal()])[0])
        risks.append(RiskDriver(risk.id, risk.title, risk.chance, added))
    risks.sort(key=lambda r: -r.p80_days_added)
    tasks = []
    for i in sorted(net.real, key=lambda i: net.file_order[i]):
        task = net.model[i]
        if task.status in ("done", "cancelled"):
            continue
        spans = draws.spans.get(i)
        sensitivity = correlation(draws.joined(spans), finish) if spans else 0.0
        tasks.append(TaskDriver(task.id, task.name, draws.critical.get(i, 0) / n, sensitivity))
    return Forecast(
        plan_id=schedule.plan_id, plan_name=schedule.plan_name,
        status_date=schedule.status_date, iterations=n, seed=seed, distribution=distribution,
        levelled=schedule.levelled, deterministic=schedule.finish, finish=dates_of(finish),
        p80_standard_error=sim.p80_error(finish)[0], s_curve=s_curve,
        milestones=[MilestoneForecast(net.ids[i], name(i), shown[net.ids[i]].finish,
                                      dates_of(draws.joined(draws.dates[i])))
                    for i in sorted(milestones, key=lambda i: net.file_order[i])],
        deadlines=[DeadlineChance(net.ids[i], name(i), net.model[i].deadline,
                                  float((draws.joined(draws.dates[i])
                                         <= net.model[i].deadline.toordinal()).mean()))
                   for i in sorted(deadlines, key=lambda i: net.file_order[i])],
        tasks=tasks, risks=risks)


def _unique(values: object) -> tuple[list[int], list[int]]:
    import numpy as np

    days, counts = np.unique(values, return_counts=True)
    return [int(d) for d in days], [int(c) for c in counts]


def _driving(net: Network, early: Times, times: Times, level: bool
             ) -> tuple[Network, list[int]]:
    """The network the simulation runs on, and the start floors it keeps.

    Levelled: the driving network (links plus resource hand-offs) with the levelled work
    starts that no hand-off explains kept as floors, so that a forward pass on it with the
    deterministic spans gives back the levelled dates exactly.
    """
    from planctl.schedule.cpm import forward
    from planctl.schedule.network import NO_BOUND

    extra = [NO_BOUND] * len(net)
    if not level or times is early:
        return net, extra
    from planctl.schedule.handoffs import driving
    from planctl.schedule.load import resource_usage

    loads, _ = resource_usage(net, times)
    found = driving(net, early, times, loads)
    drive, extra = found.net, list(found.extra)
    # Whatever the hand-offs do not explain stays a floor: the levelled dates are the truth.
    again = forward(drive, extra)
    for i in range(len(net)):
        if again.work_start[i] < times.work_start[i]:
            extra[i] = max(extra[i], times.work_start[i])
    return drive, extra
