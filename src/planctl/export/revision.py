"""The revision number of a plan, read from git: the SEQUENCE of its calendar events.

iCalendar clients replace an event they have (same UID) only when the new copy's SEQUENCE is
higher, and planctl keeps no state between exports. The number of commits that changed the
plan or a fragment it includes only grows as the plan is edited, and is the same on every
machine with the same history; one more is added while the work tree has uncommitted changes
to those files. Outside a git repository (or without git) it is 0. Its limits are in
docs/export.md: a shallow clone counts only the commits it has, a rewritten history can count
fewer, and every event of a plan shares the number (an unchanged event's is raised too, which
clients take as a harmless update).
"""

from __future__ import annotations

import os


def plan_revision(paths: list[str]) -> int:
    """Commits that changed any of `paths` (the files a plan was read from), plus 1 when the
    work tree differs from HEAD for any of them; 0 outside git."""
    from planctl.diff.gitrev import GitError, Repository

    paths = [p for p in paths if os.path.isfile(p)]  # not `<stdin>`, which git never saw
    if not paths:
        return 0
    try:
        repo = Repository.find(os.path.dirname(os.path.abspath(paths[0])) or ".")
        inside = [os.path.relpath(os.path.realpath(p), os.path.realpath(repo.top))
                  for p in paths]
        inside = [p for p in inside if p != ".." and not p.startswith(".." + os.sep)]
        if not inside:
            return 0
        count = int(repo.run(["rev-list", "--count", "HEAD", "--", *inside]).strip() or 0)
    except (GitError, ValueError):
        return 0
    try:
        dirty = bool(repo.changed("HEAD", None, inside))
    except GitError:
        dirty = False
    return count + dirty
