"""Plain, read-only data for templates: the only kind of value a template ever receives.

A user template (`--templates`) is code from a stranger. Jinja's sandbox stops it reaching
private attributes, but it may still call any public method of what it is given: handed a
pydantic model, `plan.parse_raw(..., allow_pickle=True)` runs a shell command and
`plan.parse_file(path)` reads a file. So templates get no objects with behaviour at all.
`freeze` turns the views, models and schedule entries into:

- scalars: `str` (and `Markup`), `int`, `float`, `bool`, `None`, `date`;
- `tuple` for lists, `frozenset` for sets, `MappingProxyType` for dicts;
- `Record` for objects: their fields (and documented properties) by name, `r.name` or
  `r["name"]`, and nothing else: no methods, nothing to call, nothing to change.

Anything else (a function, a class, an object freeze does not know) is refused with a
`TypeError`, so a field added to a view later cannot leak behaviour by accident.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import cache, cached_property
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

_SCALARS = (str, bool, int, float, date, type(None))
_PLAIN_TYPES = frozenset({*_SCALARS, Markup})


class Lazy:
    """A `Record` value computed on first read (charts are expensive and often unused).

    Never visible to a template: a `Record` replaces it by its value when it is read.
    """

    __slots__ = ("compute",)

    def __init__(self, compute: Callable[[], Any]) -> None:
        self.compute = compute


class Record:
    """Read-only named fields: `record.name` and `record["name"]`; no methods, no setters.

    A record made by `freeze` is a view of one object: a field is frozen when it is first read
    (a page of 2,000 tasks reads a few fields of each, and freezing all of them up front costs
    more than rendering) and kept in the record's own `__dict__`, so later reads are plain
    attribute reads. Only the object's field names are reachable; the object itself is held in
    an underscore attribute, which the sandbox never lets a template read, and the class has
    no public attribute of its own. Iterating gives the field names, as for a mapping.
    `str()` is the text of the object it was made from when that object defines one (a
    duration prints `3d`).
    """

    __slots__ = ("__dict__", "_lazy", "_memo", "_names", "_source")

    def __init__(self, fields: Mapping[str, Any]) -> None:
        """A record of `fields` as given (values must be plain, or `Lazy`)."""
        lazy = {name: value for name, value in fields.items() if type(value) is Lazy}
        object.__getattribute__(self, "__dict__").update(
            (name, value) for name, value in fields.items() if name not in lazy)
        object.__setattr__(self, "_lazy", lazy)
        object.__setattr__(self, "_names", dict.fromkeys(fields))
        object.__setattr__(self, "_source", None)
        object.__setattr__(self, "_memo", None)

    def __getattr__(self, name: str) -> Any:
        # Only reached for a field not read yet (read ones are in `__dict__`). Underscore names
        # are never fields (and the slots may be unset while unpickling).
        if name.startswith("_"):
            raise AttributeError(name)
        lazy = self._lazy
        if name in lazy:
            value = lazy.pop(name).compute()
        elif self._source is not None and name in self._names:
            value = getattr(self._source, name)
            if type(value) not in _PLAIN_TYPES:  # most fields are scalars: skip the call
                value = freeze(value, self._memo)
        else:
            raise AttributeError(name)
        object.__getattribute__(self, "__dict__")[name] = value
        return value

    def __getitem__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "__dict__")[name]
        except KeyError:
            pass
        try:
            return self.__getattr__(name)
        except AttributeError:
            raise KeyError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a record is read-only: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a record is read-only: cannot delete {name!r}")

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __str__(self) -> str:
        source = self._source
        if source is not None and _has_own_str(type(source)):
            return str(source)
        return repr(self)

    def __repr__(self) -> str:
        return f"Record({', '.join(self._names)})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled with every field frozen: what crosses a process boundary is plain data.
        return (Record, ({name: self[name] for name in self._names},))


def _view(source: Any, memo: dict[int, tuple[Any, Any]]) -> Record:
    """A record of `source`'s fields, each frozen on first read (sharing `memo`)."""
    record = Record.__new__(Record)
    object.__setattr__(record, "_lazy", {})
    object.__setattr__(record, "_names", _field_names(type(source)))
    object.__setattr__(record, "_source", source)
    object.__setattr__(record, "_memo", memo)
    return record


def freeze(value: Any, memo: dict[int, tuple[Any, Any]] | None = None) -> Any:
    """`value` as plain, read-only data (see the module docstring); raises `TypeError` for
    anything that cannot be made plain.

    Objects met twice become the same frozen object (a task in a phase and on the critical
    path), so identity tests in templates (`t in critical_path`) keep working.
    """
    kind = type(value)
    if kind in _PLAIN_TYPES or kind is Record:
        return value
    if memo is None:
        memo = {}
    seen = memo.get(id(value))
    if seen is not None:
        return seen[1]
    frozen: Any
    if isinstance(value, Markup):
        frozen = Markup(value)
    elif isinstance(value, str):
        frozen = str(value)
    elif isinstance(value, bool):
        frozen = bool(value)
    elif isinstance(value, int):
        frozen = int(value)
    elif isinstance(value, float):
        frozen = float(value)
    elif isinstance(value, date):
        frozen = value  # date and datetime are immutable values
    elif isinstance(value, (list, tuple)):
        frozen = tuple([freeze(item, memo) for item in value])
    elif isinstance(value, (set, frozenset)):
        frozen = frozenset([freeze(item, memo) for item in value])
    elif isinstance(value, Mapping):
        frozen = MappingProxyType({freeze(k, memo): freeze(v, memo) for k, v in value.items()})
    elif _is_object(value):
        frozen = _view(value, memo)
    else:
        raise TypeError(f"templates receive plain data only, not {kind.__module__}."
                        f"{kind.__qualname__}")
    memo[id(value)] = (value, frozen)
    return frozen


def _is_object(value: Any) -> bool:
    from pydantic import BaseModel

    return (dataclasses.is_dataclass(value) and not isinstance(value, type)) \
        or isinstance(value, BaseModel)


@cache
def _field_names(cls: type) -> dict[str, None]:
    """The fields a template sees of `cls`: its data fields and the public properties its
    planctl classes define (a health's `label`, a plan's `tasks_by_id`)."""
    names: list[str] = []
    if dataclasses.is_dataclass(cls):
        names += [f.name for f in dataclasses.fields(cls)]
    else:
        names += list(cls.model_fields)  # type: ignore[attr-defined]
    for klass in reversed(cls.__mro__):
        if not klass.__module__.startswith("planctl"):
            continue
        for name, attr in vars(klass).items():
            if not name.startswith("_") and isinstance(attr, (property, cached_property)) \
                    and name not in names:
                names.append(name)
    # A dict for its order and its quick `in`.
    return dict.fromkeys(name for name in names if not name.startswith("_"))


@cache
def _has_own_str(cls: type) -> bool:
    return any("__str__" in vars(klass) for klass in cls.__mro__
               if klass.__module__.startswith("planctl"))


def freeze_context(context: Mapping[str, Any]) -> dict[str, Any]:
    """A template context with every value frozen (one memo, so shared objects stay shared)."""
    memo: dict[int, tuple[Any, Any]] = {}
    return {name: freeze(value, memo) for name, value in context.items()}
