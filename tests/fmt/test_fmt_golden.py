"""Golden files: each `golden/NAME.in.yaml` formats to `golden/NAME.out.yaml`, byte for byte,
and the output formats to itself.

After an intended change to the layout, regenerate and read the diff:

    PLANCTL_UPDATE_GOLDEN=1 pytest tests/fmt/test_fmt_golden.py && git diff tests/fmt/golden
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planctl.fmt import format_bytes

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("PLANCTL_UPDATE_GOLDEN") == "1"
CASES = sorted(p.name[: -len(".in.yaml")] for p in GOLDEN.glob("*.in.yaml"))


@pytest.mark.parametrize("name", CASES)
def test_formats_to_its_golden_file(name: str) -> None:
    source = GOLDEN / f"{name}.in.yaml"
    expected = GOLDEN / f"{name}.out.yaml"
    result = format_bytes(source.read_bytes(), source.name)
    if UPDATE:
        expected.write_bytes(result.formatted)
    assert result.formatted == expected.read_bytes()
    again = format_bytes(result.formatted, expected.name)
    assert not again.changed


def test_every_case_changes_something() -> None:
    # A case whose input is already canonical tests only idempotence; each should test more.
    for name in CASES:
        source, formatted = (GOLDEN / f"{name}.{kind}.yaml" for kind in ("in", "out"))
        assert source.read_bytes() != formatted.read_bytes()


def test_crlf_and_bom_are_kept() -> None:
    out = (GOLDEN / "crlf-bom.out.yaml").read_bytes()
    assert out.startswith(b"\xef\xbb\xbf") and out.count(b"\r\n") == out.count(b"\n")
