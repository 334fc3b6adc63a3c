"""Printing shared by the commands: diagnostics of a plan that failed to load."""

from __future__ import annotations

import os
import sys

from planctl.errors import PlanError


def print_plan_error(error: PlanError) -> None:
    """Print every diagnostic of a plan that could not be loaded, to stderr.

    The same text format as `planctl check` (with a code frame and colours on a terminal),
    without the summary line.
    """
    from planctl.check import CheckResult
    from planctl.report import ReportOptions
    from planctl.report.text import report

    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="backslashreplace")
    terminal = sys.stderr.isatty()
    options = ReportOptions(frames=terminal, color=terminal and "NO_COLOR" not in os.environ,
                            quiet=True)
    report(CheckResult.from_plan_error(error), sys.stderr, options)
