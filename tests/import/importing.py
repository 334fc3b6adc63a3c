"""Helpers of the import tests: the fixtures folder and the real `planctl` command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]


def run(*args: str | os.PathLike[str], cwd: Path | None = None, timeout: float = 120,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real `planctl` command."""
    environment = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS",)}
    environment.update(env or {})
    return subprocess.run([*COMMAND, *map(str, args)], cwd=cwd, env=environment,
                          capture_output=True, text=True, timeout=timeout, check=False)
