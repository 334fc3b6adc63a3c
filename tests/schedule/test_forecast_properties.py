"""Forecast properties on random levelled plans: with no spread the forecast is the schedule;
percentiles are ordered; a seed reproduces a forecast exactly."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from levelplans import level_plan
from randplans import Options, random_plan

from planctl.forecast import forecast_data, forecast_plan
from planctl.loader import load_text
from planctl.model import Plan
from planctl.schedule import schedule_plan

SEEDS = st.integers(min_value=0, max_value=10**9)
KINDS = st.sampled_from(["general", "randplans", "progress"])
_DURATION = re.compile(r"duration: (\d+d)")


def _text(seed: int, kind: str) -> str:
    if kind == "general":
        return level_plan(seed)
    return random_plan(seed, Options(deadlines=True, progress=kind == "progress"))


def _plan(text: str, seed: int) -> Plan:
    return load_text(text, f"f{seed}.yaml").plan


def _zero_spread(text: str) -> str:
    """Every duration task gets an estimate equal to its duration: sampled, but never varying."""
    return _DURATION.sub(lambda m: f"duration: {m[1]}, estimate: {{optimistic: {m[1]}, "
                                   f"likely: {m[1]}, pessimistic: {m[1]}}}", text)


@settings(max_examples=30, deadline=None)
@given(SEEDS, KINDS)
def test_with_zero_spread_every_percentile_is_the_deterministic_finish(seed: int,
                                                                       kind: str) -> None:
    text = _zero_spread(_text(seed, kind))
    plan = _plan(text, seed)
    schedule = schedule_plan(plan)
    f = forecast_plan(plan, iterations=50, seed=seed)
    assert f.deterministic == schedule.finish
    assert {f.finish.p10, f.finish.p50, f.finish.p80, f.finish.p90} == {schedule.finish}
    for m in f.milestones:
        assert {m.dates.p50, m.dates.p80, m.dates.p90} == {schedule.task(m.id).finish}, m.id
    for d in f.deadlines:
        met = schedule.task(d.id).finish <= d.deadline
        assert d.probability == (1.0 if met else 0.0), d.id


@settings(max_examples=15, deadline=None)
@given(SEEDS, st.sampled_from(["general", "randplans"]))
def test_percentiles_are_ordered_and_a_seed_reproduces_the_forecast(seed: int,
                                                                    kind: str) -> None:
    text = _DURATION.sub(lambda m: f"duration: {m[1]}, estimate: {{optimistic: 1d, "
                                   f"likely: {m[1]}, pessimistic: 30d}}"
                         if int(m[1][:-1]) <= 30 else m[0], _text(seed, kind))
    plan = _plan(text, seed)
    f = forecast_plan(plan, iterations=200, seed=seed % 1000)
    p = f.finish
    assert p.p10 <= p.p50 <= p.p80 <= p.p90
    for m in f.milestones:
        assert m.dates.p50 <= m.dates.p80 <= m.dates.p90
    assert forecast_data(forecast_plan(plan, iterations=200, seed=seed % 1000)) == \
        forecast_data(f)
    assert all(0 <= t.criticality <= 1 and -1 <= t.sensitivity <= 1 for t in f.tasks)
