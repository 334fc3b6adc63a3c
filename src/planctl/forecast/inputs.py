"""What varies in a forecast, read from the plan: task estimates and risk events.

- *Uncertainty*: a task with an `estimate` (not done, not cancelled, not a milestone) takes a
  sampled span instead of its duration; an effort task's estimate is of its effort, and its
  span is the sampled effort over its assigned units, rounded up like its effort. A task in
  progress varies its remaining work in proportion: the share not yet done of the sampled span.
- *Risk events*: an open, mitigating or occurred risk with a `delay` and something it
  `affects`. Each iteration it occurs with its chance (always, when it has occurred) and then
  adds one sampled delay to every task it affects. On a phase it delays the phase's entry tasks
  (those no other task of the phase precedes), so the phase slips once, not once per task; on a
  milestone it moves the milestone.
"""

from __future__ import annotations

from dataclasses import dataclass

from planctl.forecast.sampling import risk_chance
from planctl.model import Plan
from planctl.schedule.network import EFFORT, MILESTONE, VIRTUAL, Network


@dataclass(frozen=True)
class Spread:
    node: int
    low: float
    likely: float
    high: float
    """The three-point estimate of the whole span, in working days."""
    share: float
    """Share of the span still to work: 1 for work not started."""
    at_least: int
    """Fewest whole days the node may work (1 unless it is nearly done)."""


@dataclass(frozen=True)
class RiskEvent:
    id: str
    title: str
    chance: float
    low: float
    likely: float
    high: float
    nodes: tuple[int, ...]


def uses_forecasts(plan: Plan) -> bool:
    """The plan has something a forecast samples: a task estimate or a risk delay."""
    return (any(task.estimate is not None for _, task in plan.iter_tasks())
            or any(risk.delay is not None for risk in plan.risks))


def _open(net: Network, i: int) -> bool:
    """Node i is a task whose dates can still move."""
    return (net.kind[i] != VIRTUAL and not net.cancelled[i] and net.pinned_end[i] < 0
            and net.model[i].status != "done")


def spreads(plan: Plan, net: Network) -> list[Spread]:
    """The uncertain tasks, in file order."""
    wpw = net.calendar.workdays_per_week
    found = []
    for i in sorted(net.real, key=lambda i: net.file_order[i]):
        task = net.model[i]
        if task.estimate is None or net.kind[i] == MILESTONE or not _open(net, i):
            continue
        est = task.estimate
        # An effort task's estimate is of its effort: its span is that over its units.
        units = sum(u for _, u in net.assign[i]) or 1.0 if net.kind[i] == EFFORT else 1.0
        low, likely, high = (est.optimistic.days(wpw) / units, est.likely.days(wpw) / units,
                             est.pessimistic.days(wpw) / units)
        if not low <= likely <= high:
            continue  # T115 reports it; a shuffled estimate has no distribution
        in_progress = net.resume[i] >= 0
        share = 1 - task.percent_done / 100 if in_progress else 1.0
        found.append(Spread(i, low, likely, high, share, 0 if in_progress else 1))
    return found


def risk_events(plan: Plan, net: Network) -> list[RiskEvent]:
    """The risks a forecast simulates, in file order."""
    wpw = net.calendar.workdays_per_week
    index = {net.ids[i]: i for i in net.real}
    phases = {phase.id: phase for phase in plan.phases}
    found = []
    for risk in plan.risks:
        if risk.status == "closed" or risk.delay is None or not risk.affects:
            continue
        nodes: dict[int, None] = {}
        for target in risk.affects:
            if target in index:
                nodes[index[target]] = None
            elif target in phases:
                nodes.update(dict.fromkeys(_entries(phases[target], index)))
        nodes = {i: None for i in nodes if _open(net, i)}
        if not nodes:
            continue
        delay = risk.delay
        chance = 1.0 if risk.status == "occurred" else risk_chance(risk.probability)
        found.append(RiskEvent(risk.id, risk.title, chance, delay.optimistic.days(wpw),
                               delay.likely.days(wpw), delay.pessimistic.days(wpw),
                               tuple(nodes)))
    return found


def _entries(phase: object, index: dict[str, int]) -> list[int]:
    """The nodes of a phase's tasks that no other task of the phase precedes."""
    tasks = phase.tasks  # type: ignore[attr-defined]
    inside = {task.id for task in tasks}
    return [index[task.id] for task in tasks if task.id in index
            and not any(dep.task in inside for dep in task.depends_on)]
