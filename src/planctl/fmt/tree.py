"""A plan file as `planctl fmt` sees it: the YAML nodes, and every comment attached to one.

The nodes come from the same composer the safe reader uses (after the reader has accepted the
file, so limits and tags are already enforced). Comments are not part of YAML's data, so they
are found in the text (a `#` at the start of a line or after a blank, outside every scalar) and
each is attached to one entry, a mapping key or a list item:

- a comment on a line of its own belongs to the entry that starts on the next line with an
  entry (the outermost one there: the item of `- id: a`, not its `id`), or, when it is
  indented deeper than that entry, to the end of the innermost collection it is indented under;
- a comment after content on a line belongs to the last entry that starts on that line or
  before it (again the item of `- id: a`, not its `id`; but a `# planctl: ignore[...]`
  directive belongs to the key itself, because it silences findings at the keys on its line);
- comments before the first key are the header, comments after the last entry at column 1 the
  footer.

Entries inside a flow collection written on one line are not candidates: a comment beside
`- {id: a, name: A}` belongs to the list item, not to `name`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_COMMENT = re.compile(r"(?:^|(?<=[ \t]))#[^\n]*", re.MULTILINE)
_ANCHOR = re.compile(r"&([^\s,\[\]{}]+)")
# `# planctl: ignore[T101]` silences findings on its own line: it must stay beside the same keys.
DIRECTIVE = re.compile(r"#\s*planctl\s*:")


@dataclass(eq=False)
class Entry:
    """A mapping key with its value, or a list item (`key` is None)."""

    key: ScalarNode | None
    value: Node
    line: int
    column: int
    parent: Collection
    leading: list[str] = field(default_factory=list)
    """Comment lines above the entry; "" stands for a blank line between them."""
    blank_before: bool = False
    eol: list[str] = field(default_factory=list)


@dataclass(eq=False)
class Collection:
    node: Node
    owner: Entry | None = None
    """The entry whose value this is (None for the document's root)."""
    entries: list[Entry] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    """Comments after the last entry, indented under this collection."""
    one_line_flow: bool = False


@dataclass
class Document:
    text: str
    root: Collection
    collections: dict[int, Collection]
    """Every mapping and list by the id of its node (an alias shares its anchor's)."""
    header: list[str]
    footer: list[str]
    anchors: dict[int, str]
    """Anchor names by node id."""

    def comments(self) -> list[str]:
        found = [c for c in self.header + self.footer if c.startswith("#")]
        for coll in self.collections.values():
            found += coll.trailing
            for entry in coll.entries:
                found += entry.leading + entry.eol
        return sorted(c for c in found if c)


def build(root: MappingNode, text: str) -> Document:
    """Entries and comments of a document whose root node is `root`."""
    builder = _Builder(text)
    top = builder.collection(root)
    lines = text.split("\n")
    blank = {i for i, line in enumerate(lines) if not line.strip()}
    first_line = top.entries[0].line if top.entries else len(lines)
    header = _header(lines[:first_line])
    footer: list[str] = []
    entries = sorted(builder.order, key=lambda e: (e.line, e.column))  # stable: keeps nesting
    starts = [(e.line, e.column) for e in entries]
    for start, end in _comments(text, builder.scalar_spans):
        line = text.count("\n", 0, start)
        if line < first_line:
            continue
        column = start - (text.rfind("\n", 0, start) + 1)
        comment = text[start:end].rstrip()
        own_line = not lines[line][:column].strip()
        if not own_line:
            at = bisect.bisect_right(starts, (line, 1 << 30)) - 1
            if at >= 0:
                # A directive stays beside the key it was written beside (its findings are
                # located at keys); any other comment is about the item the line starts.
                owner = entries[at] if DIRECTIVE.match(comment) else _outermost(entries, at)
                owner.eol.append(comment)
            continue
        at = bisect.bisect_right(starts, (line, 1 << 30))
        if at < len(entries):
            target = entries[at]
            if column > target.column:
                holder = _open_collection(entries[:at], column)
                if holder is not None:
                    holder.trailing.append(comment)
                    continue
            if not target.leading and (line - 1) in blank and line - 1 >= first_line:
                target.blank_before = True
            elif target.leading and (line - 1) in blank:
                target.leading.append("")
            target.leading.append(comment)
        else:
            holder = _open_collection(entries, column) if column > 0 else None
            if holder is not None:
                holder.trailing.append(comment)
            else:
                if (line - 1) in blank:
                    footer.append("")
                footer.append(comment)
    for entry in entries:
        if entry.line - 1 in blank and entry.line - 1 >= first_line:
            if entry.leading:
                entry.leading.append("")
            else:
                entry.blank_before = True
    return Document(text, top, builder.collections, header, footer, builder.anchors)


def _header(lines: list[str]) -> list[str]:
    """The lines above the first key: comments, directives, `---`; blank runs made one."""
    header: list[str] = []
    for line in lines:
        line = line.rstrip()
        if line or (header and header[-1]):
            header.append(line)
    return header


def _outermost(entries: list[Entry], at: int) -> Entry:
    """`entries[at]`, or the list item it is the first key of when that starts on the same
    line (the item `- id: a` rather than its `id`), and so on outwards: a comment above or
    beside `- id: a` is about the item, and stays with it when its keys are reordered."""
    while at > 0:
        entry, before = entries[at], entries[at - 1]
        if before.line != entry.line or entry.parent.owner is not before or \
                entry.parent.entries[0] is not entry:
            break
        at -= 1
    return entries[at]


def _open_collection(before: list[Entry], column: int) -> Collection | None:
    """The innermost collection, among those holding the last entry in `before`, that a
    comment at `column` is indented under (its entries start at or left of the comment)."""
    last: Entry | None = before[-1] if before else None
    while last is not None and not last.parent.one_line_flow:
        if last.column <= column:
            return last.parent
        last = last.parent.owner
    return None


def _comments(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    starts = [s for s, _ in spans]
    found = []
    position = 0
    while (match := _COMMENT.search(text, position)) is not None:
        at = bisect.bisect_right(starts, match.start()) - 1
        if at >= 0 and spans[at][0] <= match.start() < spans[at][1]:
            # A `#` inside a scalar (`name: " #"  # note`): a comment may still follow it on
            # the same line, so look again from the scalar's end, not from the line's.
            position = spans[at][1]
            continue
        found.append((match.start(), match.end()))
        position = match.end()
    return found


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.collections: dict[int, Collection] = {}
        self.order: list[Entry] = []
        self.scalar_spans: list[tuple[int, int]] = []
        self.anchors: dict[int, str] = {}
        self.seen: set[int] = set()

    def _note(self, node: Node) -> bool:
        """Record `node`'s anchor; False when it was seen before (this is an alias)."""
        if id(node) in self.seen:
            return False
        self.seen.add(id(node))
        start = node.start_mark.index
        if self.text.startswith("&", start):
            match = _ANCHOR.match(self.text, start)
            if match:
                self.anchors[id(node)] = match.group(1)
        if isinstance(node, ScalarNode):
            start, end = node.start_mark.index, node.end_mark.index
            if node.style in ("|", ">"):
                # The header line may carry a comment; the content is the scalar's.
                newline = self.text.find("\n", start)
                header_end = end if newline < 0 else min(newline, end)
                hash_at = self.text.find("#", start, header_end)
                self.scalar_spans.append((start, hash_at if hash_at >= 0 else header_end))
                self.scalar_spans.append((header_end, end))
            else:
                self.scalar_spans.append((start, end))
        return True

    def collection(self, node: Node, owner: Entry | None = None) -> Collection:
        self._note(node)
        coll = Collection(node, owner)
        self.collections[id(node)] = coll
        coll.one_line_flow = bool(node.flow_style) and (
            node.start_mark.line == node.end_mark.line or (
                owner is not None and owner.parent.one_line_flow))
        if isinstance(node, MappingNode):
            pairs = [(k, v) for k, v in node.value]
        else:
            pairs = [(None, v) for v in node.value]
        search_from = node.start_mark.index
        # Block list items start at their dash, which is where the list starts.
        dash = None if node.flow_style or isinstance(node, MappingNode) \
            else node.start_mark.column
        for key, value in pairs:
            if key is not None:
                self._note(key)
                line, column = key.start_mark.line, key.start_mark.column
            elif id(value) in self.seen:
                line, column, search_from = self._alias_position(value, search_from)
            else:
                line, column = value.start_mark.line, value.start_mark.column
            if dash is not None:
                column = dash
            entry = Entry(key, value, line, column, coll)
            coll.entries.append(entry)
            if not coll.one_line_flow:
                self.order.append(entry)
            if key is not None and id(value) in self.seen:
                continue
            if isinstance(value, (MappingNode, SequenceNode)):
                if id(value) not in self.seen:
                    self.collection(value, entry)
            else:
                self._note(value)
            if value.end_mark is not None:
                search_from = value.end_mark.index
        return coll

    def _alias_position(self, node: Node, search_from: int) -> tuple[int, int, int]:
        name = self.anchors.get(id(node), "")
        at = self.text.find("*" + name, search_from)
        if at < 0:
            at = search_from
        line = self.text.count("\n", 0, at)
        return line, at - (self.text.rfind("\n", 0, at) + 1), at + 1
