"""End-to-end: `planctl check -`, `schedule -` and `render -` read the plan from standard input,
named `<stdin>` in messages, bounded like a file, its includes relative to the current folder."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from planctl.errors import PlanError
from planctl.reader import Limits, read_stdin
from test_e2e_check import COMMAND, EXAMPLES, ROOT

CRM = EXAMPLES / "crm-rollout.yaml"
BROKEN = """\
planctl: 1
name: P
start: 2026-0x-05
"""


def run(*args: str, stdin: bytes | Path | None, cwd: Path | str = ROOT
        ) -> subprocess.CompletedProcess[str]:
    """The real command, with `stdin` as its standard input: bytes, a file, or closed (None)."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    environment["COLUMNS"] = "100"
    if isinstance(stdin, Path):
        with stdin.open("rb") as stream:
            done = subprocess.run([*COMMAND, *args], cwd=cwd, env=environment, stdin=stream,
                                  capture_output=True, timeout=120)
    elif stdin is None:
        done = subprocess.run([*COMMAND, *args], cwd=cwd, env=environment, capture_output=True,
                              timeout=120, preexec_fn=lambda: os.close(0))
    else:
        done = subprocess.run([*COMMAND, *args], cwd=cwd, env=environment, input=stdin,
                              capture_output=True, timeout=120)
    result = subprocess.CompletedProcess(done.args, done.returncode,
                                         done.stdout.decode(), done.stderr.decode())
    assert "Traceback" not in result.stdout + result.stderr
    return result


def file_run(*args: str, cwd: Path | str = ROOT) -> subprocess.CompletedProcess[str]:
    return run(*args, stdin=b"", cwd=cwd)


def test_check_reads_standard_input_and_names_it_stdin():
    done = run("check", "-", stdin=BROKEN.encode())
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:3:8: E204 start: ")
    good = run("check", "-", stdin=CRM)
    assert (good.returncode, good.stdout) == (0, "All checks passed (1 file)\n")


def test_check_json_names_the_plan_stdin():
    done = run("check", "-f", "json", "-", stdin=BROKEN.encode())
    data = json.loads(done.stdout)
    assert [f["path"] for f in data["files"]] == ["<stdin>"]
    assert [(d["path"], d["line"], d["column"]) for d in data["diagnostics"]] == [("<stdin>", 3, 8)]


def test_a_yaml_error_is_located_in_stdin():
    done = run("check", "-", stdin=b"planctl: 1\nname: P\nstart: [2026-01-05\n")
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:4:1: E103 YAML syntax error")


def test_schedule_of_stdin_is_the_schedule_of_the_file():
    for fmt in ("table", "json", "csv"):
        piped = run("schedule", "-f", fmt, "-", stdin=CRM)
        named = file_run("schedule", "-f", fmt, str(CRM))
        assert piped.returncode == 0, piped.stderr
        assert piped.stdout == named.stdout


def test_render_of_stdin_is_the_page_of_the_file():
    piped = run("render", "-", stdin=CRM)
    named = file_run("render", str(CRM))
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout == named.stdout and piped.stdout.startswith("# CRM rollout")


def test_render_of_stdin_to_a_folder_names_the_page_by_the_plan_id(tmp_path):
    done = run("render", "-", "-o", f"{tmp_path}/", stdin=CRM)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["crm-rollout.md"]


def test_includes_of_stdin_are_relative_to_the_current_folder(tmp_path):
    shutil.copytree(EXAMPLES / "dc-migration", tmp_path / "dc")
    plan = (tmp_path / "dc" / "plan.yaml").read_bytes()
    here = run("check", "-", stdin=plan, cwd=tmp_path / "dc")
    assert (here.returncode, here.stdout) == (0, "All checks passed (1 file)\n")
    schedule = run("schedule", "-f", "json", "-", stdin=plan, cwd=tmp_path / "dc")
    assert json.loads(schedule.stdout)["plan"]["id"] == "dc-migration"
    above = run("check", "-", stdin=plan, cwd=tmp_path)
    assert above.returncode == 1
    assert "E115 included file people.yaml not found" in above.stdout
    assert "relative to the current folder" in above.stdout


def test_includes_of_stdin_stay_inside_the_root(tmp_path):
    (tmp_path / "outside.yaml").write_text("risks: []\n")
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    plan = b"planctl: 1\nname: P\nstart: 2026-01-05\ninclude: [../outside.yaml]\n"
    done = run("check", "-", stdin=plan, cwd=project)
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:4:11: E115 include path ../outside.yaml leaves the "
                                  "project root")


def test_standard_input_is_bounded_like_a_file():
    # /dev/zero never ends: only the limit stops the read.
    done = run("check", "--max-bytes", "1000", "-", stdin=Path("/dev/zero"))
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>:1:1: E101 file is larger than the limit of 1000 ")
    endless = run("schedule", "-", stdin=Path("/dev/zero"))
    assert endless.returncode == 1
    assert "<stdin>:1:1: E101 file is larger than the limit of 33554432 bytes" in endless.stderr


def test_read_stdin_reads_one_byte_past_the_limit_and_no_more():
    stream = io.BytesIO(b"x" * 10_000)
    with pytest.raises(PlanError) as caught:
        read_stdin(Limits(max_bytes=100), stream)
    assert stream.tell() == 101
    assert str(caught.value.diagnostics[0].location) == "<stdin>:1:1"
    assert read_stdin(Limits(max_bytes=100), io.BytesIO(b"planctl: 1\n")) == b"planctl: 1\n"


def test_empty_and_closed_standard_input():
    empty = run("check", "-", stdin=b"")
    assert empty.returncode == 1
    assert empty.stdout.startswith("<stdin>:1:1: E106 empty plan")
    closed = run("schedule", "-", stdin=None)
    assert closed.returncode == 2
    assert "standard input" in closed.stderr


def test_saved_baselines_need_a_plan_file():
    save = run("baseline", "save", "-", stdin=CRM)
    assert save.returncode == 2
    assert "standard input has no saved baselines" in save.stderr
    named = run("schedule", "--baseline", "approved", "-", stdin=CRM)
    assert named.returncode == 2
    assert "--baseline approved" in named.stderr


def test_settings_for_stdin_are_found_from_the_current_folder(tmp_path):
    from test_e2e_check import WARNED

    assert run("check", "-", stdin=WARNED.encode(), cwd=tmp_path).returncode == 0  # a warning
    (tmp_path / ".planctl.toml").write_text("strict = true\n")
    (tmp_path / "-").mkdir()  # a folder named "-" is not where the plan is: its settings
    (tmp_path / "-" / ".planctl.toml").write_text("strict = false\n")  # do not apply
    strict = run("check", "-", stdin=WARNED.encode(), cwd=tmp_path)
    assert strict.returncode == 1
    assert strict.stdout.startswith("<stdin>:12:14: T101 ")
