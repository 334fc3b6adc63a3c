"""The README's examples work as shown: its plan passes `check`, its Python runs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text()
COMMAND = [shutil.which("planctl") or sys.executable, *([] if shutil.which("planctl")
                                                        else ["-m", "planctl"])]


def block(after: str, language: str) -> str:
    found = re.search(rf"{re.escape(after)}.*?```{language}\n(.*?)```", README, re.S)
    assert found, f"no {language} block after {after!r}"
    return found.group(1)


def test_the_first_two_commands_are_install_and_run_then_install_and_test():
    commands = re.findall(r"```sh\n(.*?)\n```", README, re.S)[:2]
    assert commands[0].startswith("pip install . && planctl check examples/")
    assert commands[1] == "pip install '.[test]' && pytest"
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_the_plan_in_the_readme_is_clean_and_schedules(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(block("## A plan", "yaml"))
    checked = subprocess.run([*COMMAND, "check", "--strict", str(plan)], capture_output=True,
                             text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    scheduled = subprocess.run([*COMMAND, "schedule", "-f", "json", str(plan)],
                               capture_output=True, text=True, timeout=60)
    assert scheduled.returncode == 0, scheduled.stderr
    assert '"critical": true' in scheduled.stdout


def test_the_python_example_runs(monkeypatch, capsys):
    monkeypatch.chdir(ROOT)
    exec(compile(block("## From Python", "python"), "README.md", "exec"), {})
    first = capsys.readouterr().out.splitlines()[0]
    assert re.match(r"\d{4}-\d\d-\d\d \[.+\]", first)


def test_every_document_the_readme_links_exists():
    for target in re.findall(r"\]\(([^)#]+)\)", README):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
