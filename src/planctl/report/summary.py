"""The closing line of a check: what was found, in how many files."""

from __future__ import annotations

from typing import TYPE_CHECKING

from planctl.errors import Severity

if TYPE_CHECKING:
    from planctl.check import CheckResult


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(result: CheckResult) -> str:
    """`Found 2 errors, 1 warning in 1 of 3 files` or `All checks passed (3 files)`."""
    checked = len(result.files)
    with_findings = sum(1 for r in result.files if r.findings)
    if not with_findings:
        return f"All checks passed ({plural(checked, 'file')})"
    counts = [plural(result.count(Severity.ERROR), "error"),
              plural(result.count(Severity.WARNING), "warning")]
    infos = result.count(Severity.INFO)
    if infos:
        counts.append(plural(infos, "info"))
    where = (plural(checked, "file") if with_findings == checked
             else f"{with_findings} of {plural(checked, 'file')}")
    return f"Found {', '.join(counts)} in {where}"
