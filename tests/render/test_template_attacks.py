"""Hostile `--templates` folders against the real `planctl render` command.

Each attack runs the installed command in a child process capped at about 1 GB of address
space (`resource.setrlimit`), so a regression fails fast instead of eating the machine. A
canary file must never be created, a secret file never printed, and the command must end
with exit 2 (or 0 for what is harmless), never a traceback.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
MEMORY_CAP = 1024 * 1024 * 1024
"""Address space the whole command may use in these tests."""

PLAN = """\
planctl: 1
name: Attack surface
start: 2026-01-05
description: A plan whose templates come from a stranger.
resources:
  - {id: ann, name: Ann}
phases:
  - id: p
    name: Phase
    tasks:
      - {id: a, name: First, duration: 3d, assign: [ann]}
      - {id: b, name: Second, duration: 2d, depends_on: [a]}
      - {id: m, name: Done, milestone: true, depends_on: [b]}
objectives:
  - id: o
    description: Ship it
    kpi: {metric: users, baseline: 0, target: 10, current: 5}
"""


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def render_with(tmp_path: Path, template: str, name: str = "plan.md.j2",
                *args: str) -> subprocess.CompletedProcess[str]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN)
    folder = tmp_path / "templates"
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(template)
    fmt = "html" if name.endswith(".html.j2") else "md"
    return subprocess.run(
        [*COMMAND, "render", str(plan), "--as-of", "2026-01-05", "-f", fmt,
         "--templates", str(folder), *args],
        cwd=tmp_path, capture_output=True, text=True, timeout=180, preexec_fn=_limited)


PICKLE = "cos\\nsystem\\n(S'touch CANARY'\\ntR."

CODE_ATTACKS = [
    "{{ plan.parse_raw(\"" + PICKLE + "\", content_type='pickle', allow_pickle=true) }}",
    "{{ tasks[0].model.parse_raw(\"" + PICKLE + "\", content_type='pickle', "
    "allow_pickle=true) }}",
    "{{ plan.parse_file('SECRET') }}",
    "{{ plan.parse_file('SECRET', content_type='pickle', allow_pickle=true) }}",
    "{{ plan.model_validate_json('{}') }}",
    "{{ plan.__class__.parse_raw(\"" + PICKLE + "\", content_type='pickle', "
    "allow_pickle=true) }}",
    "{{ plan.__class__.mro() }}",
    "{{ plan.mro() }}",
    "{{ plan.copy(update={'name': 'x'}) }}",
    "{{ plan.model_copy() }}",
    "{{ plan.dict() }}",
    "{{ plan.model_dump() }}",
    "{{ plan.json() }}",
    "{{ plan.model_dump_json() }}",
    "{{ schedule.task('a').__class__ }}",
    "{{ plan|attr('parse_file') }}",
    "{{ '{0.parse_file}'.format(plan) }}",
    "{{ cycler.__init__.__globals__.os.popen('touch CANARY') }}",
    "{{ charts.kpi.__globals__['__builtins__']['open']('SECRET').read() }}",
    "{{ plan._source.parse_file('SECRET') }}",
]


@pytest.mark.parametrize("attack", CODE_ATTACKS)
def test_a_template_cannot_run_code_or_read_files(tmp_path: Path, attack: str) -> None:
    canary = tmp_path / "CANARY"
    secret = tmp_path / "SECRET"
    secret.write_text("TOP-SECRET-VALUE")
    done = render_with(tmp_path, attack)
    assert not canary.exists(), "a template ran a command"
    assert "TOP-SECRET" not in done.stdout + done.stderr
    assert done.returncode == 2, (done.returncode, done.stdout[-500:], done.stderr[-2000:])
    assert "Traceback" not in done.stderr and done.stderr.startswith("planctl: error:")
