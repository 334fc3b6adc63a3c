"""Keep the files a plan reads inside its project root.

A plan, its fragments and their symbolic links may come from a stranger's pull request, so an
include is followed one path component at a time, and every step (a `..`, or each hop of a
symbolic link) must stay inside the root. The root is `--root`, else the git work tree that
holds the plan (the nearest folder upward with a `.git`), else the plan's own folder.

Nothing here reads a file's content, and a refusal never depends on what lies outside the root
(whether it exists, or what it is), so a message cannot reveal it.
"""

from __future__ import annotations

import os
import stat

MAX_LINK_HOPS = 40  # as Linux's own limit on symbolic links in one lookup
# Kernel file systems: their "regular" files are generated (environment, memory, settings).
SPECIAL_TREES = ("/proc", "/sys", "/dev")


class OutsideRoot(Exception):
    """A path leaves the root, or cannot be followed (a link loop, a name too long)."""


def project_root(plan_path: str, given: str | None = None) -> str:
    """The real path of the folder includes must stay in."""
    if given is not None:
        real = os.path.realpath(given)
        if not os.path.isdir(real):
            from planctl.errors import InputError

            raise InputError(f"--root {given}: not a directory")
        return real
    start = os.path.dirname(os.path.realpath(plan_path))
    folder = start
    while True:
        if os.path.lexists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return start
        folder = parent


def inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def resolve_inside(root: str, folder: str, name: str) -> str:
    """The real path of `name` relative to `folder` (a real path inside `root`).

    Follows symbolic links like the kernel does, but raises `OutsideRoot` as soon as any step
    leaves `root`. Past the first component that does not exist the rest is joined as written
    (the file is then reported missing).
    """
    pending = name.split("/")[::-1]
    current, hops = folder, 0
    while pending:
        part = pending.pop()
        if part in ("", "."):
            continue
        current = os.path.dirname(current) if part == ".." else os.path.join(current, part)
        if not inside(current, root):
            raise OutsideRoot(name)
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            # Missing, not a folder, a name too long: nothing to follow. Opening the path
            # fails the same way later, and is reported as such.
            continue
        if not stat.S_ISLNK(mode):
            continue
        hops += 1
        if hops > MAX_LINK_HOPS:
            raise OutsideRoot(name)
        try:
            target = os.readlink(current)
        except OSError:
            raise OutsideRoot(name) from None
        current = os.path.dirname(current)
        if os.path.isabs(target):
            # An absolute link is fine only if it is written as a place under the root; the
            # rest of it is followed from the root, step by step, like any other path.
            if not inside(target, root):
                raise OutsideRoot(name)
            current, target = root, target[len(root):]
        pending.extend(target.split("/")[::-1])
    return current


def is_special(path: str) -> bool:
    """Whether a path lies in /proc, /sys or /dev (after resolving symbolic links)."""
    real = os.path.realpath(path)
    return any(inside(real, tree) for tree in SPECIAL_TREES)
