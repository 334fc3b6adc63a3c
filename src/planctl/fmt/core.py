"""`format_text`: a plan's text in the canonical layout, checked before anyone writes it.

Like black, the result is trusted only after it is read back: the reader must produce the same
data from it (value for value and type for type, so the same model and the same schedule), it
must carry the same comments, and formatting it again must change nothing. Otherwise
`FormatRefused` is raised and nothing is written.
"""

from __future__ import annotations

import math
from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode

from planctl.errors import Diagnostic, Location, PlanctlError, PlanError
from planctl.fmt.emit import emit
from planctl.fmt.tree import Document, build
from planctl.gcpause import gc_paused
from planctl.include import as_mapping
from planctl.located import SourceFile
from planctl.reader import Limits, loader_class, parse

try:  # pragma: no cover - which one exists depends on the platform
    from ruamel.yaml.cyaml import CBaseLoader as _Base
except ImportError:  # pragma: no cover
    from ruamel.yaml.loader import BaseLoader as _Base

_Composer = loader_class(_Base)


class FormatRefused(PlanctlError):
    """fmt's output would not mean what the input means; nothing is written.

    This is a limit of the formatter, never a fault of the plan: the message says so.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: not formatted: {reason}; the file is unchanged "
                         "(this is a limit of planctl fmt: please report it)")


def _document(text: str, path: str) -> Document:
    loader = _Composer(text)
    try:
        node = loader.get_single_node()
    except YAMLError as exc:  # the reader accepted this text: only fmt's own output gets here
        raise FormatRefused(path, f"the formatted text does not parse ({exc})") from None
    if not isinstance(node, MappingNode):
        raise PlanError([Diagnostic("E114", "a plan must be a mapping of sections",
                                    Location(path), name="fmt")])
    return build(node, text)


def same(a: Any, b: Any) -> bool:
    """Equal values of equal types all the way down (`True` is not `1`, `1` is not `1.0`)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def format_text(text: str, path: str = "<string>", limits: Limits = Limits()) -> str:
    """`text` (one plan file or fragment, `\\n` line ends) in the canonical layout.

    Raises `PlanError` when the safe reader refuses the text (located, as `check` reports it)
    and `FormatRefused` when the result could not be proven to mean the same.
    """
    # Hundreds of thousands of small acyclic objects: the cyclic collector only slows this.
    with gc_paused():
        return _format(text, path, limits)


# Line breaks to YAML 1.1 (libyaml, planctl's reader) and to ruamel's line count, but not to
# YAML 1.2: the layout fmt takes from ruamel would be off by a line after each of them.
_AMBIGUOUS_BREAKS = {"\x85": ("U+0085 (next line)", "\\N"),
                     "\u2028": ("U+2028 (line separator)", "\\L"),
                     "\u2029": ("U+2029 (paragraph separator)", "\\P")}


def _refuse_ambiguous_breaks(text: str, path: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        for column, char in enumerate(line, start=1):
            if char in _AMBIGUOUS_BREAKS:
                name, escape = _AMBIGUOUS_BREAKS[char]
                raise FormatRefused(path, f"line {number} column {column} holds a raw {name} "
                                    "character, which YAML readers disagree about (a line "
                                    "break to some, a letter to others); write it as "
                                    f"{escape} inside double quotes, or remove it")


def _format(text: str, path: str, limits: Limits) -> str:
    source = SourceFile(path, text)
    data = parse(text, source, limits)
    as_mapping(data, source, "a plan")
    if any(char in text for char in _AMBIGUOUS_BREAKS):
        _refuse_ambiguous_breaks(text, path)
    doc = _document(text, path)
    result = emit(doc)
    if result == text:
        return result
    try:
        again = parse(result, SourceFile(path, result), limits)
    except PlanError as exc:
        raise FormatRefused(path, f"the output would not read back ({exc})") from None
    if not same(data, again):
        raise FormatRefused(path, "the output would hold different data")
    redone = _document(result, path)
    if redone.comments() != doc.comments():
        raise FormatRefused(path, "the output would lose or split a comment")
    if emit(redone) != result:
        raise FormatRefused(path, "formatting the output again would change it")
    return result
