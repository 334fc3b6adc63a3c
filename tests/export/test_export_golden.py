"""Golden files: every example plan exported as CSV and as an iCalendar feed with its tasks,
compared byte for byte with tests/golden/export/ (`<example>.csv`, `<example>.ics`).

Exported with the real scheduler at the fixed status date of the golden pages and SEQUENCE 0,
so they depend neither on the day nor on the git history. After an intended change, regenerate
them and review the diff:

    PLANCTL_UPDATE_GOLDEN=1 pytest tests/export/test_export_golden.py
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from planctl.export import ExportOptions, export
from planctl.loader import load_plan
from planctl.render.portfolio import discover
from planctl.schedule import schedule_plan

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = ROOT / "tests" / "golden" / "export"
AS_OF = date(2026, 3, 2)
UPDATE = os.environ.get("PLANCTL_UPDATE_GOLDEN") == "1"
PATHS = discover([str(EXAMPLES)])
FORMATS = {"csv": ("csv", ExportOptions()), "ics": ("ical", ExportOptions(tasks=True))}


def _name(path: str) -> str:
    relative = Path(path).relative_to(EXAMPLES)
    return relative.stem if len(relative.parts) == 1 else relative.parts[0]


@pytest.mark.parametrize("path", PATHS, ids=_name)
@pytest.mark.parametrize("suffix", sorted(FORMATS))
def test_example_exports_match_their_golden_files(path: str, suffix: str) -> None:
    plan = load_plan(path).plan
    fmt, options = FORMATS[suffix]
    actual = export(plan, schedule_plan(plan, as_of=AS_OF), fmt, options)
    expected = GOLDEN / f"{_name(path)}.{suffix}"
    if UPDATE:
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_bytes(actual)
        return
    assert expected.exists(), f"{expected} is missing: run PLANCTL_UPDATE_GOLDEN=1 pytest " \
                              "tests/export/test_export_golden.py"
    assert actual == expected.read_bytes(), (
        f"{expected.name} differs from its golden file; if the change is intended, run "
        "PLANCTL_UPDATE_GOLDEN=1 pytest tests/export/test_export_golden.py and review the diff")
