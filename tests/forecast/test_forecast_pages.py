"""The forecast where the schedule is shown: `status`, the Markdown and the HTML page."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

EXAMPLE = Path(__file__).parents[2] / "examples" / "crm-rollout.yaml"


def planctl(*args: str) -> str:
    result = subprocess.run(["planctl", *args], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _forecast() -> dict:
    return json.loads(planctl("forecast", str(EXAMPLE), "-f", "json"))


def test_status_says_p50_p80_and_the_chance_of_each_milestone_deadline() -> None:
    data = _forecast()
    out = planctl("status", str(EXAMPLE), "--width", "200")
    line = next(x for x in out.splitlines() if x.startswith("forecast "))
    assert f"P50 {data['finish']['p50']}, P80 {data['finish']['p80']}" in line
    assert "% chance of meeting Go / no-go decision" in line
    assert "forecast " not in planctl("status", str(EXAMPLE), "--no-forecast")


def test_markdown_page_has_the_forecast_tables(tmp_path: Path) -> None:
    data = _forecast()
    page = tmp_path / "crm.md"
    planctl("render", str(EXAMPLE), "-o", str(page))
    text = page.read_text()
    section = text[text.index("## Forecast"):text.index("## Critical path")]
    p = data["finish"]
    assert f"| Plan | {p['p10']} | {p['p50']} | {p['p80']} | {p['p90']} |" in section
    for risk in data["risks"]:
        days = risk["p80_days_added"]
        assert f"{days} working day{'' if days == 1 else 's'} |" in section
    assert "Chance of meeting it" in section and "What drives the finish" in section
    planctl("render", str(EXAMPLE), "-o", str(page), "--no-forecast")
    assert "## Forecast" not in page.read_text()


def test_html_page_has_the_s_curve_tornado_and_criticality_column(tmp_path: Path) -> None:
    data = _forecast()
    page = tmp_path / "crm.html"
    planctl("render", str(EXAMPLE), "-o", str(page))
    html = page.read_text()
    curve = re.search(r'<svg class="forecast-curve".*?</svg>', html, re.S)
    assert curve is not None
    points = re.search(r'<polyline class="curve"[^>]*points="([^"]+)"', curve[0])
    assert points is not None and len(points[1].split()) == len(data["s_curve"])
    first, last = data["s_curve"][0][0], data["s_curve"][-1][0]
    inside = [d for d in data["deadlines"] if first <= d["deadline"] <= last]
    assert curve[0].count('class="mark deadline"') == len(inside)
    assert '<svg class="forecast-tornado"' in html
    assert "Critical in</th>" in html
