"""Diagnostics, source locations and the typed errors the core raises.

Positions are stored 0-based as the YAML parser gives them and converted to the 1-based
numbers people read only here, when a `Location` is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a source file, 1-based as editors show it."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Diagnostic:
    """One finding: what is wrong, where, and how to fix it."""

    code: str
    message: str
    location: Location
    severity: Severity = Severity.ERROR
    hint: str | None = None
    name: str = ""
    related: tuple[Location, ...] = field(default=())

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        loc = self.location
        return (loc.path, loc.line, loc.column, self.code)


class PlanctlError(Exception):
    """Base of every error planctl raises on purpose."""


class PlanError(PlanctlError):
    """The plan could not be loaded; `diagnostics` says where and why."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: d.sort_key)
        # The `SourceFile`s read before the error, for code frames (a frame never reads a file
        # again: it could be one planctl refused to read).
        self.files: list[Any] = []
        first = self.diagnostics[0] if self.diagnostics else None
        super().__init__(f"{first.location}: {first.message}" if first else "invalid plan")


class InputError(PlanctlError):
    """planctl could not run as asked: a missing file, a bad option, an unreadable path."""


class ConfigError(InputError):
    """The planctl configuration (pyproject.toml or .planctl.toml) is invalid."""
