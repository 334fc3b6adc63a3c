"""The closing lines of a check: what was found, in how many files, and what did not run."""

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


def status_date_line(result: CheckResult) -> str | None:
    """One line naming the rules that did not run for want of a status date, or None.

    `check` never compares with the clock unless asked (`--as-of today`), so that the verdict
    on a commit is the same on every day; this line says what that left out.
    """
    skipped = result.without_status_date
    if not skipped:
        return None
    codes = sorted({code for r in skipped for code in r.not_run})
    where = (plural(len(skipped), "file") if len(skipped) == len(result.files)
             else f"{len(skipped)} of {plural(len(result.files), 'file')}")
    return (f"Not run without a status date ({where} with no status_date): "
            f"{', '.join(codes)}; set status_date, or pass --as-of DATE or --as-of today")
