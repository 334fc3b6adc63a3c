"""Import a project file (Microsoft Project, Primavera and every format MPXJ reads) as a plan.

    >>> from planctl.importer import import_file
    >>> result = import_file("schedule.mpp")
    >>> print(result.text)            # the plan, YAML that passes `planctl check`
    >>> print("\\n".join(result.report.lines()))

`import_file` reads through `planctl.mpxj_bridge` (which screens the file first); `convert`
maps an MPXJ ProjectFile already read. Nothing is written: the CLI writes `result.text` with
`planctl.atomic.write_atomic`. The mapping, field by field, is in docs/import.md.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from planctl.importer.report import ImportReport

__all__ = ["ImportReport", "ImportResult", "convert", "import_file"]


@dataclass
class ImportResult:
    """The plan's YAML text, what the import kept, approximated and dropped, and for each
    plan task id the MPXJ Task it came from (to compare dates with the file's)."""

    text: str
    report: ImportReport
    sources: dict[str, Any] = field(default_factory=dict)


def import_file(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> ImportResult:
    """Read `path` with MPXJ and map it to a plan; raise `InputError` (exit 2) when the file
    cannot be read or MPXJ cannot run here."""
    from planctl.mpxj_bridge import read_project

    shown = os.fspath(path)
    project = read_project(shown, max_bytes=max_bytes)
    return convert(project, os.path.splitext(os.path.basename(shown))[0], source=shown)


def convert(project: Any, fallback_name: str = "Imported plan", *,
            source: str = "<project>") -> ImportResult:
    """Map an MPXJ ProjectFile to a plan; `source` names it in messages."""
    from planctl.errors import InputError
    from planctl.importer.build import build_plan
    from planctl.importer.write import plan_text

    report = ImportReport()
    sources: dict[str, Any] = {}
    try:
        data = build_plan(project, fallback_name, report, sources)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return ImportResult(plan_text(data), report, sources)
