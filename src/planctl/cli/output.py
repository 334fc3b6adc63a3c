"""Printing shared by the commands: diagnostics of a plan that failed to load, messages on
stderr, and what happens when standard output cannot be written.

A reader that goes away early (`planctl schedule plan.yaml | head`) is not an error: the rest
of the output is dropped and the command's own exit status stands, as for `planctl check`. A
stream that cannot take the output (`> /dev/full`, a disk quota) is: exit 2 with a message,
never the "bug" status 3.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys

from planctl.errors import InputError, PlanError


def print_plan_error(error: PlanError) -> None:
    """Print every diagnostic of a plan that could not be loaded, to stderr.

    The same text format as `planctl check` (with a code frame and colours on a terminal),
    without the summary line.
    """
    from planctl.check import CheckResult
    from planctl.report import ReportOptions
    from planctl.report.text import report

    if hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="backslashreplace")
    terminal = sys.stderr.isatty()
    options = ReportOptions(frames=terminal, color=terminal and "NO_COLOR" not in os.environ,
                            quiet=True)
    with contextlib.suppress(OSError):  # stderr gone or full: the exit status still says it
        report(CheckResult.from_plan_error(error), sys.stderr, options)
        sys.stderr.flush()


def say(message: str) -> None:
    """One line on stderr, `planctl: ...`, with any plan text in it made safe to show."""
    from planctl.report.clean import one_line

    with contextlib.suppress(OSError):
        print(f"planctl: {one_line(message)}", file=sys.stderr, flush=True)


def drop_stdout() -> None:
    """Send the rest of standard output, and what is still buffered, nowhere.

    The interpreter flushes stdout once more on exit; pointed at /dev/null, that flush cannot
    fail again (which would print "Exception ignored" and exit 120).
    """
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def output_error(exc: OSError) -> InputError | None:
    """What an I/O error that escaped a command means: None for a closed pipe (the output was
    not wanted any more), else the error to report with exit 2. Standard output is dropped
    either way, so nothing fails again on exit."""
    drop_stdout()
    if isinstance(exc, BrokenPipeError):
        return None
    reason = exc.strerror or str(exc)
    if exc.filename is not None:
        return InputError(f"{exc.filename}: {reason}")
    return InputError(f"cannot write the output: {reason}")


class ClosedStream(io.TextIOBase):
    """Standard output or error when the process started with it closed (`>&-`): Python
    makes that `None`, where `print` would silently write to the other stream. Writing to
    this fails as writing to a closed descriptor does (EBADF), so a command that has output
    ends with exit 2 and a message, and one that has none still works."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, f"{self.name} is closed")

    def isatty(self) -> bool:
        return False

    @property
    def buffer(self) -> ClosedStream:  # bytes written to `.buffer` fail the same way
        return self


def prepare_streams() -> None:
    """Make stdout and stderr safe to print any text to: a `ClosedStream` where Python left
    `None` for a closed one, and characters the stream's encoding lacks (an ASCII terminal,
    `PYTHONIOENCODING=ascii`) written as backslash escapes instead of failing the command."""
    if sys.stdout is None:
        sys.stdout = ClosedStream("standard output")
    if sys.stderr is None:
        sys.stderr = ClosedStream("standard error")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            with contextlib.suppress(OSError, ValueError):
                stream.reconfigure(errors="backslashreplace")


def flush_stdout() -> InputError | None:
    """Flush standard output at the end of a run: None if that worked or the reader left."""
    try:
        sys.stdout.flush()
    except OSError as exc:
        return output_error(exc)
    return None
