"""`planctl render`: status pages (Markdown or HTML) of one plan or a portfolio of plans."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from planctl.cli.app import app
from planctl.cli.baseline import BASELINE_HELP
from planctl.cli.forecast import NO_FORECAST_HELP
from planctl.cli.outfile import identities, refuse_inputs, write_file, write_one
from planctl.cli.plans import root_option


@app.command()
def render(
    paths: list[Path] = typer.Argument(..., metavar="PATH...",
                                       help="Plan files, or directories of plans (a portfolio); - "
                                            "reads a plan from standard input."),
    fmt: str | None = typer.Option(None, "--format", "-f", metavar="md|html",
                                      help="Output format; default from -o's suffix, else md."),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE|DIR|-",
        help="Where to write: a file, a directory (one page per plan, plus index for a "
             "portfolio), or - for stdout (the default for one plan)."),
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE",
                                        help="Status date (YYYY-MM-DD); default: the plan's "
                                             "status_date, else today."),
    templates: Path | None = typer.Option(
        None, "--templates", metavar="DIR",
        help="Directory of Jinja templates that override the packaged ones by name "
             "(run in Jinja's sandbox)."),
    gantt: str = typer.Option("auto", "--gantt", metavar="auto|tasks|phases",
                              help="Gantt bars per task or per phase; auto: phases above "
                                   "300 tasks."),
    title: str = typer.Option("Portfolio", "--title", help="Title of a portfolio's index page."),
    root: str | None = root_option(),
    baseline: str | None = typer.Option(None, "--baseline", metavar="NAME|REV",
                                        help=BASELINE_HELP),
    no_forecast: bool = typer.Option(False, "--no-forecast", help=NO_FORECAST_HELP),
) -> None:
    """Render plans as status pages: GitHub Markdown with Mermaid, or self-contained HTML."""
    from planctl.cli.plans import load_and_schedule, parse_date
    from planctl.errors import InputError
    from planctl.render.portfolio import discover

    fmt = _format(fmt, output)
    if gantt not in ("auto", "tasks", "phases"):
        raise InputError(f"--gantt: expected auto, tasks or phases, got {gantt!r}")
    status_date = parse_date(as_of, "--as-of")
    portfolio = len(paths) > 1 or any(path.is_dir() for path in paths)
    files = discover([str(path) for path in paths])
    inputs: list[str] = []
    plans = load_and_schedule(files, status_date, root=root, read=inputs)
    protected = identities(inputs)
    if portfolio:
        from planctl.render import render_portfolio

        if output in (None, "-"):
            raise InputError("a portfolio is several pages: give -o DIR")
        from planctl.cli.baseline import variance_for
        from planctl.cli.forecast import page_forecast

        variances = [variance_for(path, plan, schedule, baseline)
                     for path, (plan, schedule) in zip(files, plans, strict=True)]
        forecasts = [page_forecast(plan, schedule, not no_forecast) for plan, schedule in plans]
        pages = render_portfolio(plans, fmt, templates=templates, gantt=gantt,  # type: ignore[arg-type]
                                 title=title, variances=variances, today=date.today(),
                                 forecasts=forecasts)
        _write_pages(Path(output), pages, protected)
    else:
        from planctl.cli.baseline import variance_for
        from planctl.cli.forecast import page_forecast
        from planctl.render import render_plan

        plan, schedule = plans[0]
        variance = variance_for(files[0], plan, schedule, baseline)
        text = render_plan(plan, schedule, fmt, templates=templates, gantt=gantt,  # type: ignore[arg-type]
                           variance=variance, today=date.today(),
                           forecast=page_forecast(plan, schedule, not no_forecast))
        write_one(output, f"{plan.id or 'plan'}.{fmt}", text, protected)
    raise typer.Exit(0)


def _format(fmt: str | None, output: str | None) -> str:
    from planctl.errors import InputError

    if fmt is not None:
        if fmt not in ("md", "html"):
            raise InputError(f"--format: expected md or html, got {fmt!r}")
        return fmt
    suffix = Path(output).suffix.lower() if output not in (None, "-") else ""
    return "html" if suffix in (".html", ".htm") else "md"


def _write_pages(directory: Path, pages: dict[str, str],
                 protected: dict[tuple[int, int], str]) -> None:
    from planctl.errors import InputError

    if directory.exists() and not directory.is_dir():
        raise InputError(f"-o {directory}: a portfolio needs a directory, and this is a file")
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"-o {directory}: cannot create the directory: {exc.strerror}") from None
    refuse_inputs([directory / name for name in pages], protected)
    for name, text in pages.items():
        write_file(directory / name, text)
    typer.echo(f"planctl: wrote {len(pages)} pages to {directory}", err=True)
