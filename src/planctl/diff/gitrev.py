"""Plans read from a git revision, as safely as plans read from disk.

Revisions and paths come from users and from pull requests, so none of them ever reaches git as
an option: a revision that begins with `-` is refused, every revision is resolved with
`rev-parse --verify --end-of-options` to a commit id before it is used, paths are given after
`--` with literal pathspecs, and blobs are read by their object id. Paths must stay inside the
repository, and symbolic links in a tree are not followed.

A plan at a revision is copied, with the fragments it includes, into a private temporary folder
that mirrors the repository, and then read by the ordinary loader: the same size, depth and
alias limits and the same include rules apply at every revision as on disk. Messages name the
file as `REV:PATH`, never the temporary folder.
"""

from __future__ import annotations

import dataclasses
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from planctl.errors import Diagnostic, InputError, Location, PlanError
from planctl.include import MAX_INCLUDE_DEPTH
from planctl.reader import Limits

_OID = re.compile(r"[0-9a-f]{40}([0-9a-f]{24})?\Z")
_MAX_FILES = 256
"""Files one plan may read at one revision (the plan and its fragments)."""
_ENV = {"GIT_LITERAL_PATHSPECS": "1", "GIT_NO_REPLACE_OBJECTS": "1", "GIT_TERMINAL_PROMPT": "0",
        "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C"}


class GitError(InputError):
    """git could not answer as asked: not a repository, an unknown revision, a missing path."""


def check_revision(rev: str) -> str:
    """`rev` if it can only be read as a revision; `GitError` otherwise."""
    if not rev or rev.startswith("-") or any(c in rev for c in "\0\n\r") or len(rev) > 256:
        raise GitError(f"{rev!r} is not a valid git revision"
                       + (" (a revision may not begin with '-')" if rev.startswith("-") else ""))
    return rev


def repo_path(path: str) -> str:
    """A path inside the repository, normalised; `GitError` for one that leaves it."""
    if "\0" in path or not path:
        raise GitError(f"{path!r} is not a path inside the repository")
    norm = posixpath.normpath(path.replace(os.sep, "/"))
    if posixpath.isabs(norm) or norm == ".." or norm.startswith("../") or norm == ".":
        raise GitError(f"{path}: the path must be inside the repository")
    if ".git" in norm.split("/"):
        raise GitError(f"{path}: files under .git are not plans")
    return norm


@dataclass(frozen=True)
class Repository:
    """A git work tree, driven through the `git` command."""

    top: str
    """The absolute path of the work tree's top folder."""

    @classmethod
    def find(cls, cwd: str = ".") -> Repository:
        try:
            out = _git(["rev-parse", "--show-toplevel"], cwd)
        except GitError:
            raise GitError(f"{os.path.abspath(cwd)} is not inside a git repository") from None
        return cls(out.decode("utf-8", "replace").strip())

    def run(self, args: list[str]) -> bytes:
        return _git(args, self.top)

    def commit(self, rev: str) -> str:
        """The commit id `rev` names; `GitError` if it names none."""
        check_revision(rev)
        try:
            out = self.run(["rev-parse", "--verify", "--quiet", "--end-of-options",
                            rev + "^{commit}"])
        except GitError:
            raise GitError(f"unknown revision {rev!r}: no commit of that name") from None
        oid = out.decode().strip()
        if not _OID.match(oid):
            raise GitError(f"unknown revision {rev!r}")
        return oid

    def entry(self, commit: str, path: str) -> tuple[str, str, int] | None:
        """(mode, object id, size) of `path` at `commit`, or None where there is no file."""
        out = self.run(["ls-tree", "-z", "-l", "--full-tree", commit, "--", path])
        for record in out.split(b"\0"):
            if not record:
                continue
            meta, _, name = record.partition(b"\t")
            if name.decode("utf-8", "surrogateescape") != path:
                continue
            mode, kind, oid, size = meta.decode().split()
            if kind != "blob" or not _OID.match(oid):
                return None
            return mode, oid, int(size) if size.isdigit() else 0
        return None

    def blob(self, oid: str) -> bytes:
        if not _OID.match(oid):  # pragma: no cover - ids come from ls-tree
            raise GitError(f"bad object id {oid!r}")
        return self.run(["cat-file", "blob", oid])

    def files(self, commit: str | None, paths: list[str]) -> list[str]:
        """Files under `paths` at `commit`, or in the work tree (tracked and untracked, not
        ignored) when `commit` is None."""
        if commit is None:
            args = ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--full-name"]
        else:
            args = ["ls-tree", "-r", "-z", "--name-only", "--full-tree", commit]
        out = self.run([*args, "--", *(paths or ["."])])
        return sorted({n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n})

    def changed(self, base: str, head: str | None, paths: list[str]) -> list[str]:
        """Files that differ between commit `base` and commit `head` (the work tree if None)."""
        args = ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", "--no-textconv",
                base]
        if head is not None:
            args.append(head)
        out = self.run([*args, "--", *(paths or ["."])])
        names = {n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n}
        if head is None:  # new files not yet added to git are changes of the work tree too
            out = self.run(["ls-files", "-z", "--others", "--exclude-standard", "--full-name",
                            "--", *(paths or ["."])])
            names.update(n.decode("utf-8", "surrogateescape") for n in out.split(b"\0") if n)
        return sorted(names)


def _git(args: list[str], cwd: str) -> bytes:
    env = {**os.environ, **_ENV}
    try:
        done = subprocess.run(["git", "-c", "core.quotePath=false", *args], cwd=cwd, env=env,
                              capture_output=True, timeout=120, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} took too long") from None
    if done.returncode != 0:
        first = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {first[0] if first else done.returncode}")
    return done.stdout


def _include_names(data: object) -> list[str]:
    names = data.get("include") if isinstance(data, dict) else None
    return [n for n in names if isinstance(n, str)] if isinstance(names, list) else []


class RevisionCopy:
    """A plan and the fragments it includes, copied from one commit into a temporary folder.

    Use as a context manager; the folder is deleted on exit. Only what the reader would read is
    copied: each file once, at most `_MAX_FILES`, each within the size limit, never a symbolic
    link, never a path outside the repository. What cannot be copied is left out, so that the
    loader reports it at the `include:` line that names it, as it would on disk.
    """

    def __init__(self, repo: Repository, commit: str, label: str, limits: Limits) -> None:
        self.repo, self.commit, self.label, self.limits = repo, commit, label, limits
        self.folder = ""

    def __enter__(self) -> RevisionCopy:
        self.folder = tempfile.mkdtemp(prefix="planctl-rev-")
        # The copy's top folder is the repository's root for the include rules.
        os.mkdir(os.path.join(self.folder, ".git"))
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def local(self, path: str) -> str:
        return os.path.join(self.folder, *path.split("/"))

    def copy_plan(self, path: str) -> str:
        """Copy the plan at `path` and its includes; the local path of the plan's copy."""
        from planctl.located import SourceFile
        from planctl.reader import decode, parse

        if not self._copy(path, top=True):
            raise GitError(f"{self.label}:{path}: no such file at that revision")
        queue, seen, total = [(path, 1)], {path}, 0
        while queue:
            current, depth = queue.pop()
            try:
                raw = self._read_local(current)
                total += len(raw)
                if total > self.limits.max_bytes:
                    break
                data = parse(decode(raw, current), SourceFile(current), self.limits)
            except (PlanError, InputError):
                continue  # the loader reports it, located
            for name in _include_names(data):
                if depth >= MAX_INCLUDE_DEPTH or len(seen) >= _MAX_FILES:
                    break
                if posixpath.isabs(name) or "\0" in name:
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(current), name))
                try:
                    target = repo_path(target)
                except GitError:
                    continue  # outside the repository: never read
                if target in seen:
                    continue
                seen.add(target)
                if self._copy(target, top=False):
                    queue.append((target, depth + 1))
        return self.local(path)

    def _read_local(self, path: str) -> bytes:
        with open(self.local(path), "rb") as handle:
            return handle.read(self.limits.max_bytes + 1)

    def _copy(self, path: str, *, top: bool) -> bool:
        entry = self.repo.entry(self.commit, path)
        if entry is None:
            return False
        mode, oid, size = entry
        if mode == "120000":
            if top:
                raise GitError(f"{self.label}:{path} is a symbolic link at that revision; "
                               "name the file it points to")
            return False
        if mode not in ("100644", "100755"):
            return False
        if size > self.limits.max_bytes:
            raise PlanError([Diagnostic(
                "E101", f"file is larger than the limit of {self.limits.max_bytes} bytes",
                Location(f"{self.label}:{path}"),
                hint="split the plan with `include:`, or raise the limit with --max-bytes",
                name="file-too-large")])
        local = self.local(path)
        os.makedirs(os.path.dirname(local), exist_ok=True)
        with open(local, "wb") as handle:
            handle.write(self.repo.blob(oid))
        return True

    def relabel(self, error: PlanError) -> PlanError:
        """The same error with paths shown as `REV:PATH` instead of the temporary copy's."""
        prefix = self.folder + os.sep

        def fix(loc: Location) -> Location:
            if loc.path.startswith(prefix):
                inner = loc.path[len(prefix):].replace(os.sep, "/")
                return dataclasses.replace(loc, path=f"{self.label}:{inner}")
            return loc

        def text(message: str | None) -> str | None:
            return message.replace(prefix, f"{self.label}:") if message else message

        return PlanError([dataclasses.replace(d, location=fix(d.location), message=text(d.message),
                                              hint=text(d.hint),
                                              related=tuple(fix(r) for r in d.related))
                          for d in error.diagnostics])
