"""`planctl export --format mspdi` end to end: the installed command, its file parsed back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "crm-rollout.yaml"
COMMAND = [shutil.which("planctl")] if shutil.which("planctl") else [sys.executable, "-m",
                                                                       "planctl"]
NS = "{http://schemas.microsoft.com/project}"


def planctl(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "PLANCTL_DEBUG")}
    return subprocess.run([*COMMAND, *args], capture_output=True, text=True, timeout=120,
                          cwd=cwd, env=env)


def _plan(tmp_path: Path) -> Path:
    plan = tmp_path / "crm.yaml"
    shutil.copy(EXAMPLE, plan)
    return plan


def _baselines(path: Path) -> dict[str, str]:
    root = ET.parse(path).getroot()
    return {t.findtext(f"{NS}Name"): t.findtext(f"{NS}Baseline/{NS}Finish")
            for t in root.iter(f"{NS}Task") if t.find(f"{NS}Baseline") is not None}


def test_the_format_follows_an_xml_suffix_and_the_file_is_project_xml(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    done = planctl("export", str(plan), "-o", "crm.xml", "--as-of", "2026-03-02", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    root = ET.parse(tmp_path / "crm.xml").getroot()
    assert root.tag == f"{NS}Project" and root.findtext(f"{NS}Name") == "CRM rollout"
    assert len(root.findall(f"{NS}Tasks/{NS}Task")) == 1 + 4 + 27  # project, phases, tasks
    assert _baselines(tmp_path / "crm.xml") == {}  # no baseline saved: none written


def test_the_saved_baseline_is_projects_baseline(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    saved = planctl("baseline", "save", str(plan), "--as-of", "2026-01-05", cwd=tmp_path)
    assert saved.returncode == 0, saved.stderr
    done = planctl("export", str(plan), "-f", "mspdi", "-o", str(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    finishes = _baselines(tmp_path / "crm-rollout.xml")
    assert len(finishes) == 27
    assert finishes["Project closed"].startswith("2026-")


def test_an_unknown_baseline_or_one_for_another_format_is_exit_2(tmp_path: Path) -> None:
    plan = _plan(tmp_path)
    for args in (["-f", "mspdi", "--baseline", "no-such"], ["-f", "csv", "--baseline", "x"]):
        done = planctl("export", str(plan), *args, cwd=tmp_path)
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr and "--baseline" in done.stderr, done.stderr
        assert done.stdout == ""
