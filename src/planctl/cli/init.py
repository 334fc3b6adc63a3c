"""`planctl init [PATH]`: write a new plan with every section present and explained."""

from __future__ import annotations

import os
import re
import typing
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import typer

from planctl.cli.app import app

# The schema goes beside the plan and the modeline names it by a relative path, so the editor
# finds it offline (the schema's `$id` is an identifier; nothing is published there).
SCHEMA_FILE = "plan.schema.json"
_PLACEHOLDER = re.compile(r"\$\{(\w+)(?:\+(\d+))?\}")


def next_monday(today: date) -> date:
    """The first Monday after `today` (a week later when today is a Monday)."""
    return today + timedelta(days=7 - today.weekday())


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as exactly this text, written as `planctl fmt`
    writes it (so `fmt --check` passes on a new plan)."""
    from planctl.fmt.scalars import text_scalar

    return text_scalar(value, flow=False)


def _one_line(text: str) -> str:
    """Text for a comment line: no line breaks or control characters."""
    return "".join(c if c.isprintable() else "?" for c in text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def render_plan(*, name: str, start: date, today: date, file_name: str = "plan.yaml",
                schema: str = SCHEMA_FILE) -> str:
    """The text of a new plan: the init template with its placeholders filled in."""
    from planctl.shipped import templates_dir

    template = (templates_dir() / "init" / "plan.yaml").read_text("utf-8")
    stem = os.path.splitext(os.path.basename(file_name))[0]
    values = {"name": yaml_text(name), "id": yaml_text(slug(name) or slug(stem) or "plan"),
              "today": today.isoformat(), "schema": _one_line(schema),
              "file": _one_line(file_name)}

    def fill(match: re.Match[str]) -> str:
        key, days = match.group(1), match.group(2)
        if key == "start":
            return (start + timedelta(days=int(days or 0))).isoformat()
        if days is not None or key not in values:
            raise ValueError(f"unknown placeholder {match.group(0)} in the init template")
        return values[key]

    return "".join(_fill_line(line, fill) for line in template.splitlines(keepends=True))


def _fill_line(line: str, fill: typing.Callable[[re.Match[str]], str]) -> str:
    """Fill the placeholders of one line; a trailing comment stays two spaces after the value,
    as `planctl fmt` writes it, so a new plan is already in fmt's layout."""
    return _PLACEHOLDER.sub(fill, line)


def _start_date(value: str | None) -> date:
    if value is None:
        return next_monday(date.today())  # the CLI, not the core, reads the clock
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"'{value}' is not a valid date written YYYY-MM-DD",
                                 param_hint="--start") from None


@app.command()
def init(
    path: Path = typer.Argument(Path("plan.yaml"), metavar="[PATH]",
                                help="Where to write the plan (default: plan.yaml)."),
    name: str = typer.Option("New plan", "--name", "-n", help="The plan's name."),
    start: str | None = typer.Option(None, "--start", metavar="DATE",
                              help="First day of work, YYYY-MM-DD (default: next Monday)."),
    schema: str | None = typer.Option(
        None, "--schema", metavar="URL_OR_PATH",
        help="JSON Schema for editors, named in the first line of the plan. Default: "
             f"{SCHEMA_FILE}, written beside the plan.", show_default=False),
    force: bool = typer.Option(
        False, "--force", "-f",
        help=f"Overwrite an existing plan, and a {SCHEMA_FILE} beside it that differs."),
) -> None:
    """Write a new plan with every section present, commented, and ready to edit.

    The plan passes `planctl check` as written. Beside it goes plan.schema.json,
    which the plan's first line names for editors (docs/editor.md).

    Exit status: 0 written, 2 the file exists (use --force) or cannot be written.
    """
    from planctl.atomic import write_atomic
    from planctl.errors import InputError

    if not name.strip():
        raise typer.BadParameter("the name must not be empty", param_hint="--name")
    if any(unicodedata.category(c) == "Cs" for c in name):
        raise typer.BadParameter("the name is not valid UTF-8", param_hint="--name")
    if schema is not None and (
            not schema or any(c.isspace() or not c.isprintable() for c in schema)):
        raise typer.BadParameter("a schema URL or path has no spaces", param_hint="--schema")
    first_day = _start_date(start)
    if path.is_dir():
        raise InputError(f"{path} is a directory; give a file name such as {path / 'plan.yaml'}")
    if (path.exists() or path.is_symlink()) and not force:
        raise InputError(f"{path} already exists; use --force to overwrite it")
    text = render_plan(name=name, start=first_day, today=date.today(), file_name=str(path),
                       schema=schema or SCHEMA_FILE)
    from planctl.cli.output import say

    notes = _put_schema(path, force=force) if schema is None else _check_schema(path, schema)
    write_atomic(path, text)
    say(f"wrote {path}; check it with `planctl check {path}`")
    for note in notes:
        say(note)
    raise typer.Exit(0)


def _put_schema(plan: Path, *, force: bool) -> list[str]:
    """Write the schema beside the plan; what to tell the user about it."""
    from planctl.schema import write_schema_file

    target = plan.parent / SCHEMA_FILE
    done = write_schema_file(target, replace=force)
    if done == "written":
        return [f"wrote {target}, the schema your editor reads for completion and help"]
    if done == "replaced":
        return [f"replaced {target} with this planctl's schema (--force)"]
    if done == "kept":
        return [f"kept {target}, which differs from this planctl's schema; update it with "
                f"`planctl schema -o {target}` (or run init with --force)"]
    return []


def _check_schema(plan: Path, schema: str) -> list[str]:
    """A note when --schema names a local file that is not there (the editor would say
    "Unable to load schema")."""
    if "://" in schema:
        return []
    target = plan.parent / schema
    if target.exists():
        return []
    return [f"{target} does not exist yet; write it with `planctl schema -o {target}`"]
