"""The canonical order of keys: the order of the fields in the format reference.

docs/format.md's tables are generated from the pydantic models (`<!-- fields: Plan -->`), so
the models' field order is the reference's order. A key the models do not know (a typo that
`check` reports) keeps its place after the known ones; the merge key `<<` comes first.
"""

from __future__ import annotations

import typing
from functools import cache

from pydantic import BaseModel

MERGE_KEY = "<<"


def _models(annotation: object) -> list[type[BaseModel]]:
    """The models an annotation can hold directly or as list items."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for arg in typing.get_args(annotation):
        for model in _models(arg):
            if model not in found:
                found.append(model)
    return found


@cache
def fields(models: tuple[type[BaseModel], ...]) -> dict[str, tuple[type[BaseModel], ...]]:
    """Key → the models of its value, in the reference's order, for a mapping of `models`."""
    result: dict[str, tuple[type[BaseModel], ...]] = {}
    for model in models:
        for name, info in model.model_fields.items():
            key = info.alias or name
            if key not in result:
                result[key] = tuple(_models(info.annotation))
    return result


def plan_models() -> tuple[type[BaseModel], ...]:
    from planctl.model import Plan

    return (Plan,)


def ordered(keys: list[str], models: tuple[type[BaseModel], ...]) -> list[int]:
    """Positions of `keys` in canonical order: `<<`, then known keys, then the rest as given."""
    rank = {key: i for i, key in enumerate(fields(models))} if models else {}
    unknown = len(rank)

    def place(index: int) -> tuple[int, int]:
        key = keys[index]
        if key == MERGE_KEY:
            return (-1, index)
        return (rank.get(key, unknown), index)

    return sorted(range(len(keys)), key=place)
