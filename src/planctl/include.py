"""Read a plan file and the fragments it includes, merged into one located mapping.

A fragment is a mapping of sections. List sections (phases, risks, ...) are appended in include
order; any other section may be set by one file only. Paths are relative to the including
file; a cycle or a missing file is reported at the `include` line that names it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from planctl.errors import Diagnostic, InputError, PlanError
from planctl.located import LocatedDict, LocatedList, SourceFile, to_location
from planctl.reader import Limits, read_file

LIST_SECTIONS = ("objectives", "resources", "phases", "risks", "stakeholders", "communications",
                 "lessons")
MAX_INCLUDE_DEPTH = 16


@dataclass
class PlanSource:
    """A plan's merged data and every file it was read from, the plan file first."""

    data: LocatedDict
    files: list[SourceFile] = field(default_factory=list)

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


def load_source(path: str, limits: Limits = Limits()) -> PlanSource:
    """Read `path` and everything it includes; raise `PlanError` or `InputError`."""
    data, source = read_file(path, limits)
    root = as_mapping(data, source, "a plan")
    result = PlanSource(root, [source])
    _include_all(result, root, source, [os.path.realpath(path)], limits)
    return result


def _include_list(mapping: LocatedDict, source: SourceFile) -> list[tuple[str, Any]]:
    value = mapping.get("include")
    if value is None:
        return []
    if isinstance(value, LocatedList) and all(isinstance(v, str) for v in value):
        return list(zip(value, value.item_pos, strict=True))
    raise _fail("E115", "`include` must be a list of file paths", mapping.val_pos["include"],
                hint="write include: [risks.yaml, phases/build.yaml]")


def _include_all(result: PlanSource, mapping: LocatedDict, source: SourceFile,
                 chain: list[str], limits: Limits) -> None:
    base = os.path.dirname(source.path)
    for name, pos in _include_list(mapping, source):
        if os.path.isabs(name):
            raise _fail("E115", f"include path {name} is absolute", pos,
                        hint="write it relative to the including file")
        display = os.path.normpath(os.path.join(base, name))
        real = os.path.realpath(display)
        if real in chain:
            names = [os.path.relpath(p) for p in [*chain[chain.index(real):], real]]
            raise _fail("E116", "include cycle: " + " → ".join(names), pos,
                        hint="a file may not include itself, directly or through others")
        if len(chain) >= MAX_INCLUDE_DEPTH:
            raise _fail("E116", f"includes nested deeper than {MAX_INCLUDE_DEPTH} files", pos)
        if not os.path.exists(display):
            raise _fail("E115", f"included file {display} not found", pos,
                        hint="paths are relative to the file that includes them")
        try:
            data, fragment_source = read_file(display, limits)
        except InputError as exc:
            raise _fail("E115", f"cannot include {display}: {exc}", pos) from None
        fragment = as_mapping(data, fragment_source, "an included file")
        if "planctl" in fragment:
            raise _fail("E117", "an included file is a fragment and has no `planctl:` key",
                        fragment.key_pos["planctl"],
                        hint="remove `planctl:` from the fragment, or check it on its own")
        result.files.append(fragment_source)
        _include_all(result, fragment, fragment_source, [*chain, real], limits)
        _merge(result.data, fragment)


def _merge(target: LocatedDict, fragment: LocatedDict) -> None:
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
            merged = LocatedList(existing.pos, existing, existing.item_pos)
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
