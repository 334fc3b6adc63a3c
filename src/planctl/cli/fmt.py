"""`planctl fmt PATH...`: rewrite plans in the canonical layout, or say which would change."""

from __future__ import annotations

import sys

import typer

from planctl.cli.app import app

EXIT_OK, EXIT_CHANGES, EXIT_USAGE = 0, 1, 2


@app.command()
def fmt(
    paths: list[str] = typer.Argument(
        ..., metavar="PATH", show_default=False,
        help="Plan files or fragments, directories (their plans and every file those "
        "include), or - to format standard input to standard output."),
    check: bool = typer.Option(
        False, "--check", help="Write nothing; list the files that would change and exit 1 "
        "if any would."),
    diff: bool = typer.Option(
        False, "--diff", help="Write nothing; print a unified diff of what would change."),
    max_bytes: int = typer.Option(
        None, "--max-bytes", min=1, metavar="N",
        help="Largest file to read, in bytes (default 32 MiB)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print errors only."),
) -> None:
    """Format plans in one canonical layout, every comment kept with its key.

    The layout: key order of the format reference, two-space indents, one quoting style, flow
    style for short flat lists and mappings.

    Nothing is written unless the result reads back as the same data with the same comments
    and formatting it again changes nothing.

    Exit status: 0 done (or nothing would change), 1 --check found files that would change
    or a file has errors, 2 a file could not be read, written or safely formatted.
    """
    from planctl.errors import InputError, PlanError
    from planctl.fmt import FormatRefused, files_to_format, format_file
    from planctl.reader import Limits
    from planctl.report.clean import one_line

    limits = Limits() if max_bytes is None else Limits(max_bytes=max_bytes)
    if "-" in paths:
        if len(paths) > 1:
            raise typer.BadParameter("- (standard input) cannot be mixed with paths",
                                     param_hint="PATH")
        raise typer.Exit(_stdin(limits, check, diff))
    files, problems = files_to_format(paths, limits)
    changed = unchanged = 0
    worst = EXIT_OK
    for path in files:
        try:
            result = format_file(path, limits, write=not (check or diff))
        except PlanError as exc:
            from planctl.cli.output import print_plan_error

            print_plan_error(exc)
            worst = max(worst, EXIT_CHANGES)
            continue
        except (InputError, FormatRefused) as exc:
            print(f"planctl: error: {one_line(str(exc))}", file=sys.stderr)
            worst = EXIT_USAGE
            continue
        if not result.changed:
            unchanged += 1
            continue
        changed += 1
        if diff:
            sys.stdout.write(_unified(result.before, result.after, path))
        if check:
            print(f"would reformat {one_line(path)}")
            worst = max(worst, EXIT_CHANGES)
        elif not diff and not quiet:
            print(f"reformatted {one_line(path)}", file=sys.stderr)
    for problem in problems:
        print(f"planctl: error: {one_line(problem)}", file=sys.stderr)
        worst = EXIT_USAGE
    if not quiet:
        verb = "would be reformatted" if check or diff else "reformatted"
        print(f"{_count(changed)} {verb}, {_count(unchanged)} unchanged", file=sys.stderr)
    raise typer.Exit(worst)


def _count(n: int) -> str:
    return f"{n} file" + ("" if n == 1 else "s")


def _unified(before: str, after: str, path: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        f"{path} (original)", f"{path} (formatted)"))


def _stdin(limits: object, check: bool, diff: bool) -> int:
    """Standard input to standard output (the formatted text, or the diff with --diff)."""
    from planctl.errors import InputError, PlanError
    from planctl.fmt import FormatRefused, format_bytes
    from planctl.reader import STDIN_NAME, read_stdin
    from planctl.report.clean import one_line

    try:
        # Read as `check -` reads it: in chunks, never more than the limit and one byte.
        data = read_stdin(limits)  # type: ignore[arg-type]
        result = format_bytes(data, STDIN_NAME, limits)  # type: ignore[arg-type]
    except PlanError as exc:
        from planctl.cli.output import print_plan_error

        print_plan_error(exc)
        return EXIT_CHANGES
    except (InputError, FormatRefused) as exc:
        print(f"planctl: error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    if diff:
        sys.stdout.write(_unified(result.before, result.after, STDIN_NAME))
    elif not check:
        sys.stdout.buffer.write(result.formatted)
    return EXIT_CHANGES if check and result.changed else EXIT_OK
