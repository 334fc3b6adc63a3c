"""`planctl init`: a new plan with every section, that passes `check` as written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator

from planctl.cli.init import SCHEMA_FILE, next_monday, render_plan
from planctl.fmt.core import format_text
from planctl.lint import lint_plan
from planctl.loader import load_text
from planctl.located import SourceFile
from planctl.reader import parse
from planctl.schedule import schedule_plan
from planctl.schema import schema_text

ROOT = Path(__file__).parent.parent
COMMAND = [sys.executable, "-m", "planctl", "init"]
SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
TODAY = date(2026, 3, 4)  # a Wednesday


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([*COMMAND, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60)
    assert "Traceback" not in done.stderr
    return done


def findings(text: str, today: date) -> list[str]:
    loaded = load_text(text, "plan.yaml")
    found = lint_plan(loaded, as_of=today,
                      schedule_provider=lambda: schedule_plan(loaded.plan, as_of=today))
    return [f"{d.location} {d.code} {d.message}" for d in found]


def test_the_plan_has_every_section_and_every_form():
    text = render_plan(name="CRM rollout", start=date(2026, 3, 9), today=TODAY)
    plan = load_text(text, "plan.yaml").plan
    assert plan.name == "CRM rollout" and plan.id == "crm-rollout"
    assert plan.start == date(2026, 3, 9) and plan.owner
    for section in ("objectives", "resources", "phases", "risks", "stakeholders",
                    "communications", "lessons"):
        assert getattr(plan, section), section
    assert plan.budget is not None and plan.calendar.holidays and plan.description
    assert all(o.kpi is not None and o.kpi.target is not None for o in plan.objectives)
    tasks = [t for _, t in plan.iter_tasks()]
    assert {t.work_kind for t in tasks} == {"milestone", "duration", "effort"}
    assert any(t.effort and t.assign for t in tasks)
    assert any(d.type != "FS" or d.lag.amount for t in tasks for d in t.depends_on)
    assert any(t.deadline for t in tasks) and any(p.depends_on for p in plan.phases)
    assert {r.kind for r in plan.resources} == {"person", "team", "equipment"}
    assert plan.lessons[0].date == TODAY
    # `include` is shown, commented out; `status_date` is written, so that `check` gives
    # the new plan the same verdict on every day (it never compares with the clock).
    assert "\n# include: [" in text and "\nstatus_date: 2026-03-09 " in text
    assert plan.status_date == date(2026, 3, 9)
    assert "${" not in text


def test_the_first_line_points_editors_at_the_schema():
    text = render_plan(name="P", start=date(2026, 3, 9), today=TODAY)
    # A relative path, which the editor resolves beside the plan, offline (no URL is published).
    assert SCHEMA_FILE == "plan.schema.json"
    assert text.splitlines()[0] == "# yaml-language-server: $schema=plan.schema.json"
    other = render_plan(name="P", start=date(2026, 3, 9), today=TODAY,
                        schema="../schemas/plan.schema.json")
    assert other.splitlines()[0] == "# yaml-language-server: $schema=../schemas/plan.schema.json"


def test_the_plan_is_valid_against_the_json_schema():
    text = render_plan(name="P", start=date(2026, 3, 9), today=TODAY)
    data = json.loads(json.dumps(parse(text, SourceFile("plan.yaml", text))))
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    assert [e.message for e in validator.iter_errors(data)] == []


@settings(max_examples=25, deadline=None)
@given(start=st.dates(date(2024, 1, 1), date(2030, 12, 31)), lead=st.integers(0, 30))
def test_the_plan_is_lint_clean_on_any_start_date(start: date, lead: int):
    today = start - timedelta(days=lead)  # a plan is written before its work starts
    assert findings(render_plan(name="P", start=start, today=today), today) == []


@settings(max_examples=80, deadline=None)
@given(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()
                                             and not any(0xD800 <= ord(c) <= 0xDFFF for c in s)))
def test_any_name_reads_back_exactly(name: str):
    text = render_plan(name=name, start=date(2026, 3, 9), today=TODAY)
    plan = load_text(text, "plan.yaml").plan
    assert plan.name == name
    assert plan.id  # a slug of the name, else of the file name


@pytest.mark.parametrize("name", ["no", "Yes", "null", "0", "1.10", "2026-01-05", "- x", "a: b",
                                  "x # y", "@home", "[1]", "'q'", '"q"', "a\nb", "tab\there",
                                  "\u2028", "\x85", "trailing ", " leading", "Ünïcødé ✓"])
def test_names_yaml_would_misread_are_quoted(name: str):
    text = render_plan(name=name, start=date(2026, 3, 9), today=TODAY)
    assert load_text(text, "plan.yaml").plan.name == name


@settings(max_examples=60, deadline=None)
@given(name=st.one_of(st.sampled_from(["New plan", "x", "no", "a: b", "x # y", "Ünïcødé ✓",
                                       "trailing ", "tab\there", "a\nb"]),
                      st.text(min_size=1, max_size=40).filter(
                          lambda s: s.strip() and not any(0xD800 <= ord(c) <= 0xDFFF for c in s))),
       start=st.dates(date(2024, 1, 1), date(2030, 12, 31)))
def test_the_plan_is_already_in_fmt_layout(name: str, start: date):
    # A user's first `planctl fmt --check` (or the pre-commit hook) must not flag the plan
    # `init` just wrote.
    text = render_plan(name=name, start=start, today=TODAY)
    assert format_text(text, "plan.yaml") == text


@pytest.mark.parametrize("today, monday", [
    (date(2026, 3, 2), date(2026, 3, 9)),   # a Monday: the next one
    (date(2026, 3, 4), date(2026, 3, 9)),
    (date(2026, 3, 7), date(2026, 3, 9)),   # Saturday
    (date(2026, 3, 8), date(2026, 3, 9)),   # Sunday
    (date(2026, 12, 31), date(2027, 1, 4)),
])
def test_the_default_start_is_the_next_monday(today: date, monday: date):
    assert next_monday(today) == monday


# -- the command -------------------------------------------------------------------------------

def test_writes_plan_yaml_that_check_accepts(tmp_path: Path):
    done = run(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = tmp_path / "plan.yaml"
    assert "planctl check plan.yaml" in done.stderr
    plan = load_text(written.read_text(encoding="utf-8"), str(written)).plan
    assert plan.start == next_monday(date.today()) or plan.start == next_monday(
        date.today() - timedelta(days=1))  # the run may cross midnight
    assert written.stat().st_mode & 0o777 == 0o666 & ~_umask()
    # The schema the first line names is beside the plan (tests/editor opens both in the real
    # language server).
    assert (tmp_path / "plan.schema.json").read_text(encoding="utf-8") == schema_text()
    assert "wrote plan.schema.json" in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.schema.json", "plan.yaml"]
    check = subprocess.run([sys.executable, "-m", "planctl", "check", "--strict", "plan.yaml"],
                           cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def test_options_name_start_and_path(tmp_path: Path):
    done = run("sub.yaml", "--name", "Data centre move", "--start", "2026-05-04", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    plan = load_text((tmp_path / "sub.yaml").read_text(encoding="utf-8")).plan
    assert (plan.name, plan.start, plan.id) == ("Data centre move", date(2026, 5, 4),
                                                "data-centre-move")


def test_refuses_to_overwrite_without_force(tmp_path: Path):
    target = tmp_path / "plan.yaml"
    target.write_text("mine\n")
    done = run(cwd=tmp_path)
    assert done.returncode == 2
    assert "already exists" in done.stderr and "--force" in done.stderr
    assert target.read_text() == "mine\n"
    done = run("--force", "--start", "2026-05-04", cwd=tmp_path)
    assert done.returncode == 0
    assert load_text(target.read_text(encoding="utf-8")).plan.start == date(2026, 5, 4)


def test_force_through_a_symlink_keeps_the_link(tmp_path: Path):
    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    (tmp_path / "plan.yaml").symlink_to(real)
    assert run(cwd=tmp_path).returncode == 2
    assert run("--force", cwd=tmp_path).returncode == 0
    assert (tmp_path / "plan.yaml").is_symlink() and real.read_text().startswith("# yaml-")


@pytest.mark.parametrize("args, words", [
    (["--start", "2026-02-30"], "not a valid date"),
    (["--start", "next week"], "not a valid date"),
    (["--name", "  "], "must not be empty"),
    (["--schema", "a b"], "no spaces"),
    (["missing/dir/plan.yaml"], "does not exist"),
    (["."], "is a directory"),
])
def test_bad_requests_exit_2_with_a_reason(tmp_path: Path, args: list[str], words: str):
    done = run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert words in done.stderr
    assert list(tmp_path.iterdir()) == []


# -- the schema beside the plan ----------------------------------------------------------------

def test_a_current_schema_is_left_as_it_is(tmp_path: Path):
    schema = tmp_path / "plan.schema.json"
    schema.write_text(schema_text(), encoding="utf-8")
    inode = schema.stat().st_ino
    done = run("a.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert schema.stat().st_ino == inode  # not rewritten (an atomic write makes a new file)
    assert "schema" not in done.stderr
    assert (tmp_path / "a.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=plan.schema.json\n")


def test_a_different_schema_is_kept_and_said_so_unless_force(tmp_path: Path):
    schema = tmp_path / "plan.schema.json"
    schema.write_text('{"title": "an older schema"}\n')
    done = run("a.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "kept plan.schema.json, which differs" in done.stderr
    assert "planctl schema -o plan.schema.json" in done.stderr
    assert schema.read_text() == '{"title": "an older schema"}\n'
    done = run("b.yaml", "--force", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "replaced plan.schema.json" in done.stderr
    assert schema.read_text(encoding="utf-8") == schema_text()


def test_the_schema_goes_beside_a_plan_in_another_folder(tmp_path: Path):
    (tmp_path / "plans").mkdir()
    done = run("plans/crm.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "plans" / "plan.schema.json").read_text(encoding="utf-8") == schema_text()
    assert not (tmp_path / "plan.schema.json").exists()


def test_a_schema_of_ones_own_is_named_and_not_written(tmp_path: Path):
    done = run("--schema", "../schemas/plan.schema.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]
    assert "../schemas/plan.schema.json does not exist yet" in done.stderr
    assert "planctl schema -o ../schemas/plan.schema.json" in done.stderr
    done = run("--force", "--schema", "https://example.org/plan.json", cwd=tmp_path)
    assert done.returncode == 0 and "does not exist" not in done.stderr
    assert [p.name for p in tmp_path.iterdir()] == ["plan.yaml"]


def test_a_schema_that_cannot_be_written_stops_before_the_plan(tmp_path: Path):
    (tmp_path / "plan.schema.json").mkdir()
    done = run(cwd=tmp_path)
    assert done.returncode == 2
    assert "plan.schema.json is a directory" in done.stderr
    assert not (tmp_path / "plan.yaml").exists()
