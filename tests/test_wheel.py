"""A plain `pip install .` works: the wheel carries the templates (the top-level `templates/`)
and the schema it needs.

The wheel is built and unpacked, and the command is run from the unpacked copy (the
dependencies come from the test environment), away from the source tree.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # Without build isolation when the backend is at hand: faster, and needs no index.
    isolation = [] if importlib.util.find_spec("hatchling") is None else ["--no-build-isolation"]
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q",
                            "-w", str(out), *isolation], capture_output=True, text=True,
                           timeout=600)
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = out.glob("planctl-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run(unpacked: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    return subprocess.run([sys.executable, "-m", "planctl", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_wheel_holds_templates_and_schema(unpacked: Path) -> None:
    package = unpacked / "planctl"
    assert (package / "schemas" / "plan.schema.json").is_file()
    assert (package / "templates" / "plan.html.j2").is_file()
    assert (package / "templates" / "plan.md.j2").is_file()
    assert any((package / "templates" / "init").iterdir())


def test_the_wheel_holds_every_template_of_the_top_level_folder(unpacked: Path) -> None:
    def files(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes()
                for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}

    assert files(unpacked / "planctl" / "templates") == files(ROOT / "templates")


def test_the_installed_package_reads_its_own_templates(unpacked: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "from planctl.shipped import templates_dir; "
                               "print(templates_dir())"], cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(unpacked)}, capture_output=True, text=True)
    assert where.stdout.strip() == str(unpacked / "planctl" / "templates"), where.stderr


def test_the_installed_package_runs_every_command_from_elsewhere(unpacked: Path,
                                                                 tmp_path: Path) -> None:
    where = subprocess.run(
        [sys.executable, "-c", "import planctl; print(planctl.__file__)"], cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(unpacked)}, capture_output=True, text=True)
    assert where.stdout.startswith(str(unpacked)), where.stdout + where.stderr
    assert run(unpacked, tmp_path, "init", "plan.yaml").returncode == 0
    checked = run(unpacked, tmp_path, "check", "plan.yaml")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    schema = run(unpacked, tmp_path, "schema")
    assert schema.returncode == 0 and "json-schema.org/draft-07" in schema.stdout
    example = ROOT / "examples" / "crm-rollout.yaml"
    for fmt in ("html", "md"):
        page = run(unpacked, tmp_path, "render", str(example), "-f", fmt, "-o", f"page.{fmt}")
        assert page.returncode == 0, page.stderr
        assert "CRM rollout" in (tmp_path / f"page.{fmt}").read_text()
