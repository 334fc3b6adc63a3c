"""A page printed in a CI log carries no GitHub Actions workflow command (a line starting
with `::`), whatever the plan or a user template writes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from markdown_it import MarkdownIt

from planctl.render.environment import no_workflow_commands

PLAN = """\
planctl: 1
name: "::add-mask::secret"
start: 2026-01-05
description: |
  ::error file=x,line=1::forged annotation
    ::stop-commands::token
phases:
  - id: p
    name: "::warning::phase"
    tasks:
      - {id: t, name: "::set-output name=x::y", duration: 2d}
"""


def _lines_with_commands(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("::")]


def test_no_line_of_a_page_on_stdout_starts_a_workflow_command(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    for fmt in ("md", "html"):
        page = subprocess.run(["planctl", "render", str(plan), "-f", fmt, "-o", "-",
                               "--no-forecast"], capture_output=True, text=True, timeout=120)
        assert page.returncode == 0, page.stderr
        assert _lines_with_commands(page.stdout) == [], fmt
        assert "add-mask" in page.stdout  # the text is still there, shown as written


def test_the_colon_still_reads_as_a_colon() -> None:
    text = no_workflow_commands("::error::x\n  ::y\nkeep a::b\n")
    assert text == "&#58;:error::x\n  &#58;:y\nkeep a::b\n"
    assert MarkdownIt().render(text).startswith("<p>::error::x\n::y")
