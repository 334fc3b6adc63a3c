"""`planctl diff --git REV [PATH...]`: compare every plan that changed between two revisions.

A plan is a YAML file whose top level has `planctl:`. It is compared when its own file
changed, or when a fragment changed and its schedule differs (a plan is not told which
fragments it includes until it is read). Saved baselines are never taken for plans.
"""

from __future__ import annotations

import os
import re
from datetime import date

from planctl.diff.compare import compare_versions
from planctl.diff.formats import Report
from planctl.diff.gitrev import GitError, Repository, check_revision, repo_path
from planctl.diff.versions import load_file, load_revision
from planctl.errors import InputError, PlanError
from planctl.reader import Limits

_PLAN = re.compile(rb"^planctl[ \t]*:", re.MULTILINE)
_YAML = (".yaml", ".yml")


def split_range(spec: str) -> tuple[str, str | None]:
    """`A..B` -> (A, B); `A` -> (A, None) meaning the work tree."""
    if ".." in spec and "..." not in spec:
        base, _, head = spec.partition("..")
        return check_revision(base or "HEAD"), check_revision(head or "HEAD")
    return check_revision(spec), None


def _is_candidate(path: str) -> bool:
    return path.endswith(_YAML) and ".baselines/" not in path


def _looks_like_plan(data: bytes) -> bool:
    return _PLAN.search(data[:65536]) is not None


def repo_paths(repo: Repository, paths: list[str], cwd: str) -> list[str]:
    here = os.path.relpath(os.path.realpath(cwd), os.path.realpath(repo.top))
    return [repo_path(os.path.normpath(os.path.join(here, p)).replace(os.sep, "/"))
            if os.path.normpath(os.path.join(here, p)) != "." else "." for p in paths]


def compare_changed(spec: str, paths: list[str], *, as_of: date | None, today: date,
                    level: bool = True, limits: Limits = Limits(), cwd: str = ".",
                    forecast: bool = False) -> list[Report]:
    """One `Report` per plan that changed between the revisions of `spec` under `paths`."""
    base_rev, head_rev = split_range(spec)
    repo = Repository.find(cwd)
    base = repo.commit(base_rev)
    head = repo.commit(head_rev) if head_rev is not None else None
    scope = repo_paths(repo, paths, cwd) if paths else ["."]
    changed = [p for p in repo.changed(base, head, scope) if _is_candidate(p)]
    if not changed:
        return []

    def read(commit: str | None, path: str) -> bytes | None:
        if commit is None:
            full = os.path.join(repo.top, *path.split("/"))
            if os.path.islink(full) or not os.path.isfile(full):
                return None
            with open(full, "rb") as handle:
                return handle.read(65536)
        entry = repo.entry(commit, path)
        return repo.blob(entry[1])[:65536] if entry and entry[0] != "120000" else None

    def is_plan(path: str) -> bool:
        return any(data is not None and _looks_like_plan(data)
                   for data in (read(base, path), read(head, path)))

    plans_changed = [p for p in changed if is_plan(p)]
    candidates = set(plans_changed)
    if len(plans_changed) < len(changed):  # a fragment changed: any plan may include it
        every = set(repo.files(base, scope)) | set(repo.files(head, scope))
        candidates |= {p for p in every if _is_candidate(p) and is_plan(p)}
    reports = []
    for path in sorted(candidates):
        report = _compare_one(repo, base, base_rev, head, head_rev, path, as_of=as_of,
                              today=today, level=level, limits=limits, forecast=forecast)
        if path in plans_changed or report.diff is None or not report.diff.unchanged:
            reports.append(report)
    return reports


def _compare_one(repo: Repository, base: str, base_rev: str, head: str | None,
                 head_rev: str | None, path: str, forecast: bool = False,
                 **kw: object) -> Report:
    def version(commit: str | None, rev: str | None) -> object | None:
        if commit is None:
            full = os.path.join(repo.top, *path.split("/"))
            if not os.path.isfile(full):
                return None
            version = load_file(full, **kw)  # type: ignore[arg-type]
            return type(version)(path, version.schedule, version.plan)
        if repo.entry(commit, path) is None:
            return None
        return load_revision(repo, rev or commit, path, **kw)  # type: ignore[arg-type]

    try:
        before = version(base, base_rev)
        after = version(head, head_rev)
    except PlanError as exc:
        return Report(path, None, "\n".join(f"{d.location}: {d.message}"
                                            for d in exc.diagnostics[:10]))
    except GitError:
        raise
    except InputError as exc:
        return Report(path, None, str(exc))
    if before is None or after is None:
        return Report(path, None, status="added" if before is None else "removed")
    return Report(path, compare_versions(before, after,  # type: ignore[arg-type]
                                         forecast=forecast))
