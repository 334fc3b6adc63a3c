"""`planctl diff --forecast`: what a change does to P80 and to each deadline's chance."""

from __future__ import annotations

import json
import subprocess
from datetime import date
from pathlib import Path

from planctl.calendar import WorkCalendar
from planctl.loader import load_plan

EXAMPLE = Path(__file__).parents[2] / "examples" / "crm-rollout.yaml"


def planctl(*args: str) -> str:
    result = subprocess.run(["planctl", *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_diff_reports_the_forecast_of_both_sides(tmp_path: Path) -> None:
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    text = EXAMPLE.read_text()
    base.write_text(text)
    head.write_text(text.replace("duration: 2w", "duration: 4w"))
    data = json.loads(planctl("diff", str(base), str(head), "--forecast", "-f", "json"))
    found = data[0]["forecast"] if isinstance(data, list) else data["forecast"]
    before = json.loads(planctl("forecast", str(base), "-f", "json"))
    after = json.loads(planctl("forecast", str(head), "-f", "json"))
    assert found["p80"] == [before["finish"]["p80"], after["finish"]["p80"]]
    plan = load_plan(str(head)).plan
    cal = WorkCalendar.for_plan(plan.calendar, plan.start)
    p80 = [date.fromisoformat(x["finish"]["p80"]) for x in (before, after)]
    assert found["p80_delta_days"] == cal.boundary_after(p80[1]) - cal.boundary_after(p80[0])
    chances = {d["id"]: d["probability"] for d in found["deadlines"]}
    assert chances["decommission"] == [
        next(d["probability"] for d in x["deadlines"] if d["id"] == "decommission")
        for x in (before, after)]
    text_report = planctl("diff", str(base), str(head), "--forecast")
    assert f"forecast P80 +{found['p80_delta_days']} working days" in text_report
    assert "chance of meeting" in text_report
    plain = json.loads(planctl("diff", str(base), str(head), "-f", "json"))
    assert (plain[0] if isinstance(plain, list) else plain)["forecast"] is None
