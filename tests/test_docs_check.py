"""docs/check.md says what `check` does: the stages it names are the stages it lists."""

from __future__ import annotations

import re
from pathlib import Path

CHECK_MD = (Path(__file__).parent.parent / "docs" / "check.md").read_text(encoding="utf-8")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def test_the_number_of_stages_is_the_number_listed():
    match = re.search(r"A check has (\w+) stages:\n\n((?:\d+\. .*\n(?: {3}.*\n)*)+)", CHECK_MD)
    assert match is not None
    listed = re.findall(r"^\d+\. \*\*(\w+)\*\*", match.group(2), re.MULTILINE)
    assert listed == ["Validation", "Lint", "Dates"]
    assert NUMBERS[match.group(1)] == len(listed)
