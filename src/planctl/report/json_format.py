"""The JSON format: one object, stable and documented in docs/check.md.

```
{"version": 1,
 "files": [{"path", "errors", "warnings", "infos", "status_date", "not_run"}],
 "not_checked": [{"path", "message"}],
 "diagnostics": [{"path", "line", "column", "code", "name", "severity", "message", "hint",
                  "fails", "plan", "related": [{"path", "line", "column"}]}],
 "summary": {"files", "errors", "warnings", "infos", "failing", "not_checked",
             "without_status_date", "note"}}
```

Fields are only ever added within version 1; a change of meaning bumps `version`. Text from the
plan is kept exactly; the output is ASCII (other characters are escaped), so no control
character of any kind (C0, C1, bidirectional overrides) reaches a terminal that shows it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TextIO

from planctl.errors import Location, Severity
from planctl.report import ReportOptions
from planctl.report.summary import status_date_line

if TYPE_CHECKING:
    from planctl.check import CheckResult, Finding

VERSION = 1


def _location(where: Location) -> dict[str, Any]:
    return {"path": where.path, "line": where.line, "column": where.column}


def _diagnostic(finding: Finding, plan: str) -> dict[str, Any]:
    d = finding.diagnostic
    return {**_location(d.location), "code": d.code, "name": d.name,
            "severity": Severity(d.severity).value, "message": d.message, "hint": d.hint,
            "fails": finding.fails, "plan": plan,
            "related": [_location(r) for r in d.related]}


def as_dict(result: CheckResult) -> dict[str, Any]:
    """The documented JSON object for `result`."""
    return {
        "version": VERSION,
        "files": [{"path": r.path, "errors": r.count(Severity.ERROR),
                   "warnings": r.count(Severity.WARNING), "infos": r.count(Severity.INFO),
                   "status_date": r.status_date.isoformat() if r.status_date else None,
                   "not_run": list(r.not_run)}
                  for r in result.files],
        "not_checked": [{"path": n.path, "message": n.message} for n in result.not_checked],
        "diagnostics": [_diagnostic(f, r.path) for r in result.files for f in r.findings],
        "summary": {"files": len(result.files), "errors": result.count(Severity.ERROR),
                    "warnings": result.count(Severity.WARNING),
                    "infos": result.count(Severity.INFO), "failing": result.failing,
                    "not_checked": len(result.not_checked),
                    "without_status_date": len(result.without_status_date),
                    "note": status_date_line(result)},
    }


def report(result: CheckResult, out: TextIO, options: ReportOptions) -> None:
    """Write the JSON object and a newline (options do not change it)."""
    json.dump(as_dict(result), out, indent=2, ensure_ascii=True)
    out.write("\n")
