"""Printing shared by the commands: diagnostics of a plan that failed to load."""

from __future__ import annotations

import sys

from planctl.errors import PlanError


def print_plan_error(error: PlanError) -> None:
    """Print every diagnostic of a plan that could not be loaded, to stderr."""
    # Replaced by the text reporter (planctl.report) once it lands.
    for diagnostic in error.diagnostics:
        hint = f" ({diagnostic.hint})" if diagnostic.hint else ""
        print(f"{diagnostic.location}: {diagnostic.code} {diagnostic.message}{hint}",
              file=sys.stderr)
