"""Fuzz the reader and includes: mutated corpus plans, examples and hostile include trees.

Every example is a small project (a folder with `.git`) beside a folder of secrets. A plan from
the bad corpus, the good plans or the examples is mutated (bytes cut, repeated or replaced,
structure characters and hostile include paths inserted, fragments made into links) and
checked. Whatever the input:

- `check` ends with 0, 1 or 2 — never 3, never a traceback, never a crash;
- every finding is located in a file inside the project, and no secret from outside (content,
  key names, paths) appears in any message, hint or code frame;
- reading stays bounded: in-process examples under a hang guard, and the `fuzz-slow` ones as
  the real command in a child process with a 1 GB address-space limit and a timeout.

Budgets and seeds come from the shared profiles (tests/fuzz/conftest.py).
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from planctl.check import check_paths
from planctl.cli.check import exit_code
from planctl.report import ReportOptions
from planctl.report.text import report

TESTS = Path(__file__).parent.parent
SEEDS = sorted([*(TESTS / "bad").glob("*.yaml"), *(TESTS / "good").rglob("*.yaml"),
                *(TESTS.parent / "examples").rglob("*.yaml")])
SEEDS = [p for p in SEEDS if p.stat().st_size < 20_000]  # the deep-nesting ones are covered
SECRET_KEY, SECRET_VALUE = "ci_deploy_token", "SECRET-7f3a9c"
HOSTILE_INCLUDES = [
    "../secrets/token.yaml", "../../secrets/token.yaml", "../" * 20 + "proc/self/environ",
    "/proc/self/environ", "/etc/passwd", "link.yaml", "dirlink/token.yaml", "loop.yaml",
    "fifo.yaml", "parts/../../secrets/token.yaml", "a\0b.yaml", ".git/config", "plan.yaml",
    "frag.yaml", "frag.yaml", "./frag.yaml", "nested/../frag.yaml", "x" * 300 + ".yaml", "",
    ".", "..", "nested", "%2e%2e/secrets/token.yaml", "~/.ssh/id_rsa",
]
STRUCTURE = ["[", "]", "{", "}", "- ", ": ", "\n", "\n  ", "&a ", "*a", "<<: ", "!!str ", "#",
             "'", '"', "\t", "\r", "\x00", "\ufeff", "%YAML 1.1\n", "---\n", "? ", "|\n",
             "include: [", "include: ", "9" * 320, "1e999", "-.inf"]


def make_project(folder: Path, text: bytes, fragment: bytes) -> Path:
    project = folder / "project"
    (project / ".git").mkdir(parents=True)
    (project / "nested").mkdir()
    secrets = folder / "secrets"
    secrets.mkdir()
    (secrets / "token.yaml").write_text(f"{SECRET_KEY}: {SECRET_VALUE}\n")
    (project / "frag.yaml").write_bytes(fragment)
    (project / "link.yaml").symlink_to(secrets / "token.yaml")
    (project / "dirlink").symlink_to(secrets)
    (project / "loop.yaml").symlink_to("loop.yaml")
    os.mkfifo(project / "fifo.yaml")
    plan = project / "plan.yaml"
    plan.write_bytes(text)
    return plan


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)).read_bytes())
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "cut", "repeat", "include"]))
        if kind == "insert":
            piece = draw(st.sampled_from(STRUCTURE)) * draw(st.sampled_from([1, 1, 2, 70, 3000]))
            data[at:at] = piece.encode("utf-8")
        elif kind == "cut":
            del data[at:at + draw(st.integers(1, 40))]
        elif kind == "repeat":
            data[at:at] = bytes(data[at:at + draw(st.integers(1, 60))]) * draw(st.integers(2, 50))
        else:
            names = draw(st.lists(st.sampled_from(HOSTILE_INCLUDES), min_size=1, max_size=4))
            line = "include: [" + ", ".join(_quoted(n) for n in names) + "]\n"
            data[:0] = line.encode("utf-8")
    return bytes(data)


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace("\0", "\\0").replace('"', '\\"') + '"'


def fragments() -> st.SearchStrategy[bytes]:
    includes = st.lists(st.sampled_from(HOSTILE_INCLUDES), max_size=3).map(
        lambda names: ("include: [" + ", ".join(_quoted(n) for n in names) + "]\n").encode())
    body = st.sampled_from([b"risks: []\n", b"phases: [[[[\n", b"planctl: 1\n",
                            b"resources: [{id: r, name: R}]\n", b"- a\n", b"\xff\xfe"])
    return st.tuples(includes, body).map(lambda parts: parts[0] + parts[1])


def leaks(folder: Path) -> tuple[str, ...]:
    """What of the outside may never be shown (the include paths written in the plan may)."""
    return (SECRET_KEY, SECRET_VALUE, str(folder / "secrets"),
            os.path.realpath(folder / "secrets"), "root:x:0")


def assert_contained(result, project: Path, shown: str) -> None:
    root = os.path.realpath(project)
    for finding in result.findings:
        where = os.path.realpath(os.path.join(project, finding.diagnostic.location.path))
        assert where == root or where.startswith(root + os.sep), finding.diagnostic
    for leak in leaks(project.parent):
        assert leak not in shown


@settings(settings.get_profile("fuzz"))
@given(text=mutated(), fragment=fragments())
def test_mutated_plans_and_include_trees_in_process(text: bytes, fragment: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = make_project(Path(folder), text, fragment)
        cwd = os.getcwd()
        os.chdir(plan.parent)  # findings name files relative to here, as in CI
        try:
            started = time.monotonic()
            result = check_paths(["plan.yaml"])
            assert time.monotonic() - started < 60  # a hang guard, not a timing test
            out = io.StringIO()
            report(result, out, ReportOptions(frames=True, color=False, quiet=False))
        finally:
            os.chdir(cwd)
        assert exit_code(result) in (0, 1, 2)
        shown = out.getvalue() + " ".join(n.message for n in result.not_checked)
        assert_contained(result, plan.parent, shown)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@settings(settings.get_profile("fuzz-slow"))
@given(text=mutated(), fragment=fragments())
def test_mutated_plans_through_the_command_stay_bounded(text: bytes, fragment: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        plan = make_project(Path(folder), text, fragment)
        command = [shutil.which("planctl") or sys.executable, "check", "--frames", "plan.yaml"]
        if command[0] == sys.executable:
            command[1:1] = ["-m", "planctl"]
        done = subprocess.run(command, cwd=plan.parent, capture_output=True, timeout=120,
                              preexec_fn=_limit_memory)
        shown = (done.stdout + done.stderr).decode("utf-8", "replace")
        assert done.returncode in (0, 1, 2), shown
        assert "Traceback" not in shown and "internal error" not in shown
        for leak in leaks(Path(folder)):
            assert leak not in shown
