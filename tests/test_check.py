"""The core of `planctl check`: discovery, includes, lint settings and what fails."""

from __future__ import annotations

import os
import shutil
import textwrap
from datetime import date
from pathlib import Path

import pytest

from planctl.check import check_paths, discover
from planctl.cli.check import exit_code
from planctl.errors import ConfigError, Severity

GOOD = Path(__file__).parent / "good"
PLAN = """\
planctl: 1
name: P
owner: alice
start: 2026-01-05
resources:
  - {id: alice, name: Alice}
phases:
  - id: build
    name: Build
    tasks:
      - {id: a, name: A, duration: 2d, assign: [alice]}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def codes(result) -> list[str]:
    return [f.diagnostic.code for f in result.findings]


def test_good_plans_pass():
    result = check_paths([str(GOOD)])
    assert [os.path.relpath(r.path, GOOD) for r in result.files] == ["clean.yaml",
                                                                     "split/plan.yaml"]
    assert list(result.findings) == []
    assert exit_code(result) == 0
    # The split plan was read with its fragments, kept for code frames.
    split = result.files[1]
    assert [os.path.relpath(s.path, GOOD) for s in split.sources] == [
        "split/plan.yaml", "split/parts/build.yaml", "split/parts/risks.yaml"]


def test_discovery_finds_plans_by_their_top_level_key_only(tmp_path):
    write(tmp_path / "b.yaml", PLAN)
    write(tmp_path / "a" / "plan.yml", "# comment first\n" + PLAN)
    write(tmp_path / "quoted.yaml", PLAN.replace("planctl: 1", '"planctl": 1'))
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + PLAN.encode())
    write(tmp_path / "fragment.yaml", "risks: []\n")
    write(tmp_path / "nested-key.yaml", "tool:\n  planctl: 1\n")
    write(tmp_path / "notes.txt", PLAN)
    write(tmp_path / "Compose.YAML", "services: {}\n")
    for skipped in (".hidden", "node_modules/pkg", "lib/site-packages/x", "__pycache__"):
        write(tmp_path / skipped / "plan.yaml", PLAN)
    write(tmp_path / "myenv" / "pyvenv.cfg", "home = /usr\n")  # a virtual environment
    write(tmp_path / "myenv" / "plan.yaml", PLAN)
    write(tmp_path / "env" / "prod.yaml", PLAN)  # only a name: searched
    write(tmp_path / ".dotplan.yaml", PLAN)
    os.mkfifo(tmp_path / "fifo.yaml")  # must be skipped without blocking
    os.symlink(tmp_path / "a", tmp_path / "link-to-a")  # not followed: no loops, no doubles
    found = [os.path.relpath(p, tmp_path) for p in discover(str(tmp_path))]
    assert found == ["a/plan.yml", "b.yaml", "bom.yaml", "env/prod.yaml", "quoted.yaml"]


@pytest.mark.parametrize("shift", range(0, 12, 3))
def test_a_key_split_across_read_chunks_is_still_found(tmp_path, shift):
    filler = "# " + "x" * 100 + "\n"
    text = filler * ((1 << 16) // len(filler)) + "\n" * (34 + shift) + PLAN
    write(tmp_path / "long.yaml", text)
    assert discover(str(tmp_path)) == [str(tmp_path / "long.yaml")]


def test_a_key_inside_a_long_line_is_not_a_top_level_key(tmp_path):
    # `planctl:` in the middle of one long line, 64 bytes before the first read chunk ends.
    write(tmp_path / "data.yaml", "note: " + "x" * ((1 << 16) - 70) + "planctl: 1" + "x" * 99
          + "\n")
    write(tmp_path / "long-line.yaml", "x" * 200_000 + "\nplanctl: 1\n")
    assert discover(str(tmp_path)) == [str(tmp_path / "long-line.yaml")]


def test_fragments_are_checked_through_their_plan_not_on_their_own(tmp_path):
    shutil.copytree(GOOD / "split", tmp_path / "split")
    # A fragment that looks like a plan on its own is still only checked through its parent.
    write(tmp_path / "split" / "parts" / "risks.yaml", """\
        risks:
          - {id: r, title: R, probability: 9, impact: 1}
        """)
    result = check_paths([str(tmp_path)])
    assert [os.path.relpath(r.path, tmp_path) for r in result.files] == ["split/plan.yaml"]
    (finding,) = result.findings
    assert finding.diagnostic.location.path.endswith("split/parts/risks.yaml")
    assert exit_code(result) == 1


def test_a_discovered_file_reached_through_a_failing_include_is_not_reported_twice(tmp_path):
    write(tmp_path / "main.yaml", PLAN + "include: [other.yaml]\n")
    write(tmp_path / "other.yaml", "planctl: 1\nname: O\nstart: 2026-01-05\n")
    result = check_paths([str(tmp_path)])
    assert [os.path.basename(r.path) for r in result.files] == ["main.yaml"]
    assert codes(result) == ["E117"]


def test_an_explicit_fragment_is_checked_as_asked(tmp_path):
    fragment = write(tmp_path / "parts" / "risks.yaml", "risks: []\n")
    result = check_paths([str(fragment)])
    assert "E202" in codes(result)  # no planctl, name or start: it is not a plan on its own


def test_the_same_file_given_twice_is_checked_once(tmp_path):
    plan = write(tmp_path / "p.yaml", PLAN)
    result = check_paths([str(plan), str(tmp_path), f"{tmp_path}/./p.yaml"])
    assert [r.path for r in result.files] == [str(plan)]


def test_a_directory_without_plans_could_not_be_checked(tmp_path):
    write(tmp_path / "docker-compose.yaml", "services: {}\n")
    result = check_paths([str(tmp_path)])
    assert result.files == []
    assert result.not_checked[0].path == str(tmp_path)
    assert "no plan files found" in result.not_checked[0].message
    assert exit_code(result) == 2


def test_unreadable_paths_exit_2_but_other_plans_are_still_checked(tmp_path):
    bad = write(tmp_path / "bad.yaml", PLAN.replace("duration", "duraton"))
    result = check_paths([str(tmp_path / "missing.yaml"), str(bad)])
    assert [n.message for n in result.not_checked] == ["no such file"]
    assert codes(result) == ["E201"]
    assert exit_code(result) == 2  # could not run as asked wins over findings


# -- lint settings -----------------------------------------------------------------------

WARNED = PLAN + """\
      - {id: b, name: B, duration: 1d}
"""  # task b has no owner and no assignment: T101, a warning


def test_warnings_do_not_fail_unless_strict(tmp_path):
    plan = write(tmp_path / "p.yaml", WARNED)
    result = check_paths([str(plan)])
    (finding,) = result.findings
    assert (finding.diagnostic.code, finding.diagnostic.severity) == ("T101", Severity.WARNING)
    assert str(finding.diagnostic.location) == f"{plan}:12:14"  # the id of task b
    assert not finding.fails and exit_code(result) == 0
    strict = check_paths([str(plan)], strict=True)
    assert [f.fails for f in strict.findings] == [True] and exit_code(strict) == 1


def test_select_and_ignore_choose_rules(tmp_path):
    plan = write(tmp_path / "p.yaml", WARNED)
    assert codes(check_paths([str(plan)], ignore=["T101"])) == []
    assert codes(check_paths([str(plan)], ignore=["task-unowned"])) == []
    assert codes(check_paths([str(plan)], select=["R"])) == []
    assert codes(check_paths([str(plan)], select=["T1"])) == ["T101"]


def test_an_unknown_rule_on_the_command_line_is_a_config_error(tmp_path):
    plan = write(tmp_path / "p.yaml", PLAN)
    with pytest.raises(ConfigError, match="T999"):
        check_paths([str(plan)], select=["T999"])


def test_settings_file_is_found_upward_and_a_bad_one_stops_the_check(tmp_path):
    plan = write(tmp_path / "plans" / "p.yaml", WARNED)
    write(tmp_path / ".planctl.toml", 'ignore = ["T101"]\n')
    assert codes(check_paths([str(plan)])) == []
    write(tmp_path / ".planctl.toml", 'ignroe = ["T101"]\n')
    result = check_paths([str(plan)])
    assert result.files == [] and exit_code(result) == 2
    assert "ignroe" in result.not_checked[0].message


def test_as_of_overrides_the_status_date_for_rules_about_progress(tmp_path):
    plan = write(tmp_path / "p.yaml", PLAN.replace(
        "duration: 2d,", "duration: 2d, deadline: 2026-02-01,"))
    assert codes(check_paths([str(plan)])) == []
    late = check_paths([str(plan)], as_of=date(2026, 3, 1))
    assert codes(late) == ["T125"]
    assert late.files[0].status_date == date(2026, 3, 1) and late.files[0].not_run == ()


def test_without_a_status_date_the_rules_that_need_one_do_not_run_and_say_so(tmp_path):
    # No status_date and no --as-of: no clock either, so the verdict is the same every day.
    plan = write(tmp_path / "p.yaml", PLAN.replace(
        "duration: 2d,", "duration: 2d, deadline: 2026-02-01,"))
    result = check_paths([str(plan)])
    assert codes(result) == []
    assert result.files[0].status_date is None
    assert set(result.files[0].not_run) == {"T124", "T125", "T126", "R102", "D102"}
    assert result.without_status_date == result.files
    chosen = check_paths([str(plan)], select=["T125"])
    assert chosen.files[0].not_run == ("T125",)
    assert check_paths([str(plan)], ignore=["T1", "R", "D"]).without_status_date == []


def test_a_schedule_provider_is_handed_each_plan_and_its_status_date(tmp_path):
    plan = write(tmp_path / "p.yaml", PLAN)
    seen = []

    def provider(loaded, as_of):
        seen.append((loaded.plan.name, as_of))
        return lambda: None

    check_paths([str(plan)], as_of=date(2026, 2, 2), schedule_provider=provider)
    assert seen == [("P", date(2026, 2, 2))]


def test_findings_in_a_file_are_sorted_by_place(tmp_path):
    plan = write(tmp_path / "p.yaml", WARNED + """\
      - {id: c, name: C, duration: 1d}
""")
    lines = [f.diagnostic.location.line for f in check_paths([str(plan)]).findings]
    assert lines == sorted(lines) and len(lines) == 2


def test_source_of_a_failed_plan_is_kept_for_code_frames_and_never_read_again(tmp_path):
    plan = write(tmp_path / "p.yaml", PLAN.replace("duration", "duraton"))
    result = check_paths([str(plan)])
    assert [s.path for s in result.files[0].sources] == [str(plan)]
    plan.write_text("changed since")
    source = result.source(str(plan))
    assert source is not None and "duraton" in source.line(11)
    other = write(tmp_path / "other.yaml", "secret: 1\n")
    assert result.source(str(other)) is None


SHARED = PLAN.replace("tasks:\n", """tasks:
      - {id: b, name: B, duration: 2d, assign: [alice]}
""").replace("assign: [alice]}\n", "assign: [alice], deadline: 2026-01-06}\n")


def test_the_command_scheduler_feeds_the_date_rules(tmp_path):
    from planctl.check import scheduler

    plan = write(tmp_path / "p.yaml", SHARED)
    levelled = check_paths([str(plan)], schedule_provider=scheduler())
    # Levelling puts one of the two tasks after the other, past the deadline both have.
    assert "D101" in codes(levelled)
    assert "D103" not in codes(levelled)
    unlevelled = check_paths([str(plan)], schedule_provider=scheduler(level=False))
    assert "D103" in codes(unlevelled) and "D101" not in codes(unlevelled)
    # Without a provider, the rules that need dates are skipped.
    assert not [c for c in codes(check_paths([str(plan)])) if c.startswith("D")]


def test_a_plan_that_cannot_be_scheduled_is_an_error_at_its_place(tmp_path):
    from planctl.check import scheduler

    plan = write(tmp_path / "p.yaml", PLAN.replace("start: 2026-01-05\n",
                                                   "start: 2026-01-05\ncalendar: {country: ZZ}\n"))
    result = check_paths([str(plan)], schedule_provider=scheduler())
    (found,) = [f for f in result.findings if f.diagnostic.code == "E401"]
    assert found.fails and found.diagnostic.location.line == 5
    assert "ZZ" in found.diagnostic.message
    assert exit_code(result) == 1


STALE = PLAN.replace("start: 2026-01-05\n", "start: 2026-01-05\nstatus_date: 2026-01-23\n")


def test_a_status_date_older_than_recorded_progress_is_stale_when_checked_later(tmp_path):
    plan = write(tmp_path / "p.yaml", STALE.replace(
        "assign: [alice]}", "assign: [alice], status: done, actual_start: 2026-01-26,\n"
        "         actual_finish: 2026-01-27}"))
    (finding,) = [f.diagnostic for f in check_paths([str(plan)], as_of=date(2026, 2, 2)).findings
                  if f.diagnostic.code == "T126"]
    assert finding.message == ("status_date 2026-01-23 is older than progress recorded on "
                               "2026-01-27 (task 'a'); it is 10 calendar days old on 2026-02-02")
    assert (finding.location.line, finding.location.column) == (5, 14)
    # At its own status date the plan is not stale (T124 reports the actual dates instead).
    assert "T126" not in codes(check_paths([str(plan)]))


def test_stale_status_days_is_read_from_the_settings(tmp_path):
    plan = write(tmp_path / "p.yaml", STALE)
    as_of = date(2026, 2, 2)  # 10 days after the status date
    assert "T126" not in codes(check_paths([str(plan)], as_of=as_of))  # default 14
    write(tmp_path / ".planctl.toml", "stale-status-days = 7\n")
    assert "T126" in codes(check_paths([str(plan)], as_of=as_of))
    write(tmp_path / ".planctl.toml", "stale-status-days = -1\n")
    result = check_paths([str(plan)], as_of=as_of)
    assert result.files == [] and "stale-status-days" in result.not_checked[0].message
