"""End-to-end: the installed `planctl check` command, run as a user runs it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_corpus import CORPUS, cases

ROOT = Path(__file__).parent.parent
GOOD = Path(__file__).parent / "good"
EXAMPLES = ROOT / "examples"
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
WARNED = """\
planctl: 1
name: P
owner: al
start: 2026-01-05
status_date: 2026-01-05
resources: [{id: al, name: Al}]
phases:
  - id: build
    name: Build
    tasks:
      - {id: a, name: A, duration: 2d, assign: [al]}
      - {id: b, name: B, duration: 1d}
"""


def run(*args: str, cwd: Path | str = ROOT, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    environment.update(env or {})
    done = subprocess.run([*COMMAND, *args], cwd=cwd, env=environment, capture_output=True,
                          text=True, timeout=60)
    assert "Traceback" not in done.stderr + done.stdout
    return done


def example_plans() -> list[Path]:
    """Every plan in examples/ (fragments, without a `planctl:` key, are checked through them)."""
    if not EXAMPLES.is_dir():
        return []
    return sorted(p for p in EXAMPLES.rglob("*.y*ml")
                  if any(line.startswith("planctl:") for line in p.read_text().splitlines()))


def test_good_plans_and_the_examples_pass():
    targets = [str(GOOD), *map(str, example_plans())]
    done = run("check", *targets)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("All checks passed (")
    assert done.stderr == ""


def test_a_bad_plan_exits_1_with_its_location():
    done = run("check", "misspelt-task-key.yaml", cwd=CORPUS)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "misspelt-task-key.yaml:17:9: E201 unknown key 'duraton' in task [error]",
        "  hint: did you mean 'duration'?",
        "Found 1 error, 0 warnings in 1 file",
    ]


def test_the_whole_corpus_through_the_command():
    all_cases = cases()
    done = run("check", "--no-frames", *(c.name for c in all_cases), cwd=CORPUS)
    assert done.returncode == 1 and done.stderr == ""
    heads = [line.split(" [")[0] for line in done.stdout.splitlines() if not line[:1].isspace()]
    for case in all_cases:
        for expected in case.findings:
            line = next((h for h in heads if h.startswith(f"{expected.where}: {expected.code} ")),
                        None)
            assert line is not None, f"{case.name}: no {expected.where}: {expected.code}"
            assert all(word in done.stdout for word in expected.words)


@pytest.mark.parametrize("name", ["tabs.yaml", "bad-date-feb-30.yaml", "include-cycle.yaml",
                                  "latin1.yaml", "empty.yaml", "dependency-cycle.yaml"])
def test_corpus_cases_exit_with_their_code_one_at_a_time(name):
    case = next(c for c in cases() if c.name == name)
    done = run("check", name, cwd=CORPUS)
    assert done.returncode == case.exit_code
    assert done.stdout.startswith(f"{case.findings[0].where}: {case.findings[0].code} ")


def test_an_alias_bomb_is_refused_quickly():
    started = time.monotonic()
    done = run("check", "alias-bomb.yaml", cwd=CORPUS)
    assert time.monotonic() - started < 5  # a hang guard, not a timing test
    assert done.returncode == 1 and "E109" in done.stdout


def test_a_python_tag_is_refused_and_never_run(tmp_path):
    shutil.copy(CORPUS / "python-tag.yaml", tmp_path)
    done = run("check", "python-tag.yaml", cwd=tmp_path)
    assert done.returncode == 1 and "unsupported tag !!python/object/apply" in done.stdout
    assert not (tmp_path / "canary-python-tag").exists()


def test_paths_that_cannot_be_checked_exit_2(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "empty-dir").mkdir()
    for target, words in [("missing.yaml", "no such file"),
                          (str(tmp_path / "fifo.yaml"), "not a regular file"),
                          ("/dev/null", "not a regular file"),
                          ("/dev/zero", "not a regular file"),
                          (str(tmp_path / "empty-dir"), "no plan files found")]:
        done = run("check", target)
        assert done.returncode == 2, target
        assert done.stderr.startswith(f"planctl: error: {target}: ") and words in done.stderr


def test_json_output_has_the_documented_shape():
    done = run("check", "--format", "json", "dangling-dependency.yaml", "missing.yaml",
               cwd=CORPUS)
    assert done.returncode == 2  # one path could not be checked
    data = json.loads(done.stdout)
    assert data["version"] == 1
    assert data["files"] == [{"path": "dangling-dependency.yaml", "errors": 1, "warnings": 0,
                              "infos": 0, "status_date": None, "not_run": []}]
    assert data["not_checked"] == [{"path": "missing.yaml", "message": "no such file"}]
    (diagnostic,) = data["diagnostics"]
    assert diagnostic == {
        "path": "dangling-dependency.yaml", "line": 22, "column": 22, "code": "E302",
        "name": "unknown-reference", "severity": "error",
        "message": "depends_on: no task or phase with id 'desing'",
        "hint": "did you mean 'design'?", "fails": True, "plan": "dangling-dependency.yaml",
        "related": []}
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 0, "infos": 0,
                               "failing": 1, "not_checked": 1, "without_status_date": 0,
                               "note": None}


def test_github_format_and_auto_inside_actions():
    expected = ("::error file=duplicate-key.yaml,line=18,col=9,title=E111 yaml::duplicate key "
                "'name' (first set on line 16)%0Akeep one of the two")
    done = run("check", "--format", "github", "duplicate-key.yaml", cwd=CORPUS)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [expected, "Found 1 error, 0 warnings in 1 file"]
    auto = run("check", "duplicate-key.yaml", cwd=CORPUS, env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout == done.stdout


def test_strict_makes_warnings_fail(tmp_path):
    (tmp_path / "p.yaml").write_text(WARNED)
    relaxed = run("check", "p.yaml", cwd=tmp_path)
    assert relaxed.returncode == 0
    assert relaxed.stdout.startswith("p.yaml:12:14: T101 ")
    assert run("check", "--strict", "p.yaml", cwd=tmp_path).returncode == 1
    assert run("check", "--strict", "--ignore", "T101", "p.yaml", cwd=tmp_path).returncode == 0
    assert run("check", "--strict", "--select", "R,P", "p.yaml", cwd=tmp_path).returncode == 0


def test_directory_mode_checks_plans_and_skips_fragments(tmp_path):
    shutil.copytree(GOOD, tmp_path / "plans")
    (tmp_path / "plans" / "broken.yaml").write_text("planctl: 1\nname: B\nstart: 2026-02-30\n")
    done = run("check", "plans", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "plans/broken.yaml:3:8: E204 start: invalid date 2026-02-30: day is out of range for "
        "month [error]",
        "Found 1 error, 0 warnings in 1 of 3 files"]


def test_frames_quiet_and_no_colour_when_piped():
    plain = run("check", "misspelt-task-key.yaml", cwd=CORPUS)
    assert "\x1b" not in plain.stdout and " | " not in plain.stdout
    framed = run("check", "--frames", "misspelt-task-key.yaml", cwd=CORPUS)
    assert "\x1b" not in framed.stdout
    assert " 17 |         duraton: 3d\n    |         ^\n" in framed.stdout
    quiet = run("check", "-q", "misspelt-task-key.yaml", cwd=CORPUS)
    assert quiet.stdout.splitlines()[-1] == "  hint: did you mean 'duration'?"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "xml"], "'xml' is not one of"),
        (["--as-of", "2026-02-30"], "not a date"),
        (["--select", "T999"], "unknown rule 'T999'"),
        (["--max-bytes", "0"], "--max-bytes"),
        (["--no-such-option"], "No such option"),
        ([], "Missing argument"),
    ],
)
def test_bad_options_exit_2_with_a_message(args, words):
    done = run("check", *args, *(["clean.yaml"] if args else []), cwd=GOOD)
    assert done.returncode == 2
    assert words in done.stderr
    assert done.stdout == ""


def test_max_bytes_limits_the_file_size():
    done = run("check", "--max-bytes", "100", "clean.yaml", cwd=GOOD)
    assert done.returncode == 1
    assert done.stdout.startswith("clean.yaml:1:1: E101 file is larger than the limit of 100 ")
    assert "--max-bytes" in done.stdout


def test_as_of_reaches_the_rules():
    late = run("check", "--as-of", "2026-05-01", "clean.yaml", cwd=GOOD)
    assert late.returncode == 0  # warnings only
    assert "T125" in late.stdout and "deadline" in late.stdout


def test_help_describes_the_command():
    done = run("check", "--help")
    assert done.returncode == 0
    for option in ("--format", "--select", "--ignore", "--strict", "--as-of", "--max-bytes",
                   "--frames", "--quiet"):
        assert option in done.stdout
    assert "Exit status" in done.stdout


def test_python_dash_m_runs_the_same_command():
    done = subprocess.run([sys.executable, "-m", "planctl", "check", "clean.yaml"], cwd=GOOD,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == "All checks passed (1 file)\n"


def test_a_closed_pipe_keeps_the_exit_status(tmp_path):
    text = (CORPUS / "dangling-assign.yaml").read_text()
    for i in range(300):  # far more output than a pipe holds
        (tmp_path / f"p{i:03}.yaml").write_text(text)
    missing = str(tmp_path / "missing.yaml")
    process = subprocess.Popen([*COMMAND, "check", "--format", "json", str(tmp_path), missing],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.read(1)
    process.stdout.close()  # as `| head -c 1` does
    assert process.wait(timeout=60) == 2  # a path could not be checked: still said
    assert process.stderr.read().decode() == f"planctl: error: {missing}: no such file\n"


def test_date_rules_run_from_the_command_with_and_without_levelling(tmp_path):
    plan = tmp_path / "shared.yaml"
    plan.write_text(WARNED.replace("- {id: b, name: B, duration: 1d}",
                                   "- {id: b, name: B, duration: 1d, assign: [al]}"))
    levelled = run("check", "--format", "json", str(plan))
    assert levelled.returncode == 0, levelled.stdout
    assert "D103" not in levelled.stdout
    unlevelled = run("check", "--no-level", "--strict", str(plan))
    assert unlevelled.returncode == 1
    assert f"{plan}:" in unlevelled.stdout and "D103" in unlevelled.stdout
