"""Read one YAML file into located plain data, safely.

This is the only place planctl parses YAML. It reads YAML 1.2 with the core schema (`NO` stays
a string), refuses anything but the core tags, reports duplicate keys with both positions, and
enforces limits on size, nesting and alias expansion before any other code walks the data.

Speed: a well-formed file is built straight from libyaml's events (`planctl.yaml_events`),
without composing ruamel's node graph. Anything else is read again the composing way: the C
parser composes the node graph, and one iterative pass below turns nodes into
`LocatedDict`/`LocatedList` values with positions, finding what is wrong and where. The
round-trip loader (several times slower) is never used for checking.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from planctl import yaml_events
from planctl.confine import is_special
from planctl.errors import Diagnostic, InputError, Location, PlanError
from planctl.located import LocatedDict, LocatedList, Position, SourceFile, to_location
from planctl.nesting import first_too_deep
from planctl.yaml_scalars import (
    CORE,
    MAP,
    PLAIN,
    SEQ,
    STR,
    TYPED,
    BadScalar,
    plain_value,
    typed_value,
)

try:  # pragma: no cover - which one exists depends on the platform
    from ruamel.yaml.cyaml import CBaseLoader as _BaseLoader
    from ruamel.yaml.cyaml import CParser as _CParser
except ImportError:  # pragma: no cover
    from ruamel.yaml.loader import BaseLoader as _BaseLoader

    _CParser = None  # the pure-Python composer bounds its own depth (`max_depth` below)

STDIN = "-"
"""The path that names standard input (`planctl check -`), as in most command-line tools."""
STDIN_NAME = "<stdin>"
"""How messages name a plan read from standard input (`<stdin>:3:5`)."""

DEFAULT_MAX_BYTES = 32 * 1024 * 1024
DEFAULT_MAX_DEPTH = 64
DEFAULT_MAX_ALIAS_NODES = 100_000

_DIRECTIVE_RE = re.compile(r"^%YAML[ \t]+(\S+)", re.MULTILINE)


@dataclass(frozen=True)
class Limits:
    """Safety limits for reading untrusted plan files.

    `max_bytes` and `max_alias_nodes` hold for each file and for a plan with all its includes
    together (see `Budget`).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    max_depth: int = DEFAULT_MAX_DEPTH
    max_alias_nodes: int = DEFAULT_MAX_ALIAS_NODES


@dataclass
class Budget:
    """What one plan may still read: bytes and alias expansion, shared by all its files."""

    bytes: int
    alias_nodes: int

    @classmethod
    def of(cls, limits: Limits) -> Budget:
        return cls(limits.max_bytes, limits.max_alias_nodes)


def loader_class(base: type) -> type:
    """A composer on `base` (the C parser, or ruamel's pure-Python one where the C extension
    is missing) whose resolver leaves plain scalars for `_scalar` to type."""

    from ruamel.yaml.composer import Composer
    from ruamel.yaml.tag import Tag

    # The pure-Python composer wants a Tag back from the resolver; the C one a string.
    plain: Any = Tag(suffix=PLAIN) if issubclass(base, Composer) else PLAIN

    class Loader(base):  # type: ignore[misc,valid-type]
        # Only the pure-Python composer reads this, and ruamel never sets it on BaseLoader.
        # It bounds the composer's own recursion; `parse` turns its error into E108.
        max_depth: int | None = None

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
            if kind is ScalarNode and implicit and implicit[0]:
                return plain
            return super().resolve(kind, value, implicit)

    return Loader


_Loader = loader_class(_BaseLoader)


class _Fail(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


def _error(code: str, message: str, where: Location, hint: str | None = None, **kw: Any) -> _Fail:
    return _Fail(Diagnostic(code, message, where, hint=hint, name="yaml", **kw))


def read_bytes(path: str, limits: Limits, *, follow_links: bool = True) -> bytes:
    """Read at most `max_bytes` of a regular file; never block on a FIFO or a device, and
    refuse the generated files of /proc, /sys and /dev (they pass for regular files)."""
    if is_special(path):
        raise InputError(f"{path}: not a regular file (files of /proc, /sys and /dev are "
                         "refused)")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror}") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise InputError(f"{path}: not a regular file (a device, FIFO or socket is refused)")
        data = _read_bounded(lambda size: os.read(fd, size), limits.max_bytes)
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)
    if len(data) > limits.max_bytes:
        raise _too_large(path, limits)
    return data


def _read_bounded(read: Callable[[int], bytes], max_bytes: int) -> bytes:
    """At most `max_bytes + 1` bytes from `read`, in chunks of up to 1 MiB: one byte past the
    limit is enough to say it is too large, and nothing more is read."""
    chunks, size = [], 0
    while size <= max_bytes:
        chunk = read(min(1 << 20, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_stdin(limits: Limits, stream: BinaryIO | None = None) -> bytes:
    """Standard input (or `stream`), bounded like a file: at most `max_bytes` are read, and
    one byte more is an E101 at `<stdin>:1:1`. It is read once; the caller keeps the bytes."""
    import sys

    if stream is None:
        if sys.stdin is None:
            raise InputError(f"{STDIN_NAME}: standard input is closed")
        stream = sys.stdin.buffer
    try:
        data = _read_bounded(stream.read, limits.max_bytes)
    except OSError as exc:
        raise InputError(f"{STDIN_NAME}: cannot read: {exc.strerror or exc}") from None
    if len(data) > limits.max_bytes:
        raise _too_large(STDIN_NAME, limits)
    return data


def _too_large(path: str, limits: Limits) -> PlanError:
    return PlanError([Diagnostic(
        "E101", f"file is larger than the limit of {limits.max_bytes} bytes", Location(path, 1, 1),
        hint="split the plan with `include:`, or raise the limit with --max-bytes",
        name="file-too-large")])


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset)
    start = data.rfind(b"\n", 0, offset) + 1
    return line + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def decode(data: bytes, path: str) -> str:
    """UTF-8 text of a file, or a located error for anything that is not."""
    for bom, name in ((b"\xff\xfe\x00\x00", "UTF-32"), (b"\x00\x00\xfe\xff", "UTF-32"),
                      (b"\xff\xfe", "UTF-16"), (b"\xfe\xff", "UTF-16")):
        if data.startswith(bom):
            raise PlanError([Diagnostic(
                "E102", f"file is encoded as {name}; planctl reads UTF-8", Location(path),
                hint="save the file as UTF-8", name="encoding")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _line_col(data, nul)
        raise PlanError([Diagnostic(
            "E102", "file contains a NUL byte: it looks binary, not a YAML plan",
            Location(path, line, col), hint="check that this is the plan file", name="encoding")])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data, exc.start)
        raise PlanError([Diagnostic(
            "E102", f"not valid UTF-8 (byte 0x{data[exc.start]:02X})", Location(path, line, col),
            hint="save the file as UTF-8", name="encoding")]) from None


def _syntax_hint(problem: str, source: SourceFile, line: int, column: int) -> str | None:
    text = source.line(line)
    if "\t" in text[: column + 1] or (problem.startswith("found character") and "\t" in text):
        return "YAML does not allow tabs for indentation; indent with spaces"
    if "mapping values are not allowed" in problem:
        return "a value that contains ': ' must be quoted"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "check the indentation, and that every key ends with ':'"
    if "end of stream" in problem and "quoted" in problem:
        return "close the quoted string"
    if "undefined alias" in problem or "found undefined alias" in problem:
        return "define the anchor (&name) before using the alias (*name)"
    return None


def _syntax_error(exc: YAMLError, source: SourceFile) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = (mark.line + 1) if mark is not None else 1
    column = (mark.column + 1) if mark is not None else 1
    if isinstance(exc, MarkedYAMLError):
        problem = exc.problem or exc.context or "invalid YAML"
        context = exc.context or ""
    else:
        problem, context = str(exc).splitlines()[0] if str(exc) else "invalid YAML", ""
    if "expected a single document" in context or "another document" in problem:
        return Diagnostic("E105", "found a second YAML document: one plan per file",
                          Location(source.path, line, column),
                          hint="remove the second '---', or move it to its own file", name="yaml")
    full = f"{problem} ({context})" if context and context not in problem else problem
    explained = explain_indentation(source, line) if mark is not None else None
    if explained is not None:
        return explained
    return Diagnostic("E103", f"YAML syntax error: {full}", Location(source.path, line, column),
                      hint=_syntax_hint(full, source, line, column), name="yaml-syntax")


def explain_indentation(source: SourceFile, line: int) -> Diagnostic | None:
    """E103 for a syntax error at `line` that is an indentation mistake, naming the sibling
    the line should line up with; None when the indentation there is not the problem."""
    from planctl.indentation import explain  # only on this error path

    found = explain(source.text.splitlines(), line)
    if found is None:
        return None
    return Diagnostic("E103", f"YAML indentation: {found.message}",
                      Location(source.path, found.line, found.column), hint=found.hint,
                      name="yaml-syntax",
                      related=(Location(source.path, found.sibling_line, found.sibling_column),))


def parse(text: str, source: SourceFile, limits: Limits = Limits(),
          budget: Budget | None = None) -> Any:
    """Parse YAML text into located data; raise `PlanError` with located diagnostics.

    Alias expansion is counted against `budget` when one is shared by several files.
    """
    for match in _DIRECTIVE_RE.finditer(text):
        if match.group(1) != "1.2":
            line = text.count("\n", 0, match.start()) + 1
            raise PlanError([Diagnostic(
                "E104", f"YAML {match.group(1)} directive is not supported: planctl reads YAML 1.2",
                Location(source.path, line, 1),
                hint="remove the %YAML line; in YAML 1.2 `no` and `yes` stay text, use true/false",
                name="yaml-version")])
    budget = budget or Budget.of(limits)
    # The quick way builds straight from libyaml's events (where the C parser is there: the
    # tests swap `_Loader` for the pure-Python one to read as where it is not). It gives up
    # on anything that is, or may be, a finding, and the composing way then reports it.
    if _CParser is not None and issubclass(_Loader, _CParser):
        try:
            data, budget.alias_nodes = yaml_events.build(
                _CParser(text), source, limits.max_depth, budget.alias_nodes)
            return data
        except yaml_events.GiveUp:
            pass
    return parse_composed(text, source, limits, budget)


def parse_composed(text: str, source: SourceFile, limits: Limits, budget: Budget) -> Any:
    """`parse` the composing way: ruamel composes the node graph, `_Builder` walks it. Every
    diagnostic of the reader past the `%YAML` line comes from here."""
    too_deep = first_too_deep(text, limits.max_depth, _CParser) if _CParser else None
    if too_deep is not None:
        raise PlanError([_error("E108", f"nesting deeper than {limits.max_depth} levels",
                                Location(source.path, too_deep.line + 1, too_deep.column + 1),
                                hint="a plan never needs this depth; check brackets").diagnostic])
    loader = _Loader(text)
    loader.max_depth = limits.max_depth + 1
    try:
        node = loader.get_single_node()
    except YAMLError as exc:
        if type(exc).__name__ == "MaxDepthExceededError":
            mark = exc.problem_mark  # type: ignore[attr-defined]
            deep = _error("E108", f"nesting deeper than {limits.max_depth} levels",
                          Location(source.path, mark.line + 1, mark.column + 1),
                          hint="a plan never needs this depth; check brackets")
            raise PlanError([deep.diagnostic]) from None
        raise PlanError([_syntax_error(exc, source)]) from None
    if node is None:
        raise PlanError([Diagnostic("E106", "empty plan: the file has no content",
                                    Location(source.path), hint="run `planctl init` for a start",
                                    name="empty")])
    try:
        return _Builder(source, limits, text, budget).build(node)
    except _Fail as fail:
        raise PlanError([fail.diagnostic]) from None


_BUILDING = object()  # marks a node whose value is being built, to catch recursive aliases


class _Builder:
    """Turns a composed node graph into located plain data.

    Recursion is bounded by `max_depth`, which is checked on the way down. Mappings and
    sequences are memoised by identity, so an alias reuses the value built for its anchor and
    the expansion it stands for is counted against `max_alias_nodes`.
    """

    def __init__(self, source: SourceFile, limits: Limits, text: str, budget: Budget) -> None:
        self.source = source
        self.limits = limits
        self.text = text
        self.memo: dict[int, Any] = {}
        self.size: dict[int, tuple[int, int]] = {}
        self.budget = budget

    def pos(self, node: Node) -> Position:
        mark = node.start_mark
        return (self.source, mark.line, mark.column)

    def where(self, node: Node) -> Location:
        return to_location(self.pos(node))

    def build(self, root: Node) -> Any:
        return self._node(root, 1, root)

    def _node(self, node: Node, depth: int, parent: Node) -> Any:
        if node.__class__ is ScalarNode:
            return self._scalar(node)
        key = id(node)
        known = self.memo.get(key)
        if known is not None:
            if known is _BUILDING:
                raise _error("E107", "recursive alias: a node contains itself",
                             self._alias_location(parent),
                             hint="an alias (*name) cannot refer to a node it is inside of")
            self._count_alias(node, depth, parent)
            return known
        if depth > self.limits.max_depth:
            raise _error("E108", f"nesting deeper than {self.limits.max_depth} levels",
                         self.where(node), hint="a plan never needs this depth; check brackets")
        self.memo[key] = _BUILDING
        if isinstance(node, MappingNode):
            if node.ctag.suffix != MAP:
                raise self._bad_tag(node)
            value: Any = self._mapping(node, depth)
        elif isinstance(node, SequenceNode):
            if node.ctag.suffix != SEQ:
                raise self._bad_tag(node)
            source, items = self.source, node.value
            value = LocatedList(
                self.pos(node), [self._node(item, depth + 1, node) for item in items],
                [(source, item.start_mark.line, item.start_mark.column) for item in items])
        else:  # pragma: no cover - the composer only makes these three
            raise _error("E103", "unexpected YAML node", self.where(node))
        self.memo[key] = value
        return value

    def _measure(self, root: Node) -> tuple[int, int]:
        """Expanded size and height of a subtree (iterative; only runs for aliases)."""
        order, stack = [], [root]
        while stack:
            node = stack.pop()
            if id(node) in self.size or isinstance(node, ScalarNode):
                continue
            order.append(node)
            stack.extend(self._children(node))
        for node in reversed(order):
            sizes = [self.size.get(id(c), (1, 0)) for c in self._children(node)]
            self.size[id(node)] = (1 + sum(s for s, _ in sizes), 1 + max((h for _, h in sizes),
                                                                         default=0))
        return self.size.get(id(root), (1, 0))

    @staticmethod
    def _children(node: Node) -> list[Node]:
        if isinstance(node, MappingNode):
            return [n for pair in node.value for n in pair]
        return list(node.value) if isinstance(node, SequenceNode) else []

    def _count_alias(self, node: Node, depth: int, parent: Node) -> None:
        size, height = self._measure(node)
        self.budget.alias_nodes -= size
        if self.budget.alias_nodes < 0:
            raise _error(
                "E109", f"alias expansion exceeds the limit of {self.limits.max_alias_nodes} nodes",
                self._alias_location(parent),
                hint="aliases (*name) here expand to more data than any plan needs; "
                "this looks like an alias bomb")
        if depth + height - 1 > self.limits.max_depth:
            raise _error("E108", f"nesting deeper than {self.limits.max_depth} levels",
                         self._alias_location(parent),
                         hint="aliases nested in aliases build this depth")

    def _alias_location(self, parent: Node) -> Location:
        # Composed nodes keep the anchor's position, not the alias's: find the alias token in
        # the text of the parent's span (only on these error paths).
        start, end = parent.start_mark.index, parent.end_mark.index
        match = re.search(r"\*[^\s,\]\}]+", self.text[start:end])
        if match is None:
            return self.where(parent)
        offset = start + match.start()
        line = self.text.count("\n", 0, offset)
        column = offset - (self.text.rfind("\n", 0, offset) + 1)
        return to_location((self.source, line, column))

    def _mapping(self, node: MappingNode, depth: int) -> LocatedDict:
        result = LocatedDict(self.pos(node))
        merges: list[Any] = []
        for key_node, value_node in node.value:
            if key_node.__class__ is not ScalarNode:
                raise _error("E110", "a mapping key must be a plain word, not a list or mapping",
                             self.where(key_node), hint="write keys such as `name:`")
            key = self._scalar(key_node)
            value = self._node(value_node, depth + 1, node)
            if key == "<<" and key_node.ctag.suffix == PLAIN:
                merges.append((value_node, value))
                continue
            if not isinstance(key, str):
                shown = "~" if key is None else str(key).lower() if isinstance(key, bool) else key
                raise _error("E110", f"key {shown!s} is not text: keys must be words",
                             self.where(key_node), hint="write keys such as `name:`")
            if key in result:
                first = to_location(result.key_pos[key])
                raise _error("E111", f"duplicate key '{key}' (first set on line {first.line})",
                             self.where(key_node), hint=self._duplicate_hint(node, key_node),
                             related=(first,))
            result[key] = value
            result.key_pos[key] = self.pos(key_node)
            result.val_pos[key] = self.pos(value_node)
        for value_node, value in merges:
            self._merge(result, value_node, value)
        return result

    def _duplicate_hint(self, mapping: Node, key_node: Node) -> str:
        """The first key of a list item repeated at its column often starts the next item
        without its '-': say so (the mapping is a block list item when '- ' comes before it)."""
        start, key = mapping.start_mark, key_node.start_mark
        before = self.source.line(start.line + 1)[: start.column]
        first = mapping.value[0][0]
        if key.column != start.column or not before.rstrip().endswith("-") or \
                mapping.flow_style or first.value != key_node.value:
            return "keep one of the two"
        dash = before.rstrip()
        return (f"if line {key.line + 1} starts a new list item, it is missing its '-': write "
                f"'- ' before '{key_node.value}', with the '-' under the one on line "
                f"{start.line + 1} (column {len(dash)}); otherwise keep one of the two")

    def _merge(self, result: LocatedDict, node: Node, value: Any) -> None:
        sources = value if isinstance(value, list) else [value]
        for source in sources:
            if not isinstance(source, LocatedDict):
                raise _error("E110", "a merge key (<<) needs a mapping or a list of mappings",
                             self.where(node))
            for key, item in source.items():
                if key not in result:
                    result[key] = item
                    result.key_pos[key] = source.key_pos[key]
                    result.val_pos[key] = source.val_pos[key]

    def _bad_tag(self, node: Node) -> _Fail:
        tag = str(node.tag)
        shown = "!!" + tag[len(CORE):] if tag.startswith(CORE) else tag
        return _error("E112", f"unsupported tag {shown}", self.where(node),
                      hint="planctl reads plain YAML: remove the tag")

    def _scalar(self, node: ScalarNode) -> Any:
        tag, value = node.ctag.suffix, node.value  # the raw tag; `.tag` URI-decodes, slowly
        if tag == STR:
            return value
        if tag != PLAIN and tag not in TYPED:
            raise self._bad_tag(node)
        try:
            return plain_value(value) if tag == PLAIN else typed_value(tag, value)
        except BadScalar as bad:
            raise _error(bad.code, bad.message, self.where(node), hint=bad.hint) from None


def read_file(path: str, limits: Limits = Limits()) -> tuple[Any, SourceFile]:
    """Read and parse one file: located data and the `SourceFile` it came from."""
    return parse_file(path, read_bytes(path, limits), limits)


def parse_file(path: str, data: bytes, limits: Limits = Limits(),
               budget: Budget | None = None) -> tuple[Any, SourceFile]:
    """Decode and parse the bytes of the file `path`. A `PlanError` carries the file's text
    (`files`), so that code frames quote only files planctl was asked to read."""
    text = decode(data, path)
    source = SourceFile(path, text)
    try:
        return parse(text, source, limits, budget), source
    except PlanError as exc:
        exc.files.append(source)
        raise
