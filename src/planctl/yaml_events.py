"""Build located data straight from libyaml's events: the reader's quick way for good files.

Composing ruamel's node graph first and walking it costs more than twice what reading the
events costs, almost all of it in Python objects made and dropped again. This builder makes
`LocatedDict`/`LocatedList` values in one loop over the events, with an explicit stack (the
event parser keeps its own on the heap, so no nesting can exhaust a C or Python stack).

It builds only what the composing builder (`planctl.reader._Builder`) would build without a
finding, and gives up on anything else: a syntax error, a tag other than the core ones, a
duplicate or bad key, a merge of something that is not a mapping, an undefined, duplicate or
recursive anchor, nesting past the limit, alias expansion past the budget, a second document
or none. The reader then reads the text again the composing way, which finds the problem and
reports it exactly as it always has, at the same place. So the two agree on every file: same
data and positions where this one succeeds, the other's diagnostics where it gives up
(`tests/test_yaml_events.py` holds them to it). The rules it shares with the composer are
spelled out where they are applied below.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from planctl.located import LocatedDict, LocatedList, SourceFile
from planctl.nesting import SAFE_DEPTH
from planctl.yaml_scalars import (
    MAP,
    NUMBER_START,
    PLAIN,
    SEQ,
    STR,
    TYPED,
    WORDS,
    BadScalar,
    plain_value,
    typed_value,
)


class GiveUp(Exception):
    """The text has something the composing builder reports, or may: let it read the text."""


_NO_KEY = object()  # the mapping being built waits for a key, not a value
_OPEN = object()  # an anchored collection whose end has not come yet
_MAPPING_TAGS = (None, "!", MAP)  # no tag and the non-specific `!` resolve to the core tag
_SEQUENCE_TAGS = (None, "!", SEQ)


class _Anchored:
    """What an alias to an anchor stands for: the value built for the anchored node, its
    position, and for a collection its expanded size and height (None tag), or for a scalar
    its resolved tag (so that `*k: v` can be a merge key as `&k <<` was)."""

    __slots__ = ("height", "pos", "size", "tag", "value")

    def __init__(self, value: Any, pos: Any, size: int, height: int, tag: str | None):
        self.value, self.pos, self.size, self.height, self.tag = value, pos, size, height, tag


def build(parser: Any, source: SourceFile, max_depth: int, alias_nodes: int) -> tuple[Any, int]:
    """The located data of the one document that `parser` (a libyaml `CParser`) reads, and
    what is left of `alias_nodes` after the aliases in it; raise `GiveUp` otherwise.

    `max_depth` and `alias_nodes` are the composing builder's limits, kept by its rules: it
    gives up at a collection deeper than `max_depth` (or than `SAFE_DEPTH`, past which the
    reader's nesting pre-pass refuses) and at an alias whose expansion would reach deeper;
    each alias of a collection takes the expanded size of that collection off `alias_nodes`,
    and it gives up when that drops below zero.
    """
    try:
        return _build(parser, source, max_depth, alias_nodes)
    except (YAMLError, BadScalar):
        raise GiveUp from None


def _build(parser: Any, source: SourceFile, max_depth: int,
           alias_nodes: int) -> tuple[Any, int]:
    get = parser.get_event
    get()  # the stream's start
    if get().__class__ is not DocumentStartEvent:
        raise GiveUp  # an empty stream: the composer says so
    depth_limit = min(max_depth, SAFE_DEPTH)
    anchors: dict[str, Any] = {}  # name: _Anchored, or _OPEN while its collection is built
    count = 0  # nodes so far, aliases expanded: sizes of anchored collections come from it
    # The collection being built lives in these locals (the loop is the hot path of reading a
    # plan); `stack` keeps those of its parents. `container` is None outside the root.
    stack: list[tuple[Any, ...]] = []
    container: Any = None
    is_map = False
    key: Any = _NO_KEY
    key_pos: Any = None
    key_tag: str | None = None
    merges: list[Any] | None = None
    own_pos: Any = None
    anchor: str | None = None
    depth = start = reach = 0  # its depth (the root's is 1), the node count before it, and
    # the deepest level its expansion reaches
    root: Any = None
    while True:
        event = get()
        kind = event.__class__
        # Each branch either continues, or leaves the node it finished in value, pos and tag
        # (a scalar's resolved tag, None for a collection) for the parent below.
        if kind is ScalarEvent:
            text, tag = event.value, event.ctag
            if tag is None or tag == "!":
                # The resolver's rule: plain and untagged (or `!`) is typed, anything else
                # without a tag is text.
                if event.implicit[0]:
                    tag = PLAIN  # `plain_value`, with its commonest case, text, first
                    if text and text[0] not in NUMBER_START:
                        value = WORDS.get(text, text)
                    else:
                        value = plain_value(text)
                else:
                    tag, value = STR, text
            elif tag == STR:
                value = text
            elif tag in TYPED:
                value = typed_value(tag, text)
            else:
                raise GiveUp  # not a core tag
            mark = event.start_mark
            pos = (source, mark.line, mark.column)
            count += 1
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise GiveUp  # a duplicate anchor
                anchors[event.anchor] = _Anchored(value, pos, 1, 0, tag)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if depth >= depth_limit:
                raise GiveUp
            opens_map = kind is MappingStartEvent
            if event.ctag not in (_MAPPING_TAGS if opens_map else _SEQUENCE_TAGS):
                raise GiveUp
            if event.anchor is not None:
                if event.anchor in anchors:
                    raise GiveUp  # a duplicate anchor
                anchors[event.anchor] = _OPEN  # an alias to it now is a recursive alias
            stack.append((container, is_map, key, key_pos, key_tag, merges, own_pos, anchor,
                           depth, start, reach))
            mark = event.start_mark
            own_pos = (source, mark.line, mark.column)
            container = LocatedDict(own_pos) if opens_map else LocatedList(own_pos)
            is_map, key, merges, anchor = opens_map, _NO_KEY, None, event.anchor
            depth += 1
            start, reach = count, depth
            count += 1
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value, pos, tag = container, own_pos, None
            if merges:
                _merge(value, merges)
            if anchor is not None:
                anchors[anchor] = _Anchored(value, pos, count - start, reach - depth + 1, None)
            inner_reach = reach
            (container, is_map, key, key_pos, key_tag, merges, own_pos, anchor, depth, start,
             reach) = stack.pop()
            if inner_reach > reach:
                reach = inner_reach
        elif kind is AliasEvent:
            target = anchors.get(event.anchor)
            if target is None or target is _OPEN:
                raise GiveUp  # an undefined alias, or one inside the collection it names
            value, pos, tag = target.value, target.pos, target.tag
            count += target.size
            if tag is None:  # a collection: the alias budget and the depth it reaches
                alias_nodes -= target.size
                target_reach = depth + target.height
                if alias_nodes < 0 or target_reach > max_depth:
                    raise GiveUp
                if target_reach > reach:
                    reach = target_reach
        elif kind is DocumentEndEvent:
            if get().__class__ is not StreamEndEvent:
                raise GiveUp  # a second document
            return root, alias_nodes
        else:  # pragma: no cover - libyaml makes no other events inside a document
            raise GiveUp
        if not is_map:
            if container is None:
                root = value
            else:
                container.append(value)
                container.item_pos.append(pos)
        elif key is _NO_KEY:
            if tag is None:
                raise GiveUp  # a list or mapping as a key
            key, key_pos, key_tag = value, pos, tag
        else:
            if key == "<<" and key_tag == PLAIN:
                # The composer merges once all the mapping's own keys are in.
                if merges is None:
                    merges = []
                merges.append(value)
            elif key.__class__ is not str or key in container:
                raise GiveUp  # a key that is not text, or a duplicate key
            else:
                container[key] = value
                container.key_pos[key] = key_pos
                container.val_pos[key] = pos
            key = _NO_KEY


def _merge(result: LocatedDict, merges: list[Any]) -> None:
    """The composer's merge (`<<`): each merged mapping adds the keys not yet set."""
    for merged in merges:
        for mapping in merged if isinstance(merged, list) else [merged]:
            if not isinstance(mapping, LocatedDict):
                raise GiveUp
            for key, item in mapping.items():
                if key not in result:
                    result[key] = item
                    result.key_pos[key] = mapping.key_pos[key]
                    result.val_pos[key] = mapping.val_pos[key]
