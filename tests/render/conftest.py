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


@pytest.fixture
def writer(monkeypatch):
    """`planctl.atomic.write_atomic`, or a plain stand-in until the real one lands."""
    try:
        import planctl.atomic  # noqa: F401
    except ImportError:
        import types

        module = types.ModuleType("planctl.atomic")

        def write_atomic(path, data):
            mode = "wb" if isinstance(data, bytes) else "w"
            with open(path, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as f:
                f.write(data)

        module.write_atomic = write_atomic
        monkeypatch.setitem(sys.modules, "planctl.atomic", module)
    return True


@pytest.fixture
def cli(scheduler, writer, monkeypatch, capsysbinary):
    """Run `planctl ARGS...` in-process: returns (exit code, stdout text, stderr text)."""
    from planctl.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["planctl", *map(str, args)])
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsysbinary.readouterr()
        return code, out.decode("utf-8"), err.decode("utf-8")

    return run
