"""Import, check and schedule every project file under a folder; print one row a file.

    python benchmarks/import_corpus.py DIR [--limit N] [--timeout S]

For a corpus of real files (tests/import/real/README.md says where MPXJ's test data comes
from). Each file goes through `planctl import`, then `planctl check` and `planctl schedule`
of the plan written, all in this one process (one JVM for every file: starting Java per file
would take most of an hour on a large corpus). The commands run through the real Typer app,
and their failures map to exit codes as `planctl.cli.main` maps them: PlanError 1,
InputError 2, anything else 3 (a bug). Columns: file, tasks, import exit, check exit,
schedule exit, date agreement: tasks whose start and finish agree with the file's among
those both tools mean the same thing by (`planctl.importer.agreement`), then in brackets
among all tasks with dates (manually scheduled tasks, approximated ones, ...). Ends with the
count of each outcome; a row with exit 3 or a timeout shows its first error line.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
from collections import Counter
from typing import TYPE_CHECKING, Any

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "src"))

SUFFIXES = (".mpp", ".mpt", ".xml", ".mpx", ".xer", ".pmxml", ".pod", ".gan", ".planner",
            ".pp", ".ppx", ".fts", ".pep", ".prx", ".mpd", ".sdef", ".cdpx", ".gnt")


class Timeout(Exception):
    """A step ran longer than --timeout."""


def _alarm(_signum: int, _frame: Any) -> None:
    raise Timeout


def exit_of(exc: BaseException | None, code: int) -> int:
    """The exit status `planctl.cli.main` gives for what a command raised."""
    from planctl.errors import InputError, PlanError

    if exc is None or isinstance(exc, SystemExit):
        return code
    if isinstance(exc, PlanError):
        return 1
    if isinstance(exc, InputError):
        return 2
    return 3


def run_command(args: list[str]) -> tuple[int, str]:
    """Run a planctl command in this process; its exit status and first error line."""
    from typer.testing import CliRunner

    from planctl.cli import app

    result = CliRunner().invoke(app, args)
    code = exit_of(result.exception, result.exit_code)
    message = ""
    if code == 3:
        message = f"{type(result.exception).__name__}: {result.exception}"
    elif code:
        lines = [line for line in (str(result.exception or "") or result.output).splitlines()
                 if line.strip()]
        message = lines[0] if lines else ""
    return code, message[:160]


if TYPE_CHECKING:
    from planctl.importer.agreement import Agreement

Row = tuple[str, int | None, int, int | None, int | None, "Agreement | None", str]


def one_file(path: str, folder: str) -> Row:
    """(file, tasks, import, check, schedule, agreement, note) for one project file."""
    from planctl.errors import InputError
    from planctl.importer import import_file
    from planctl.importer.agreement import agreement

    shown = os.path.relpath(path, folder)
    try:
        result = import_file(path)
    except InputError as exc:
        return shown, None, 2, None, None, None, str(exc).splitlines()[0][:160]
    except Timeout:
        return shown, None, 3, None, None, None, "timeout in import"
    except Exception as exc:  # a bug to report, not to stop the run
        return shown, None, 3, None, None, None, f"{type(exc).__name__}: {exc}"[:160]
    plan = os.path.join(folder_tmp, "plan.yaml")
    with open(plan, "w", encoding="utf-8") as out:
        out.write(result.text)
    tasks = len(result.sources)
    check, note = run_command(["check", plan])
    schedule, scheduled_note = run_command(["schedule", plan])
    note = note or scheduled_note
    found = None
    if check == 0 and schedule == 0:
        try:
            found = agreement(result)
        except Timeout:
            note = "timeout in agreement"
        except Exception as exc:
            note = f"agreement: {type(exc).__name__}: {exc}"[:160]
    return shown, tasks, 0, check, schedule, found, note


folder_tmp = tempfile.mkdtemp(prefix="import-corpus-")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--timeout", type=int, default=120, help="seconds a file")
    args = parser.parse_args()
    paths = sorted(os.path.join(root, name) for root, _dirs, names in os.walk(args.folder)
                   for name in names if name.lower().endswith(SUFFIXES))
    if args.limit:
        paths = paths[:args.limit]
    signal.signal(signal.SIGALRM, _alarm)
    outcomes: Counter[str] = Counter()
    from planctl.importer.agreement import Agreement

    total = Agreement()
    print("file\ttasks\timport\tcheck\tschedule\tagreement\tnote", flush=True)
    for path in paths:
        signal.alarm(args.timeout)
        try:
            row = one_file(path, args.folder)
        except Timeout:
            row = (os.path.relpath(path, args.folder), None, 3, None, None, None, "timeout")
        finally:
            signal.alarm(0)
        shown, tasks, imported, check, schedule, found, note = row
        share = ""
        if found is not None:
            total.add(found)
            share = f"{found.agreed}/{found.compared} ({found.all_agreed}/{found.all_compared})"
        outcome = ("ok" if (imported, check, schedule) == (0, 0, 0) else
                   "refused (2)" if imported == 2 else
                   "bug (3)" if 3 in (imported, check, schedule) else
                   f"import ok, check {check}, schedule {schedule}")
        outcomes[outcome] += 1
        print("\t".join("-" if v is None else str(v)
                        for v in (shown, tasks, imported, check, schedule, share, note)),
              flush=True)
    print(f"\n{len(paths)} files: " + ", ".join(f"{k}: {v}" for k, v in outcomes.most_common()))
    if total.compared:
        print(f"date agreement: {total.agreed}/{total.compared} comparable tasks "
              f"({total.agreed / total.compared:.1%}); all tasks with dates "
              f"{total.all_agreed}/{total.all_compared} "
              f"({total.all_agreed / max(total.all_compared, 1):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
