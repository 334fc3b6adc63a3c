"""Lint configuration: which rules run, at which severity, and whether warnings fail.

Settings come from `[tool.planctl]` in pyproject.toml or from `.planctl.toml`, found upward
from the plan (`load_config`), and command-line flags override them (`with_overrides`).

A pattern is a rule code (`T101`), a rule name (`task-unowned`), a code prefix (`T1`, `R`) or
`ALL`. When several patterns speak about a code, the most specific one (the longest) wins; at
equal length a command-line pattern beats a file pattern, and `ignore` beats `select`.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from planctl.errors import ConfigError, Diagnostic, Severity

ALL = "ALL"
_SEVERITIES = {s.value: s for s in Severity}


def normalize_patterns(values: Iterable[str] | str, where: str) -> tuple[str, ...]:
    """Codes for `values` (codes, names, prefixes, ALL; comma-separated items allowed).

    Raises `ConfigError` naming `where` (a flag or a file and key) for anything that matches
    no rule.
    """
    from planctl.lint.registry import RULES, resolve, suggestion

    if isinstance(values, str):
        values = [values]
    patterns: list[str] = []
    for value in values:
        if not isinstance(value, str):
            raise ConfigError(f"{where}: expected rule codes as text, got {value!r}")
        for token in (t.strip() for t in value.split(",")):
            if not token:
                continue
            if token.upper() == ALL:
                patterns.append(ALL)
                continue
            code = resolve(token)
            if code is None and any(c.startswith(token.upper()) for c in RULES):
                code = token.upper()
            if code is None:
                raise ConfigError(f"{where}: unknown rule '{token}'; {suggestion(token)}")
            patterns.append(code)
    return tuple(dict.fromkeys(patterns))


def _specificity(pattern: str, code: str) -> int:
    """How closely `pattern` names `code`: -1 when it does not match, 0 for ALL."""
    if pattern == ALL:
        return 0
    return len(pattern) if code.startswith(pattern) else -1


def _best(patterns: Iterable[str], code: str) -> int:
    return max((_specificity(p, code) for p in patterns), default=-1)


@dataclass(frozen=True)
class LintConfig:
    """Resolved lint settings. Build it with `load_config`, then `with_overrides` for flags."""

    select: tuple[str, ...] = (ALL,)
    """Patterns of the rules that run (from the file; default every rule)."""
    ignore: tuple[str, ...] = ()
    """Patterns of the rules that do not run (from the file)."""
    strict: bool = False
    """Warnings fail the check too."""
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Pattern → severity replacing the rules' defaults."""
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Glob (relative to the config file's folder) → patterns ignored in matching files."""
    path: Path | None = None
    """The file these settings came from, or None for the defaults."""
    cli_select: tuple[str, ...] | None = None
    """`--select`: replaces `select` when given."""
    cli_ignore: tuple[str, ...] = ()
    """`--ignore`: added to `ignore`, and beats a file's `select` of equal specificity."""
    stale_status_days: int = 14
    """`stale-status-days`: a status_date more than this many days before the date checked
    with (`--as-of`) is stale (rule T126)."""

    def __post_init__(self) -> None:
        # Normalise here so a LintConfig built in Python is checked like one read from a file.
        set_ = object.__setattr__
        set_(self, "select", normalize_patterns(self.select, "select"))
        set_(self, "ignore", normalize_patterns(self.ignore, "ignore"))
        if self.cli_select is not None:
            set_(self, "cli_select", normalize_patterns(self.cli_select, "--select"))
        set_(self, "cli_ignore", normalize_patterns(self.cli_ignore, "--ignore"))
        severity: dict[str, Severity] = {}
        for key, level in self.severity.items():
            patterns = normalize_patterns([key], "severity")
            if not patterns:
                raise ConfigError(f"severity: '{key}' names no rule")
            if not isinstance(level, str) or level not in _SEVERITIES:
                raise ConfigError(f"severity: '{level}' for {key} is not one of error, "
                                  "warning, info")
            severity.update(dict.fromkeys(patterns, _SEVERITIES[level]))
        set_(self, "severity", severity)
        if isinstance(self.stale_status_days, bool) or not isinstance(
                self.stale_status_days, int) or self.stale_status_days < 0:
            raise ConfigError(f"stale-status-days: expected a whole number of days, 0 or "
                              f"more, got {self.stale_status_days!r}")
        set_(self, "per_file_ignores", {
            glob: normalize_patterns(codes, f"per-file-ignores '{glob}'")
            for glob, codes in self.per_file_ignores.items()})

    def with_overrides(self, select: Iterable[str] | str | None = None,
                       ignore: Iterable[str] | str | None = None,
                       strict: bool | None = None) -> LintConfig:
        """These settings with command-line flags applied; None (or empty) means not given.

        `select` replaces the file's `select`; `ignore` adds to the file's `ignore`. Raises
        `ConfigError` (an `InputError`, exit 2) for an unknown rule.
        """
        changes: dict[str, object] = {}
        if select:
            changes["cli_select"] = normalize_patterns(select, "--select")
        if ignore:
            changes["cli_ignore"] = self.cli_ignore + normalize_patterns(ignore, "--ignore")
        if strict is not None:
            changes["strict"] = strict
        return replace(self, **changes) if changes else self

    def enabled(self, code: str) -> bool:
        """Whether the rule `code` runs under these settings."""
        selects, select_layer = ((self.cli_select, 1) if self.cli_select is not None
                                 else (self.select, 0))
        chosen = _best(selects, code)
        if chosen < 0:
            return False
        # Tuples compare specificity first, then the layer (command line = 1 beats file = 0).
        dropped = max((_best(self.ignore, code), 0), (_best(self.cli_ignore, code), 1))
        return dropped[0] < 0 or (chosen, select_layer) > dropped

    def severity_of(self, code: str, default: Severity) -> Severity:
        """The configured severity of `code`: the most specific pattern wins."""
        best, level = -1, default
        for pattern, value in self.severity.items():
            score = _specificity(pattern, code)
            if score > best:
                best, level = score, value
        return level

    def file_ignores(self, path: str) -> tuple[str, ...]:
        """The patterns `per-file-ignores` turns off in the file at `path`.

        A glob with a `/` is matched against the path relative to the config file's folder,
        one without against the file name alone (as ruff does).
        """
        if not self.per_file_ignores:
            return ()
        base = self.path.parent if self.path is not None else Path.cwd()
        relative = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
        name = os.path.basename(path)
        found: list[str] = []
        for glob, patterns in self.per_file_ignores.items():
            if fnmatch.fnmatchcase(relative if "/" in glob else name, glob):
                found.extend(patterns)
        return tuple(found)

    def ignored_in(self, code: str, path: str) -> bool:
        """Whether `per-file-ignores` turns `code` off in the file at `path`."""
        return _best(self.file_ignores(path), code) >= 0

    def fails(self, diagnostic: Diagnostic) -> bool:
        """Whether a finding makes the check fail: errors always, warnings under `strict`."""
        if diagnostic.severity == Severity.ERROR:
            return True
        return self.strict and diagnostic.severity == Severity.WARNING


__all__ = ["ALL", "LintConfig", "normalize_patterns"]
