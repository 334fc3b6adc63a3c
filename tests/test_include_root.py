"""Includes stay inside the project root, read each file once, and share one budget.

Fixtures with symbolic links, FIFOs and secrets outside the project are made at run time.
A "secret" outside the root must never appear in anything planctl prints: not its content,
not its key names, not its resolved path.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from planctl.check import check_paths
from planctl.cli.check import exit_code
from planctl.confine import OutsideRoot, project_root, resolve_inside
from planctl.errors import InputError, PlanError
from planctl.loader import load_plan
from planctl.reader import Limits

PLAN = """\
planctl: 1
name: P
start: 2026-01-05
include: [{include}]
"""
FRAGMENT = """\
phases:
  - id: {id}
    name: Phase {id}
    tasks:
      - {{id: {id}-t, name: T, duration: 1d}}
"""
SECRET_KEY, SECRET_VALUE = "aws_secret_access_key", "AKIA-SECRET-VALUE"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git work tree (`repo/.git`) with a secret beside it, outside the tree."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "plans").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"{SECRET_KEY}: {SECRET_VALUE}\nsecret_b: 2\n")
    (outside / "secret.md").write_text(f"{SECRET_KEY}: {SECRET_VALUE}\n")
    return repo


def plan_including(repo: Path, include: str, folder: str = "plans") -> Path:
    path = repo / folder / "plan.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PLAN.format(include=include))
    return path


def check_output(plan: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planctl", "check", "--frames", *args,
                           str(plan)], capture_output=True, text=True, timeout=120,
                          cwd=plan.parent)


def assert_nothing_of_the_secret(done: subprocess.CompletedProcess[str], tmp_path: Path) -> None:
    shown = done.stdout + done.stderr
    assert done.returncode == 1, shown
    assert "Traceback" not in shown and "internal error" not in shown
    for leak in (SECRET_KEY, SECRET_VALUE, "secret_b", str(tmp_path / "outside")):
        assert leak not in shown


@pytest.mark.parametrize("make", [
    "dotdot", "dotdot-deep", "link-to-file", "link-to-dir", "absolute-link", "relative-link-up",
    "link-chain", "out-and-back", "link-in-the-middle",
])
def test_an_include_that_leaves_the_root_is_refused_and_shows_nothing_of_it(
        project, tmp_path, make):
    plans = project / "plans"
    include = {
        "dotdot": "../../outside/secret.yaml",
        "dotdot-deep": "../" * 30 + "proc/self/environ",
        "out-and-back": "../../repo/plans/x.yaml",
    }.get(make, "parts/s.yaml")
    parts = plans / "parts"
    parts.mkdir()
    secret = tmp_path / "outside" / "secret.yaml"
    if make == "link-to-file":
        (parts / "s.yaml").symlink_to(os.path.relpath(secret, parts))
    elif make == "link-to-dir":
        (parts / "d").symlink_to(tmp_path / "outside")
        include = "parts/d/secret.yaml"
    elif make == "absolute-link":
        (parts / "s.yaml").symlink_to(secret)
    elif make == "relative-link-up":
        (parts / "s.yaml").symlink_to("../../../outside/secret.yaml")
    elif make == "link-chain":  # inside → inside → outside
        (parts / "s.yaml").symlink_to("hop.yaml")
        (parts / "hop.yaml").symlink_to(secret)
    elif make == "link-in-the-middle":  # a folder link out, then `..` back in
        (parts / "up").symlink_to(tmp_path)
        include = "parts/up/repo/plans/parts/x.yaml"
        (parts / "x.yaml").write_text(FRAGMENT.format(id="x"))
    plan = plan_including(project, include)
    done = check_output(plan)
    assert_nothing_of_the_secret(done, tmp_path)
    assert "E115" in done.stdout and "leaves the project root" in done.stdout
    assert "plan.yaml:4:" in done.stdout  # located at the include line


def test_includes_inside_the_root_work_through_links_and_up_the_tree(project):
    (project / "shared").mkdir()
    (project / "shared" / "people.yaml").write_text(FRAGMENT.format(id="p"))
    (project / "plans" / "alias.yaml").symlink_to("../shared/people.yaml")
    (project / "plans" / "abs.yaml").symlink_to(project / "shared" / "people.yaml")
    plan = plan_including(project, "../shared/people.yaml")
    assert load_plan(plan).plan.phases[0].id == "p"
    for name in ("alias.yaml", "abs.yaml"):
        plan.write_text(PLAN.format(include=name))
        assert load_plan(plan).plan.phases[0].id == "p"


def test_without_git_the_root_is_the_plan_folder(tmp_path):
    (tmp_path / "plans").mkdir()
    (tmp_path / "people.yaml").write_text(FRAGMENT.format(id="p"))
    plan = tmp_path / "plans" / "plan.yaml"
    plan.write_text(PLAN.format(include="../people.yaml"))
    assert project_root(str(plan)) == os.path.realpath(tmp_path / "plans")
    with pytest.raises(PlanError, match="leaves the project root"):
        load_plan(plan)
    assert load_plan(plan, root=tmp_path).plan.phases[0].id == "p"


def test_a_git_file_marks_a_work_tree_too(tmp_path):
    (tmp_path / ".git").write_text("gitdir: /elsewhere\n")  # `git worktree` checkouts
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert project_root(str(tmp_path / "a" / "b" / "plan.yaml")) == os.path.realpath(tmp_path)


def test_root_option_on_every_command_that_reads_plans(project, tmp_path):
    (tmp_path / "outside" / "extra.yaml").write_text(FRAGMENT.format(id="x"))
    plan = plan_including(project, "../../outside/extra.yaml")
    for command in (["check"], ["schedule"], ["status"], ["render", "-o", "-"]):
        refused = subprocess.run([sys.executable, "-m", "planctl", *command, str(plan)],
                                 capture_output=True, text=True, timeout=120)
        assert refused.returncode == 1, (command, refused.stderr)
        allowed = subprocess.run([sys.executable, "-m", "planctl", *command, "--root",
                                  str(tmp_path), str(plan)], capture_output=True, text=True,
                                 timeout=120)
        assert allowed.returncode in (0, 1) and "leaves the project root" not in \
            allowed.stdout + allowed.stderr, (command, allowed.stderr)
    missing = subprocess.run([sys.executable, "-m", "planctl", "check", "--root",
                              str(tmp_path / "nowhere"), str(plan)], capture_output=True,
                             text=True, timeout=120)
    assert missing.returncode == 2 and "not a directory" in missing.stderr


def test_resolve_inside_follows_links_like_the_kernel(tmp_path):
    root = os.path.realpath(tmp_path)
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.yaml").write_text("x: 1\n")
    (tmp_path / "a" / "lb").symlink_to("b")
    (tmp_path / "loop").symlink_to("loop")
    assert resolve_inside(root, root, "a/lb/f.yaml") == os.path.join(root, "a", "b", "f.yaml")
    assert resolve_inside(root, root, "a/lb/../b/f.yaml") == os.path.join(root, "a", "b", "f.yaml")
    for name in ("loop", "loop/x.yaml", "..", "a/../../x.yaml", "a/b/f.yaml/../../../.."):
        with pytest.raises(OutsideRoot):
            resolve_inside(root, root, name)
    # Names that cannot exist stay inside, and are reported as not found when opened.
    for name in ("x" * 5000 + "/y.yaml", "a/b/f.yaml/z.yaml", "nowhere/../a/b/f.yaml"):
        assert resolve_inside(root, root, name).startswith(root + os.sep)
    plan = tmp_path / "plan.yaml"
    for name in ("x" * 300 + ".yaml", "a/b/f.yaml/z.yaml"):
        plan.write_text(PLAN.format(include=name))
        with pytest.raises(PlanError) as caught:
            load_plan(plan)
        (found,) = caught.value.diagnostics
        assert found.code == "E115" and "leaves" not in found.message


def test_special_files_are_refused_as_fragments_and_as_plans(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "proc.yaml").symlink_to("/proc/self/environ")
    for include in ("fifo.yaml", "proc.yaml"):
        plan = tmp_path / "plan.yaml"
        plan.write_text(PLAN.format(include=include))
        # Even with the whole file system as the root, a special file is never read.
        with pytest.raises(PlanError) as caught:
            load_plan(plan, root="/")
        (found,) = caught.value.diagnostics
        assert found.code == "E115" and found.location.line == 4
        assert ("not a regular file" in found.message  # the FIFO
                or "is not a .yaml or .yml file" in found.message)  # /proc/self/environ
    for top in ("/proc/self/environ", "/proc/self/status", str(tmp_path / "proc.yaml"),
                str(tmp_path / "fifo.yaml")):
        with pytest.raises(InputError, match="not a regular file"):
            load_plan(top)


def test_code_frames_never_quote_a_file_outside_the_plans_read(project, tmp_path):
    # A broken fragment inside the root is quoted (it was read as a fragment); the secret
    # outside, named by a second include, is not read at all.
    (project / "plans" / "bad.yaml").write_text("phases: [unclosed\n")
    plan = plan_including(project, "bad.yaml, ../../outside/secret.yaml")
    done = check_output(plan)
    assert_nothing_of_the_secret(done, tmp_path)
    assert "E103" in done.stdout or "E115" in done.stdout


def test_frames_come_from_what_was_read_not_from_the_disk_now(project):
    plan = plan_including(project, "frag.yaml")
    (project / "plans" / "frag.yaml").write_text("phases: [unclosed\n")
    result = check_paths([str(plan)])
    (finding,) = result.findings
    shown = result.source(finding.diagnostic.location.path)
    assert shown is not None and "unclosed" in shown.text


# Fan-out: 14 small files, each including the next ten times, used 2.4 GB and ran for minutes.
def fan_out(folder: Path, files: int = 14, times: int = 10) -> Path:
    for i in range(files):
        names = ", ".join([f"f{i + 1}.yaml"] * times) if i + 1 < files else ""
        (folder / f"f{i}.yaml").write_text(f"include: [{names}]\n" + FRAGMENT.format(id=f"p{i}"))
    plan = folder / "plan.yaml"
    plan.write_text(PLAN.format(include="f0.yaml"))
    return plan


def _limit_memory() -> None:  # in the child: a regression fails fast instead of swapping
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def test_include_fan_out_reads_each_file_once_within_1_gb(tmp_path):
    plan = fan_out(tmp_path)
    done = subprocess.run([sys.executable, "-m", "planctl", "check", "--no-frames", str(plan)],
                          capture_output=True, text=True, timeout=120, preexec_fn=_limit_memory)
    assert "Traceback" not in done.stderr and "MemoryError" not in done.stdout + done.stderr
    assert done.returncode in (0, 1), done.stderr
    loaded = load_plan(plan)
    assert [f.path for f in loaded.source.files] == [str(plan)] + [
        str(tmp_path / f"f{i}.yaml") for i in range(14)]
    assert [p.id for p in loaded.plan.phases] == [f"p{i}" for i in reversed(range(14))]


def test_a_diamond_include_is_read_and_merged_once(tmp_path):
    (tmp_path / "shared.yaml").write_text(FRAGMENT.format(id="shared"))
    (tmp_path / "a.yaml").write_text("include: [shared.yaml]\n" + FRAGMENT.format(id="a"))
    (tmp_path / "b.yaml").write_text("include: [./shared.yaml]\n" + FRAGMENT.format(id="b"))
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(include="a.yaml, b.yaml, shared.yaml"))
    loaded = load_plan(plan)
    assert [p.id for p in loaded.plan.phases] == ["shared", "a", "b"]
    assert len(loaded.source.files) == 4


def test_the_size_limit_holds_for_the_plan_and_its_includes_together(tmp_path):
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.yaml").write_text(FRAGMENT.format(id=name) + "#" * 400 + "\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(include="a.yaml, b.yaml, c.yaml"))
    assert load_plan(plan, Limits(max_bytes=2000)).plan  # each file and the whole fit
    with pytest.raises(PlanError) as caught:
        load_plan(plan, Limits(max_bytes=1200))  # each file fits, all together do not
    (found,) = caught.value.diagnostics
    assert found.code == "E101" and found.location.line == 4 and "included" in found.message


def test_alias_expansion_is_budgeted_across_the_includes(tmp_path):
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n"
    for i in range(4):
        (tmp_path / f"f{i}.yaml").write_text(f"x{i}:\n" + "".join(
            f"  {line}\n" for line in laughs.replace("&a", f"&a{i}").replace("*a", f"*a{i}")
            .replace("&b", f"&b{i}").splitlines()))
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.format(include="f0.yaml, f1.yaml, f2.yaml, f3.yaml"))
    # Each file expands 88 nodes: alone they fit a limit of 200, together they do not.
    with pytest.raises(PlanError) as caught:
        load_plan(plan, Limits(max_alias_nodes=200))
    assert caught.value.diagnostics[0].code == "E109"


def test_many_files_fit_the_exit_code_contract(tmp_path):
    result = check_paths([str(fan_out(tmp_path, files=16, times=2))])
    assert exit_code(result) == 1  # nested deeper than 16 files: E116, not a crash
    assert {f.diagnostic.code for f in result.findings} == {"E116"}


def test_a_folder_check_skips_links_to_plans_outside_the_folder(project, tmp_path):
    (tmp_path / "outside" / "other.yaml").write_text(
        f"planctl: 1\nname: P\nstart: 2026-01-05\n{SECRET_KEY}: {SECRET_VALUE}\n")
    (project / "plans" / "linked.yaml").symlink_to(tmp_path / "outside" / "other.yaml")
    (project / "plans" / "own.yaml").write_text("planctl: 1\nname: P\nstart: 2026-01-05\n")
    (project / "plans" / "alias.yaml").symlink_to("own.yaml")
    result = check_paths([str(project / "plans")])
    assert [r.path for r in result.files] == [str(project / "plans" / "alias.yaml")]
    assert not any(SECRET_KEY in f.diagnostic.message for f in result.findings)


def test_errors_of_schedule_status_and_render_keep_the_text_for_their_frames(project):
    from planctl.check import CheckResult
    from planctl.cli.plans import load_and_schedule

    (project / "plans" / "frag.yaml").write_text(FRAGMENT.format(id="f").replace("duration",
                                                                                "duraton"))
    plan = plan_including(project, "frag.yaml")
    with pytest.raises(PlanError) as caught:
        load_and_schedule([str(plan)], None, root=str(project))
    result = CheckResult.from_plan_error(caught.value)
    (finding,) = result.findings
    source = result.source(finding.diagnostic.location.path)
    assert source is not None and "duraton" in source.text


def test_merging_many_fragments_keeps_order_and_leaves_aliased_lists_alone(tmp_path):
    from planctl.include import load_source

    names = []
    for i in range(30):
        (tmp_path / f"f{i}.yaml").write_text(FRAGMENT.format(id=f"p{i}"))
        names.append(f"f{i}.yaml")
    plan = tmp_path / "plan.yaml"
    plan.write_text("planctl: 1\nname: P\nstart: 2026-01-05\nphases: &own\n"
                    + FRAGMENT.format(id="own").split("\n", 1)[1]
                    + "lessons: *own\ninclude: [" + ", ".join(names) + "]\n")
    data = load_source(str(plan)).data
    assert [p["id"] for p in data["phases"]] == ["own"] + [f"p{i}" for i in range(30)]
    assert [p["id"] for p in data["lessons"]] == ["own"]  # the alias saw no merge
    assert len(data["phases"].item_pos) == 31
