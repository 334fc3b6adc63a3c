"""Round trip through the real commands: `planctl export -f mspdi`, then `planctl import`,
gives every task of the examples the same start and finish. (The property test on random
plans, through the Python API, is tests/mspdi/test_mspdi_round_trip.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from importing import run

EXAMPLES = Path(__file__).parents[2] / "examples"
PLANS = ["app-release.yaml", "crm-rollout.yaml", "dc-migration/plan.yaml"]


def dates(plan: Path) -> dict[str, tuple[str, str]]:
    done = run("schedule", plan, "--format", "json")
    assert done.returncode == 0, done.stderr
    return {t["name"]: (t["start"], t["finish"]) for t in json.loads(done.stdout)["tasks"]}


@pytest.mark.parametrize("name", PLANS)
def test_export_then_import_keeps_every_date(mpxj: None, name: str, tmp_path: Path):
    exported, imported = tmp_path / "project.xml", tmp_path / "plan.yaml"
    done = run("export", EXAMPLES / name, "--format", "mspdi", "-o", exported)
    assert done.returncode == 0, done.stderr
    done = run("import", exported, "-o", imported)
    assert done.returncode == 0, done.stderr
    assert "dropped: nothing" in done.stderr
    assert dates(imported) == dates(EXAMPLES / name)
