"""Fuzz: any text as a name, and no control, line-break or bidi character reaches any text
output of `check`, `schedule` or `status` (docs/security.md); JSON gives the text back exactly.

The names are drawn from all of Unicode, weighted towards the characters that act on terminals
and text (C0, C1, bidi controls, line separators, tag characters, markup and formula starts).
The plan puts the name in every free-text field (tests/hostile.py). The Typer app runs
in-process; each example runs eleven commands, so it uses the `fuzz-slow` budget.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hostile import HOSTILE_NAMES, forbidden_in, plan_text
from planctl.cli import app

DANGEROUS = ["\x1b", "\x1b[", "\x1b]8;;", "\x07", "\x08", "\r", "\n", "\t", "\x00", "\x7f",
             "\x85", "\x9b", "\x9d", "\u061c", "\u200e", "\u200f", "\u202a", "\u202e", "\u2066",
             "\u2069", "\u2028", "\u2029", "\ufff9", "\U000e0041", "\u200d", "\ufeff", "[",
             "[/", "]", "[link=", "::", "%", "=", "+", "-", "@", ",", '"', "\\", "'", "#",
             "&", ":"]
names = st.lists(st.one_of(st.characters(codec="utf-8"), st.sampled_from(DANGEROUS)),
                 min_size=1, max_size=30).map("".join)
OUTPUTS = [
    (["check", "--format", "text", "--frames"], False),
    (["check", "--format", "github"], False),
    (["schedule"], True),
    (["schedule", "--format", "csv"], False),
    (["export", "--format", "csv"], False),
    (["status", "--width", "100"], True),
]


def run(args: list[str], path: Path, colours: bool) -> str:
    env = {"FORCE_COLOR": "1", "NO_COLOR": None} if colours else {"FORCE_COLOR": None}
    result = CliRunner().invoke(app, [*args, str(path)], env={**env, "COLUMNS": "100"})
    assert result.exit_code in (0, 1), (args, result.output, result.exception)
    return result.output


@settings(settings.get_profile("fuzz-slow"))
@given(name=names)
@example(name=" ".join(HOSTILE_NAMES.values()))
def test_any_name_reaches_no_text_output_as_a_control(name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.yaml"
        path.write_text(plan_text(name), encoding="utf-8")
        for args, colours in OUTPUTS:
            for coloured in {False, colours}:
                output = run(args, path, coloured)
                assert forbidden_in(output, colours=coloured) == [], (args, output)
                assert "\x1b]" not in output  # no hyperlink or title sequence
        text = run(["schedule", "--format", "json"], path, False)
        assert forbidden_in(text) == []
        if text.startswith("{"):  # the plan loaded (a blank name is a located error instead)
            assert {task["name"] for task in json.loads(text)["tasks"]} == {name}
