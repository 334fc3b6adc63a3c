"""Hostile names through every text output: nothing in a plan reaches a terminal, a log, a
pull request's annotations or a spreadsheet as anything but visible text.

Each name in `hostile.HOSTILE_NAMES` goes into every free-text field of a plan; every output
format of `check`, `schedule` and `status` (plain, and with rich's colours forced on) must be
free of control, line-break and bidi characters, must not open rich markup or a hyperlink, must
not start a second GitHub workflow command, and must not start a spreadsheet formula. JSON
keeps the exact text. The in-process matrix runs the Typer app; the end-to-end tests run the
installed command on one plan that holds every hazard at once, and on broken plans whose
errors and code frames quote hostile text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hostile import HOSTILE_NAMES, forbidden_in, plan_text
from planctl.cli import app

COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
TEXT_OUTPUTS = {
    "check text": ["check", "--format", "text", "--no-frames"],
    "check frames": ["check", "--format", "text", "--frames"],
    "check github": ["check", "--format", "github"],
    "schedule table": ["schedule"],
    "schedule csv": ["schedule", "--format", "csv"],
    "export csv": ["export", "--format", "csv"],
    "status": ["status", "--width", "100"],
    "baseline save": ["baseline", "save"],
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(params=sorted(HOSTILE_NAMES), ids=lambda key: key.replace(" ", "-"))
def hostile_plan(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, Path]:
    name = HOSTILE_NAMES[request.param]
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(name), encoding="utf-8")
    return name, path


def invoke(args: list[str], path: Path, colours: bool = False) -> str:
    env = {"FORCE_COLOR": "1", "NO_COLOR": None} if colours else {"FORCE_COLOR": None}
    result = CliRunner().invoke(app, [*args, str(path)], env={**env, "COLUMNS": "100"})
    assert result.exit_code in (0, 1), (result.output, result.exception)
    return result.output


@pytest.mark.parametrize("output", sorted(TEXT_OUTPUTS))
def test_no_control_or_bidi_character_reaches_a_text_output(
        output: str, hostile_plan: tuple[str, Path]) -> None:
    _, path = hostile_plan
    for colours in (False, True):
        text = invoke(TEXT_OUTPUTS[output], path, colours)
        assert forbidden_in(text, colours=colours) == [], text
        # No hyperlink (OSC 8) and no markup was opened: the brackets are printed.
        assert "\x1b]" not in text


def test_the_table_and_status_print_markup_as_written(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(HOSTILE_NAMES["rich markup"]), encoding="utf-8")
    for args in (TEXT_OUTPUTS["schedule table"], TEXT_OUTPUTS["status"]):
        text = invoke(args, path, colours=True)
        assert "[bold]x[/oops]" in text and "[link=https://evil.example/]y[/link]" in text


def test_github_annotations_cannot_be_forged(hostile_plan: tuple[str, Path]) -> None:
    _, path = hostile_plan
    text = invoke(TEXT_OUTPUTS["check github"], path)
    commands = [line for line in text.splitlines() if line.startswith("::")]
    findings = json.loads(invoke(["check", "--format", "json"], path))["diagnostics"]
    assert len(commands) == len(findings)
    assert all(line.startswith(("::error file=", "::warning file=", "::notice file="))
               for line in commands)
    assert not any(line.startswith(("::add-mask", "::error file=a.yaml")) for line in commands)


def test_csv_cells_are_not_formulas(hostile_plan: tuple[str, Path]) -> None:
    _, path = hostile_plan
    rows = list(csv.reader(io.StringIO(invoke(TEXT_OUTPUTS["schedule csv"], path))))
    assert len(rows) == 4  # the header and three tasks: no line break split a row
    numeric = {"total_float", "free_float", "cost", "progress", "logic_total_float",
               "logic_free_float"}
    for row in rows[1:]:
        for column, cell in zip(rows[0], row, strict=True):
            if column not in numeric:
                assert not cell.lstrip(" ").startswith(FORMULA_START), (column, cell)


def test_formulas_are_shown_as_text_not_dropped(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(plan_text(HOSTILE_NAMES["formula"]), encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(invoke(TEXT_OUTPUTS["schedule csv"], path))))
    assert rows[0]["name"] == "'" + HOSTILE_NAMES["formula"]
    assert rows[0]["total_float"] == "-9"  # a negative number is still a number


@pytest.mark.parametrize("args", [["schedule", "--format", "json"],
                                  ["check", "--format", "json"]], ids=["schedule", "check"])
def test_json_keeps_the_exact_text_in_ascii_escapes(
        args: list[str], hostile_plan: tuple[str, Path]) -> None:
    name, path = hostile_plan
    text = invoke(args, path)
    assert forbidden_in(text) == []
    data = json.loads(text)
    if args[0] == "schedule":
        assert {task["name"] for task in data["tasks"]} == {name}
        assert data["plan"]["name"] == name
    else:
        assert any(name in d["message"] for d in data["diagnostics"] if d["code"] == "T103")


# End to end: the installed command, every hazard in one plan.

def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=120,
                          env={**environment, "COLUMNS": "120", **(env or {})},
                          encoding="utf-8", errors="surrogateescape")


@pytest.fixture(scope="module")
def every_hazard(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "plan.yaml"
    path.write_text(plan_text(" ".join(HOSTILE_NAMES.values())), encoding="utf-8")
    return path


FORECAST = ["forecast", "--iterations", "200", "--seed", "1"]


@pytest.mark.parametrize("args", [*TEXT_OUTPUTS.values(), ["schedule", "--format", "json"],
                                  ["check", "--format", "json"], FORECAST,
                                  [*FORECAST, "--format", "json"]],
                         ids=[*TEXT_OUTPUTS, "schedule json", "check json", "forecast",
                              "forecast json"])
def test_the_installed_command_prints_no_hostile_character(args: list[str],
                                                           every_hazard: Path) -> None:
    # The outputs rich writes, also with colours forced on.
    colours = args == ["schedule"] or (args[0] in ("status", "forecast") and "json" not in args)
    for env in ({}, {"FORCE_COLOR": "1"}) if colours else ({},):
        result = run(*args, str(every_hazard), env=env)
        assert result.returncode in (0, 1), result.stderr
        assert result.stdout.strip()
        output = result.stdout + result.stderr
        assert forbidden_in(output, colours=bool(env)) == [], output


BROKEN = {
    # A reference that does not resolve: the error quotes the hostile id, the frame its line.
    "dangling reference": 'depends_on: ["\\e[2J\\u202eb\\n::error::x"]',
    # Raw bidi and zero-width characters are valid YAML: the frame shows the line they are on.
    "raw bidi in the line": 'depends_on: ["no \u202e\u2066 hidden \u2069 pe"]',
}


@pytest.mark.parametrize("fragment", BROKEN.values(), ids=list(BROKEN))
@pytest.mark.parametrize("command", [["schedule"], ["status"], ["check", "--frames"],
                                     ["check", "--format", "github"]],
                         ids=["schedule", "status", "check", "github"])
def test_errors_and_code_frames_print_no_hostile_character(
        command: list[str], fragment: str, tmp_path: Path) -> None:
    text = plan_text("fine").replace("{id: b, name: \"fine\", duration: 1d, depends_on: [a]}",
                                     "{id: b, name: \"fine\", duration: 1d, " + fragment + "}")
    assert fragment in text
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    result = run(*command, str(path))
    assert result.returncode == 1, result.stderr
    assert "E2" in result.stdout + result.stderr  # the reference error was reported
    assert forbidden_in(result.stdout + result.stderr) == []
    if command[-1] == "github":
        assert not any(line.startswith("::error::") for line in result.stdout.splitlines())


def test_a_hostile_file_name_is_printed_cleanly(tmp_path: Path) -> None:
    missing = tmp_path / "\x1b]8;;https://evil.example/\x07plan\u202e.yaml"
    result = run("schedule", str(missing))
    assert result.returncode == 2
    assert "no such file" in result.stderr
    assert forbidden_in(result.stderr) == []


def test_the_cleaning_functions_directly() -> None:
    from planctl.report.clean import csv_cell, json_safe, mark_controls, one_line

    assert one_line("a\r\nb\rc\u2028d\x85e") == "a\\nb\\nc\\nd\\ne"
    assert one_line("zero\u200dwidth joiner") == "zero\u200dwidth joiner"  # kept: scripts need it
    assert mark_controls("x\x1b[1m\u202ey\tz") == "x\ufffd[1m\ufffdy z"
    assert csv_cell(-5) == "-5" and csv_cell(2.5) == "2.5" and csv_cell(None) == ""
    assert csv_cell("-5") == "'-5" and csv_cell("\uff1dSUM(A1)") == "'\uff1dSUM(A1)"
    assert csv_cell("  =1+1") == "'  =1+1" and csv_cell("\t@A1") == "' @A1"
    text = json.dumps({"k": "\u202e\x85\U000e0041é"}, ensure_ascii=False)
    assert json_safe(text) == '{"k": "\\u202e\\u0085\\udb40\\udc41é"}'
    assert json.loads(json_safe(text)) == json.loads(text)


@pytest.mark.parametrize("page", ["md", "html"])
def test_pages_carry_no_control_or_bidi_character(page: str,
                                                  hostile_plan: tuple[str, Path]) -> None:
    # Pages are escaped for their own syntax (tests/render/); the characters removed are the
    # same as for terminals (planctl.render.escape uses report.clean's set).
    _, path = hostile_plan
    result = CliRunner().invoke(app, ["render", "--format", page, str(path)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert forbidden_in(result.output) == []


def test_diff_json_keeps_hostile_text_exact_in_escapes() -> None:
    from planctl.diff.formats import Report, render_diff

    error = "E201 " + " ".join(HOSTILE_NAMES.values())
    path = "plans/\u202eevil\x1b[2J.yaml"
    text = render_diff([Report(path=path, diff=None, error=error, status="removed")], "json")
    assert forbidden_in(text) == []
    plan = json.loads(text)["plans"][0]
    assert (plan["path"], plan["error"]) == (path, error)
    for fmt in ("text", "markdown"):
        assert forbidden_in(render_diff([Report(path=path, diff=None, error=error)], fmt)) == []


def test_a_hostile_file_name_cannot_leave_the_diff_comment_heading() -> None:
    from planctl.diff.formats import Report, render_diff

    path = "plans/x`<img/src=x/onerror=alert(1)>[a](javascript:b)`.yaml"  # no space
    text = render_diff([Report(path=path, diff=None, error="E1 broken")], "markdown")
    heading = next(line for line in text.splitlines() if line.startswith("### "))
    # Shown as text: no code span to break out of, no tag, no link.
    assert "\\`&lt;img" in heading and "\\[a\\](javascript" in heading


def test_a_baseline_of_a_hostile_plan_reads_back(hostile_plan: tuple[str, Path]) -> None:
    from planctl.baseline import read

    name, path = hostile_plan
    assert CliRunner().invoke(app, ["baseline", "save", str(path)]).exit_code == 0
    saved = read(str(path.parent / "plan.baselines" / "baseline.yaml"))
    assert {task.name for task in saved.tasks} == {name}
    assert saved.currency == name


def test_variance_against_a_baseline_prints_no_hostile_character(
        hostile_plan: tuple[str, Path]) -> None:
    _, path = hostile_plan
    assert CliRunner().invoke(app, ["baseline", "save", str(path)]).exit_code == 0
    path.write_text(path.read_text(encoding="utf-8").replace("duration: 5d", "duration: 8d"),
                    encoding="utf-8")
    for args in (TEXT_OUTPUTS["schedule table"], TEXT_OUTPUTS["status"]):
        text = invoke(args, path, colours=True)
        assert "baseline" in text
        assert forbidden_in(text, colours=True) == [], text
    text = invoke(["schedule", "--format", "json"], path)
    assert forbidden_in(text) == [] and "variance" in json.loads(text)


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_the_whole_bad_corpus_prints_no_hostile_character(fmt: str) -> None:
    # Binary files, Latin-1, NUL bytes, hostile references: findings and code frames alike.
    corpus = sorted(str(p) for p in (Path(__file__).parent / "bad").glob("*.yaml"))
    result = run("check", "--format", fmt, "--frames", *corpus)
    assert result.returncode in (1, 2), result.stderr
    assert result.stdout.count("\n") > len(corpus)
    assert forbidden_in(result.stdout + result.stderr) == []
