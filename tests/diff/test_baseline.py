"""Baselines: the saved file, variance against it, and every command that shows it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from diffutil import PLAN, make_repo, run

from planctl import baseline
from planctl.loader import load_text
from planctl.schedule import schedule_plan

LONGER = PLAN.replace("duration: 3w, assign: [dev]}", "duration: 4w, assign: [dev]}")


def scheduled(text: str):
    plan = load_text(text).plan
    return plan, schedule_plan(plan, as_of=plan.status_date)


def test_the_file_is_one_line_a_task_and_reads_back(tmp_path: Path) -> None:
    plan, schedule = scheduled(PLAN)
    path = baseline.save(str(tmp_path / "shop.yaml"), plan, schedule, "approved")
    assert path == str(tmp_path / "shop.baselines" / "approved.yaml")
    text = Path(path).read_text()
    assert ('  - {id: "design", name: "Design", phase: "build", start: 2026-01-05, '
            'finish: 2026-01-23, duration: 15, work: 15.0, cost: 7500.0}') in text
    assert "finish: 2026-02-13\ncost: 16500.0\n" in text
    saved = baseline.read(path)
    assert saved == baseline.snapshot(plan, schedule, "approved")
    baseline.save(str(tmp_path / "shop.yaml"), plan, schedule)  # several baselines side by side
    assert sorted(p.name for p in (tmp_path / "shop.baselines").iterdir()) == [
        "approved.yaml", "baseline.yaml"]


def test_variance_in_working_days_per_task_milestone_and_phase() -> None:
    saved = baseline.snapshot(*scheduled(PLAN))
    plan, schedule = scheduled(LONGER)
    v = baseline.variance(saved, plan, schedule)
    assert v.slip == 5 and v.cost == 2500.0 and v.baseline_finish == date(2026, 2, 13)
    design, code, launch, build = (v.items[i] for i in ("design", "code", "launch", "build"))
    assert (design.start, design.finish, design.duration, design.cost) == (0, 5, 5, 2500.0)
    assert (code.start, code.finish, code.duration) == (5, 5, 0)
    assert launch.kind == "milestone" and launch.finish == 5
    assert build.kind == "phase" and build.finish == 5 and build.duration == 5
    assert v.items["docs"].finish == 0


def test_bad_names_are_refused() -> None:
    for name in ("../x", "a/b", "", "-x", "a" * 65):
        try:
            baseline.check_name(name)
        except Exception as exc:  # InputError
            assert "baseline name" in str(exc)
        else:
            raise AssertionError(name)


def test_schedule_status_render_show_the_variance(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"shop.yaml": PLAN})
    run("baseline", "save", "shop.yaml", cwd=repo, check_rc=0)
    (repo / "shop.yaml").write_text(LONGER)
    data = json.loads(run("schedule", "shop.yaml", "-f", "json", cwd=repo, check_rc=0).stdout)
    assert data["variance"]["slip_days"] == 5 and data["variance"]["baseline"] == "baseline"
    assert data["variance"]["items"]["code"]["finish_days"] == 5
    table = run("schedule", "shop.yaml", cwd=repo, check_rc=0).stdout
    assert "baseline baseline: finish 2026-02-13, slip +5 working days; cost +2,500.00" in table
    status = run("status", "shop.yaml", "--width", "200", cwd=repo, check_rc=0).stdout
    assert "slip +5 working days" in status
    page = run("render", "shop.yaml", "-f", "md", "-o", "-", cwd=repo, check_rc=0).stdout
    assert "| Baseline | baseline: finish 2026-02-13, slip +5 working days" in page
    html = run("render", "shop.yaml", "-f", "html", "-o", "-", cwd=repo, check_rc=0).stdout
    assert html.count('data-baseline=') == 6  # one under each task bar and the phase's
    # A portfolio page shows its plan's baseline; the baseline file is not taken for a plan.
    run("render", ".", "-f", "md", "-o", "site", cwd=repo, check_rc=0)
    assert sorted(p.name for p in (repo / "site").iterdir()) == ["index.md", "shop.md"]
    assert "| Baseline | baseline: finish 2026-02-13" in (repo / "site/shop.md").read_text()
    # A git revision serves as a baseline too.
    data = json.loads(run("schedule", "shop.yaml", "-f", "json", "--baseline", "main", cwd=repo,
                          check_rc=0).stdout)
    assert data["variance"]["baseline"] == "main" and data["variance"]["slip_days"] == 5
    done = run("schedule", "shop.yaml", "--baseline", "nosuch", cwd=repo, check_rc=2)
    assert "no saved baseline of that name" in done.stderr


def test_d102_names_the_baseline_date_and_a_replan_does_not_hide_the_slip(tmp_path: Path
                                                                          ) -> None:
    repo = make_repo(tmp_path / "repo", {"shop.yaml": PLAN})
    run("baseline", "save", "shop.yaml", cwd=repo, check_rc=0)
    # A month on, design is half done and has been replanned to take five weeks.
    replanned = PLAN.replace("status_date: 2026-01-05", "status_date: 2026-02-02").replace(
        "{id: design, name: Design, duration: 3w, assign: [dev]}",
        "{id: design, name: Design, duration: 5w, assign: [dev], status: in_progress, "
        "progress: 50, actual_start: 2026-01-05}").replace(
        "{id: docs, name: Docs, duration: 1w, assign: [qa]}",
        "{id: docs, name: Docs, duration: 1w, assign: [qa], status: done, "
        "actual_start: 2026-01-05, actual_finish: 2026-01-09}")
    (repo / "shop.yaml").write_text(replanned)
    done = run("check", "shop.yaml", "--format", "json", cwd=repo)
    found = [f for f in json.loads(done.stdout)["diagnostics"] if f["code"] == "D102"]
    assert [f["message"] for f in found] == [
        "task 'design' was planned to finish 2026-01-23 (baseline baseline) and is not done "
        "as of 2026-02-02"]
    (repo / "shop.baselines/baseline.yaml").unlink()
    done = run("check", "shop.yaml", "--format", "json", cwd=repo)
    assert not [f for f in json.loads(done.stdout)["diagnostics"]
                if f["code"] == "D102"]  # without a baseline the replan is the plan
