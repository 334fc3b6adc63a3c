"""Where a command's output goes: standard output, or a file written atomically that is never
one of the plan files the output was made from (`render -o`, `export -o`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from planctl.errors import InputError


def identities(paths: list[str]) -> dict[tuple[int, int], str]:
    """(device, inode) of each file read, so that no name, symbolic or hard link of one is
    ever written over."""
    found = {}
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        found[(info.st_dev, info.st_ino)] = path
    return found


def refuse_inputs(targets: list[Path], protected: dict[tuple[int, int], str],
                  what: str = "page") -> None:
    """Exit 2 before writing anything if an output would replace a plan or fragment it was
    made from (`-o plan.yaml`, a link to it, or an output name equal to an input's)."""
    for target in targets:
        try:
            info = os.stat(target)
        except OSError:
            continue  # nothing there (or unreachable): not an input
        read = protected.get((info.st_dev, info.st_ino))
        if read is not None:
            raise InputError(f"-o {target}: refusing to overwrite {read}, which was read as a "
                             f"plan or fragment; write the {what} elsewhere")


def write_one(output: str | None, default_name: str, data: str | bytes,
              protected: dict[tuple[int, int], str], what: str = "page") -> None:
    """`data` to standard output (`output` None or `-`), to the file `output`, or to
    `default_name` inside the directory `output` (created when it ends in `/`)."""
    if output in (None, "-"):
        sys.stdout.buffer.write(data.encode("utf-8") if isinstance(data, str) else data)
        sys.stdout.flush()
        return
    target = Path(output)
    # `-o site/` names a directory even before it exists: the output goes inside it.
    if output.endswith(("/", os.sep)) and not target.is_dir():
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InputError(f"-o {output}: cannot create the directory: {exc.strerror}"
                             ) from None
    if target.is_dir():
        target = target / default_name
    refuse_inputs([target], protected, what)
    write_file(target, data)


def write_file(path: Path, data: str | bytes) -> None:
    """`data` written atomically to `path`; exit 2 with the reason if it cannot be."""
    from planctl.atomic import write_atomic

    try:
        write_atomic(path, data)
    except InputError:
        raise
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None
