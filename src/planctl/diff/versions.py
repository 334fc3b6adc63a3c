"""Reading one side of a comparison: a plan file, a plan at a git revision, or a baseline.

`load_version("plans/crm.yaml")`, `load_version("main:plans/crm.yaml")` (the path as git
reads it: from the repository's top; `main:./crm.yaml` from the current folder), or a baseline
file saved by `planctl baseline save`. Each plan is scheduled as of its own `status_date`
unless `as_of` is given; `today` stands in where a plan has neither.
"""

from __future__ import annotations

import os
from datetime import date

from planctl.diff.compare import Version
from planctl.diff.gitrev import GitError, Repository, RevisionCopy, repo_path
from planctl.errors import InputError, PlanError
from planctl.reader import Limits


def _scheduled(label: str, plan: object, as_of: date | None, today: date, level: bool
               ) -> Version:
    from planctl.schedule import schedule_plan

    status = as_of or plan.status_date or today  # type: ignore[attr-defined]
    return Version(label, schedule_plan(plan, as_of=status, level=level), plan)  # type: ignore[arg-type]


def load_file(path: str, *, as_of: date | None, today: date, level: bool = True,
              limits: Limits = Limits()) -> Version:
    """A plan or a baseline file on disk."""
    from planctl import baseline

    if baseline.is_baseline(path):
        saved = baseline.read(path, limits)
        return Version(f"baseline {saved.name} ({path})", baseline.as_schedule(saved))
    from planctl.loader import load_plan

    return _scheduled(path, load_plan(path, limits).plan, as_of, today, level)


def load_revision(repo: Repository, rev: str, path: str, *, as_of: date | None, today: date,
                  level: bool = True, limits: Limits = Limits(), label: str | None = None
                  ) -> Version:
    """The plan at repository path `path` in revision `rev`, with its includes read there."""
    from planctl.loader import load_plan

    commit = repo.commit(rev)
    path = repo_path(path)
    shown = label or rev
    from planctl import baseline

    with RevisionCopy(repo, commit, shown, limits) as copy:
        local = copy.copy_plan(path)
        try:
            if baseline.is_baseline(local):
                saved = baseline.read(local, limits)
                return Version(f"baseline {saved.name} ({shown}:{path})",
                               baseline.as_schedule(saved))
            plan = load_plan(local, limits).plan
        except PlanError as exc:
            raise copy.relabel(exc) from None
    return _scheduled(f"{shown}:{path}", plan, as_of, today, level)


def split_spec(spec: str) -> tuple[str, str] | None:
    """(`REV`, `PATH`) for a `REV:PATH` side, or None for a file path."""
    if os.path.exists(spec) or ":" not in spec:
        return None
    rev, _, path = spec.partition(":")
    return rev, path


def load_version(spec: str, *, as_of: date | None, today: date, level: bool = True,
                 limits: Limits = Limits(), cwd: str = ".") -> Version:
    """One side given on the command line: a file, or `REV:PATH`."""
    parts = split_spec(spec)
    if parts is None:
        if not os.path.exists(spec):
            raise InputError(f"{spec}: no such file (write REV:PATH for a file in a git "
                             "revision)")
        return load_file(spec, as_of=as_of, today=today, level=level, limits=limits)
    rev, path = parts
    if not rev:
        raise GitError(f"{spec}: name a revision before ':' (for example main:{path})")
    repo = Repository.find(cwd)
    if path.startswith(("./", "../")) or path in (".", ".."):
        # Relative to the current folder, as `git show REV:./path` reads it.
        here = os.path.relpath(os.path.realpath(cwd), os.path.realpath(repo.top))
        path = os.path.normpath(os.path.join(here, path)).replace(os.sep, "/")
    return load_revision(repo, rev, path, as_of=as_of, today=today, level=level, limits=limits)
