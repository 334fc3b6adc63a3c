"""Fixtures of the render tests: plans on disk, and a scheduler for the CLI.

Until `planctl.schedule.schedule_plan` exists, the CLI tests run against `rough_schedule`
(patched in), so the renderer can be tested on its own; golden files need the real one.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from render_helpers import plan_and_schedule, real_scheduler, rough_schedule

PLANS = Path(__file__).parent / "plans"


@pytest.fixture
def plans_dir() -> Path:
    return PLANS


@pytest.fixture
def crm():
    return plan_and_schedule((PLANS / "crm.yaml").read_text(), date(2026, 2, 2))


@pytest.fixture
def nasty():
    return plan_and_schedule((PLANS / "nasty.yaml").read_text(), date(2026, 3, 16))


@pytest.fixture
def scheduler(monkeypatch):
    """Make sure `planctl.schedule.schedule_plan` can be imported by the CLI."""
    if real_scheduler() is None:
        import planctl.schedule as module

        monkeypatch.setattr(module, "schedule_plan",
                            lambda plan, *, as_of=None, level=True: rough_schedule(plan, as_of),
                            raising=False)
    return True
