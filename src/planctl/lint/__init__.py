"""Lint rules: advice about a valid plan, each rule with a code, a name and a severity.

The public entry point is `lint_plan`; the registry, configuration and inline suppressions live
in the modules of this package.
"""

from __future__ import annotations

from planctl.errors import Diagnostic
from planctl.lint.config import LintConfig
from planctl.loader import LoadedPlan


def lint_plan(loaded: LoadedPlan, config: LintConfig | None = None) -> list[Diagnostic]:
    """Every finding of the enabled rules on a valid plan, after inline suppressions."""
    return []


__all__ = ["LintConfig", "lint_plan"]
