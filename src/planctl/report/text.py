"""The text format: `path:line:col: CODE message [severity]`, a hint, a code frame, a summary.

Plan text is never parsed as rich markup: lines are built as `rich.text.Text` pieces with
styles, so a title such as `[bold]x[/oops]` prints as written. Control characters are removed
first (`planctl.report.clean`). Colours and rich are used only when the command asks for them
(on a terminal); otherwise plain lines are written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from planctl.errors import Severity
from planctl.report import ReportOptions
from planctl.report.clean import one_line
from planctl.report.frame import code_frame
from planctl.report.summary import status_date_line, summary_line

if TYPE_CHECKING:
    from planctl.check import CheckResult, Finding

Piece = tuple[str, str]  # (text, rich style; "" for none)
_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "bold yellow",
                   Severity.INFO: "bold blue"}


def finding_lines(finding: Finding, result: CheckResult, frames: bool) -> list[list[Piece]]:
    """The lines printed for one finding, as styled pieces."""
    d = finding.diagnostic
    severity = Severity(d.severity)
    style = _SEVERITY_STYLE[severity]
    lines: list[list[Piece]] = [[
        (one_line(str(d.location)) + ":", "bold"), (" ", ""), (d.code, style), (" ", ""),
        (one_line(d.message), ""), (" ", ""), (f"[{severity.value}]", style),
    ]]
    if frames:
        source = result.source(d.location.path)
        if source is not None:
            frame = code_frame(source, d.location.line, d.location.column)
            lines += [[(text, ("dim", "", style)[i])] for i, text in enumerate(frame)]
    if d.hint:
        lines.append([("  hint: ", "cyan"), (one_line(d.hint), "")])
    for related in d.related:
        lines.append([("  see also: ", "dim"), (one_line(str(related)), "")])
    return lines


def report(result: CheckResult, out: TextIO, options: ReportOptions) -> None:
    """Write every finding, then (unless quiet) a one-line summary."""
    lines: list[list[Piece]] = []
    for finding in result.findings:
        lines += finding_lines(finding, result, options.frames)
    if not options.quiet and result.files:
        note = status_date_line(result)
        if note:
            lines.append([(note, "")])
        lines.append([(summary_line(result), "bold")])
    if options.color:
        _write_rich(lines, out)
    else:
        out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))


def _write_rich(lines: list[list[Piece]], out: TextIO) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, force_terminal=True, highlight=False, emoji=False,
                      markup=False, soft_wrap=True)
    for line in lines:
        text = Text()
        for piece, style in line:
            text.append(piece, style or None)
        console.print(text)
