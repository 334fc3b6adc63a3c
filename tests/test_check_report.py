"""The reporters of `planctl check`: text, JSON and GitHub, and printing hostile plan text."""

from __future__ import annotations

import io
import json
import textwrap
from datetime import date
from pathlib import Path

import pytest

from planctl.check import CheckResult, FileResult, Finding, NotChecked, check_paths
from planctl.errors import Diagnostic, Location, PlanError, Severity
from planctl.located import SourceFile
from planctl.report import ReportOptions, get_reporter, resolve_format
from planctl.report.frame import code_frame
from planctl.report.github import escape_data, escape_property

HOSTILE = ("[bold]x[/oops] \x1b[2J\x1b]8;;http://evil\x07link\nnext ::error file=a::pwned"
           " \x9b31m \u202eevil")


def diag(code="E201", message="unknown key 'x'", line=3, column=5, severity=Severity.ERROR,
         hint=None, path="p.yaml", name="unknown-key") -> Diagnostic:
    return Diagnostic(code, message, Location(path, line, column), severity=severity, hint=hint,
                      name=name)


def result_of(*diagnostics: Diagnostic, files: int = 1, text: str = "") -> CheckResult:
    found = [Finding(d, d.severity == Severity.ERROR) for d in diagnostics]
    results = [FileResult("p.yaml", found, [SourceFile("p.yaml", text)] if text else [])]
    results += [FileResult(f"other{i}.yaml") for i in range(files - 1)]
    return CheckResult(results)


def render(fmt: str, result: CheckResult, **options) -> str:
    out = io.StringIO()
    get_reporter(fmt)(result, out, ReportOptions(**options))
    return out.getvalue()


# -- text ------------------------------------------------------------------------------------

def test_text_lines_are_location_code_message_severity_then_hint():
    text = render("text", result_of(diag(hint="did you mean 'y'?"),
                                    diag("T101", "task 'a' has no owner", 9, 14,
                                         Severity.WARNING)))
    assert text.splitlines() == [
        "p.yaml:3:5: E201 unknown key 'x' [error]",
        "  hint: did you mean 'y'?",
        "p.yaml:9:14: T101 task 'a' has no owner [warning]",
        "Found 1 error, 1 warning in 1 file",
    ]


@pytest.mark.parametrize(
    ("diagnostics", "files", "summary"),
    [
        ((), 3, "All checks passed (3 files)"),
        ((), 1, "All checks passed (1 file)"),
        ((diag(), diag(line=4)), 3, "Found 2 errors, 0 warnings in 1 of 3 files"),
        ((diag(severity=Severity.INFO),), 1, "Found 0 errors, 0 warnings, 1 info in 1 file"),
    ],
)
def test_summary_line(diagnostics, files, summary):
    assert render("text", result_of(*diagnostics, files=files)).splitlines()[-1] == summary


def test_quiet_prints_findings_only():
    only = "p.yaml:3:5: E201 unknown key 'x' [error]\n"
    assert render("text", result_of(diag()), quiet=True) == only
    assert render("text", result_of(), quiet=True) == ""


def test_code_frame_puts_the_caret_under_the_column():
    source = "planctl: 1\nname: P\n  duraton: 3d\n"
    text = render("text", result_of(diag(line=3, column=3), text=source), frames=True)
    assert text.splitlines()[1:4] == ["   |", " 3 |   duraton: 3d", "   |   ^"]


def test_code_frame_counts_tabs_and_wide_characters():
    source = SourceFile("p.yaml", "\tname: 日本語 x\n")
    frame = code_frame(source, 1, 12)  # the x: tab, 'name: ', three wide characters, space
    assert frame[1] == " 1 |  name: 日本語 x"
    assert frame[2].index("^") == frame[1].index("x") + 3  # three wide characters: +3 cells


def test_code_frame_cuts_long_lines_around_the_column():
    line = "k: " + "a" * 500 + "X" + "b" * 500
    frame = code_frame(SourceFile("p.yaml", line), 1, 504)
    assert len(frame[1]) < 140 and "…" in frame[1]
    assert frame[1][frame[2].index("^")] == "X"


def test_code_frame_is_skipped_for_a_line_past_the_end():
    assert code_frame(SourceFile("p.yaml", "a: 1\n"), 7, 1) == []


def test_code_frame_of_a_failed_plan_is_read_from_disk(tmp_path):
    plan = tmp_path / "p.yaml"
    plan.write_text("planctl: 1\nname: P\nstart: 2026-01-05\nnmae: x\n")
    text = render("text", check_paths([str(plan)]), frames=True)
    assert " 4 | nmae: x\n   | ^\n" in text


def test_plan_text_cannot_inject_markup_control_sequences_or_lines():
    finding = diag(message=f"title '{HOSTILE}'", hint=HOSTILE)
    for color in (False, True):
        text = render("text", result_of(finding), color=color)
        assert "[bold]x[/oops]" in text  # printed as written, not parsed as markup
        assert "\x1b[2J" not in text and "\x1b]8" not in text and "\x07" not in text
        assert "\x9b" not in text and "\u202e" not in text
        assert "::error" not in "".join(line[:7] for line in text.splitlines())
        assert "link\\nnext ::error" in text
    assert "\x1b" not in render("text", result_of(finding))


def test_hostile_task_names_are_printed_safely_end_to_end(tmp_path):
    plan = tmp_path / "p.yaml"
    name = '"[bold]x[/oops] \\e[2J\\nnext ::error file=a::pwned"'
    plan.write_text(textwrap.dedent(f"""\
        planctl: 1
        name: P
        owner: al
        start: 2026-01-05
        resources: [{{id: al, name: Al}}]
        phases:
          - id: build
            name: Build
            tasks:
              - {{id: a, name: {name}, duration: 1d, assign: [al]}}
              - {{id: b, name: {name}, duration: 1d, assign: [al]}}
        """))
    result = check_paths([str(plan)])
    assert [f.diagnostic.code for f in result.findings] == ["T103"]
    text = render("text", result, color=True, frames=True)
    assert "[bold]x[/oops]" in text and "\x1b[2J" not in text
    github = render("github", result)
    assert github.count("::warning ") == 1
    # The plan has no status_date: one notice says which rules did not run.
    assert all(line.startswith(("::warning ", "::notice title=planctl%3A no status date::",
                                "Found")) for line in github.splitlines())


# -- JSON ------------------------------------------------------------------------------------

def test_json_has_the_documented_shape():
    result = result_of(diag(hint="did you mean 'y'?"),
                       diag("T101", "no owner", 9, 14, Severity.WARNING, name="task-unowned"),
                       files=2)
    result.files[0].findings[0] = Finding(
        Diagnostic("E111", "duplicate key 'a'", Location("p.yaml", 3, 5),
                   related=(Location("p.yaml", 1, 1),), name="yaml"), True)
    result.not_checked.append(NotChecked("gone.yaml", "no such file"))
    data = json.loads(render("json", result))
    assert set(data) == {"version", "files", "not_checked", "diagnostics", "summary"}
    assert data["version"] == 1
    assert data["files"] == [
        {"path": "p.yaml", "errors": 1, "warnings": 1, "infos": 0, "status_date": None,
         "not_run": []},
        {"path": "other0.yaml", "errors": 0, "warnings": 0, "infos": 0, "status_date": None,
         "not_run": []}]
    assert data["not_checked"] == [{"path": "gone.yaml", "message": "no such file"}]
    assert data["diagnostics"] == [
        {"path": "p.yaml", "line": 3, "column": 5, "code": "E111", "name": "yaml",
         "severity": "error", "message": "duplicate key 'a'", "hint": None, "fails": True,
         "plan": "p.yaml", "related": [{"path": "p.yaml", "line": 1, "column": 1}]},
        {"path": "p.yaml", "line": 9, "column": 14, "code": "T101", "name": "task-unowned",
         "severity": "warning", "message": "no owner", "hint": None, "fails": False,
         "plan": "p.yaml", "related": []}]
    assert data["summary"] == {"files": 2, "errors": 1, "warnings": 1, "infos": 0,
                               "failing": 1, "not_checked": 1, "without_status_date": 0,
                               "note": None}


def test_the_rules_left_out_without_a_status_date_are_one_line_in_every_format():
    result = result_of(diag("T101", "no owner", 9, 14, Severity.WARNING), files=2)
    result.files[0].not_run = ("T125", "D102")
    result.files[1].status_date = date(2026, 3, 2)
    note = ("Not run without a status date (1 of 2 files with no status_date): D102, T125; "
            "set status_date, or pass --as-of DATE or --as-of today")
    text = render("text", result).splitlines()
    assert text[-2:] == [note, "Found 0 errors, 1 warning in 1 of 2 files"]
    github = render("github", result).splitlines()
    assert github[-2] == "::notice title=planctl%3A no status date::" + note
    data = json.loads(render("json", result))
    assert data["summary"]["without_status_date"] == 1 and data["summary"]["note"] == note
    assert [(f["status_date"], f["not_run"]) for f in data["files"]] == [
        (None, ["T125", "D102"]), ("2026-03-02", [])]
    assert note not in render("text", result, quiet=True)


def test_json_keeps_plan_text_exactly_and_is_one_document():
    out = render("json", result_of(diag(message=HOSTILE)))
    assert json.loads(out)["diagnostics"][0]["message"] == HOSTILE
    assert out.isascii()  # no control character of any kind reaches a terminal


# -- GitHub ----------------------------------------------------------------------------------

def test_github_annotations_per_severity():
    out = render("github", result_of(
        diag(hint="did you mean 'y'?"),
        diag("T101", "no owner", 9, 14, Severity.WARNING, name="task-unowned"),
        diag("P105", "no plan owner", 2, 1, Severity.INFO, name="plan-without-owner")))
    assert out.splitlines() == [
        "::error file=p.yaml,line=3,col=5,title=E201 unknown-key::unknown key 'x'%0A"
        "did you mean 'y'?",
        "::warning file=p.yaml,line=9,col=14,title=T101 task-unowned::no owner",
        "::notice file=p.yaml,line=2,col=1,title=P105 plan-without-owner::no plan owner",
        "Found 1 error, 1 warning, 1 info in 1 file",
    ]


def test_github_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0Anext"
    # A lone CR is a line break (report.clean), shown as one: it can overprint nothing.
    assert escape_data("a\rb") == "a%0Ab"
    assert escape_property("plans/a:b,c.yaml") == "plans/a%3Ab%2Cc.yaml"


def test_a_newline_and_a_command_in_plan_text_make_exactly_one_annotation():
    out = render("github", result_of(diag(message=f"title {HOSTILE}",
                                          path="dir,x/a:b.yaml", name="x\n::error::y")))
    lines = out.splitlines()
    assert len([line for line in lines if line.startswith("::")]) == 1
    assert lines[0].startswith("::error file=dir%2Cx/a%3Ab.yaml,line=3,col=5,title=E201 x%0A%3A")
    assert "%0Anext %3A" not in lines[0]  # `:` is escaped in properties only
    assert "%0Anext ::error file=a::pwned" in lines[0]


def test_github_reports_paths_that_could_not_be_checked():
    result = CheckResult(not_checked=[NotChecked("gone.yaml", "no such file")])
    assert render("github", result) == (
        "::error file=gone.yaml,title=planctl::planctl could not check this path: "
        "no such file\n")


# -- the registry ----------------------------------------------------------------------------

def test_auto_is_github_inside_actions_only():
    assert resolve_format("auto", {"GITHUB_ACTIONS": "true"}) == "github"
    assert resolve_format("auto", {}) == "text"
    assert resolve_format("json", {"GITHUB_ACTIONS": "true"}) == "json"
    with pytest.raises(KeyError):
        resolve_format("sarif", {})


def test_print_plan_error_uses_the_text_format_on_stderr(capsys):
    from planctl.cli.output import print_plan_error

    print_plan_error(PlanError([diag(hint="did you mean 'y'?", message="unknown \x1bkey")]))
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "p.yaml:3:5: E201 unknown key [error]\n  hint: did you mean 'y'?\n"


def test_every_registered_format_reports_a_real_result(tmp_path):
    plan = Path(tmp_path / "p.yaml")
    plan.write_text("planctl: 1\nname: P\nstart: 2026-01-05\nnmae: x\n")
    result = check_paths([str(plan)])
    for fmt in ("text", "json", "github"):
        assert f"{plan}" in render(fmt, result)
