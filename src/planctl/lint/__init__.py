"""Lint rules: advice about a valid plan, each rule with a code, a name and a severity.

    >>> from planctl.lint import lint_plan, load_config
    >>> config = load_config("plan.yaml").with_overrides(select=["T1", "R"], strict=True)
    >>> findings = lint_plan(loaded, config, as_of=status_date)
    >>> failed = any(config.fails(d) for d in findings)

Modules: `engine` runs the rules, `registry` lists them (and says how to add one), `rules/`
holds them by family, `config` and `discovery` are the settings, `suppress` reads
`# planctl: ignore[...]` comments, `context` is what a rule sees, `docs` writes docs/rules.md.
"""

from __future__ import annotations

from planctl.lint.config import LintConfig
from planctl.lint.context import LintContext, effective_as_of
from planctl.lint.discovery import load_config
from planctl.lint.engine import lint_plan
from planctl.lint.registry import RULES
from planctl.lint.rule import Rule

__all__ = ["RULES", "LintConfig", "LintContext", "Rule", "effective_as_of", "lint_plan",
           "load_config"]
