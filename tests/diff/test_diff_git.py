"""The real `planctl diff` against real temporary git repositories: sides, `--git`, security,
exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from diffutil import PLAN, commit, git, make_repo, run

LONGER = PLAN.replace("duration: 3w, assign: [dev]}", "duration: 4w, assign: [dev]}")
WITH_INCLUDE = PLAN.split("risks:")[0] + "include: [risks.yaml]\n"
RISKS = "risks:\n  - {id: R1, title: Vendor late, probability: 3, impact: 4, affects: [code]}\n"


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path / "repo", {"plans/shop.yaml": PLAN, "README": "x\n"})


def test_rev_path_against_the_work_tree(repo: Path) -> None:
    (repo / "plans/shop.yaml").write_text(LONGER)
    done = run("diff", "main:plans/shop.yaml", "plans/shop.yaml", cwd=repo, check_rc=0)
    first = done.stdout.splitlines()[:3]
    assert first[0] == "main:plans/shop.yaml → plans/shop.yaml"
    assert first[1] == "finish later: 2026-02-13 → 2026-02-20 (+5 working days)"
    assert "why: design: duration 3w → 4w  (design → code → test → launch)" in done.stdout
    # From a sub-folder, REV:./PATH is relative to it, as git reads it.
    done = run("diff", "main:./shop.yaml", "shop.yaml", "-f", "json", cwd=repo / "plans",
               check_rc=0)
    assert json.loads(done.stdout)["finish_delta_days"] == 5


def test_fail_on_exits_1_only_for_what_was_asked(repo: Path) -> None:
    (repo / "plans/shop.yaml").write_text(LONGER)
    sides = ("main:plans/shop.yaml", "plans/shop.yaml")
    assert run("diff", *sides, "--fail-on", "finish", cwd=repo).returncode == 1
    assert run("diff", *sides, "--fail-on", "cost,deadline", cwd=repo).returncode == 1
    assert run("diff", *sides, "--fail-on", "critical", cwd=repo).returncode == 0
    # The reverse change: earlier and cheaper, a deadline met again.
    reverse = ("plans/shop.yaml", "main:plans/shop.yaml")
    assert run("diff", *reverse, "--fail-on", "finish,cost,deadline", cwd=repo).returncode == 0
    done = run("diff", *sides, "--fail-on", "sooner", cwd=repo, check_rc=2)
    assert "--fail-on: unknown sooner" in done.stderr


def test_includes_are_read_at_the_same_revision(repo: Path) -> None:
    commit(repo, {"plans/shop.yaml": WITH_INCLUDE, "plans/risks.yaml": RISKS}, "split")
    (repo / "plans/risks.yaml").write_text(RISKS.replace("probability: 3", "probability: 5"))
    done = run("diff", "HEAD:plans/shop.yaml", "plans/shop.yaml", "-f", "json", cwd=repo,
               check_rc=0)
    data = json.loads(done.stdout)
    assert data["risks"]["changed"] == [{"id": "R1", "inputs": {"probability": ["3", "5"]},
                                         "score": [12, 20]}]


@pytest.mark.parametrize("rev", ["-x", "--output=/tmp/pwned", "--upload-pack=touch pwn"])
def test_a_revision_that_looks_like_an_option_is_refused(repo: Path, rev: str) -> None:
    done = run("diff", "--", f"{rev}:plans/shop.yaml", "plans/shop.yaml", cwd=repo, check_rc=2)
    assert "may not begin with '-'" in done.stderr
    done = run("diff", f"--git={rev}", cwd=repo, check_rc=2)
    assert "may not begin with '-'" in done.stderr
    assert not Path("/tmp/pwned").exists() and not (repo / "pwn").exists()


def test_bad_revisions_and_paths_are_usage_errors(repo: Path) -> None:
    done = run("diff", "nosuch:plans/shop.yaml", "plans/shop.yaml", cwd=repo, check_rc=2)
    assert "unknown revision 'nosuch'" in done.stderr
    done = run("diff", "main:../outside.yaml", "plans/shop.yaml", cwd=repo, check_rc=2)
    assert "must be inside the repository" in done.stderr
    done = run("diff", "main:plans/none.yaml", "plans/shop.yaml", cwd=repo, check_rc=2)
    assert "no such file at that revision" in done.stderr
    done = run("diff", "main:.git/config", "plans/shop.yaml", cwd=repo, check_rc=2)
    done = run("diff", "main:plans/shop.yaml", "plans/shop.yaml", cwd=repo.parent, check_rc=2)
    assert "not inside a git repository" in done.stderr
    assert run("diff", "plans/shop.yaml", cwd=repo, check_rc=2).stderr


def test_an_include_that_leaves_the_repository_is_not_read_at_a_revision(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("risks:\n  - {id: TOPSECRET, title: s, probability: 1, impact: 1}\n")
    repo = make_repo(tmp_path / "repo", {
        "shop.yaml": PLAN.split("risks:")[0] + "include: [../secret.yaml]\n"})
    done = run("diff", "main:shop.yaml", "shop.yaml", cwd=repo)
    assert done.returncode == 1
    assert "TOPSECRET" not in done.stdout + done.stderr
    assert "main:shop.yaml" in done.stderr  # located at the revision, not a temporary folder
    assert "planctl-rev-" not in done.stderr


def test_a_symlink_in_a_revision_is_not_followed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", {"shop.yaml": PLAN})
    os.symlink("/etc/passwd", repo / "link.yaml")
    fragment_link = repo / "frag.yaml"
    os.symlink("/etc/hostname", fragment_link)
    commit(repo, {"inc.yaml": PLAN.split("risks:")[0] + "include: [frag.yaml]\n"}, "links")
    done = run("diff", "main:link.yaml", "shop.yaml", cwd=repo, check_rc=2)
    assert "symbolic link" in done.stderr and "root:" not in done.stderr
    done = run("diff", "main:inc.yaml", "shop.yaml", cwd=repo, check_rc=1)
    assert "frag.yaml" in done.stderr


def test_git_mode_finds_changed_plans_and_fragments(repo: Path) -> None:
    commit(repo, {"plans/split.yaml": WITH_INCLUDE.replace("id: shop", "id: split"),
                  "plans/risks.yaml": RISKS, "plans/other.yaml": PLAN.replace("id: shop",
                                                                              "id: other")},
           "more plans")
    base = git(repo, "rev-parse", "HEAD").strip()
    (repo / "plans/shop.yaml").write_text(LONGER)
    (repo / "plans/risks.yaml").write_text(RISKS.replace("impact: 4", "impact: 5"))
    done = run("diff", "--git", "HEAD", "-f", "json", cwd=repo, check_rc=0)
    plans = {p["path"]: p for p in json.loads(done.stdout)["plans"]}
    assert sorted(plans) == ["plans/shop.yaml", "plans/split.yaml"]  # not other.yaml
    assert plans["plans/shop.yaml"]["finish_delta_days"] == 5
    assert plans["plans/split.yaml"]["risks"]["changed"][0]["score"] == [12, 15]
    # A range of commits, and a path filter.
    commit(repo, {}, "nothing") if False else None
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "change")
    done = run("diff", "--git", f"{base}..HEAD", "plans/shop.yaml", "-f", "json", cwd=repo,
               check_rc=0)
    data = json.loads(done.stdout)
    assert data["finish_delta_days"] == 5  # one plan: the single-plan shape
    done = run("diff", "--git", "HEAD", "-f", "markdown", cwd=repo, check_rc=0)
    assert done.stdout.startswith("**planctl: no schedule change.**")


def test_a_baseline_is_either_side(repo: Path) -> None:
    run("baseline", "save", "plans/shop.yaml", "--name", "approved", cwd=repo, check_rc=0)
    saved = repo / "plans/shop.baselines/approved.yaml"
    assert saved.is_file()
    (repo / "plans/shop.yaml").write_text(LONGER)
    done = run("diff", str(saved.relative_to(repo)), "plans/shop.yaml", "-f", "json", cwd=repo,
               check_rc=0)
    data = json.loads(done.stdout)
    assert data["finish_delta_days"] == 5 and data["inputs_known"] is False
    assert [t["id"] for t in data["tasks"]["changed"]] == ["design", "code", "test", "launch"]
    done = run("diff", "plans/shop.yaml", str(saved.relative_to(repo)), cwd=repo, check_rc=0)
    assert "finish earlier" in done.stdout


def test_each_side_is_scheduled_as_of_its_own_status_date_unless_as_of(repo: Path) -> None:
    later = PLAN.replace("status_date: 2026-01-05", "status_date: 2026-01-19")
    (repo / "plans/shop.yaml").write_text(later)
    sides = ("main:plans/shop.yaml", "plans/shop.yaml")
    data = json.loads(run("diff", *sides, "-f", "json", cwd=repo, check_rc=0).stdout)
    assert (data["base"]["status_date"], data["head"]["status_date"]) == ("2026-01-05",
                                                                          "2026-01-19")
    assert data["plan_inputs"] == {"status_date": ["2026-01-05", "2026-01-19"]}
    data = json.loads(run("diff", *sides, "-f", "json", "--as-of", "2026-02-02", cwd=repo,
                          check_rc=0).stdout)
    assert data["base"]["status_date"] == data["head"]["status_date"] == "2026-02-02"
    assert run("diff", *sides, "--as-of", "soon", cwd=repo, check_rc=2).stderr


def test_git_mode_sees_a_new_plan_not_yet_added(repo: Path) -> None:
    (repo / "plans/new.yaml").write_text(PLAN.replace("id: shop", "id: new"))
    (repo / "plans/broken.yaml").write_text("planctl: 1\nname: B\nstart: 2026-13-01\n")
    done = run("diff", "--git", "main", "-f", "json", cwd=repo)
    plans = {p["path"]: p for p in json.loads(done.stdout)["plans"]}
    assert plans["plans/new.yaml"]["status"] == "added"
    assert "plans/broken.yaml:3:8" in plans["plans/broken.yaml"]["error"]
    assert done.returncode == 1  # a plan with errors could not be compared
