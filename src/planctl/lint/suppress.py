"""Inline suppressions: `# planctl: ignore[T101]` or `# planctl: ignore[T101, R102]`.

The comment silences the named rules for findings on its own line, in its own file. A
directive that cannot be read (a misspelt keyword, no code, an unknown code, a plan error code)
silences nothing and is reported as L001 at its line.

Files are scanned once with one regular expression, so a large plan costs a few milliseconds.
A `#` inside a quoted string that happens to read `# planctl:` is taken as a comment too; that
is rare enough to accept for the speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from planctl.errors import Location
from planctl.located import SourceFile

# A comment starts with `#` at the start of a line or after whitespace (YAML's own rule). The
# `#` comes first and the look-behind after it, so the engine jumps from one `#` to the next
# instead of trying the look-behind at every character (30 ms → 0.6 ms on 1.7 MB).
_DIRECTIVE = re.compile(r"#(?<!\S#)[ \t]*planctl[ \t]*:(?P<rest>[^\r\n]*)", re.IGNORECASE)
_IGNORE = re.compile(r"[ \t]*ignore[ \t]*\[(?P<codes>[^\]\r\n]*)\]", re.IGNORECASE)
_PLAN_ERROR = re.compile(r"E\d{3}\Z", re.IGNORECASE)
USAGE = "write `# planctl: ignore[CODE]` or `# planctl: ignore[CODE, CODE]`"


@dataclass(frozen=True)
class Problem:
    """A directive that could not be read: where, why, and how to fix it."""

    location: Location
    message: str
    hint: str


@dataclass
class Directives:
    """What the comments of a plan's files say."""

    ignores: dict[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    """(path, line) → codes silenced there."""
    problems: list[Problem] = field(default_factory=list)

    def silences(self, path: str, line: int, code: str) -> bool:
        codes = self.ignores.get((path, line))
        return codes is not None and code in codes


def scan(files: Iterable[SourceFile]) -> Directives:
    """Every directive in `files`."""
    found = Directives()
    for source in files:
        text = source.text
        line, counted_to = 1, 0
        for match in _DIRECTIVE.finditer(text):
            start = match.start()
            line += text.count("\n", counted_to, start)
            counted_to = start
            column = start - text.rfind("\n", 0, start)
            where = Location(source.path, line, column)
            codes = _read(match.group("rest"), where, found.problems)
            if codes:
                key = (source.path, line)
                found.ignores[key] = found.ignores.get(key, frozenset()) | codes
    return found


def _read(rest: str, where: Location, problems: list[Problem]) -> frozenset[str]:
    """The codes of one directive's text after `planctl:`; problems are appended."""
    from planctl.lint.registry import resolve, suggestion

    match = _IGNORE.match(rest)
    if match is None:
        shown = rest.strip()[:40]
        problems.append(Problem(where, f"malformed planctl directive '{shown}'", USAGE))
        return frozenset()
    tokens = [t.strip() for t in match.group("codes").split(",") if t.strip()]
    if not tokens:
        problems.append(Problem(where, "planctl directive names no rule to ignore", USAGE))
        return frozenset()
    codes: set[str] = set()
    for token in tokens:
        code = resolve(token)
        if code is not None:
            codes.add(code)
        elif _PLAN_ERROR.match(token):
            problems.append(Problem(where, f"{token.upper()} is a plan error and cannot be "
                                    "ignored", "fix the plan; only lint rules can be ignored"))
        else:
            problems.append(Problem(where, f"unknown rule '{token}' in planctl directive",
                                    suggestion(token)))
    return frozenset(codes)
