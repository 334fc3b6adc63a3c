"""The `planctl` command: a thin Typer layer over the core.

Each command lives in its own module and imports the core only when it runs, so that
`planctl --help` stays quick. Exit codes: 0 clean, 1 the plan has errors (or findings that
fail), 2 planctl could not run as asked, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import os
import sys

from planctl.cli.app import app

# Importing the modules registers their commands on `app`.
from planctl.cli import check as _check  # noqa: F401  isort: skip
from planctl.cli import init as _init  # noqa: F401  isort: skip
from planctl.cli import schema as _schema  # noqa: F401  isort: skip
from planctl.cli import render as _render  # noqa: F401  isort: skip
from planctl.cli import status as _status  # noqa: F401  isort: skip
from planctl.cli import schedule as _schedule  # noqa: F401  isort: skip

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main() -> None:
    """Entry point of the console script."""
    from planctl.errors import InputError, PlanError

    try:
        code = app(standalone_mode=False)
    except SystemExit:
        raise
    except PlanError as exc:
        from planctl.cli.output import print_plan_error

        print_plan_error(exc)
        sys.exit(EXIT_FINDINGS)
    except InputError as exc:
        print(f"planctl: error: {exc}", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(130)
    except BaseException as exc:  # the last line of defence against tracebacks
        _exit_on_click_or_bug(exc)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _exit_on_click_or_bug(exc: BaseException) -> None:
    import click
    import typer

    # Typer >= 0.22 raises the exceptions of its own copy of click: accept both.
    usage_errors: tuple[type[BaseException], ...] = (click.ClickException,)
    try:
        from typer._click.exceptions import ClickException

        usage_errors += (ClickException,)
    except ImportError:  # pragma: no cover - older Typer uses click itself
        pass
    if isinstance(exc, (click.exceptions.Exit, typer.Exit)):
        sys.exit(exc.exit_code)
    if isinstance(exc, (click.exceptions.Abort, typer.Abort)):
        sys.exit(130)
    if isinstance(exc, usage_errors):
        exc.show()  # type: ignore[attr-defined]
        sys.exit(EXIT_USAGE)
    if isinstance(exc, BrokenPipeError):
        sys.exit(EXIT_OK)
    if os.environ.get("PLANCTL_DEBUG"):
        raise exc
    print(f"planctl: internal error: {type(exc).__name__}: {exc}\n"
          "This is a bug in planctl; please report it (set PLANCTL_DEBUG=1 for a traceback).",
          file=sys.stderr)
    sys.exit(EXIT_INTERNAL)
