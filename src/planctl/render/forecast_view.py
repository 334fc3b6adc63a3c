"""What a status page shows of a forecast (`planctl.forecast.Forecast`), as a plain view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

TOP_DRIVERS = 8


@dataclass(frozen=True)
class ForecastView:
    iterations: int
    seed: int
    distribution: str
    deterministic: date
    p10: date
    p50: date
    p80: date
    p90: date
    standard_error: float
    """Of P80, in working days."""
    headline: str
    """`P50 2026-06-03, P80 2026-06-12; 62 % chance of meeting Go-live`."""
    milestones: list[Any] = field(default_factory=list)
    """`MilestoneForecast`s: id, name, deterministic and `dates` (p10..p90)."""
    deadlines: list[Any] = field(default_factory=list)
    """`DeadlineChance`s: id, name, deadline, probability (0..1)."""
    drivers: list[Any] = field(default_factory=list)
    """The tasks whose uncertainty moves the finish most (`TaskDriver`s), biggest first."""
    criticality: dict[str, float] = field(default_factory=dict)
    """Task id to the share of iterations in which it was critical."""
    risks: list[Any] = field(default_factory=list)
    """`RiskDriver`s: id, title, chance, p80_days_added; biggest first."""
    s_curve: list[tuple[date, float]] = field(default_factory=list)
    histogram: list[tuple[date, float]] = field(default_factory=list)


def forecast_view(forecast: Any) -> ForecastView:
    f = forecast
    drivers = sorted((t for t in f.tasks if t.sensitivity > 0),
                     key=lambda t: (-t.sensitivity, -t.criticality, t.id))[:TOP_DRIVERS]
    return ForecastView(
        iterations=f.iterations, seed=f.seed, distribution=f.distribution,
        deterministic=f.deterministic, p10=f.finish.p10, p50=f.finish.p50, p80=f.finish.p80,
        p90=f.finish.p90, standard_error=f.p80_standard_error, headline=headline(f),
        milestones=list(f.milestones), deadlines=list(f.deadlines), drivers=drivers,
        criticality={t.id: t.criticality for t in f.tasks}, risks=list(f.risks),
        s_curve=list(f.s_curve), histogram=f.histogram())


def headline(f: Any) -> str:
    """The forecast in one line: P50 and P80, and the chance of each milestone deadline."""
    milestones = {m.id for m in f.milestones}
    chances = [f"{d.probability * 100:.0f} % chance of meeting {d.name}"
               for d in f.deadlines if d.id in milestones]
    text = f"P50 {f.finish.p50}, P80 {f.finish.p80}"
    return text + ("; " + ", ".join(chances[:3]) if chances else "")
