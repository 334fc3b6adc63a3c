"""Forecasts against cases with a known answer: exact quantiles of one task, sums and maxima of
independent spans (checked against an independent simulation), risk events, criticality."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from planctl.calendar import WorkCalendar
from planctl.forecast import forecast_plan
from planctl.loader import load_text
from planctl.model import Plan

START = date(2026, 1, 5)  # a Monday
N = 20_000


def plan(tasks: str, risks: str = "") -> Plan:
    text = f"""\
planctl: 1
name: Forecast case
start: {START}
status_date: {START}
phases:
  - id: work
    name: Work
    tasks:
{tasks}"""
    if risks:
        text += "risks:\n" + risks
    return load_text(text, "case.yaml").plan


def workday(k: int) -> date:
    """The date of working day k (0-based) from the start, Monday to Friday."""
    cal = WorkCalendar(START, ["mon", "tue", "wed", "thu", "fri"], [])
    return cal.day(k)


def triangular_cdf(x: float, a: float, m: float, b: float) -> float:
    if x <= a:
        return 0.0
    if x >= b:
        return 1.0
    if x <= m:
        return (x - a) ** 2 / ((b - a) * (m - a))
    return 1 - (b - x) ** 2 / ((b - a) * (b - m))


def quantile_days(cdf, p: float) -> int:
    """The smallest whole number of days k with P(ceil(X) <= k) = cdf(k) >= p."""
    k = 0
    while cdf(k) < p:
        k += 1
    return k


def close_to(got: date, want: date, days: int = 1) -> bool:
    return abs(np.busday_count(min(got, want), max(got, want))) <= days


def test_one_triangular_task_has_the_exact_quantiles() -> None:
    p = plan("      - {id: a, name: A, duration: 20d,"
             " estimate: {optimistic: 10d, likely: 20d, pessimistic: 40d}}\n")
    f = forecast_plan(p, iterations=N, seed=3, distribution="triangular")
    for x in (10, 50, 80, 90):
        k = quantile_days(lambda d: triangular_cdf(d, 10, 20, 40), x / 100)
        want = workday(k - 1)  # a task of k days finishes on working day k - 1
        got = getattr(f.finish, f"p{x}")
        assert close_to(got, want), (x, got, want)
    assert f.deterministic == workday(19)


def _independent(n: int, seed: int, estimates: list[tuple[float, float, float]],
                 combine) -> np.ndarray:
    """Whole-day spans drawn by numpy directly (BetaPERT), combined: an independent check."""
    rng = np.random.default_rng(seed)
    spans = []
    for a, m, b in estimates:
        alpha, beta = 1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a)
        spans.append(np.ceil(a + (b - a) * rng.beta(alpha, beta, n) - 1e-9))
    return combine(spans)


def test_a_chain_is_the_sum_of_its_spans() -> None:
    p = plan("      - {id: a, name: A, duration: 10d,"
             " estimate: {optimistic: 5d, likely: 10d, pessimistic: 30d}}\n"
             "      - {id: b, name: B, duration: 8d, depends_on: [a],"
             " estimate: {optimistic: 4d, likely: 8d, pessimistic: 20d}}\n")
    f = forecast_plan(p, iterations=N, seed=5)
    total = _independent(200_000, 99, [(5, 10, 30), (4, 8, 20)], lambda s: s[0] + s[1])
    for x in (10, 50, 80, 90):
        k = int(np.sort(total)[math.ceil(len(total) * x / 100) - 1])
        assert close_to(getattr(f.finish, f"p{x}"), workday(k - 1)), x


def test_parallel_tasks_finish_at_the_maximum_of_their_spans() -> None:
    p = plan("      - {id: a, name: A, duration: 10d,"
             " estimate: {optimistic: 5d, likely: 10d, pessimistic: 30d}}\n"
             "      - {id: b, name: B, duration: 12d,"
             " estimate: {optimistic: 8d, likely: 12d, pessimistic: 16d}}\n")
    f = forecast_plan(p, iterations=N, seed=7)
    longest = _independent(200_000, 98, [(5, 10, 30), (8, 12, 16)], lambda s: np.maximum(*s))
    for x in (10, 50, 80, 90):
        k = int(np.sort(longest)[math.ceil(len(longest) * x / 100) - 1])
        assert close_to(getattr(f.finish, f"p{x}"), workday(k - 1)), x


def test_a_risk_event_makes_the_finish_late_with_its_probability() -> None:
    p = plan("      - {id: a, name: A, duration: 10d, deadline: 2026-01-16}\n",
             "  - {id: R1, title: Late, probability: 0.3, impact: 3, affects: [a],\n"
             "     delay: {optimistic: 5d, likely: 5d, pessimistic: 5d}}\n")
    f = forecast_plan(p, iterations=N, seed=11)
    assert f.deterministic == workday(9) == date(2026, 1, 16)
    assert f.chance("a") == pytest.approx(0.7, abs=0.02)
    assert f.finish.p50 == workday(9)
    assert f.finish.p80 == f.finish.p90 == workday(14)
    assert [(r.id, r.p80_days_added) for r in f.risks] == [("R1", 5)]


def test_risk_status_decides_whether_it_is_simulated() -> None:
    tasks = "      - {id: a, name: A, duration: 10d}\n"
    risk = ("  - {{id: R1, title: Late, probability: 0.1, impact: 3, affects: [a],"
            " status: {status}, delay: {{optimistic: 5d, likely: 5d, pessimistic: 5d}}}}\n")
    closed = forecast_plan(plan(tasks, risk.format(status="closed")), iterations=500)
    assert closed.risks == [] and closed.finish.p90 == workday(9)
    occurred = forecast_plan(plan(tasks, risk.format(status="occurred")), iterations=500)
    assert occurred.finish.p10 == workday(14)  # it always applies
    scale = forecast_plan(plan(tasks, risk.format(status="open").replace("0.1", "4")),
                          iterations=500)
    assert scale.risks[0].chance == 0.7  # 4 on the five-step scale


def test_a_risk_on_a_phase_delays_the_phase_once() -> None:
    p = plan("      - {id: a, name: A, duration: 5d}\n"
             "      - {id: b, name: B, duration: 5d, depends_on: [a]}\n",
             "  - {id: R1, title: Late, probability: 1.0, impact: 3, affects: [work],\n"
             "     delay: {optimistic: 3d, likely: 3d, pessimistic: 3d}}\n")
    f = forecast_plan(p, iterations=200)
    assert f.finish.p10 == f.finish.p90 == workday(12)  # 10 days + 3, not + 6


def test_criticality_of_two_parallel_paths() -> None:
    p = plan("      - {id: a, name: A, duration: 20d,"
             " estimate: {optimistic: 10d, likely: 20d, pessimistic: 30d}}\n"
             "      - {id: b, name: B, duration: 20d,"
             " estimate: {optimistic: 12d, likely: 18d, pessimistic: 34d}}\n"
             "      - {id: end, name: End, milestone: true, depends_on: [a, b]}\n")
    f = forecast_plan(p, iterations=N, seed=13)
    a, b = _independent(200_000, 97, [(10, 20, 30), (12, 18, 34)], lambda s: s)
    crit = {t.id: t.criticality for t in f.tasks}
    assert crit["a"] == pytest.approx(float(np.mean(a >= b)), abs=0.02)
    assert crit["b"] == pytest.approx(float(np.mean(b >= a)), abs=0.02)
    assert crit["end"] == 1.0
    sens = {t.id: t.sensitivity for t in f.tasks}
    assert sens["a"] > 0 and sens["b"] > 0 and sens["end"] == 0


def test_done_work_does_not_vary_and_remaining_work_varies_in_proportion() -> None:
    p = load_text(f"""\
planctl: 1
name: Progress
start: {START}
status_date: 2026-01-12
phases:
  - id: work
    name: Work
    tasks:
      - {{id: done, name: Done, duration: 5d, status: done, actual_start: 2026-01-05,
         actual_finish: 2026-01-09, estimate: {{optimistic: 1d, likely: 5d, pessimistic: 50d}}}}
      - {{id: half, name: Half, duration: 20d, status: in_progress, progress: 50,
         actual_start: 2026-01-05, estimate: {{optimistic: 20d, likely: 20d, pessimistic: 40d}},
         depends_on: [{{task: done, type: SS}}]}}
""", "progress.yaml").plan
    f = forecast_plan(p, iterations=4000, seed=2, distribution="triangular")
    # Half of a 20..40-day span remains from the status date (working day 5): 10..20 days.
    assert f.finish.p10 >= workday(5 + 10 - 1)
    assert f.finish.p90 <= workday(5 + 20 - 1)
    assert f.finish.p50 > workday(5 + 10 - 1)
    assert [t.id for t in f.tasks] == ["half"]
