"""The bad-plan corpus (tests/bad): every plan fails with its exit code, location and words.

The corpus runs here through the in-process core (fast); tests/test_e2e_check.py runs it
through the installed command.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from planctl.check import check_paths, scheduler
from planctl.cli.check import exit_code
from planctl.reader import Limits

CORPUS = Path(__file__).parent / "bad"
_EXPECT = re.compile(r"# expect: (\d) (\S+):(\d+):(\d+) ([A-Z]\d{3}) (.+)")


@dataclass(frozen=True)
class Expected:
    where: str  # path relative to the corpus, line and column: "x.yaml:3:7"
    code: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    path: Path
    exit_code: int
    findings: tuple[Expected, ...]

    @property
    def name(self) -> str:
        return self.path.name


def _header(path: Path) -> list[str]:
    sidecar = path.with_name(path.name + ".expect")
    data = sidecar.read_bytes() if sidecar.exists() else path.read_bytes()
    lines = []
    for raw in data.split(b"\n"):
        line = raw.decode("utf-8", "replace").rstrip("\r")
        if not line.startswith("# expect:"):
            break
        lines.append(line)
    return lines


def load_case(path: Path) -> Case:
    lines = _header(path)
    if not lines:
        raise ValueError(f"{path}: no '# expect:' line (nor a {path.name}.expect sidecar)")
    codes, findings = set(), []
    for line in lines:
        match = _EXPECT.fullmatch(line)
        if match is None:
            raise ValueError(f"{path}: malformed expectation: {line}")
        exit_code, file, row, col, code, words = match.groups()
        codes.add(int(exit_code))
        findings.append(Expected(f"{file}:{row}:{col}", code, tuple(words.split("|"))))
    if len(codes) != 1:
        raise ValueError(f"{path}: expectations disagree on the exit code")
    return Case(path, codes.pop(), tuple(findings))


def cases() -> list[Case]:
    return [load_case(p) for p in sorted(CORPUS.iterdir())
            if p.suffix in (".yaml", ".yml") and p.is_file()]


CASES = cases()


def found_in(result) -> dict[tuple[str, str], str]:
    """(path:line:col relative to the corpus, code) → message and hint of each finding."""
    found = {}
    for finding in result.findings:
        d = finding.diagnostic
        where = f"{os.path.relpath(d.location.path, CORPUS)}:{d.location.line}:{d.location.column}"
        found[(where, d.code)] = f"{d.message} {d.hint or ''}"
    return found


def test_the_corpus_is_large_and_covers_every_family():
    assert len(CASES) >= 35
    codes = {e.code for case in CASES for e in case.findings}
    # Reader/YAML, schema and semantic errors are all represented.
    assert {"E102", "E103", "E104", "E105", "E106", "E107", "E108", "E109", "E110", "E111",
            "E112", "E113", "E114", "E115", "E116", "E200", "E201", "E202", "E203", "E204",
            "E301", "E302", "E303"} <= codes


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_plan_fails_with_its_location_and_words(case):
    started = time.monotonic()
    # Scheduled as `planctl check` schedules: some plans load and fail only on the calendar.
    result = check_paths([str(case.path)], schedule_provider=scheduler())
    assert time.monotonic() - started < 5  # a hang guard, not a timing test
    assert exit_code(result) == case.exit_code
    assert not result.not_checked
    found = found_in(result)
    expected = {(e.where, e.code): e.words for e in case.findings}
    assert set(found) == set(expected), f"found {sorted(found)}"
    for key, words in expected.items():
        for word in words:
            assert word in found[key], f"{key}: {word!r} not in {found[key]!r}"


def test_a_file_over_the_size_limit_is_a_located_finding(tmp_path):
    plan = tmp_path / "big.yaml"
    plan.write_text("planctl: 1\nname: Big\nstart: 2026-01-05\ndescription: " + "x" * 5000 + "\n")
    result = check_paths([str(plan)], limits=Limits(max_bytes=1000))
    assert exit_code(result) == 1
    (finding,) = result.findings
    assert finding.diagnostic.code == "E101"
    assert str(finding.diagnostic.location) == f"{plan}:1:1"
    assert "--max-bytes" in finding.diagnostic.hint


def test_a_50_mb_file_is_refused_without_reading_it_all(tmp_path):
    plan = tmp_path / "huge.yaml"
    with plan.open("wb") as handle:
        handle.write(b"planctl: 1\n")
        handle.truncate(50 * 1024 * 1024)  # sparse: no disk used
    started = time.monotonic()
    result = check_paths([str(plan)])
    assert time.monotonic() - started < 5  # a hang guard, not a timing test
    assert [f.diagnostic.code for f in result.findings] == ["E101"]
    assert exit_code(result) == 1


@pytest.mark.parametrize("make", ["fifo", "directory-named-yaml", "missing"])
def test_paths_that_cannot_be_read_are_not_findings_but_exit_2(tmp_path, make):
    path = tmp_path / "plan.yaml"
    if make == "fifo":
        os.mkfifo(path)  # reading it must not block
    elif make == "directory-named-yaml":
        path.mkdir()
        (path / "notes.txt").write_text("not a plan")
    result = check_paths([str(path)])
    assert exit_code(result) == 2
    assert [n.path for n in result.not_checked] == [str(path)]
    assert not result.files
