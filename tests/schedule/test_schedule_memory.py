"""Memory the scheduler may use, measured under an address-space limit in a child process.

A regression then fails fast (MemoryError: exit code other than the expected) instead of
exhausting the machine. Each case states what it used before the fix it guards.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import textwrap
from pathlib import Path

LIMIT = 600 * 1024 * 1024
"""Address space for a child: the interpreter with planctl imported uses about 250 MB of it."""


def run_limited(code: str, limit: int = LIMIT, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run Python `code` in a child whose address space is capped at `limit` bytes."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], preexec_fn=cap,
                          capture_output=True, text=True, timeout=timeout)


def long_leave_plan(tasks: int) -> str:
    """One resource on leave for 90 years; `tasks` one-day effort tasks assigned to it."""
    lines = ["planctl: 1", "name: Leave", "start: 2026-01-05", "resources:",
             "  - id: al", "    name: Al", "    leave: [{from: 2030-01-01, to: 2120-01-01}]",
             "phases:", "  - id: p", "    name: P", "    tasks:"]
    for i in range(tasks):
        lines += [f"      - {{id: t{i}, name: T{i}, effort: 1d, assign: [al]}}"]
    return "\n".join(lines) + "\n"


def test_effort_tasks_share_their_resources_leave(tmp_path: Path) -> None:
    # Before: every task copied the 23,000 leave days (a tuple in the network and a set in
    # the levelling placer): 400 tasks needed about 700 MB more than this limit allows.
    plan = tmp_path / "plan.yaml"
    plan.write_text(long_leave_plan(400))
    done = run_limited(f"""
        from planctl.loader import load_plan
        from planctl.schedule.compile import compile_network
        from planctl.schedule.cpm import forward
        from planctl.schedule.sgs import Placer

        net = compile_network(load_plan({str(plan)!r}).plan, None)
        placer = Placer(net, forward(net))
        assert len({{id(b) for b in net.blocked if b}}) == 1
        assert len({{id(s) for s in placer.skip if s is not None}}) == 1
        print("ok")
        """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"


PLANCTL = [sys.executable, "-m", "planctl"]


def run_command_limited(args: list[str], limit: int = LIMIT) -> subprocess.CompletedProcess:
    code = f"import sys; from planctl.cli import main; sys.argv = {['planctl', *args]!r}; main()"
    return run_limited(code, limit)


def plan_text(resource: str, tasks: list[str]) -> str:
    lines = ["planctl: 1", "name: Extreme", "start: 2026-01-05", "resources:",
             f"  - {{id: al, name: Al{resource}}}", "phases:", "  - id: p", "    name: P",
             "    tasks:"]
    return "\n".join(lines + [f"      - {{id: t{i}, name: T{i}, {t}}}"
                              for i, t in enumerate(tasks)]) + "\n"


EXTREMES = {
    # Each allocated gigabytes (or was killed) before its error; now each is refused first.
    "effort-1e8": plan_text("", ["effort: 100000000d, assign: [al]"]),
    "units-1e-8": plan_text("", ["effort: 5d, assign: [{resource: al, units: 1e-8}]"]),
    "longest-effort-smallest-units": plan_text(
        ", capacity: 0.01", ["effort: 36600d, assign: [{resource: al, units: 0.01}]"]),
    "serial-century": plan_text("", ["duration: 1000d, assign: [al]"] * 60),
    "lag-chain": plan_text("", ["duration: 36600d"] + [
        f"duration: 36600d, depends_on: [{{task: t{i}, lag: 36600d}}]" for i in range(5)]),
}


def test_extreme_plans_are_refused_before_they_allocate(tmp_path: Path) -> None:
    for name, text in EXTREMES.items():
        plan = tmp_path / f"{name}.yaml"
        plan.write_text(text)
        done = run_command_limited(["schedule", str(plan)])
        assert done.returncode == 1, (name, done.stderr[-1500:])
        assert "Traceback" not in done.stderr and "MemoryError" not in done.stderr, name
        assert f"{plan}:" in done.stdout + done.stderr, name
