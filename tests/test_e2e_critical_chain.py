"""Every output of the real `planctl` command tells the same critical chain after levelling.

The plan: `configure` (high priority) and `erp-interface` both need the one developer team,
so levelling runs them one after the other; `uat` follows `erp-interface`. The chain is
`configure ⇢(devs) erp-interface → uat`, and `schedule` (table, JSON, CSV), `status` and
`render` (Markdown and HTML) must all say so.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = """\
planctl: 1
id: erp
name: ERP
start: 2026-01-05
status_date: 2026-01-05
resources:
  - {id: devs, name: Developers}
  - {id: qa, name: Testers}
phases:
  - id: build
    name: Build
    tasks:
      - {id: configure, name: Configure, duration: 10d, assign: [devs], priority: 900}
      - {id: erp-interface, name: ERP interface, duration: 5d, assign: [devs]}
      - {id: uat, name: Acceptance, duration: 3d, assign: [qa], depends_on: [erp-interface]}
      - {id: docs, name: Docs, duration: 2d}
"""
CHAIN = "configure ⇢(devs) erp-interface → uat"


def _planctl(tmp_path: Path, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "planctl", *args], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120,
                          env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    (tmp_path / "erp.yaml").write_text(PLAN, encoding="utf-8")
    return tmp_path


def test_schedule_table_json_and_csv_agree(plan: Path) -> None:
    table = _planctl(plan, "schedule", "erp.yaml")
    assert f"critical path: {CHAIN}" in table
    data = json.loads(_planctl(plan, "schedule", "erp.yaml", "--format", "json"))
    assert data["critical_paths"] == [["configure", "erp-interface", "uat"]]
    assert data["critical_path_links"] == [[["devs"], []]]
    assert data["critical_path_text"] == [CHAIN]
    assert data["resource_links"] == [
        {"predecessor": "configure", "successor": "erp-interface", "resource": "devs",
         "type": "FS", "lag": 0}]
    tasks = {t["id"]: t for t in data["tasks"]}
    # Levelled float follows the hand-off; the logic-only float ignores the developers.
    assert tasks["configure"]["total_float"] == 0
    assert tasks["configure"]["logic_total_float"] == 0
    assert tasks["erp-interface"]["logic_total_float"] == 2
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        _planctl(plan, "schedule", "erp.yaml", "--format", "csv")))}
    assert [i for i, r in rows.items() if r["critical"] == "yes"] == [
        "configure", "erp-interface", "uat"]
    assert rows["erp-interface"]["logic_total_float"] == "2"


def test_status_and_pages_show_the_hand_off(plan: Path) -> None:
    status = _planctl(plan, "status", "erp.yaml")
    assert "Configure ⇢(Developers) ERP interface → Acceptance" in status
    markdown = _planctl(plan, "render", "erp.yaml")
    assert f"`{CHAIN}`" in markdown
    assert "ERP interface: 2026-01-19 to 2026-01-23, when Developers is free" in markdown
    html = _planctl(plan, "render", "erp.yaml", "--format", "html")
    assert f"<code>{CHAIN}</code>" in html
