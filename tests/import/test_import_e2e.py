"""End-to-end: `planctl import` on files MPXJ wrote, as a user runs it; every plan it writes
passes `planctl check` and schedules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from importing import FIXTURES, run

FILES = ["full.xml", "full.mpx", "full.pmxml.xml", "full.xer", "progress.xml"]


@pytest.mark.parametrize("name", FILES)
def test_imported_plan_passes_check_and_schedules(mpxj: None, name: str, tmp_path: Path):
    plan = tmp_path / "plan.yaml"
    done = run("import", FIXTURES / name, "-o", plan)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "kept: " in done.stderr and "approximated: " in done.stderr
    assert "dropped: " in done.stderr
    checked = run("check", plan)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    scheduled = run("schedule", plan, "--format", "json")
    assert scheduled.returncode == 0, scheduled.stderr
    assert json.loads(scheduled.stdout)["tasks"]


def test_plan_goes_to_standard_output_without_o(mpxj: None):
    done = run("import", FIXTURES / "full.mpx")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("# Imported by `planctl import`")
    assert "planctl: 1" in done.stdout
    assert "planctl: 1" not in done.stderr  # the report goes to stderr


def test_an_existing_plan_is_kept_without_force(mpxj: None, tmp_path: Path):
    plan = tmp_path / "plan.yaml"
    plan.write_text("mine\n")
    done = run("import", FIXTURES / "full.xml", "-o", plan)
    assert done.returncode == 2
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert plan.read_text() == "mine\n"
    assert run("import", FIXTURES / "full.xml", "-o", plan, "--force").returncode == 0
    assert plan.read_text().startswith("# Imported")


def test_a_missing_file_exits_2(mpxj: None, tmp_path: Path):
    done = run("import", tmp_path / "nothing.mpp")
    assert done.returncode == 2
    assert "no such file" in done.stderr and "Traceback" not in done.stderr


_HIDE_EXTRA = """
import sys
class Hide:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("mpxj", "jpype"):
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Hide())
sys.argv = ["planctl", "import", sys.argv[1]]
from planctl.cli import main
main()
"""
_HIDE_JAVA = """
import sys, jpype
def no_java():
    raise jpype.JVMNotFoundException("No JVM shared library file (libjvm.so) found")
jpype.getDefaultJVMPath = no_java
sys.argv = ["planctl", "import", sys.argv[1]]
from planctl.cli import main
main()
"""


@pytest.mark.parametrize(("script", "names"), [
    (_HIDE_EXTRA, ["pip install 'planctl[import]'", "mpxj, jpype1"]),
    (_HIDE_JAVA, ["Java runtime", "apt-get install default-jre-headless"]),
], ids=["without-the-extra", "without-java"])
def test_without_the_extra_or_java_one_line_says_what_to_install(script: str, names: list[str]):
    done = subprocess.run([sys.executable, "-c", script, str(FIXTURES / "full.xml")],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    for name in names:
        assert name in done.stderr


def test_help_starts_no_java_and_imports_no_mpxj():
    script = ("import sys\nsys.argv = ['planctl', '--help']\nfrom planctl.cli import main\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] in "
              "('jpype', 'mpxj', 'defusedxml', 'planctl')"
              " and (m.startswith(('jpype', 'mpxj', 'defusedxml', 'planctl.importer')))))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert "import" in done.stdout  # the command is listed
