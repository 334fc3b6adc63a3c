"""The `planctl` command: a thin Typer layer over the core.

Each command lives in its own module and imports the core only when it runs, so that
`planctl --help` stays quick. Exit codes: 0 clean, 1 the plan has errors (or findings that
fail), 2 planctl could not run as asked, 3 an internal error (a bug: please report it).
"""

from __future__ import annotations

import contextlib
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
from planctl.cli import forecast as _forecast  # noqa: F401  isort: skip
from planctl.cli import diff as _diff  # noqa: F401  isort: skip
from planctl.cli import baseline as _baseline  # noqa: F401  isort: skip
from planctl.cli import fmt as _fmt  # noqa: F401  isort: skip
from planctl.cli import export as _export  # noqa: F401  isort: skip
from planctl.cli import import_ as _import  # noqa: F401  isort: skip

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def main() -> None:
    """Entry point of the console script."""
    from planctl.cli.output import flush_stdout, prepare_streams, print_plan_error, say
    from planctl.errors import InputError, PlanError
    from planctl.gcpause import freeze_survivors_of_pauses

    prepare_streams()
    freeze_survivors_of_pauses()
    try:
        code = app(standalone_mode=False)
    except SystemExit as exc:
        if isinstance(exc.__context__, BrokenPipeError):
            # rich and click end with exit 1 when the reader leaves (`planctl status | head`);
            # for planctl a reader that has seen enough is not a failure.
            from planctl.cli.output import drop_stdout

            drop_stdout()
            sys.exit(EXIT_OK)
        raise
    except PlanError as exc:
        print_plan_error(exc)
        code = EXIT_FINDINGS
    except InputError as exc:
        say(f"error: {exc}")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        sys.exit(130)
    except BaseException as exc:  # the last line of defence against tracebacks
        _exit_on_click_or_bug(exc)
    # What is still buffered is written now, while a failure can still be reported.
    failed = flush_stdout()
    if failed is not None:
        say(f"error: {failed}")
        sys.exit(EXIT_USAGE)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def run() -> None:
    """The console script: `main`, then the end of the process without freeing its objects.

    A large plan and its schedule are a million small objects; freeing them one by one at exit
    took a tenth of a 10,000-task export, for nothing (mypy ends the same way). What was
    written is flushed first, so no output is lost; an error escaping `main` (only with
    PLANCTL_DEBUG) ends the process as usual, with its traceback.
    """
    try:
        main()
        code: object = EXIT_OK
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = EXIT_OK
    elif not isinstance(code, int):
        print(code, file=sys.stderr)
        code = EXIT_FINDINGS
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed or broken stream
            stream.flush()
    os._exit(code)


def _click_modules() -> list[object]:
    """The click packages in use: Typer >= 0.22 carries its own copy and may come without
    click itself; older Typer uses click."""
    import importlib

    found = []
    for name in ("typer._click.exceptions", "click.exceptions"):
        try:
            found.append(importlib.import_module(name))
        except ImportError:
            continue
    return found


def _exit_on_click_or_bug(exc: BaseException) -> None:
    import typer

    modules = _click_modules()

    def classes(name: str) -> tuple[type[BaseException], ...]:
        return tuple(c for m in modules if isinstance(c := getattr(m, name, None), type))

    exits = (typer.Exit, *classes("Exit"))
    aborts = (typer.Abort, *classes("Abort"))
    usage_errors = classes("ClickException")
    if isinstance(exc, exits):
        sys.exit(exc.exit_code)  # type: ignore[attr-defined]
    if isinstance(exc, aborts):
        sys.exit(130)
    if isinstance(exc, usage_errors):
        with contextlib.suppress(OSError):  # stderr full or gone: the status still says it
            exc.show()  # type: ignore[attr-defined]
        sys.exit(EXIT_USAGE)
    if isinstance(exc, OSError):  # output that could not be written, outside a command
        from planctl.cli.output import output_error, say

        error = output_error(exc)
        if error is None:
            sys.exit(EXIT_OK)
        say(f"error: {error}")
        sys.exit(EXIT_USAGE)
    if os.environ.get("PLANCTL_DEBUG"):
        raise exc
    from planctl.cli.output import say

    say(f"internal error: {type(exc).__name__}: {exc}")
    say("This is a bug in planctl; please report it (set PLANCTL_DEBUG=1 for a traceback).")
    sys.exit(EXIT_INTERNAL)
