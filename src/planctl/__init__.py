"""planctl: implementation plans as plain-text YAML in git.

The Python API mirrors the command line; names are imported lazily so that importing
`planctl` (and running `planctl --help`) stays fast.

    >>> from planctl import load_plan
    >>> loaded = load_plan("examples/crm-rollout.yaml")
    >>> loaded.plan.name
    'CRM rollout'
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_plan": "planctl.loader",
    "load_text": "planctl.loader",
    "LoadedPlan": "planctl.loader",
    "Limits": "planctl.reader",
    "Plan": "planctl.model",
    "Diagnostic": "planctl.errors",
    "Location": "planctl.errors",
    "Severity": "planctl.errors",
    "PlanctlError": "planctl.errors",
    "PlanError": "planctl.errors",
    "InputError": "planctl.errors",
    "ConfigError": "planctl.errors",
    "lint_plan": "planctl.lint",
    "load_config": "planctl.lint",
    "check_paths": "planctl.check",
    "schedule_plan": "planctl.schedule",
    "Schedule": "planctl.schedule.result",
    "plan_schema": "planctl.schema",
    "write_atomic": "planctl.atomic",
    "compare_versions": "planctl.diff.compare",
    "load_version": "planctl.diff.versions",
    "Version": "planctl.diff.compare",
    "ScheduleDiff": "planctl.diff.result",
    "render_diff": "planctl.diff.formats",
    "Baseline": "planctl.baseline",
    "Variance": "planctl.baseline",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planctl' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
