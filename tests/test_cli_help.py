"""`--help` of every command, as the installed `planctl` prints it: a flag shows as a flag.

Typer's rich help once printed `--strict  <bool>`, which reads as if the flag took a value;
`planctl check --strict true plan.yaml` then failed on `true` as a path.
"""

from __future__ import annotations

import re

import pytest
import typer.main

from planctl.cli import app
from test_e2e_check import WARNED, run


def _commands(command: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The command line of every command and group, walking the app's command tree."""
    found = [path]
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        found += _commands(sub, (*path, name))
    return found


def _flags(command: object, path: tuple[str, ...]) -> list[str]:
    """The long names of the flags (options that take no value) of one command."""
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return [opt for param in command.params  # type: ignore[attr-defined]
            if getattr(param, "is_flag", False) for opt in param.opts if opt.startswith("--")]


COMMANDS = _commands(typer.main.get_command(app))


def test_the_walk_finds_every_command():
    names = {" ".join(path) for path in COMMANDS}
    assert {"", "check", "schedule", "render", "status", "init", "schema", "forecast", "diff",
            "fmt", "baseline", "baseline save"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "planctl")
def test_help_shows_no_value_after_a_flag(path):
    done = run(*path, "--help", env={"COLUMNS": "200", "TERM": "dumb"})
    assert done.returncode == 0, done.stderr
    assert "<bool>" not in done.stdout
    assert "BOOLEAN" not in done.stdout
    flags = [*_flags(typer.main.get_command(app), path), "--help"]
    for flag in flags:
        # The flag's row: its name, maybe its short or --no- form, then straight to the help.
        row = next((line for line in done.stdout.splitlines()
                    if re.search(rf"(^|[\s│]){re.escape(flag)}(\s|$)", line)), None)
        assert row is not None, f"{flag} missing from the help of {' '.join(path)}"
        assert not re.search(r"<\w+>", row), row


def test_strict_followed_by_a_path_reads_the_path_as_the_plan(tmp_path):
    (tmp_path / "p.yaml").write_text(WARNED)
    strict = run("check", "--strict", "p.yaml", cwd=tmp_path)
    assert strict.returncode == 1  # the warning fails: the plan was read, and checked strictly
    assert strict.stdout.startswith("p.yaml:12:14: T101 ")
    # A value after the flag is not the flag's: it is a path, and there is no such file.
    valued = run("check", "--strict", "true", "p.yaml", cwd=tmp_path)
    assert valued.returncode == 2
    assert "true: no such file" in valued.stderr


def _command(path: tuple[str, ...]) -> object:
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]  # type: ignore[attr-defined]
    return command


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_a_commands_summary_is_one_line(path):
    # Typer's rich help keeps the line breaks of a docstring's first paragraph in the command
    # list, so `planctl --help` showed "one quoting" / "style" on two rows.
    import inspect

    first = inspect.cleandoc(_command(path).help or "").split("\n\n")[0]  # type: ignore[attr-defined]
    assert "\n" not in first, first
