"""`planctl forecast` end to end, through the installed command."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "crm-rollout.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["planctl", "forecast", *args], capture_output=True, text=True,
                          timeout=300)


def test_json_has_the_documented_shape_and_is_reproducible() -> None:
    first = run(str(EXAMPLE), "-f", "json", "-n", "400", "--seed", "9")
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    assert data["iterations"] == 400 and data["seed"] == 9 and data["distribution"] == "pert"
    assert set(data["finish"]) == {"p10", "p50", "p80", "p90", "deterministic"}
    assert data["finish"]["p10"] <= data["finish"]["p50"] <= data["finish"]["p80"]
    assert {"id", "p50", "p80", "p90"} <= set(data["milestones"][0])
    assert {"id", "deadline", "probability"} <= set(data["deadlines"][0])
    assert {"id", "criticality", "sensitivity"} <= set(data["tasks"][0])
    assert {"id", "p80_days_added"} <= set(data["risks"][0])
    again = run(str(EXAMPLE), "-f", "json", "-n", "400", "--seed", "9")
    assert again.stdout == first.stdout
    other = run(str(EXAMPLE), "-f", "json", "-n", "400", "--seed", "10")
    assert json.loads(other.stdout)["s_curve"] != data["s_curve"]


def test_default_iterations_make_p80_stable() -> None:
    result = run(str(EXAMPLE), "-f", "json")
    data = json.loads(result.stdout)
    assert data["iterations"] >= 1000
    assert data["p80_standard_error_days"] <= 0.6


def test_table_names_the_percentiles_and_the_run() -> None:
    result = run(str(EXAMPLE), "-n", "300", "--distribution", "triangular")
    assert result.returncode == 0, result.stderr
    assert "300 iterations, seed 1, triangular" in result.stdout
    assert "P80" in result.stdout and "chance of meeting it" in result.stdout


def test_bad_arguments_and_bad_plans(tmp_path: Path) -> None:
    assert run(str(EXAMPLE), "--distribution", "normal").returncode == 2
    assert run(str(EXAMPLE), "-n", "0").returncode == 2
    broken = tmp_path / "broken.yaml"
    broken.write_text("planctl: 1\nname: x\nstart: 2026-01-05\nphases: [{id: p}]\n")
    result = run(str(broken))
    assert result.returncode == 1 and "Traceback" not in result.stderr
