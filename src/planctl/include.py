"""Read a plan file and the fragments it includes, merged into one located mapping.

A fragment is a mapping of sections. List sections (phases, risks, ...) are appended in include
order; any other section may be set by one file only. Paths are relative to the including
file and stay inside the project root (`planctl.confine`); a cycle, a missing file or a path
that leaves the root is reported at the `include` line that names it, and nothing of a file
outside the root is ever read. Each file is read once, however often it is included, and the
plan with all its fragments shares one size and alias budget: a small tree of files that
include each other many times cannot multiply the work.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from planctl.confine import OutsideRoot, project_root, resolve_inside
from planctl.errors import Diagnostic, InputError, PlanError
from planctl.located import LocatedDict, LocatedList, SourceFile, to_location
from planctl.reader import STDIN, STDIN_NAME, Budget, Limits, parse_file, read_bytes, read_stdin

LIST_SECTIONS = ("objectives", "resources", "phases", "risks", "stakeholders", "communications",
                 "lessons")
MAX_INCLUDE_DEPTH = 16
MAX_INCLUDE_FILES = 1000
YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class PlanSource:
    """A plan's merged data and every file it was read from, the plan file first."""

    data: LocatedDict
    files: list[SourceFile] = field(default_factory=list)
    root: str = ""
    """The real path of the folder the plan's includes must stay in."""

    def file(self, path: str) -> SourceFile | None:
        return next((f for f in self.files if f.path == path), None)


def _fail(code: str, message: str, pos: Any, hint: str | None = None) -> PlanError:
    return PlanError([Diagnostic(code, message, to_location(pos), hint=hint, name="include")])


def as_mapping(data: Any, source: SourceFile, what: str) -> LocatedDict:
    if isinstance(data, LocatedDict):
        return data
    kind = "a list" if isinstance(data, list) else "a single value"
    raise _fail("E114", f"{what} must be a mapping of sections, but the file holds {kind}",
                (source, 0, 0) if not hasattr(data, "pos") else data.pos,
                hint="start the file with keys such as `planctl: 1` and `name:`")


def load_source(path: str, limits: Limits = Limits(), root: str | None = None) -> PlanSource:
    """Read `path` and everything it includes; raise `PlanError` or `InputError`.

    `path` "-" reads the plan from standard input (named `<stdin>` in messages); its includes
    are then relative to the current folder.

    Includes stay inside `root` (default: the git work tree holding the plan, else the plan's
    folder). A `PlanError` carries every file read before it (`files`), for code frames.
    """
    if path == STDIN:
        # A plan from standard input stands in the current folder: its includes are relative
        # to it, and the root is found from it as from a plan file there.
        name, real = STDIN_NAME, os.path.join(os.path.realpath(os.getcwd()), STDIN_NAME)
    else:
        name, real = path, os.path.realpath(path)
    top = project_root(real, root)
    budget = Budget.of(limits)
    raw = read_stdin(limits) if path == STDIN else read_bytes(path, limits)
    budget.bytes -= len(raw)
    data, source = parse_file(name, raw, limits, budget)
    result = PlanSource(as_mapping(data, source, "a plan"), [source], top)
    try:
        _Includes(result, limits, budget, real).follow(result.data, source, real, [real])
    except PlanError as exc:
        exc.files[:0] = result.files
        raise
    return result


def _include_list(mapping: LocatedDict, source: SourceFile) -> list[tuple[str, Any]]:
    value = mapping.get("include")
    if value is None:
        return []
    if isinstance(value, LocatedList) and all(isinstance(v, str) for v in value):
        return list(zip(value, value.item_pos, strict=True))
    raise _fail("E115", "`include` must be a list of file paths", mapping.val_pos["include"],
                hint="write include: [risks.yaml, phases/build.yaml]")


class _Includes:
    """Follows the includes of one plan: each file read once, all within one budget."""

    def __init__(self, result: PlanSource, limits: Limits, budget: Budget, top: str) -> None:
        self.result, self.limits, self.budget = result, limits, budget
        self.done: set[str] = {top}  # real paths already read (the plan, then fragments)
        self.merged: set[int] = set()  # ids of the lists `_merge` made, extended in place

    def follow(self, mapping: LocatedDict, source: SourceFile, real: str,
               chain: list[str]) -> None:
        for name, pos in _include_list(mapping, source):
            target = self._target(name, pos, os.path.dirname(real))
            if target in chain:
                names = [os.path.relpath(p) for p in [*chain[chain.index(target):], target]]
                raise _fail("E116", "include cycle: " + " → ".join(names), pos,
                            hint="a file may not include itself, directly or through others")
            if target in self.done:
                continue  # a fragment included twice (a diamond) is read and merged once
            if len(chain) >= MAX_INCLUDE_DEPTH:
                raise _fail("E116", f"includes nested deeper than {MAX_INCLUDE_DEPTH} files", pos)
            if len(self.done) >= MAX_INCLUDE_FILES:
                raise _fail("E119", f"a plan may include at most {MAX_INCLUDE_FILES} files", pos,
                            hint="merge small fragments")
            display = _display(source.path, name, target)
            fragment, fragment_source = self._read(target, display, pos)
            self.done.add(target)
            self.result.files.append(fragment_source)
            self.follow(fragment, fragment_source, target, [*chain, target])
            _merge(self.result.data, fragment, self.merged)

    def _target(self, name: str, pos: Any, folder: str) -> str:
        if "\0" in name:
            raise _fail("E115", "include path contains a NUL character", pos,
                        hint="write the file's path as it is")
        if os.path.isabs(name):
            raise _fail("E115", f"include path {name} is absolute", pos,
                        hint="write it relative to the including file")
        try:
            return resolve_inside(self.result.root, folder, name)
        except OutsideRoot:
            raise _fail("E115", f"include path {name} leaves the project root", pos,
                        hint="includes stay inside the plan's git work tree (or its folder, "
                        "or --root DIR), also through `..` and symbolic links") from None

    def _read(self, target: str, display: str, pos: Any) -> tuple[LocatedDict, SourceFile]:
        if not target.lower().endswith(YAML_SUFFIXES):
            raise _fail("E115", f"included file {display} is not a .yaml or .yml file", pos,
                        hint="a fragment is a YAML file; other files are never read")
        if not os.path.lexists(target):
            from_stdin = pos[0].path == STDIN_NAME
            raise _fail("E115", f"included file {display} not found", pos,
                        hint="a plan read from standard input includes paths relative to the "
                        "current folder" if from_stdin else
                        "paths are relative to the file that includes them")
        try:
            data = read_bytes(target, self.limits, follow_links=False)
        except InputError as exc:
            message = str(exc).removeprefix(f"{target}: ")
            raise _fail("E115", f"cannot include {display}: {message}", pos) from None
        self.budget.bytes -= len(data)
        if self.budget.bytes < 0:
            raise _fail("E101", "the plan and its included files are larger than the limit of "
                        f"{self.limits.max_bytes} bytes", pos,
                        hint="raise the limit with --max-bytes, or include less")
        data, fragment_source = parse_file(display, data, self.limits, self.budget)
        fragment = as_mapping(data, fragment_source, "an included file")
        if "planctl" in fragment:
            raise _fail("E117", "an included file is a fragment and has no `planctl:` key",
                        fragment.key_pos["planctl"],
                        hint="remove `planctl:` from the fragment, or check it on its own")
        return fragment, fragment_source


def _display(including: str, name: str, real: str) -> str:
    """How messages name an included file: as written from the including file, unless a
    symbolic link took it elsewhere (then its real path, relative to the working folder)."""
    written = os.path.normpath(os.path.join(os.path.dirname(including), name))
    return written if os.path.realpath(written) == real else os.path.relpath(real)


def _merge(target: LocatedDict, fragment: LocatedDict, merged_lists: set[int]) -> None:
    """Add a fragment's sections to the plan. A list section is copied once, on its first
    merge (the file's own list may be shared through an alias), then extended in place, so
    that many fragments cost time in proportion to their items."""
    for key, value in fragment.items():
        if key == "include":
            continue
        if key not in target:
            target[key] = value
            target.key_pos[key] = fragment.key_pos[key]
            target.val_pos[key] = fragment.val_pos[key]
            continue
        existing = target[key]
        if key in LIST_SECTIONS and isinstance(existing, LocatedList) and isinstance(value, list):
            merged = existing
            if id(existing) not in merged_lists:
                merged = LocatedList(existing.pos, existing, existing.item_pos)
                merged_lists.add(id(merged))
            merged.extend(value)
            merged.item_pos.extend(getattr(value, "item_pos", [fragment.val_pos[key]] * len(value)))
            target[key] = merged
            continue
        first = to_location(target.key_pos[key])
        raise PlanError([Diagnostic(
            "E118", f"section `{key}` is already set in {first}",
            to_location(fragment.key_pos[key]),
            hint="a section that is not a list may be set in one file only", name="include",
            related=(first,))])
