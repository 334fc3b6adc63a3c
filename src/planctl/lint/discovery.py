"""Find and read the lint settings of a plan: `.planctl.toml` or `[tool.planctl]`.

The search starts in the plan's folder and walks up to the root. The first folder that has
settings wins; in one folder `.planctl.toml` comes before `pyproject.toml`, and a
pyproject.toml without a `[tool.planctl]` table does not count (the search goes on).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from planctl.errors import ConfigError
from planctl.lint.config import LintConfig, normalize_patterns
from planctl.schema_errors import did_you_mean

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DOTFILE = ".planctl.toml"
PYPROJECT = "pyproject.toml"


class Settings(BaseModel):
    """The keys a planctl settings table may hold."""

    model_config = ConfigDict(extra="forbid", strict=True)

    select: list[str] | None = None
    """Rules that run: codes, names, prefixes or ALL (default ALL)."""
    ignore: list[str] = Field(default_factory=list)
    """Rules that do not run."""
    strict: bool = False
    """Warnings fail the check."""
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    """Rule → severity replacing its default."""
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict,
                                                   alias="per-file-ignores")
    """Glob → rules ignored in the files it matches."""
    stale_status_days: int = Field(14, ge=0, alias="stale-status-days")
    """Days after which a status_date is stale when checked `--as-of` a later date (T126)."""


_KEYS = [info.alias or name for name, info in Settings.model_fields.items()]


def load_config(plan_path: str | Path) -> LintConfig:
    """The settings that apply to the plan at `plan_path` (defaults when none are found).

    Raises `ConfigError` naming the file and key when the settings are invalid.
    """
    start = Path(plan_path).absolute()
    if not start.is_dir():
        start = start.parent
    for folder in (start, *start.parents):
        dotfile = folder / DOTFILE
        if dotfile.is_file():
            text = _text(dotfile)
            return _Reader(dotfile, text, 0, "").config(_parse(dotfile, text))
        pyproject = folder / PYPROJECT
        if pyproject.is_file():
            text = _text(pyproject)
            # Most pyproject files say nothing about planctl: skip them without parsing.
            if "planctl" not in text:
                continue
            tool = _parse(pyproject, text).get("tool")
            table = tool.get("planctl") if isinstance(tool, dict) else None
            if table is not None:
                header = re.search(r"^[ \t]*\[[ \t]*tool[ \t]*\.[ \t]*planctl[ \t]*\]", text,
                                   re.MULTILINE)
                offset = header.end() if header else -1
                return _Reader(pyproject, text, offset, "[tool.planctl] ").config(table)
    return LintConfig()


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the planctl settings: {exc}") from None


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


class _Reader:
    """Validates one settings table and words its errors as `file:line: [table] key: ...`."""

    def __init__(self, path: Path, text: str, offset: int, table: str) -> None:
        self.path, self.text, self.offset, self.table = path, text, offset, table

    def where(self, key: str) -> str:
        line = ""
        if self.offset >= 0:
            # tomllib keeps no positions: find the first line that sets `key` in the table.
            match = re.compile(rf"""^[ \t]*["']?{re.escape(key)}["']?[ \t]*=""",
                               re.MULTILINE).search(self.text, self.offset)
            if match:
                line = f":{self.text.count(chr(10), 0, match.start()) + 1}"
        return f"{self.path}{line}: {self.table}"

    def config(self, table: Any) -> LintConfig:
        if not isinstance(table, dict):
            raise ConfigError(f"{self.path}: {self.table.strip() or 'the settings'} must be a "
                              "table")
        try:
            settings = Settings.model_validate(table)
        except ValidationError as exc:
            raise self.error(exc) from None
        for key in settings.severity:
            self.codes([key], "severity")
        return LintConfig(
            select=self.codes(settings.select or ["ALL"], "select"),
            ignore=self.codes(settings.ignore, "ignore"),
            strict=settings.strict,
            severity=dict(settings.severity),
            per_file_ignores={glob: self.codes(codes, "per-file-ignores")
                              for glob, codes in settings.per_file_ignores.items()},
            stale_status_days=settings.stale_status_days,
            path=self.path,
        )

    def codes(self, values: list[str], key: str) -> tuple[str, ...]:
        try:
            return normalize_patterns(values, key)
        except ConfigError as exc:
            raise ConfigError(self.where(key) + str(exc)) from None

    def error(self, exc: ValidationError) -> ConfigError:
        error = exc.errors()[0]
        loc = [str(part) for part in error["loc"]]
        key = loc[0] if loc else ""
        where = self.where(key)
        if error["type"] == "extra_forbidden":
            guess = did_you_mean(key, _KEYS)
            hint = f"did you mean '{guess}'?" if guess else "allowed keys: " + ", ".join(_KEYS)
            return ConfigError(f"{where}unknown key '{key}'; {hint}")
        expected = {
            "list_type": 'a list of rule codes, such as ["T101", "R1"]',
            "bool_type": "true or false",
            "dict_type": "a table",
            "literal_error": "one of error, warning, info",
            "string_type": "text",
        }.get(error["type"], error["msg"])
        return ConfigError(f"{where}{'.'.join(loc)}: expected {expected}, "
                           f"got {error.get('input')!r}")


__all__ = ["DOTFILE", "PYPROJECT", "Settings", "load_config"]
