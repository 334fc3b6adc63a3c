"""The base of every plan model: unknown keys are errors, and each object knows its source."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

from planctl.errors import Location
from planctl.located import LocatedDict, position_of, to_location

_NOWHERE = Location("<python>", 1, 1)


class Base(BaseModel):
    """A section of a plan.

    When validated from data the reader made, the object keeps the `LocatedDict` it came from,
    so rules can point at the exact line of any of its fields. Objects built in Python have no
    source and report `<python>:1:1`.
    """

    # Fields' docstrings are read only by `planctl schema` (see `schema._describe_fields`).
    model_config = ConfigDict(extra="forbid", populate_by_name=False, frozen=False)

    @model_validator(mode="wrap")
    @classmethod
    def _remember_source(cls, data: Any, handler: Any) -> Any:
        if isinstance(data, LocatedDict):
            data.model = cls
            result = handler(data)
            # Pydantic's own private attributes cost a default-filling call per object (a
            # quarter of validating a large plan); the source is the only private state.
            object.__setattr__(result, "__pydantic_private__", {"_node": data})
            return result
        return handler(data)

    def location(self, *path: str | int, key: bool = False) -> Location:
        """Where this object, or the value at `path` inside it, is written.

        `key=True` points at the key itself (`name:`) rather than its value.
        """
        node = self._source()
        if node is None:
            return _NOWHERE
        if not path:
            return to_location(node.pos)
        # Keys may have been written with their alias (`from`), so try both spellings.
        first, *rest = path
        if isinstance(first, str) and first not in node:
            field = type(self).model_fields.get(first)
            if field is not None and field.alias in node:
                first = field.alias
        pos = position_of(node, [first, *rest], key=key)
        return to_location(pos if pos is not None else node.pos)

    def has_key(self, name: str) -> bool:
        """Whether the source wrote `name` explicitly (False for objects built in Python)."""
        node = self._source()
        return node is not None and name in node

    def _source(self) -> LocatedDict | None:
        private = self.__pydantic_private__
        return None if private is None else private.get("_node")
