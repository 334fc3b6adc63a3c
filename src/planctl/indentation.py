"""Explain a YAML syntax error that is really an indentation mistake.

The parser reports where it gave up ("mapping values are not allowed here", "did not find
expected '-' indicator"), which says nothing to someone who indented a key one space too far.
This module reads the source lines before the error, works out which indentation levels are
open there (the keys and list items a new line may line up with), and when the line at the
error sits at none of them, says which sibling it should line up with.

It is a best-effort reading of block YAML: lines inside flow collections, quoted scalars and
block scalars are skipped as content, and anything it cannot place gives no explanation (the
parser's own message stands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A block mapping key: a plain word (no flow or quote characters) or a quoted one, then ':'
# and a space or the end of the line.
_KEY = re.compile(r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"{}\[\],&*!|>%@`-][^#:]*?|-[^\s#:][^#:]*?)"""
                  r"""[ \t]*:(?:[ \t]+(?P<value>.*))?\Z""")
_NOT_PLAIN = frozenset("|>\"'[{&*!%@`")


@dataclass(frozen=True)
class Line:
    """One structural line: its list-item dashes, its key, and whether a value follows."""

    number: int  # 1-based
    indent: int
    dashes: tuple[int, ...]  # columns (0-based) of the '- ' indicators
    key: str | None
    key_col: int | None
    opens_block: bool  # `key:` or `-` with nothing after: deeper lines are its children
    plain_value: bool = False  # a plain scalar follows, which a deeper line could continue
    whole_value: bool = False  # the value ends on this line (plain, or balanced flow or quotes)
    flow_mapping: bool = False  # a list item written `- {key: value, ...}`

    @property
    def content_col(self) -> int:
        """Lines deeper than this column continue this line's value (a multi-line scalar)."""
        if self.key_col is not None:
            return self.key_col
        return self.dashes[-1] if self.dashes else self.indent


@dataclass(frozen=True)
class Level:
    """An indentation level open at the error: a key column or a list's dash column."""

    column: int
    is_item: bool
    line: Line


@dataclass(frozen=True)
class Explanation:
    """What went wrong (`message`), how to fix it (`hint`), where (1-based line and column) and
    the line of the sibling to line up with (`sibling_line`, `sibling_column`)."""

    message: str
    hint: str
    line: int
    column: int
    sibling_line: int
    sibling_column: int


def _strip_comment(text: str) -> str:
    # A '#' starts a comment at the line start or after a space (outside quotes; good enough
    # for the structural lines read here, which are keys and dashes).
    match = re.search(r"(^|\s)#", text)
    return text[: match.start()].rstrip() if match else text.rstrip()


def parse_line(number: int, text: str) -> Line | None:
    """The structure of one line, or None for a blank line, a comment or a document marker."""
    body = _strip_comment(text)
    if not body.strip() or body.startswith(("---", "...", "%")):
        return None
    indent = len(body) - len(body.lstrip(" "))
    col, dashes = indent, []
    while body[col:col + 2] == "- " or body[col:] == "-":
        dashes.append(col)
        col += 1
        while col < len(body) and body[col] == " ":
            col += 1
    rest = body[col:]
    if not rest:
        return Line(number, indent, tuple(dashes), None, None, opens_block=True)
    match = _KEY.match(rest)
    if match is None:  # `- value`, or a line that continues a value
        plain = rest[0] not in _NOT_PLAIN
        return Line(number, indent, tuple(dashes), None, None, opens_block=False,
                    plain_value=plain, whole_value=plain or _whole(rest),
                    flow_mapping=rest[0] == "{")
    value = match.group("value") or ""
    plain = bool(value) and value[0] not in _NOT_PLAIN
    return Line(number, indent, tuple(dashes), match.group("key").strip("'\""), col,
                opens_block=not value, plain_value=plain, whole_value=plain or _whole(value))


def _whole(value: str) -> bool:
    """Whether a flow collection or quoted scalar that starts `value` also ends on this line."""
    if value[:1] in "\"'":
        return len(value) > 1 and value.rstrip().endswith(value[0])
    if value[:1] in "[{":
        return value.count("[") + value.count("{") == value.count("]") + value.count("}")
    return value[:1] in "&*!"  # an anchor, alias or tag before a value on the same line


def _structure(lines: list[str], upto: int) -> list[Line]:
    """The structural lines before line `upto` (1-based), skipping the lines that continue a
    value (multi-line scalars, flow collections, block scalars: deeper than their key)."""
    found: list[Line] = []
    owner: Line | None = None  # the last line with a value that deeper lines continue
    for number in range(1, upto):
        text = lines[number - 1]
        if "\t" in text[: len(text) - len(text.lstrip())]:
            raise ValueError("tab indentation")
        parsed = parse_line(number, text)
        if parsed is None:
            continue
        if owner is not None and parsed.indent > owner.content_col:
            continue  # a continuation of owner's value
        found.append(parsed)
        owner = None if parsed.opens_block else parsed
    return found


def open_levels(structure: list[Line]) -> list[Level]:
    """The key and dash columns a line after `structure` may line up with, innermost first."""
    levels: dict[int, Level] = {}
    limit = None
    for line in reversed(structure):
        anchors = [(c, True) for c in line.dashes]
        if line.key_col is not None:
            anchors.append((line.key_col, False))
        for column, is_item in anchors:
            if (limit is None or column < limit) and column not in levels:
                levels[column] = Level(column, is_item, line)
        limit = line.indent if limit is None else min(limit, line.indent)
        if limit == 0:
            break
    return sorted(levels.values(), key=lambda lv: -lv.column)


def _nearest(levels: list[Level], column: int) -> Level | None:
    # Ties go to the deeper level: the sibling just above is the likelier intent.
    return min(levels, key=lambda lv: (abs(lv.column - column), -lv.column), default=None)


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _indent_to(column: int) -> str:
    return f"indent it {_spaces(column)}" if column else "start it at the beginning of the line"


def explain(lines: list[str], number: int) -> Explanation | None:
    """Explain a syntax error on line `number` (1-based) of `lines` as an indentation mistake,
    or None when that line is indented where its structure allows (the error is something else).
    """
    if not 1 <= number <= len(lines):
        return None
    try:
        structure = _structure(lines, number)
    except ValueError:
        return None  # tabs have their own hint
    line = parse_line(number, lines[number - 1])
    if line is None or not structure or "\t" in lines[number - 1][: line.indent + 1]:
        return None
    previous = structure[-1]
    if line.indent > previous.content_col and not (previous.opens_block or previous.whole_value):
        return None  # perhaps inside a flow collection, or a quoted or block scalar
    if line.key is not None and not line.dashes:
        if previous.flow_mapping and line.indent > previous.content_col:
            return _after_braces(line, previous)
        return _explain_key(line, previous, open_levels(structure))
    if line.dashes:
        return _explain_item(line, previous, open_levels(structure))
    return None


def _explain_key(line: Line, previous: Line, levels: list[Level]) -> Explanation | None:
    column = line.indent
    if previous.opens_block and column > previous.content_col:
        return None  # a child of the key above: allowed
    keys = [lv for lv in levels if not lv.is_item]
    if any(lv.column == column for lv in keys):
        return None
    item = next((lv for lv in levels if lv.is_item and lv.column == column), None)
    if item is not None:
        inner = next((lv for lv in keys if lv.column > column), None)
        hint = f"start a new list item with '- {line.key}:'"
        if inner is not None:
            hint += (f", or {_indent_to(inner.column)} to line up with "
                     f"'{inner.line.key}' on line {inner.line.number} if it belongs to the "
                     "item above")
        return Explanation(
            f"'{line.key}' is lined up with the '-' of the list item on line "
            f"{item.line.number}, not with a key: is its '-' missing?",
            hint, line.number, column + 1, item.line.number, item.column + 1)
    sibling = _nearest(keys, column)
    if sibling is None:
        return None
    more = "more" if column > sibling.column else "less"
    return Explanation(
        f"'{line.key}' is indented {more} than '{sibling.line.key}' on line "
        f"{sibling.line.number} ({_spaces(column)}, not {sibling.column})",
        f"line '{line.key}' up with '{sibling.line.key}': {_indent_to(sibling.column)}",
        line.number, column + 1, sibling.line.number, sibling.column + 1)


def _explain_item(line: Line, previous: Line, levels: list[Level]) -> Explanation | None:
    column = line.indent
    if previous.opens_block and column >= previous.content_col:
        return None  # the first item of a list under `key:` (YAML allows it at the key's column)
    items = [lv for lv in levels if lv.is_item]
    if any(lv.column == column for lv in items):
        return None
    sibling = _nearest(items, column)
    if sibling is None:
        return None
    among = next((lv for lv in levels if not lv.is_item and lv.column == column), None)
    message = (f"the '-' of this list item is indented {_spaces(column)}, but the items of its "
               f"list are at {sibling.column} (line {sibling.line.number})")
    if among is not None:
        message += (f": it sits among the keys of the item above ('{among.line.key}' on line "
                    f"{among.line.number})")
    return Explanation(
        message, f"line its '-' up with the one on line {sibling.line.number}: "
        f"{_indent_to(sibling.column)}",
        line.number, column + 1, sibling.line.number, sibling.column + 1)


def _after_braces(line: Line, item: Line) -> Explanation:
    brace = item.dashes[-1] + 2
    return Explanation(
        f"'{line.key}' is indented under the list item on line {item.number}, which is written "
        "in braces {...}: no key can follow its closing brace",
        f"move '{line.key}: ...' inside the braces, or write the item one key per line",
        line.number, line.indent + 1, item.number, brace + 1)


def left_behind(lines: list[str], number: int) -> list[Level]:
    """The key levels open on the line before line `number` that are deeper than it: the
    mappings that this line leaves (innermost first). A key that parses but is unknown where it
    landed may belong to one of them, indented too little."""
    if not 1 <= number <= len(lines):
        return []
    line = parse_line(number, lines[number - 1])
    try:
        structure = _structure(lines, number)
    except ValueError:
        return []
    if line is None or not structure:
        return []
    return [lv for lv in open_levels(structure) if not lv.is_item and lv.column > line.indent]
