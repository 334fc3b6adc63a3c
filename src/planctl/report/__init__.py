"""Output formats of `planctl check`, in a registry by name.

A reporter is a function `report(result, out, options)` that writes a `CheckResult` to a text
stream. The command looks its format up here; it never branches on the format itself. Modules
are imported only when their format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from planctl.check import CheckResult


@dataclass(frozen=True)
class ReportOptions:
    """How to print, decided by the command from its options and the terminal."""

    frames: bool = False
    """Show the source line and a caret under each finding (text format)."""
    color: bool = False
    """Use colours (only ever on a terminal)."""
    quiet: bool = False
    """Print the findings only: no summary line."""


Reporter = Callable[["CheckResult", TextIO, ReportOptions], None]

# name -> "module:function"; `auto` is resolved by `resolve_format`.
REPORTERS: dict[str, str] = {
    "text": "planctl.report.text:report",
    "json": "planctl.report.json_format:report",
    "github": "planctl.report.github:report",
}
FORMATS: tuple[str, ...] = ("auto", *REPORTERS)


def resolve_format(name: str, environ: Mapping[str, str]) -> str:
    """The concrete format for `name`: `auto` is `github` inside GitHub Actions, else `text`."""
    if name == "auto":
        return "github" if environ.get("GITHUB_ACTIONS") == "true" else "text"
    if name not in REPORTERS:
        raise KeyError(name)
    return name


def get_reporter(name: str) -> Reporter:
    """The reporter registered as `name` (a concrete format, not `auto`)."""
    module, function = REPORTERS[name].split(":")
    reporter: Reporter = getattr(importlib.import_module(module), function)
    return reporter


__all__ = ["FORMATS", "REPORTERS", "ReportOptions", "Reporter", "get_reporter", "resolve_format"]
