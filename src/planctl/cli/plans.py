"""What the commands that read and schedule plans share: the `--as-of` value and the load."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from planctl.model import Plan
    from planctl.schedule.result import Schedule


def root_option() -> Any:
    """The `--root DIR` option of every command that reads plans."""
    import typer

    return typer.Option(
        None, "--root", metavar="DIR",
        help="Folder that includes must stay in; default: the git work tree that holds the "
             "plan, else the plan's folder.")


def parse_date(text: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value; a clear usage error (exit 2) otherwise."""
    from planctl.errors import InputError

    if text is None:
        return None
    if text.strip().lower() == "today":  # as `check --as-of today`: the clock, asked for
        return date.today()
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{option}: expected a date written YYYY-MM-DD, got {text!r}") from None


def load_and_schedule(files: list[str], status_date: date | None, *, level: bool = True,
                      root: str | None = None, read: list[str] | None = None
                      ) -> list[tuple[Plan, Schedule]]:
    """Every plan loaded and scheduled; the errors of all broken plans are reported together.

    The path of every file read as a plan or fragment is appended to `read` when it is given.
    """
    from planctl.errors import PlanError
    from planctl.loader import load_plan
    from planctl.schedule import schedule_plan

    plans = []
    problems = []
    sources = []  # the text of every file read, for the code frames of the errors
    today = date.today()  # the CLI, not the core, reads the clock
    for path in files:
        try:
            loaded = load_plan(path, root=root)
            sources += loaded.source.files
            if read is not None:
                read.extend(source.path for source in loaded.source.files)
            plan = loaded.plan
            as_of = status_date or plan.status_date or today
            plans.append((plan, schedule_plan(plan, as_of=as_of, level=level)))
        except PlanError as exc:
            problems += exc.diagnostics
            sources += exc.files
    if problems:
        error = PlanError(problems)
        error.files = sources
        raise error
    return plans
