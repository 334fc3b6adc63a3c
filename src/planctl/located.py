"""Plain containers that remember where each of their values came from.

The reader builds these instead of ruamel's round-trip types: they are ordinary dicts and lists
(so pydantic validates them at full speed) with positions on the side. A position is a tuple
`(SourceFile, line, column)`, 0-based; it becomes a `Location` only when something is reported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from planctl.errors import Location


@dataclass(eq=False)
class SourceFile:
    """One file that was read: its display path and its text, for code frames."""

    path: str
    text: str = ""
    _lines: list[str] | None = field(default=None, repr=False)

    def line(self, number: int) -> str:
        """The text of a 1-based line, without its line break ('' past the end)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= number <= len(self._lines):
            return self._lines[number - 1]
        return ""


Position = tuple[SourceFile, int, int]


def to_location(pos: Position) -> Location:
    source, line, column = pos
    return Location(source.path, line + 1, column + 1)


class LocatedDict(dict):
    """A mapping with the position of itself, of each key and of each value."""

    __slots__ = ("key_pos", "model", "pos", "val_pos")

    def __init__(self, pos: Position) -> None:  # empty, as `dict.__new__` made it
        self.pos = pos
        self.key_pos: dict[Any, Position] = {}
        self.val_pos: dict[Any, Position] = {}
        # Set by the model that validates this mapping, so an unknown key can be answered with
        # the keys that model allows.
        self.model: type | None = None


class LocatedList(list):
    """A sequence with the position of itself and of each item."""

    __slots__ = ("item_pos", "pos")

    def __init__(self, pos: Position, items: Iterable[Any] = (), item_pos: Iterable[Position] = ()):
        super().__init__(items)
        self.pos = pos
        self.item_pos: list[Position] = list(item_pos)


def position_of(root: Any, path: Iterable[Any], *, key: bool = False) -> Position | None:
    """The position of the value at `path` under `root`, or of the deepest part that exists.

    With `key=True` the position of the last mapping key itself is returned. Path parts that do
    not name an existing key or index (pydantic adds names of union branches) are skipped.
    """
    node = root
    best: Position | None = getattr(root, "pos", None)
    parts = list(path)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(node, LocatedDict) and part in node:
            positions = node.key_pos if key and last else node.val_pos
            best = positions.get(part, best)
            node = node[part]
        elif isinstance(node, LocatedList) and isinstance(part, int) and 0 <= part < len(node):
            if part < len(node.item_pos):
                best = node.item_pos[part]
            node = node[part]
        elif isinstance(node, LocatedDict) and key and last:
            # A missing key: point at the mapping that should hold it.
            best = node.pos
    return best


def location_of(
    root: Any, path: Iterable[Any], fallback: Location, *, key: bool = False
) -> Location:
    pos = position_of(root, path, key=key)
    return to_location(pos) if pos is not None else fallback
