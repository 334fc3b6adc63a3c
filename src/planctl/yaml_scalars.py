"""What a YAML scalar means to planctl: YAML 1.2's core schema, with a limit on numbers.

Shared by the reader's two builders (`planctl.reader` and `planctl.yaml_events`), so that a
value is typed the same way whichever of them reads it.
"""

from __future__ import annotations

import math
import re
from typing import Any

MAX_INT_DIGITS = 30

CORE = "tag:yaml.org,2002:"
PLAIN = "tag:planctl,implicit"  # marks untagged plain scalars, typed by YAML 1.2 rules below
STR, INT, FLOAT, BOOL, NULL = (CORE + t for t in ("str", "int", "float", "bool", "null"))
MAP, SEQ = CORE + "map", CORE + "seq"
TYPED = frozenset((INT, FLOAT, BOOL, NULL))
"""The core tags whose text must read as a value of their type (`!!int 3`)."""

WORDS: dict[str, Any] = {"": None, "~": None, "null": None, "Null": None, "NULL": None,
                         "true": True, "True": True, "TRUE": True,
                         "false": False, "False": False, "FALSE": False}
"""The plain scalars that are null or a boolean."""
NUMBER_START = frozenset("0123456789+-.")
"""The first characters of every plain scalar that may be a number."""
_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
_OCT_RE = re.compile(r"0o[0-7]+\Z")
_HEX_RE = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT_RE = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_INF_RE = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_NAN_RE = re.compile(r"\.(nan|NaN|NAN)\Z")
_EXPECTED: dict[str, Any] = {INT: int, FLOAT: (int, float), BOOL: bool, NULL: type(None)}


class BadScalar(Exception):
    """A scalar planctl refuses: the code, message and hint of its diagnostic, which the
    caller locates."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def plain_value(value: str) -> Any:
    """The value of an untagged plain scalar (YAML 1.2 core schema: `NO` stays text)."""
    if not value or value[0] not in NUMBER_START:
        return WORDS.get(value, value)
    if _INT_RE.match(value):
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise BadScalar("E113", "number too large", "quote it if it is meant as text")
        return int(value)
    if _OCT_RE.match(value):
        return int(value[2:], 8)
    if _HEX_RE.match(value):
        return int(value[2:], 16)
    if _FLOAT_RE.match(value):
        result = float(value)
        if math.isinf(result):
            raise BadScalar("E113", "number too large")
        return result
    if _INF_RE.match(value):
        return float("-inf") if value.startswith("-") else float("inf")
    if _NAN_RE.match(value):
        return float("nan")
    return value


def typed_value(tag: str, value: str) -> Any:
    """The value of a scalar with one of the `TYPED` core tags (`!!float 1` is 1.0)."""
    typed = plain_value(value)
    if not isinstance(typed, _EXPECTED[tag]) or (tag == INT and isinstance(typed, bool)):
        raise BadScalar("E112", f"'{value}' is not a valid {tag[len(CORE):]}")
    return float(typed) if tag == FLOAT else typed
