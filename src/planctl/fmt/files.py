"""`planctl fmt` on files: which files, their bytes, and the one write.

The bytes' style survives formatting: a UTF-8 byte-order mark stays, and a file whose first
line ends in CRLF is written with CRLF throughout. The write goes through
`planctl.atomic.write_atomic` (a symbolic link keeps pointing at the formatted target, the
mode is kept, a read-only file is refused untouched), and only after the file was read again
and found as it was when formatting began.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass

from planctl.atomic import write_atomic
from planctl.errors import InputError
from planctl.fmt.core import format_text
from planctl.reader import Limits, decode, read_bytes

BOM = b"\xef\xbb\xbf"
_BREAK = re.compile(r"\r\n?")


@dataclass(frozen=True)
class FormatResult:
    """One file formatted: its text before and after (`\\n` line ends), and its bytes."""

    path: str
    before: str
    after: str
    data: bytes
    formatted: bytes

    @property
    def changed(self) -> bool:
        return self.data != self.formatted


def format_bytes(data: bytes, path: str = "<string>", limits: Limits = Limits()) -> FormatResult:
    """Format a file's bytes; keeps its byte-order mark and line-ending style."""
    if len(data) > limits.max_bytes:  # the reader's limit, for bytes not read from a file
        raise_for_size(data, path, limits)
    text = decode(data, path)
    crlf = _first_break(text) == "\r\n"
    before = _BREAK.sub("\n", text)
    after = format_text(before, path, limits)
    out = after.replace("\n", "\r\n") if crlf else after
    formatted = (BOM if data.startswith(BOM) else b"") + out.encode("utf-8")
    return FormatResult(path, before, after, data, formatted)


def raise_for_size(data: bytes, path: str, limits: Limits) -> None:
    from planctl.errors import Diagnostic, Location, PlanError

    raise PlanError([Diagnostic(
        "E101", f"file is larger than the limit of {limits.max_bytes} bytes", Location(path),
        hint="split the plan with `include:`, or raise the limit with --max-bytes",
        name="file-too-large")])


def _first_break(text: str) -> str:
    match = _BREAK.search(text)
    return match.group(0) if match else "\n"


def format_file(path: str, limits: Limits = Limits(), *, write: bool = True) -> FormatResult:
    """Format the file at `path`, and write it back when it changed and `write` is set.

    Raises `PlanError` (the reader refused the file), `FormatRefused` (the output could not
    be proven to mean the same) or `InputError` (it cannot be read or written); in every
    case the file is unchanged.
    """
    data = read_bytes(path, limits)
    result = format_bytes(data, path, limits)
    if write and result.changed:
        # No write bit is a read-only file, for root too (who may write anything).
        if not os.stat(path).st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise InputError(f"{path}: the file is read-only; it is unchanged")
        if read_bytes(path, limits) != data:
            raise InputError(f"{path}: changed while it was being formatted; it was not written")
        write_atomic(path, result.formatted)
    return result


def files_to_format(paths: list[str], limits: Limits = Limits()) -> tuple[list[str], list[str]]:
    """The files that `paths` name, and problems with the rest.

    A file is itself; a directory stands for the plans under it (as `check` finds them) and
    every fragment they include. Each file appears once, however many times it is named.
    """
    found: list[str] = []
    problems: list[str] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            found.append(path)

    for path in paths:
        if not os.path.isdir(path):
            add(path)
            continue
        from planctl.check import discover
        from planctl.errors import PlanError
        from planctl.include import load_source

        plans = discover(path, limits)
        if not plans:
            problems.append(f"{path}: no plans found (YAML files with a top-level `planctl:` key)")
        for plan in plans:
            add(plan)
            try:
                files = load_source(plan, limits).files[1:]
            except (PlanError, InputError):
                continue  # formatting the plan itself reports what is wrong with it
            for fragment in files:
                add(fragment.path)
    return found, problems
