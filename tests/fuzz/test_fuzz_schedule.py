"""Fuzz scheduling at its numeric extremes: spans, lags, units, capacities, dates and leave.

Random small plans take their values from the edges of every limit (docs/scheduling.md,
"Limits") and from far past them: the longest span and one day more, units a hair under the
minimum and subnormal, NaN and infinities, dates at the ends of the years allowed and of the
date type, leave for a century, a status date far away. Whatever the plan:

- `check` and `schedule` end with 0 or 1 (never 2 or 3, never a traceback): every problem is
  a finding located in the plan;
- scheduling stays bounded: the in-process examples under a hang guard, and the `fuzz-slow`
  ones as the real command in a child process with a 1.5 GB address-space limit.

Budgets and seeds come from the shared profiles (tests/fuzz/conftest.py).
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.check import check_paths, scheduler
from planctl.cli.check import exit_code

# Each list: values at the edges of the limits first, then values past them.
SPANS = (["1d", "0.5d", "3d", "2w", "36600d", "5228w", "0.01d"],
         ["36601d", "5229w", "100000000d", "9" * 310 + "d", "1e308d"])
LAGS = (["0d", "1d", "-1d", "36600d", "-36600d", "5228w", "-5228w"],
        ["36601d", "99999999d", "-99999999d"])
UNITS = (["1", "0.5", "0.01", "0.013", "10000", "3"],
         ["0.0099", "1.0e-7", "1.0e-300", "1.0e-320", "5.0e-324", "10001", "1.0e+308", ".nan",
          ".inf", "-.inf", "-1", "0"])
DATES = (["2026-01-05", "2026-03-02", "1900-01-01", "1926-01-05", "2125-12-31", "2126-03-22",
          "2126-03-23", "2999-12-31", "2035-12-31", "2040-01-02"],
         ["1899-12-31", "3000-01-01", "9999-12-31", "0001-01-01"])
MONEY = (["0", "800", "1.0e+15"], ["1.1e+15", "1.0e+308", ".inf", "-1"])
PRIORITY = (["1", "500", "1000"], ["1001", "1.0e+300", ".nan"])
WORKDAYS = ["[mon, tue, wed, thu, fri]", "[sun]", "[mon, tue, wed, thu, fri, sat, sun]"]
LIMIT = 1536 * 1024 * 1024


@st.composite
def extreme_plans(draw: st.DrawFn) -> str:
    # Half the plans keep every value within the limits, so they reach the scheduler; the
    # others may take any value, and must then fail at a located line.
    hostile = draw(st.booleans())

    def value(choices: tuple[list[str], list[str]]) -> str:
        return draw(st.sampled_from(choices[0] + choices[1] if hostile else choices[0]))

    start = draw(st.sampled_from(["2026-01-05", "1900-01-01", "2999-12-31", "2040-01-02"]))
    lines = ["planctl: 1", "name: Extreme", "owner: r0", f"start: {start}"]
    if draw(st.booleans()):
        lines.append(f"status_date: {value(DATES)}")
    calendar = [f"workdays: {draw(st.sampled_from(WORKDAYS))}"]
    if draw(st.booleans()):
        first, last = sorted([value(DATES), value(DATES)])
        calendar.append(f"holidays: [{first}, {{from: {first}, to: {last}}}]")
    if draw(st.integers(0, 3)) == 0:
        calendar.append("country: IN")
    lines.append("calendar: {" + ", ".join(calendar) + "}")
    resources = draw(st.integers(1, 3))
    lines.append("resources:")
    for r in range(resources):
        fields = [f"id: r{r}", f"name: R{r}"]
        if draw(st.booleans()):
            fields.append(f"capacity: {value(UNITS)}")
        if draw(st.booleans()):
            fields.append(f"rate: {value(MONEY)}")
        if draw(st.booleans()):
            first, last = sorted([value(DATES), value(DATES)])
            fields.append(f"leave: [{{from: {first}, to: {last}}}]")
        lines.append("  - {" + ", ".join(fields) + "}")
    lines += ["phases:", "  - id: p", "    name: P", "    tasks:"]
    for t in range(draw(st.integers(1, 6))):
        fields = [f"id: t{t}", f"name: T{t}", "owner: r0"]
        kind = draw(st.sampled_from(["duration", "effort", "milestone"]))
        if kind == "milestone":
            fields.append("milestone: true")
        else:
            fields.append(f"{kind}: {value(SPANS)}")
        if kind == "effort" or draw(st.booleans()):
            r = draw(st.integers(0, resources - 1))
            fields.append(f"assign: [{{resource: r{r}, units: {value(UNITS)}}}]")
        if t and draw(st.booleans()):
            fields.append(f"depends_on: [{{task: t{draw(st.integers(0, t - 1))}, "
                          f"type: {draw(st.sampled_from(['FS', 'SS', 'FF', 'SF']))}, "
                          f"lag: {value(LAGS)}}}]")
        for key in ("start_no_earlier_than", "deadline"):
            if draw(st.integers(0, 3)) == 0:
                fields.append(f"{key}: {value(DATES)}")
        if draw(st.integers(0, 3)) == 0:
            fields.append(f"priority: {value(PRIORITY)}")
        if draw(st.integers(0, 3)) == 0:
            fields.append(f"cost: {value(MONEY)}")
        if draw(st.integers(0, 4)) == 0:
            fields += ["status: done", f"actual_start: {value(DATES)}"]
        lines.append("      - {" + ", ".join(fields) + "}")
    return "\n".join(lines) + "\n"


@settings(settings.get_profile("fuzz"))
@given(text=extreme_plans(), level=st.booleans())
def test_check_schedules_any_extreme_plan_or_locates_why_not(text: str, level: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.yaml"
        plan.write_text(text)
        started = time.monotonic()
        result = check_paths([str(plan)], schedule_provider=scheduler(level=level))
        assert time.monotonic() - started < 60  # a hang guard, not a timing test
        assert exit_code(result) in (0, 1)
        assert not result.not_checked
        for finding in result.findings:
            assert finding.diagnostic.location.path == str(plan), finding
            assert finding.diagnostic.location.line >= 1


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


@settings(settings.get_profile("fuzz-slow"))
@given(text=extreme_plans(), command=st.sampled_from(["schedule", "check"]))
def test_the_command_stays_within_memory_on_any_extreme_plan(text: str, command: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "plan.yaml"
        plan.write_text(text)
        done = subprocess.run([sys.executable, "-m", "planctl", command, str(plan)],
                              preexec_fn=_cap, capture_output=True, text=True, timeout=300)
        output = done.stdout + done.stderr
        assert done.returncode in (0, 1), output[-3000:]
        assert "Traceback" not in output and "internal error" not in output, output[-3000:]
