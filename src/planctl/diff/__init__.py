"""Comparing two versions of a plan: `planctl diff`.

`compare_versions(base, head) -> ScheduleDiff` is the core (`planctl.diff.compare`); the sides
are read by `planctl.diff.versions` (files, `REV:PATH`, baselines) and written out by the
formats registered in `planctl.diff.formats`. Names are imported lazily.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "compare_versions": "planctl.diff.compare",
    "Version": "planctl.diff.compare",
    "ScheduleDiff": "planctl.diff.result",
    "load_version": "planctl.diff.versions",
    "load_revision": "planctl.diff.versions",
    "render_diff": "planctl.diff.formats",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'planctl.diff' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
