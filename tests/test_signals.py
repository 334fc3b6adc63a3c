"""A stop signal mid-write leaves no temporary file and no half-written page.

The end-to-end test renders a portfolio (one page per plan, each written by
`planctl.atomic.write_atomic`) with the real command, freezes the process with SIGSTOP the
moment a temporary file appears, and, if the write is still under way, sends the stop signal
and lets the process go on. Then no temporary file may remain, and every page must be either
its old content or a complete new page.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planctl.atomic import write_atomic

ROOT = Path(__file__).parent.parent
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
PLANS = 12
OLD = "old page\n"


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portfolio")
    text = (ROOT / "examples" / "app-release.yaml").read_text(encoding="utf-8")
    for n in range(PLANS):
        plan = text.replace("id: app-release-4-2", f"id: plan-{n}", 1)
        assert plan != text
        (folder / f"plan-{n}.yaml").write_text(plan, encoding="utf-8")
    return folder


def _temporary_files(folder: Path) -> list[str]:
    return [name for name in os.listdir(folder) if name.endswith(".tmp")]


def _stop_mid_write(process: subprocess.Popen[bytes], out: Path, signum: int) -> bool:
    """Poll for a temporary file; freeze the process when one appears. True if it was caught
    mid-write and sent `signum`; False if the run ended first."""
    while process.poll() is None:
        if _temporary_files(out):
            os.kill(process.pid, signal.SIGSTOP)
            if _temporary_files(out):  # still writing: the signal arrives mid-write
                os.kill(process.pid, signum)
                os.kill(process.pid, signal.SIGCONT)
                return True
            os.kill(process.pid, signal.SIGCONT)  # the rename won the race: try the next page
        time.sleep(0.0005)
    return False


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_stop_signal_mid_write_leaves_no_temporary_file(
        signum: int, portfolio: Path, tmp_path: Path) -> None:
    caught = 0
    for attempt in range(5):
        out = tmp_path / f"site-{attempt}"
        out.mkdir()
        for n in range(PLANS):
            (out / f"plan-{n}.html").write_text(OLD, encoding="utf-8")
        # The command as a terminal starts it, with the signal's default action: under `nohup`
        # (as CI may run) a child inherits SIGHUP ignored and rightly finishes its work.
        process = subprocess.Popen([*COMMAND, "render", str(portfolio), "-o", str(out), "-f",
                                    "html"], stderr=subprocess.PIPE,
                                   preexec_fn=lambda: signal.signal(signum, signal.SIG_DFL))
        hit = _stop_mid_write(process, out, signum)
        _, stderr = process.communicate(timeout=120)
        assert _temporary_files(out) == [], stderr
        for page in out.iterdir():
            text = page.read_text(encoding="utf-8")
            assert text == OLD or text.rstrip().endswith("</html>"), page.name
        if hit:
            caught += 1
            # The process ended as the signal asks, not with a Python traceback.
            assert process.returncode == -signum, stderr
            assert b"Traceback" not in stderr
            if caught == 2:
                break
    assert caught, "the signal never arrived during a write; the test proved nothing"


def test_the_default_action_is_back_after_a_write(tmp_path: Path) -> None:
    # What the process had before (SIG_DFL, or SIG_IGN for SIGHUP under `nohup`) is back.
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)
    write_atomic(tmp_path / "a.txt", "x")
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGHUP)) == before
    assert before[0] is signal.SIG_DFL


def test_a_handler_someone_installed_is_left_alone(tmp_path: Path) -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        write_atomic(tmp_path / "a.txt", "x")
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)
