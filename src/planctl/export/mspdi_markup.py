"""Writing MSPDI markup: elements whose children follow the schema's order, and plan text
escaped as XML character data.

The markup is written as text rather than by ElementTree, whose serializer took most of the
time of a 10,000-task export; the tests parse every file back with an XML parser. One element a
line, not indented: Project and MPXJ ignore the layout.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from planctl.export import mspdi_schema as schema

ORDER = {name: {tag: n for n, tag in enumerate(seq)} for name, seq in (
    ("Project", schema.PROJECT), ("Calendar", schema.CALENDAR), ("WeekDay", schema.WEEK_DAY),
    ("Exception", schema.EXCEPTION), ("Task", schema.TASK),
    ("ExtendedAttributeDefinition", schema.EXTENDED_ATTRIBUTE_DEFINITION),
    ("ExtendedAttributeValue", schema.EXTENDED_ATTRIBUTE_VALUE),
    ("PredecessorLink", schema.PREDECESSOR_LINK), ("TaskBaseline", schema.TASK_BASELINE),
    ("Resource", schema.RESOURCE), ("Assignment", schema.ASSIGNMENT))}
"""Per element name, the rank of each child in the schema's sequence."""


class Xml(str):
    """Markup already written (an element and its children), as opposed to text to escape."""

    __slots__ = ()


Fields = dict[str, "str | int | float | Xml | list[str] | None"]
"""Child name -> value: text (escaped), a number, markup, lines of markup, or None (left out)."""

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ESCAPE = re.compile("[&<>\n\r]")
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\n": "&#10;", "\r": "&#13;"}


def escaped(text: str) -> str:
    """Plan text as XML character data. Characters XML 1.0 cannot hold (most C0 controls, lone
    surrogates, U+FFFE/U+FFFF; YAML's escapes can write them) become U+FFFD, so the file stays
    XML; line ends are written as references (`&#10;`), as Project writes them."""
    if not text.isprintable():
        text = _NOT_XML.sub("\ufffd", text)
    if _ESCAPE.search(text):
        text = _ESCAPE.sub(lambda m: _ENTITIES[m.group()], text)
    return text


def element(tag: str, fields: Fields, order: str | None = None) -> Xml:
    """`<tag>` with one child per field that is not None, in the schema's order for `order`
    (default: `tag`); a list value gives repeated children, markup (`Xml`) goes in as is."""
    return Xml("\n".join(element_lines(tag, fields, order)))


def element_lines(tag: str, fields: Fields, order: str | None = None, attributes: str = ""
                  ) -> list[str]:
    """`element` as lines to join, for the one too large to copy into an `Xml` (the file's
    root); `attributes` go in its opening tag."""
    key = (order or tag, tuple(fields))
    ordered = _ORDERED.get(key)
    if ordered is None:  # once per kind of element: most share their set of fields
        rank = ORDER[key[0]]
        ordered = _ORDERED[key] = tuple((name, f"<{name}>", f"</{name}>")
                                        for name in sorted(key[1], key=rank.__getitem__))
    lines = [f"<{tag}{attributes}>"]
    append = lines.append
    for name, opening, closing in ordered:
        value = fields[name]
        if value is None:
            continue
        kind = type(value)
        if kind is int:
            append(f"{opening}{value}{closing}")
        elif kind is str:
            append(f"{opening}{escaped(value)}{closing}")  # type: ignore[arg-type]
        elif kind is Xml:
            append(value)  # type: ignore[arg-type]
        elif kind is list:
            lines.extend(value)  # type: ignore[arg-type]
        else:
            append(f"{opening}{scalar(value)}{closing}")  # type: ignore[arg-type]
    append(f"</{tag}>")
    return lines


_ORDERED: dict[tuple[str, tuple[str, ...]], tuple[tuple[str, str, str], ...]] = {}


def scalar(value: int | float | None) -> str:
    return str(value) if isinstance(value, int) else number(float(value or 0))


def plain(tag: str, *children: tuple[str, str]) -> Xml:
    inner = "".join(f"\n<{name}>{text}</{name}>" for name, text in children)
    return Xml(f"<{tag}>{inner}\n</{tag}>")


def group(tag: str, items: Iterable[str]) -> Xml:
    """`<tag>` around repeated elements (`<Exceptions>`, `<WeekDays>`...)."""
    return Xml("\n".join(group_lines(tag, items)))


def group_lines(tag: str, items: Iterable[str]) -> list[str]:
    """`group` as lines, a field's value for `element` that is not copied once more (the
    thousands of `<Tasks>`)."""
    return [f"<{tag}>", *items, f"</{tag}>"]


@lru_cache(maxsize=1 << 16)  # a plan's costs and units take a few hundred values
def number(value: float) -> str:
    """A decimal of at most 4 places, without trailing zeros (equal values give equal text)."""
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
