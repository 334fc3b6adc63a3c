"""Write a `Document` in the canonical layout (see docs/fmt.md).

- Keys in the reference's order (`planctl.fmt.order`); two spaces a level; list items under a
  key indented by two (`  - id: a`); a mapping in a list starts on the dash's line.
- The top level and the lists of the plan's sections and of tasks are always in block style.
  Any other mapping or list is written in flow style (`{id: a, name: A}`, `[a, b]`) when it
  can be: at most two levels deep, only one-line scalars, no comments inside, no anchors
  inside, and the line fits in 100 columns; otherwise in block style.
- Comments stay with their entry: above it, or at the end of its first line. One blank line is
  kept where the author left one or more, except before the first entry of a collection.
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode

from planctl.fmt import scalars
from planctl.fmt.order import fields, ordered, plan_models
from planctl.fmt.tree import DIRECTIVE, Collection, Document, Entry

WIDTH = 100
INDENT = 2
BLOCK_LISTS = frozenset({"objectives", "resources", "phases", "risks", "stakeholders",
                         "communications", "lessons", "tasks"})
"""Lists always written one item a line: the plan's sections, and a phase's tasks."""
FLOW_DEPTH = 2

Models = tuple[type[BaseModel], ...]
_PROPERTIES = re.compile(r"(?:[&!][^\s]*[ \t]+)*")


class Emitter:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.lines: list[str] = []
        self.emitted: set[int] = set()
        self.scalars: dict[tuple[int, bool], str | None] = {}
        self.flows: dict[tuple[int, int, bool], str | None] = {}
        self.orders: dict[int, list[Entry]] = {}
        self.normalize()

    def normalize(self) -> None:
        """Put each comment where the output will show it, so that reading the output back
        attaches it to the same entry (and the layout decided from comments is stable).

        The first key of a mapping in a list is written on the dash's line: its comments are
        the item's. A line holds one end-of-line comment: any more go above the entry.
        """
        for coll in self.doc.collections.values():
            owner = coll.owner
            if owner is None or owner.key is not None or not isinstance(coll.node, MappingNode) \
                    or not coll.entries or coll.one_line_flow:
                continue
            first = self.ordered(coll, ())[0]
            owner.leading += first.leading
            owner.eol += first.eol
            first.leading, first.eol = [], []
        for coll in self.doc.collections.values():
            for entry in coll.entries:
                if len(entry.eol) > 1:
                    entry.leading += entry.eol[1:]
                    entry.eol = entry.eol[:1]

    def emit(self) -> str:
        self.lines = list(self.doc.header)
        self.entries(self.doc.root, 0, plan_models())
        footer = self.doc.footer
        if footer and footer[0] == "":
            self.blank()
            footer = footer[1:]
        self.lines += footer
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    # -- helpers --------------------------------------------------------------------------

    def blank(self) -> None:
        if self.lines and self.lines[-1]:
            self.lines.append("")

    def comments(self, comments: list[str], indent: int) -> None:
        for comment in comments:
            if comment:
                self.lines.append(" " * indent + comment)
            else:
                self.blank()

    def leading(self, entry: Entry, indent: int, first: bool) -> None:
        if entry.blank_before and not first:
            self.blank()
        self.comments(entry.leading, indent)

    def anchor(self, node: Node) -> str:
        name = self.doc.anchors.get(id(node))
        return f"&{name} " if name else ""

    def alias(self, node: Node) -> str | None:
        """`*name` when `node` was written before (with its anchor), else None."""
        name = self.doc.anchors.get(id(node))
        if name and id(node) in self.emitted:
            return f"*{name}"
        self.emitted.add(id(node))
        return None

    def scalar(self, node: ScalarNode, flow: bool) -> str | None:
        """The one-line text of a scalar, without anchor; None when it needs several lines."""
        known = self.scalars.get((id(node), flow), self)
        if known is not self:
            return known  # type: ignore[return-value]
        text = self._scalar(node, flow)
        self.scalars[(id(node), flow)] = text
        return text

    def _scalar(self, node: ScalarNode, flow: bool) -> str | None:
        if scalars.is_block(node) or scalars.spans_lines(node):
            return None
        if self.text[node.start_mark.index] in "&!":  # properties: an anchor or a tag
            raw = scalars.source(node, self.text)
            props = _PROPERTIES.match(raw)
            if props and "!" in raw[:props.end()]:
                return re.sub(r"&[^\s]*[ \t]+", "", raw, count=1)
        if node.style in (None, "") and (not node.value or scalars.TYPED.match(node.value)):
            return node.value
        return scalars.text_scalar(node.value, flow)

    def key(self, node: ScalarNode, flow: bool = False) -> str:
        """A key on one line: implicit keys cannot span lines, so a key written over several
        (or with a line break in it) is written as its text on one line."""
        text = self.scalar(node, flow)
        if text is not None:
            return text
        return scalars.text_scalar(node.value, flow)

    # -- flow -----------------------------------------------------------------------------

    def flow(self, node: Node, depth: int = FLOW_DEPTH) -> str | None:
        """`node` on one line in flow style, or None when it cannot be (or would be longer
        than a line: nothing longer is ever used)."""
        key = (id(node), depth, id(node) in self.doc.anchors)
        known = self.flows.get(key, self)
        if known is not self:
            return known  # type: ignore[return-value]
        text = self._flow(node, depth)
        self.flows[key] = text
        return text

    def _flow(self, node: Node, depth: int) -> str | None:
        if id(node) in self.doc.anchors:
            return None
        if isinstance(node, ScalarNode):
            text = self.scalar(node, True)
            return text if text else None
        coll = self.doc.collections[id(node)]
        if depth == 0 or coll.trailing or any(e.leading or e.eol for e in coll.entries):
            return None
        parts: list[str] = []
        length = 0
        for entry in self.ordered(coll, ()):
            value = self.flow(entry.value, depth - 1)
            if value is None:
                return None
            if entry.key is None:
                parts.append(value)
                length += len(value) + 2
                if length > WIDTH:
                    return None
                continue
            if id(entry.key) in self.doc.anchors:
                return None
            key = self.key(entry.key, True)
            if not key:
                return None
            parts.append(f"{key}: {value}")
            length += len(parts[-1]) + 2
            if length > WIDTH:
                return None
        body = ", ".join(parts)
        return "{" + body + "}" if isinstance(node, MappingNode) else "[" + body + "]"

    # -- block ----------------------------------------------------------------------------

    def ordered(self, coll: Collection, models: Models) -> list[Entry]:
        if not isinstance(coll.node, MappingNode):
            return coll.entries
        known = self.orders.get(id(coll.node))
        if known is None:
            keys = [e.key.value if e.key is not None else "" for e in coll.entries]
            models = models or self.models_of(coll)
            known = [coll.entries[i] for i in ordered(keys, models)]
            self.orders[id(coll.node)] = known
        return known

    def models_of(self, coll: Collection) -> Models:
        """The models of a collection, following its owners up to the root."""
        chain = []
        owner = coll.owner
        while owner is not None:
            chain.append(owner)
            owner = owner.parent.owner
        models = plan_models()
        for entry in reversed(chain):
            if entry.key is not None:
                models = fields(models).get(entry.key.value, ()) if models else ()
        return models

    def entries(self, coll: Collection, indent: int, models: Models,
                hoisted: bool = False) -> None:
        """The entries of a block collection; `hoisted`: the first entry's comments are
        already written (above the dash of the list item this mapping is)."""
        is_map = isinstance(coll.node, MappingNode)
        keep_blank = True
        for index, entry in enumerate(self.ordered(coll, models)):
            if not (hoisted and index == 0):
                if keep_blank:
                    self.leading(entry, indent, index == 0)
                else:
                    self.comments(entry.leading, indent)
            if is_map:
                assert entry.key is not None
                key = entry.key.value
                prefix = " " * indent + self.key(entry.key) + ":"
                inner = fields(models).get(key, ()) if models else ()
                keep_blank = self.value(prefix, entry, indent, inner, key in BLOCK_LISTS)
            else:
                keep_blank = self.item(entry, indent, models)
        self.comments(coll.trailing, indent)

    def item(self, entry: Entry, indent: int, models: Models) -> bool:
        node = entry.value
        if isinstance(node, ScalarNode) or id(node) not in self.doc.collections:
            return self.value(" " * indent + "-", entry, indent, models, False)
        coll = self.doc.collections[id(node)]
        if any(DIRECTIVE.match(c) for c in entry.eol):  # keep its line's keys (see `value`)
            flow = node.start_mark.line == node.end_mark.line
        else:
            flow = self.flow_fits(" " * indent + "- ", node)
        if not isinstance(node, MappingNode) or not coll.entries or \
                id(node) in self.doc.anchors or flow:
            return self.value(" " * indent + "-", entry, indent, models, False)
        # A block mapping starts on the dash's line; its first key's comments go above the dash.
        self.emitted.add(id(node))
        start = len(self.lines)
        self.lines.append("")  # replaced below
        self.entries(coll, indent + INDENT, models, hoisted=True)
        first_line = self.lines[start + 1]
        self.lines[start] = " " * indent + "- " + first_line[indent + INDENT:]
        del self.lines[start + 1]
        if entry.eol:
            self.lines[start] += "  " + " ".join(entry.eol)
        return True

    def flow_fits(self, prefix: str, node: Node) -> bool:
        text = self.flow(node)
        return text is not None and len(prefix) + len(text) <= WIDTH

    def value(self, prefix: str, entry: Entry, indent: int, models: Models,
              block_only: bool) -> bool:
        """Write `prefix` and the entry's value; False after a block scalar that keeps its
        trailing blank lines (`|+`), where a blank line would become part of the text."""
        node = entry.value
        eol = ("  " + " ".join(entry.eol)) if entry.eol else ""
        alias = self.alias(node)
        if alias is not None:
            self.lines.append(f"{prefix} {alias}{eol}")
            return True
        anchor = self.anchor(node)
        if isinstance(node, ScalarNode):
            return self.scalar_value(prefix, node, anchor, eol, indent)
        if any(DIRECTIVE.match(c) for c in entry.eol):
            # A `# planctl: ignore[...]` beside this value silences findings on its line: keep
            # the value on one line if it was (as written), or in block style if it was not.
            if node.start_mark.line == node.end_mark.line:
                self.lines.append(f"{prefix} {scalars.source(node, self.text)}{eol}")
                self.mark_emitted(node)
                return True
            block_only = True
        if not block_only:
            text = self.flow_unanchored(node)
            if text is not None and len(prefix) + 1 + len(anchor) + len(text) <= WIDTH:
                self.lines.append(f"{prefix} {anchor}{text}{eol}")
                return True
        coll = self.doc.collections[id(node)]
        if not coll.entries:
            empty = "{}" if isinstance(node, MappingNode) else "[]"
            self.lines.append(f"{prefix} {anchor}{empty}{eol}")
            return True
        self.lines.append(f"{prefix} {anchor.rstrip()}".rstrip() + eol)
        self.entries(coll, indent + INDENT, models)
        return True

    def mark_emitted(self, node: Node) -> None:
        """Record `node` and what it holds as written (their anchors are in the text)."""
        stack = [node]
        while stack:
            current = stack.pop()
            if id(current) in self.emitted:
                continue
            self.emitted.add(id(current))
            coll = self.doc.collections.get(id(current))
            if coll is not None:
                for entry in coll.entries:
                    stack.append(entry.value)
                    if entry.key is not None:
                        stack.append(entry.key)

    def flow_unanchored(self, node: Node) -> str | None:
        name = self.doc.anchors.pop(id(node), None)
        try:
            return self.flow(node)
        finally:
            if name is not None:
                self.doc.anchors[id(node)] = name

    def scalar_value(self, prefix: str, node: ScalarNode, anchor: str, eol: str,
                     indent: int) -> bool:
        text = self.scalar(node, False)
        if text is not None:
            self.lines.append(f"{prefix} {anchor}{text}".rstrip() + eol)
            return True
        raw = scalars.source(node, self.text)
        props = _PROPERTIES.match(raw)
        properties = re.sub(r"&[^\s]*[ \t]+", "", raw[:props.end()] if props else "")
        body = raw[props.end():] if props else raw
        content_indent = indent + INDENT
        if not scalars.is_block(node):
            lines = body.split("\n")
            self.lines.append(f"{prefix} {anchor}{properties}{lines[0]}")
            for line in lines[1:]:
                # Only the indentation changes: a line's end may hold an escaped blank.
                stripped = line.lstrip(" \t")
                self.lines.append(" " * content_indent + stripped if stripped else "")
            self.lines[-1] += eol
            return True
        header, out, keep = scalars.block_scalar(body, node.value, content_indent, INDENT)
        self.lines.append(f"{prefix} {anchor}{properties}{header}{eol}")
        self.lines += out
        return not keep


def emit(doc: Document) -> str:
    return Emitter(doc).emit()
