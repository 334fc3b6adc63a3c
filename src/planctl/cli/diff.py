"""`planctl diff BASE HEAD` and `planctl diff --git REV [PATH...]`: what a plan change does."""

from __future__ import annotations

import typer

from planctl.cli.app import app

FAIL_ON = ("finish", "cost", "deadline", "critical")


def _fail_on(text: str | None) -> set[str]:
    from planctl.errors import InputError

    if not text:
        return set()
    wanted = {w.strip() for w in text.split(",") if w.strip()}
    unknown = wanted - set(FAIL_ON)
    if unknown:
        raise InputError(f"--fail-on: unknown {', '.join(sorted(unknown))}; choose from "
                         f"{', '.join(FAIL_ON)}")
    return wanted


def failures(diff: object, wanted: set[str]) -> list[str]:
    """Which of the `--fail-on` conditions the comparison meets."""
    d = diff
    met = []
    if "finish" in wanted and d.head.finish > d.base.finish:  # type: ignore[attr-defined]
        met.append("finish")
    if "cost" in wanted and d.cost_delta > 0.005:  # type: ignore[attr-defined]
        met.append("cost")
    if "deadline" in wanted and d.newly_missed:  # type: ignore[attr-defined]
        met.append("deadline")
    if "critical" in wanted and d.critical_changed:  # type: ignore[attr-defined]
        met.append("critical")
    return met


@app.command()
def diff(
    sides: list[str] = typer.Argument(
        None, metavar="BASE HEAD",
        help="Two plans: files, REV:PATH (a file in a git revision) or saved baselines. "
             "With --git: the paths to look under (default: the whole repository)."),
    git: str | None = typer.Option(
        None, "--git", metavar="REV",
        help="Compare every plan that differs between REV and the work tree (or REV1..REV2)."),
    as_of: str | None = typer.Option(
        None, "--as-of", metavar="DATE",
        help="Schedule both sides as of this date (YYYY-MM-DD); default: each side's own "
             "status_date."),
    no_level: bool = typer.Option(False, "--no-level", help="Do not level resources."),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT",
                            help="text (default), markdown (a pull-request comment) or json."),
    forecast: bool = typer.Option(
        False, "--forecast",
        help="Forecast both sides too (seeded): P80 moved and each deadline's chance."),
    fail_on: str | None = typer.Option(
        None, "--fail-on", metavar="WHAT",
        help="Exit 1 when: finish (moves later), cost (rises), deadline (newly missed), "
             "critical (the critical path changes); comma-separated."),
) -> None:
    """Compare two versions of a plan: the verdict, what moved, and why."""
    import sys
    from datetime import date

    from planctl.cli.plans import parse_date
    from planctl.diff.formats import FORMATS, Report, render_diff
    from planctl.errors import InputError

    if fmt not in FORMATS:
        raise InputError(f"--format: expected one of {', '.join(FORMATS)}, got {fmt!r}")
    wanted = _fail_on(fail_on)
    when = parse_date(as_of, "--as-of")
    options = {"as_of": when, "today": date.today(), "level": not no_level}
    sides = sides or []
    if git is not None:
        from planctl.diff.changed import compare_changed

        reports = compare_changed(git, sides, **options,  # type: ignore[arg-type]
                                  forecast=forecast)
    else:
        if len(sides) != 2:
            raise InputError("diff: give two plans, BASE and HEAD (or --git REV [PATH...])")
        from planctl.diff.compare import compare_versions
        from planctl.diff.versions import load_version

        base = load_version(sides[0], **options)  # type: ignore[arg-type]
        head = load_version(sides[1], **options)  # type: ignore[arg-type]
        reports = [Report(sides[1], compare_versions(base, head, forecast=forecast))]
    text = render_diff(reports, fmt)
    sys.stdout.write(text)
    sys.stdout.flush()
    met = [w for r in reports if r.diff is not None for w in failures(r.diff, wanted)]
    if met:
        print(f"planctl diff: failing on {', '.join(sorted(set(met)))} (--fail-on)",
              file=sys.stderr)
        raise typer.Exit(1)
    if any(r.error for r in reports):
        raise typer.Exit(1)
    raise typer.Exit(0)
