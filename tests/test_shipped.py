"""The packaged templates are found from a checkout (and an editable install, whose package is
the checkout's `src/planctl`) at the top of the repository, and from an installed wheel inside
the package (tests/test_wheel.py builds one)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planctl import shipped

ROOT = Path(__file__).parent.parent


def run_from(path_entry: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # What an editable install does: one entry on sys.path pointing at the code.
    env = {**os.environ, "PYTHONPATH": str(path_entry)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_the_templates_live_at_the_top_of_the_repository() -> None:
    assert (ROOT / "templates" / "plan.md.j2").is_file()
    assert (ROOT / "templates" / "init" / "plan.yaml").is_file()
    assert not (ROOT / "src" / "planctl" / "templates").exists()


def test_a_checkout_renders_and_inits_with_the_top_level_templates(tmp_path: Path) -> None:
    where = run_from(ROOT / "src", tmp_path, "-c",
                     "from planctl.shipped import templates_dir; print(templates_dir())")
    assert where.stdout.strip() == str((ROOT / "templates").resolve()), where.stderr
    assert run_from(ROOT / "src", tmp_path, "-m", "planctl", "init", "plan.yaml").returncode == 0
    assert "planctl check plan.yaml" in (tmp_path / "plan.yaml").read_text()
    example = ROOT / "examples" / "crm-rollout.yaml"
    page = run_from(ROOT / "src", tmp_path, "-m", "planctl", "render", str(example), "-f", "md",
                    "-o", "page.md")
    assert page.returncode == 0, page.stderr
    assert "CRM rollout" in (tmp_path / "page.md").read_text()


def layout(root: Path, *folders: str) -> Path:
    """A package at `root/src/planctl` with templates in each of `folders`."""
    package = root / "src" / "planctl"
    package.mkdir(parents=True)
    for folder in folders:
        (root / folder).mkdir(parents=True)
        (root / folder / "plan.md.j2").write_text(folder)
    return package


def test_templates_inside_the_package_come_first(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    package = layout(tmp_path, "src/planctl/templates", "templates")
    monkeypatch.setattr(shipped, "PACKAGE", package)
    assert shipped.templates_dir() == package / "templates"


def test_a_leftover_empty_folder_in_the_package_is_not_taken(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = layout(tmp_path, "templates")
    (package / "templates" / "__pycache__").mkdir(parents=True)
    monkeypatch.setattr(shipped, "PACKAGE", package)
    assert shipped.templates_dir() == tmp_path / "templates"


def test_no_templates_anywhere_is_a_packaging_bug(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shipped, "PACKAGE", layout(tmp_path))
    with pytest.raises(shipped.NotShipped, match="without its templates/"):
        shipped.templates_dir()


def test_the_command_on_an_install_without_templates_says_it_is_a_bug(tmp_path: Path) -> None:
    code = Path(shipped.__file__).parent
    shutil.copytree(code, tmp_path / "site" / "planctl",
                    ignore=shutil.ignore_patterns("__pycache__", "templates", "schemas"))
    example = ROOT / "examples" / "crm-rollout.yaml"
    page = run_from(tmp_path / "site", tmp_path, "-m", "planctl", "render", str(example),
                    "-o", "page.html")
    assert page.returncode == 3, page.stdout + page.stderr
    assert "installed without its templates/" in page.stderr
    assert "Traceback" not in page.stderr
    assert not (tmp_path / "page.html").exists()
