"""Lint configuration: `[tool.planctl]` in pyproject.toml or `.planctl.toml`, found upward."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LintConfig:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    strict: bool = False
    severity: dict[str, str] = field(default_factory=dict)
