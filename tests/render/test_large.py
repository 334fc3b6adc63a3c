"""Large plans stay usable: size caps, the phase-level Gantt, Mermaid's size limit.

Render time is measured in benchmarks/ (docs/benchmarks.md), never asserted here.
"""

from __future__ import annotations

from datetime import date

import pytest
from render_helpers import generated_plan_text, real_scheduler, rough_schedule

from planctl.loader import load_text
from planctl.render import render_plan
from planctl.render.context import GANTT_TASK_LIMIT


@pytest.fixture(scope="module")
def big():
    plan = load_text(generated_plan_text(2000), "big.yaml").plan
    scheduler = real_scheduler()
    as_of = date(2026, 3, 2)
    schedule = (scheduler(plan, as_of=as_of, level=False) if scheduler
                else rough_schedule(plan, as_of))
    return plan, schedule


@pytest.mark.parametrize("gantt", ["auto", "tasks"])
def test_2000_tasks_of_html_stay_small(big, gantt: str) -> None:
    # Speed is measured in benchmarks/ (docs/benchmarks.md), not asserted here.
    html = render_plan(*big, "html", gantt=gantt)
    assert len(html.encode()) <= 5 * 1024 * 1024
    bars = html.count('<rect class="bar"')
    assert bars == (2000 if gantt == "tasks" else 0)
    assert html.count('<rect class="summary"') == len(big[1].phases)
    assert html.split('id="tasks"')[1].count('<td class="id">') == 2000  # all listed


def test_2000_tasks_of_markdown_fit_mermaid(big) -> None:
    md = render_plan(*big, "md")
    block = md.split("```mermaid\n")[1].split("```")[0]
    assert len(block.encode("utf-16-le")) // 2 < 50_000  # Mermaid's maxTextSize, in UTF-16
    assert "One bar per phase (2000 tasks)" in md


def test_the_gantt_switches_to_phases_above_the_limit(big) -> None:
    plan, schedule = big
    assert len(schedule.tasks) > GANTT_TASK_LIMIT
    assert '<rect class="bar"' not in render_plan(plan, schedule, "html")
