"""`planctl schedule` end to end: the installed command on example and hostile plans."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "good")
                                                                .glob("*.yaml"))


def planctl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planctl", *args], capture_output=True,
                          text=True, timeout=120, env={"COLUMNS": "120", "PATH": "/usr/bin"})


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_json_shape_on_examples(path: Path) -> None:
    run = planctl("schedule", str(path), "--format", "json", "--as-of", "2026-02-02")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert {"id", "start", "finish", "cost"} <= set(data["plan"])
    for task in data["tasks"]:
        assert {"id", "name", "phase", "start", "finish", "total_float", "free_float",
                "critical", "cost"} <= set(task)
        assert task["start"] <= task["finish"]
        if task["milestone"]:
            assert task["start"] == task["finish"]
    assert data["plan"]["finish"] == max(t["finish"] for t in data["tasks"]
                                         if t["status"] != "cancelled")
    for resource in data["resources"]:
        assert set(resource) >= {"id", "load"}
        assert all(len(day) == 10 for day in resource["load"])
    ids = {t["id"] for t in data["tasks"]}
    for path_ in data["critical_paths"]:
        assert set(path_) <= ids


HOSTILE = """\
planctl: 1
name: "Hostile [bold]x[/oops] \\x1b[31mred"
start: 2026-01-05
resources:
  - {id: al, name: Al}
phases:
  - id: p
    name: P
    tasks:
      - {id: a, name: "=HYPERLINK(\\"http://x\\")", duration: 2d, assign: [al]}
      - {id: b, name: "[link=http://x]click[/link]", duration: 1d, assign: [al]}
      - {id: c, name: "-2+3", milestone: true, depends_on: [a]}
"""


def test_table_prints_plan_text_literally(tmp_path: Path) -> None:
    plan = tmp_path / "hostile.yaml"
    plan.write_text(HOSTILE)
    run = planctl("schedule", str(plan), "--no-level")
    assert run.returncode == 0, run.stderr
    assert "[bold]x[/oops]" in run.stdout and "\x1b" not in run.stdout
    assert "[link=http://x]" in run.stdout
    assert "over-allocated" in run.stdout


def test_csv_neutralises_formulas(tmp_path: Path) -> None:
    plan = tmp_path / "hostile.yaml"
    plan.write_text(HOSTILE)
    run = planctl("schedule", str(plan), "--format", "csv")
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    names = {row["id"]: row["name"] for row in rows}
    assert names["a"].startswith("'=") and names["c"] == "'-2+3"
    assert rows[0]["total_float"].lstrip("-").isdigit()


def test_a_plan_with_errors_exits_1_with_located_diagnostics(tmp_path: Path) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text(HOSTILE.replace("depends_on: [a]", "depends_on: [zz]"))
    run = planctl("schedule", str(plan))
    assert run.returncode == 1
    assert "bad.yaml:12:" in run.stderr and "E302" in run.stderr


def test_unknown_country_exits_1_at_the_key(tmp_path: Path) -> None:
    plan = tmp_path / "country.yaml"
    plan.write_text(HOSTILE.replace("start: 2026-01-05\n",
                                    "start: 2026-01-05\ncalendar: {country: XX}\n"))
    run = planctl("schedule", str(plan))
    assert run.returncode == 1
    assert "country.yaml:4:" in run.stderr and "E401" in run.stderr


@pytest.mark.parametrize("args", [["--format", "xml"], ["--as-of", "2026-02-30"]])
def test_bad_options_exit_2(tmp_path: Path, args: list[str]) -> None:
    plan = tmp_path / "p.yaml"
    plan.write_text(HOSTILE)
    run = planctl("schedule", str(plan), *args)
    assert run.returncode == 2 and "Traceback" not in run.stderr


def test_cycle_exits_1_and_names_it(tmp_path: Path) -> None:
    plan = tmp_path / "cycle.yaml"
    plan.write_text(HOSTILE.replace("assign: [al]}\n      - {id: b", "assign: [al], "
                                    "depends_on: [c]}\n      - {id: b"))
    run = planctl("schedule", str(plan))
    assert run.returncode == 1 and "cycle" in run.stderr


def test_table_has_a_row_per_task_under_its_phase_with_marks() -> None:
    plan = ROOT / "examples" / "crm-rollout.yaml"
    table = planctl("schedule", str(plan)).stdout.splitlines()
    data = json.loads(planctl("schedule", "-f", "json", str(plan)).stdout)
    header = next(i for i, line in enumerate(table) if line.startswith("id "))
    lines = table[header + 2:]
    assert all(len(line) <= 120 for line in table)
    rows = {line.split()[0]: line for line in lines if line[:1] != " "}  # phases
    rows.update({line.split()[0]: line for line in lines if line.startswith("  ") and
                 line[2:3] != " "})  # tasks, indented under their phase
    assert set(rows) == {t["id"] for t in data["tasks"]} | {p["id"] for p in data["phases"]}
    for task in data["tasks"]:
        row = rows[task["id"]]
        assert row.startswith(f"  {task['id']} ")
        assert f"{task['start']}  {task['finish']}  " in row
        assert f" {task['days']} " in row
        assert ("●" in row) == task["critical"]
    for phase in data["phases"]:
        assert rows[phase["id"]].startswith(f"{phase['id']} ")
        assert f"{phase['start']}  {phase['finish']}  " in rows[phase["id"]]
