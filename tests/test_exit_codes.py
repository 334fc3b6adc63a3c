"""Exit codes when the output cannot be written, run as a user runs the command.

A reader that leaves early (`planctl schedule plan.yaml | head`) is not a failure: every
command exits as `check` does, with its own verdict and nothing on stderr. Output that cannot
be written (`> /dev/full`, `-o /dev/full`) is exit 2 with a message, never 3 ("a bug") and
never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PLAN = str(ROOT / "examples" / "app-release.yaml")
BROKEN_PLAN = str(ROOT / "tests" / "bad" / "dependency-cycle.yaml")
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
COMMANDS = {
    "check": (["check", PLAN], 0),
    "check with errors": (["check", BROKEN_PLAN], 1),
    "check json": (["check", "--format", "json", PLAN], 0),
    "schedule": (["schedule", PLAN], 0),
    "schedule csv": (["schedule", "--format", "csv", PLAN], 0),
    "schedule json": (["schedule", "--format", "json", PLAN], 0),
    "export csv": (["export", "--format", "csv", PLAN], 0),
    "export ical": (["export", "--format", "ical", "--tasks", PLAN], 0),
    "status": (["status", PLAN], 0),
    "render": (["render", PLAN], 0),
    "schema": (["schema"], 0),
    "help": (["--help"], 0),
    "schedule help": (["schedule", "--help"], 0),
}
ENV = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PLANCTL_DEBUG")}


@pytest.mark.parametrize("case", sorted(COMMANDS))
def test_a_reader_that_left_is_not_a_failure(case: str) -> None:
    args, expected = COMMANDS[case]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte: every write fails with EPIPE
    try:
        result = subprocess.run([*COMMAND, *args], stdout=write, stderr=subprocess.PIPE,
                                text=True, timeout=120, env=ENV)
    finally:
        os.close(write)
    assert result.returncode == expected, result.stderr
    assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr


@pytest.fixture(scope="module")
def big_plan(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("big") / "plan.yaml"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--tasks", "600",
                    "-o", str(path)], check=True, timeout=120)
    return str(path)


@pytest.mark.parametrize("args", [["schedule"], ["schedule", "--format", "csv"]],
                         ids=["table", "csv"])
def test_head_closes_the_pipe_mid_output(args: list[str], big_plan: str) -> None:
    # More output than a pipe holds (64 KiB), so `head` leaves while planctl still writes.
    command = " ".join(f"'{part}'" for part in [*COMMAND, *args, big_plan])
    result = subprocess.run(["bash", "-c", f"set -o pipefail; {command} | head -n 2"],
                            capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2
    assert result.stderr == ""


@pytest.mark.parametrize("case", sorted(COMMANDS))
def test_a_full_disk_on_stdout_is_exit_2(case: str) -> None:
    args, _ = COMMANDS[case]
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COMMAND, *args], stdout=full, stderr=subprocess.PIPE,
                                text=True, timeout=120, env=ENV)
    assert result.returncode == 2, result.stderr
    assert "planctl: error: cannot write the output: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr and "bug" not in result.stderr


@pytest.mark.parametrize("args", [["render", PLAN, "-o", "/dev/full"],
                                  ["schema", "-o", "/dev/full"],
                                  ["export", PLAN, "-f", "csv", "-o", "/dev/full"]],
                         ids=["render", "schema", "export"])
def test_a_device_as_output_file_is_exit_2(args: list[str]) -> None:
    result = subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=120,
                            env=ENV)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("planctl: error: cannot write /dev/full")
    assert "Traceback" not in result.stderr


def _run_closed(args: list[str], fd: int) -> subprocess.CompletedProcess[str]:
    # Start the command with stdout (1) or stderr (2) closed, as `>&-` or `2>&-` does.
    other = subprocess.PIPE
    return subprocess.run([*COMMAND, *args], stdout=other if fd == 2 else None,
                          stderr=other if fd == 1 else None, text=True, timeout=120, env=ENV,
                          pass_fds=(), preexec_fn=lambda: os.close(fd))


@pytest.mark.parametrize("case", ["check", "schedule", "schedule csv", "status", "render",
                                  "schema", "help"])
def test_output_to_a_closed_stdout_is_exit_2(case: str) -> None:
    result = _run_closed(COMMANDS[case][0], 1)
    assert result.returncode == 2, result.stderr
    assert result.stderr == "planctl: error: cannot write the output: standard output is closed\n"


def test_a_command_without_output_works_with_stdout_closed(tmp_path: Path) -> None:
    result = _run_closed(["render", PLAN, "-o", str(tmp_path / "page.md")], 1)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "page.md").read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize(("args", "expected"), [
    (["schedule", PLAN], 0), (["schedule", BROKEN_PLAN], 1), (["schedule", "/nonexistent"], 2),
    (["no-such-command"], 2)], ids=["ok", "plan errors", "missing file", "usage"])
def test_a_closed_or_full_stderr_keeps_the_exit_status(args: list[str], expected: int) -> None:
    result = _run_closed(args, 2)
    assert result.returncode == expected
    if expected == 0:
        assert result.stdout.startswith("Courier app")
    else:
        assert result.stdout == ""  # the errors were not sent to stdout instead
    with open("/dev/full", "w") as full:
        result = subprocess.run([*COMMAND, *args], stdout=subprocess.PIPE, stderr=full,
                                text=True, timeout=120, env=ENV)
    assert result.returncode == expected


@pytest.mark.parametrize("args", [["schedule"], ["schedule", "--format", "json"], ["status"],
                                  ["check"], ["forecast", "-n", "50"]],
                         ids=["table", "json", "status", "check", "forecast"])
def test_an_ascii_only_output_is_not_a_bug(args: list[str], tmp_path: Path) -> None:
    # Names in any script, and planctl's own arrows and ellipses, on a stream that can only
    # take ASCII (an old terminal, PYTHONIOENCODING=ascii): escaped, never exit 3. (`render`
    # writes its page as UTF-8 bytes whatever the terminal, as a file would be.)
    from hostile import HOSTILE_NAMES, plan_text

    path = tmp_path / "plan.yaml"
    path.write_text(plan_text("Überblick → 計画 … " + HOSTILE_NAMES["bidi override"]),
                    encoding="utf-8")
    result = subprocess.run([*COMMAND, *args, str(path)], capture_output=True, timeout=120,
                            env={**ENV, "PYTHONIOENCODING": "ascii"})
    assert result.returncode in (0, 1), result.stderr
    assert result.stdout.isascii() and result.stdout.strip()
    assert b"internal error" not in result.stderr
