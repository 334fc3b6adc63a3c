"""The GitHub format: workflow commands, so findings show as annotations on a pull request.

`::error file=PATH,line=L,col=C,title=CODE name::message`, with `::warning` and `::notice` for
warnings and infos. Values are escaped as the runner expects (`%`, CR, LF everywhere, and `:`
and `,` in properties), so no text from a plan can end the command early or start another one.
A plain summary line follows, for the log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from planctl.errors import Severity
from planctl.report import ReportOptions
from planctl.report.clean import strip_controls
from planctl.report.summary import status_date_line, summary_line

if TYPE_CHECKING:
    from planctl.check import CheckResult

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a message, as `@actions/core` does."""
    return strip_controls(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (`file=`, `title=`): also `:` and `,`."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items()
                     if v is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_data(message)}"


def report(result: CheckResult, out: TextIO, options: ReportOptions) -> None:
    """One workflow command per finding and per path that could not be checked."""
    for finding in result.findings:
        d = finding.diagnostic
        title = f"{d.code} {d.name}".strip()
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        out.write(command(COMMAND[Severity(d.severity)], message, file=d.location.path,
                          line=d.location.line, col=d.location.column, title=title) + "\n")
    for problem in result.not_checked:
        out.write(command("error", f"planctl could not check this path: {problem.message}",
                          file=problem.path, title="planctl") + "\n")
    if not options.quiet and result.files:
        note = status_date_line(result)
        if note:
            out.write(command("notice", note, title="planctl: no status date") + "\n")
        out.write(summary_line(result) + "\n")
