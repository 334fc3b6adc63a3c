"""Refuse deeply nested YAML before libyaml's C composer sees it.

The C composer builds nodes by recursion in C, one stack frame a level and no limit: about
27,000 nested `[`, `{` or `- ` overflow an 8 MiB stack and kill the process (SIGSEGV) before
any Python code can check the depth. libyaml's event parser keeps its own stack on the heap, so
walking the events is safe at any depth, but it costs about a third of a full read. An upper
bound on the depth, computed on the text with `str` methods and regular expressions (no Python
loop per character), lets real plans skip that walk; docs/security.md says why it is safe.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

SAFE_DEPTH = 2000
"""Depth the C composer handles on a stack of well under 1 MiB; above it, walk the events."""

# A block collection starts after a line's indentation and any `- `, `? ` or `: ` indicators
# before it (`- - - x`). Line breaks are the ones libyaml knows (it reads YAML 1.1 breaks too).
_LINE_PREFIX = re.compile("(?:^|[\r\n\x85\u2028\u2029])([ \t?:-]*)")
_SHORT_PREFIX = 32
"""Plans indent less than this: one quick search says so, instead of measuring every line."""
_LONG_PREFIX = re.compile(f"\n[ \t?:-]{{{_SHORT_PREFIX + 1}}}")  # quicker than any break
_LONG_PREFIX_ANY_BREAK = re.compile(f"[\r\n\x85\u2028\u2029][ \t?:-]{{{_SHORT_PREFIX + 1}}}")
_LONG_FIRST_PREFIX = re.compile(f"[ \t?:-]{{{_SHORT_PREFIX + 1}}}")
_RARE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")

_OPENS_AFTER = "\ufeff[{,:?"
"""With white space, what may come right before a quote that opens a quoted scalar: the token
before the quote ends there (a BOM at a line's start is skipped like white space). After any
other character the quote is text (`it's`, `a"b`, the tag `!t'x'`), or it would open a scalar
right after a complete node (`"a"'b'`, `[a]"b"`, `&a"x"`), where libyaml stops with an error
before the scalar's text is composed: either way nothing it seems to open is read."""
_MARK_AFTER = _OPENS_AFTER + "]}'\""
"""What may come right before a comment or a tag: also the end of a node (`"a"#note`)."""
_LINE_END = re.compile("[\r\n]")  # libyaml ends a comment at these, or sooner (NEL, LS, PS)
_TAG_END = re.compile("[ \t\r\n]")  # libyaml takes `[`, `]` and `,` into a tag: `!t]x`
_STEPS = bytes.maketrans(b"[{]}", bytes([2, 1, 256 - 2, 256 - 1]))
_ENTER, _LEAVE = b"\x40", b"\x41"  # around the steps of a span alone on one line
_BRACKET = re.compile(r"[\[\]{}]")
_LINE_BREAK = re.compile("[\r\n\x85\u2028\u2029]")
_NOT_BRACKET = bytes(c for c in range(256) if c not in b"[]{}")

_MAX_MARKS = 250_000
"""Past this many of one of `"`, `'`, `#`, `!`, the tight bound is not worth its memory."""


def depth_bound(text: str) -> int:
    """An upper bound on how deeply the collections in `text` can nest: block nesting plus
    flow nesting, since flow collections nest inside block ones and never the other way."""
    block = block_depth_bound(text)
    flow = _weight(text)
    if flow + block <= SAFE_DEPTH:
        return flow + block
    return flow_depth_bound(text) + block


def block_depth_bound(text: str) -> int:
    """An upper bound on how deeply block collections nest in `text`.

    A nested block collection starts at a greater column than its parent, or at the same
    column once (a sequence as a mapping's value), and that column lies within the line's
    prefix of spaces and indicators; so block nesting is at most twice the longest such
    prefix, plus two. Quoted text or comments only make it larger.
    """
    long_prefix = _LONG_PREFIX_ANY_BREAK if any(map(text.__contains__, _RARE_BREAKS)) \
        else _LONG_PREFIX
    if not long_prefix.search(text) and not _LONG_FIRST_PREFIX.match(text):
        return 2 * _SHORT_PREFIX + 2
    return 2 * max(map(len, _LINE_PREFIX.findall(text)), default=0) + 2


def flow_depth_bound(text: str) -> int:
    """An upper bound on how many flow collections are open at once in `text`.

    A `[` opens a sequence and, for an entry such as `[a: b]`, a mapping inside it with no
    bracket of its own: it counts 2. A `{` counts 1. Every opening bracket counts, wherever
    it is. A `]` or `}` takes its count off again only outside every span where it might be
    text: a quoted scalar, a comment or a tag that might start there (`_uncertain_spans`).
    Inside a flow collection such a closer is libyaml's token, since a plain scalar there
    ends at it (and one that does not match is an error, where composing stops). Outside
    every flow collection the count is kept from dropping below zero, so a closer there
    (`name: a]b`) takes nothing off that is open. The bound is the highest count reached.

    So that quoted names such as `"Design [v2]"` do not add up, a closer in a span that is
    alone (it overlaps no other span with brackets) and on one line takes off what an opener
    in the same span added, never more. Its start is either libyaml's quote or comment, and
    then all of the span is text; or it is inside text that started before it (a quoted
    scalar, a comment or a tag, whose own span would overlap, or else has no brackets and ends
    into tokens; or a line of a block scalar, all text); or inside a plain scalar. A block
    plain scalar is outside every flow collection, and a plain scalar ends (at `: `, or at a
    flow indicator) only into tokens: no text with brackets can start in the span without a
    span of its own. Either way each closer it takes into account closes an opener counted
    after the span's start, or both are text.
    """
    spans = _uncertain_spans(text)
    if spans is None:
        return _weight(text)
    pieces, done = [], 0
    for start, end, alone in spans:
        pieces.append(_steps(text[done:start]))
        if alone and text[start] != "!" and not _LINE_BREAK.search(text, start, end):
            pieces += (_ENTER, _steps(text[start:end]), _LEAVE)
        else:
            pieces.append(b"\x02" * text.count("[", start, end) +
                          b"\x01" * text.count("{", start, end))
        done = end
    pieces.append(_steps(text[done:]))
    depth = deepest = floor = 0
    for step in b"".join(pieces):  # one turn a bracket, not a character
        if step < 16:
            depth += step
            if depth > deepest:
                deepest = depth
        elif step > 128:
            depth = max(depth + step - 256, floor)
        else:
            floor = depth if step == _ENTER[0] else 0
    return deepest


def _weight(text: str) -> int:
    """The count of every opening bracket in `text` (see `flow_depth_bound`)."""
    return 2 * text.count("[") + text.count("{")


def _steps(text: str) -> bytes:
    """A byte for each bracket of `text`, in order: its count, less 256 for a closer. (UTF-8
    writes every other character with bytes that are not brackets.)"""
    return text.encode("utf-8", "surrogatepass").translate(_STEPS, _NOT_BRACKET)


def _uncertain_spans(text: str) -> list[tuple[int, int, bool]] | None:
    """Sorted, disjoint `(start, end, alone)` spans that hold every quoted scalar, comment and
    tag libyaml can read in `text` (`alone`: a single one, overlapping no other); None when
    there are too many marks to be quick.

    Each quote that may open a scalar (see `_OPENS_AFTER`) gets the span libyaml would give
    it: a double-quoted scalar ends at the next `"` not escaped by an odd run of backslashes,
    a single-quoted one at the end of the next odd run of `'` (`''` is a quote inside it),
    and either runs to the end of the text when nothing closes it. A comment gets the rest of
    its line, a tag the text up to white space. Quotes, `#` and `!` that are only text add
    spans too, which can only raise the bound.
    """
    marks = {mark: _positions(text, mark, _MAX_MARKS) for mark in "\"'#!"}
    if any(found is None for found in marks.values()):
        return None
    size = len(text)
    spans = _double_quoted(text, marks['"'], size) + _single_quoted(text, marks["'"], size)
    for mark, ends in (("#", _LINE_END), ("!", _TAG_END)):
        for at in marks[mark]:
            if _may_start(text, at, _MARK_AFTER):
                end = ends.search(text, at)
                spans.append((at, end.start() if end else size))
    # Text without brackets hides nothing, and where it ends the tokens go on: `''`, `"gold"`
    # and `# it's late` need no span, and do not stop the span around them being alone.
    spans = [span for span in spans if _BRACKET.search(text, *span)]
    spans.sort()
    merged: list[tuple[int, int, bool]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]), False)
        else:
            merged.append((start, end, True))
    return merged


def _double_quoted(text: str, quotes: list[int], size: int) -> list[tuple[int, int]]:
    unescaped = []
    for at in quotes:
        run = at
        while run and text[run - 1] == "\\":
            run -= 1
        if (at - run) % 2 == 0:
            unescaped.append(at)
    spans = []
    for index, at in enumerate(unescaped):
        if _may_start(text, at):
            spans.append((at, unescaped[index + 1] + 1 if index + 1 < len(unescaped) else size))
    return spans


def _single_quoted(text: str, quotes: list[int], size: int) -> list[tuple[int, int]]:
    runs: list[list[int]] = []  # [start, end) of each run of `'`
    for at in quotes:
        if runs and runs[-1][1] == at:
            runs[-1][1] = at + 1
        else:
            runs.append([at, at + 1])
    odd_ends = [end for start, end in runs if (end - start) % 2]
    spans = []
    for start, end in runs:
        if not _may_start(text, start):
            continue
        if (end - start) % 2 == 0:  # `''` or `''''`: the quotes after the first close it
            spans.append((start, end))
        else:
            after = bisect_right(odd_ends, end)
            spans.append((start, odd_ends[after] if after < len(odd_ends) else size))
    return spans


def _positions(text: str, mark: str, most: int) -> list[int] | None:
    """Where `mark` occurs in `text`; None when that is more than `most` times."""
    found: list[int] = []
    at = text.find(mark)
    while at >= 0:
        if len(found) == most:
            return None
        found.append(at)
        at = text.find(mark, at + 1)
    return found


def _may_start(text: str, at: int, after: str = _OPENS_AFTER) -> bool:
    """Whether a token may start at `at`, judging by the character before it."""
    return at == 0 or text[at - 1].isspace() or text[at - 1] in after


def first_too_deep(text: str, limit: int, parser_class: type) -> Any | None:
    """The start mark of the first collection nested deeper than `limit`, or None when the
    text is safe to compose (the reader's own depth check then reports what is too deep).

    Walks libyaml's events without composing them, only when the bound says it must. A syntax
    error ends the walk: the composer meets the same error no deeper than the walk went.
    """
    from ruamel.yaml.error import YAMLError
    from ruamel.yaml.events import CollectionEndEvent, CollectionStartEvent

    if depth_bound(text) <= SAFE_DEPTH:
        return None
    limit = min(limit, SAFE_DEPTH)
    parser = parser_class(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > limit:
                    return event.start_mark
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return None
    finally:
        parser.dispose()
    return None
