"""End-to-end: the real `planctl fmt` command on files, directories, links and bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
BAD = ROOT / "tests" / "bad"
EXAMPLES = ROOT / "examples"
MESSY = """\
# header
name: Messy   # the name
planctl: 1
start: "2026-01-05"
phases:
- tasks:
  - {duration: 2d, name: A, id: a}
  name: Build
  id: build
"""
# Bad files the reader refuses (E1xx): fmt must refuse them too, located, and leave them be.
READER_REFUSED = ["alias-bomb", "deep-nesting", "duplicate-key", "python-tag", "secret-tag",
                  "two-documents", "huge-number", "recursive-alias", "tabs", "unclosed-quote",
                  "binary", "latin1", "utf16-bom", "empty", "only-comments", "top-level-list",
                  "top-level-scalar", "syntax-bad-indent", "nul-byte"]


def run(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "planctl", "fmt", *args], cwd=cwd,
                          input=stdin, capture_output=True, timeout=120)
    assert b"Traceback" not in done.stderr + done.stdout
    return done


def test_formats_in_place_then_has_nothing_to_do(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MESSY)
    plan.chmod(0o640)
    done = run(str(plan))
    assert done.returncode == 0 and b"1 file reformatted" in done.stderr
    text = plan.read_text()
    assert text.startswith("# header\nplanctl: 1\nname: Messy  # the name\n")
    assert "  - id: build\n    name: Build\n    tasks:\n      - {id: a, name: A, duration: 2d}\n" \
        in text
    assert oct(plan.stat().st_mode & 0o777) == oct(0o640)
    before = plan.stat().st_mtime_ns
    again = run("--check", str(plan))
    assert again.returncode == 0 and plan.stat().st_mtime_ns == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file


def test_check_lists_what_would_change_and_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MESSY)
    done = run("--check", str(plan))
    assert done.returncode == 1 and done.stdout.decode() == f"would reformat {plan}\n"
    assert plan.read_text() == MESSY


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MESSY)
    out = run("--diff", str(plan)).stdout.decode()
    assert out.startswith(f"--- {plan} (original)\n+++ {plan} (formatted)\n@@")
    assert "-name: Messy   # the name\n" in out and "+name: Messy  # the name\n" in out
    assert plan.read_text() == MESSY


def test_stdin_to_stdout() -> None:
    done = run("-", stdin=MESSY.encode())
    assert done.returncode == 0 and done.stdout.startswith(b"# header\nplanctl: 1\n")
    assert run("--check", "-", stdin=MESSY.encode()).returncode == 1
    assert run("-", stdin=b"a: !!python/object/apply:os.system [x]\n").returncode == 1


def test_a_directory_formats_plans_and_their_fragments(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    # The examples are kept in fmt's layout (tests/test_examples.py); write them back with
    # four-space indents, as many editors do, to give fmt something to do in every file.
    from ruamel.yaml import YAML

    four_spaces = YAML()
    four_spaces.indent(mapping=4, sequence=6, offset=4)
    files = sorted((tmp_path / "examples").rglob("*.yaml"))
    for path in files:
        with path.open("r+", encoding="utf-8") as file:
            data = four_spaces.load(file.read())
            file.seek(0)
            file.truncate()
            four_spaces.dump(data, file)
    done = run(str(tmp_path / "examples"))
    assert done.returncode == 0, done.stderr
    assert f"{len(files)} files reformatted, 0 files unchanged".encode() in done.stderr
    assert run("--check", str(tmp_path / "examples")).returncode == 0
    # The formatted plans still check, and schedule to the same dates and costs.
    for name in ("crm-rollout.yaml", "app-release.yaml", "dc-migration/plan.yaml"):
        def schedule(root: Path, name: str = name) -> bytes:
            return subprocess.run([sys.executable, "-m", "planctl", "schedule", str(root / name),
                                   "--format", "json"], capture_output=True, cwd=root,
                                  timeout=120).stdout
        assert schedule(tmp_path / "examples") == schedule(EXAMPLES)


def test_a_symlink_stays_a_link_to_the_formatted_target(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(MESSY)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    assert run(str(link)).returncode == 0
    assert link.is_symlink() and target.read_text().startswith("# header\nplanctl: 1\n")


def test_crlf_and_bom_are_kept_and_a_second_run_is_a_no_op(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(b"\xef\xbb\xbf" + MESSY.replace("\n", "\r\n").encode())
    assert run(str(plan)).returncode == 0
    data = plan.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf# header\r\nplanctl: 1\r\n")
    assert data.count(b"\n") == data.count(b"\r\n")
    assert run("--check", str(plan)).returncode == 0


def test_a_read_only_file_is_refused_untouched(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(MESSY)
    plan.chmod(0o444)
    done = run(str(plan))
    assert done.returncode == 2 and b"read-only" in done.stderr
    assert plan.read_text() == MESSY
    assert run("--check", str(plan)).returncode == 1  # checking reads only


@pytest.mark.parametrize("name", READER_REFUSED)
def test_what_the_reader_refuses_fmt_refuses_located_and_untouched(
        name: str, tmp_path: Path) -> None:
    source = BAD / f"{name}.yaml"
    copy = tmp_path / source.name
    copy.write_bytes(source.read_bytes())
    done = run(str(copy), cwd=tmp_path)
    assert done.returncode in (1, 2), done.stderr
    assert copy.read_bytes() == source.read_bytes()
    assert f"{copy.name}:".encode() in done.stderr or str(copy).encode() in done.stderr
    assert not list(tmp_path.glob("canary*"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


SUPPRESSED = """\
planctl: 1
name: P
owner: al
start: 2026-01-05
status_date: 2026-01-05
resources: [{id: al, name: Al}]
phases:
  - id: build
    name: Build
    tasks:
      - {id: a, name: A, duration: 2d, assign: [al]}
      - name: B  # planctl: ignore[T101]
        duration: 1d
        id: b
      - duration: 1d
        id: c  # planctl: ignore[T101]
        name: C
      LONG_TASK  # planctl: ignore[T101]
      - duration: 1d
        id: e
        name: E
""".replace("LONG_TASK", "- {duration: 1d, id: d, name: D, tags: ["
            + ", ".join("abcdefghijklmnopqrs") + "]}")  # too long for one line by fmt's rule


def test_suppressions_silence_the_same_findings_after_formatting(tmp_path: Path) -> None:
    # `# planctl: ignore[...]` works on its own line: fmt keeps it beside the same keys (the
    # directive on B's dash line silences nothing, before and after; d stays on one line).
    import json

    plan = tmp_path / "plan.yaml"
    plan.write_text(SUPPRESSED)

    def findings() -> list[tuple[str, str]]:
        done = subprocess.run([sys.executable, "-m", "planctl", "check", "-f", "json", str(plan)],
                              capture_output=True, text=True, timeout=120)
        return sorted((f["code"], f["message"]) for f in json.loads(done.stdout)["diagnostics"])

    before = findings()
    assert [code for code, _ in before] == ["T101", "T101"]
    assert run(str(plan)).returncode == 0 and plan.read_text() != SUPPRESSED
    assert findings() == before
    assert run("--check", str(plan)).returncode == 0
