"""The `Forecast` value: what a schedule risk analysis of a plan gives.

Dates are calendar dates; day counts are working days of the plan's calendar. This shape, and
its JSON form (`forecast_data`), is a public contract (docs/forecast.md): extend it, never rename.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

PERCENTILES = (10, 50, 80, 90)


@dataclass(frozen=True)
class Percentiles:
    """pX is the earliest date d with P(finish <= d) >= X %."""

    p10: date
    p50: date
    p80: date
    p90: date


@dataclass(frozen=True)
class MilestoneForecast:
    id: str
    name: str
    deterministic: date
    dates: Percentiles


@dataclass(frozen=True)
class DeadlineChance:
    id: str
    """The task or milestone that has the deadline."""
    name: str
    deadline: date
    probability: float
    """The share of iterations in which it finishes on or before its deadline, 0..1."""


@dataclass(frozen=True)
class TaskDriver:
    id: str
    name: str
    criticality: float
    """The share of iterations in which the task is critical (total float <= 0), 0..1."""
    sensitivity: float
    """Correlation of its sampled duration with the plan's finish, -1..1 (0 without spread)."""


@dataclass(frozen=True)
class RiskDriver:
    id: str
    title: str
    chance: float
    """The probability of the event used, 0..1."""
    p80_days_added: int
    """Working days the risk adds to the P80 finish: P80 with it minus P80 without it."""


@dataclass(frozen=True)
class Forecast:
    plan_id: str
    plan_name: str
    status_date: date
    iterations: int
    seed: int
    distribution: str
    levelled: bool
    deterministic: date
    """The finish of the deterministic schedule (`schedule` prints it)."""
    finish: Percentiles
    p80_standard_error: float
    """Standard error of the P80 finish, in working days (from the order statistics)."""
    s_curve: list[tuple[date, float]] = field(default_factory=list)
    """Each finish date that occurred, with P(finish <= that date)."""
    milestones: list[MilestoneForecast] = field(default_factory=list)
    deadlines: list[DeadlineChance] = field(default_factory=list)
    tasks: list[TaskDriver] = field(default_factory=list)
    """Every task that is not done or cancelled, in file order."""
    risks: list[RiskDriver] = field(default_factory=list)
    """Risk events simulated (open, mitigating and occurred risks with a delay and something
    they affect), biggest P80 effect first."""

    def chance(self, task_id: str) -> float | None:
        """The probability that `task_id` meets its deadline (None: it has none)."""
        for item in self.deadlines:
            if item.id == task_id:
                return item.probability
        return None

    def histogram(self) -> list[tuple[date, float]]:
        """Each finish date that occurred, with the share of iterations that ended on it."""
        out, before = [], 0.0
        for day, cumulative in self.s_curve:
            out.append((day, cumulative - before))
            before = cumulative
        return out


def _percentiles(p: Percentiles) -> dict[str, str]:
    return {f"p{x}": getattr(p, f"p{x}").isoformat() for x in PERCENTILES}


def forecast_data(forecast: Forecast) -> dict[str, Any]:
    """The documented JSON shape (docs/forecast.md), version 1."""
    finish = _percentiles(forecast.finish)
    finish["deterministic"] = forecast.deterministic.isoformat()
    return {
        "version": 1,
        "plan": {"id": forecast.plan_id, "name": forecast.plan_name},
        "status_date": forecast.status_date.isoformat(),
        "iterations": forecast.iterations,
        "seed": forecast.seed,
        "distribution": forecast.distribution,
        "levelled": forecast.levelled,
        "finish": finish,
        "p80_standard_error_days": round(forecast.p80_standard_error, 2),
        "s_curve": [[d.isoformat(), round(p, 4)] for d, p in forecast.s_curve],
        "milestones": [{"id": m.id, "name": m.name,
                        "deterministic": m.deterministic.isoformat(),
                        **{k: v for k, v in _percentiles(m.dates).items() if k != "p10"}}
                       for m in forecast.milestones],
        "deadlines": [{"id": d.id, "deadline": d.deadline.isoformat(),
                       "probability": round(d.probability, 4)} for d in forecast.deadlines],
        "tasks": [{"id": t.id, "criticality": round(t.criticality, 4),
                   "sensitivity": round(t.sensitivity, 4)} for t in forecast.tasks],
        "risks": [{"id": r.id, "chance": round(r.chance, 4),
                   "p80_days_added": r.p80_days_added} for r in forecast.risks],
    }
