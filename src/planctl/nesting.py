"""Refuse deeply nested YAML before libyaml's C composer sees it.

The C composer builds nodes by recursion in C, one stack frame a level and no limit: about
27,000 nested `[`, `{` or `- ` overflow an 8 MiB stack and kill the process (SIGSEGV) before
any Python code can check the depth. libyaml's event parser keeps its own stack on the heap, so
walking the events is safe at any depth, but it costs about a fifth of a full read. A cheap
upper bound on the depth, computed on the text with `str.count` and one regular expression,
lets real plans skip that walk.
"""

from __future__ import annotations

import re
from typing import Any

SAFE_DEPTH = 2000
"""Depth the C composer handles on a stack of well under 1 MiB; above it, walk the events."""

# A block collection starts after a line's indentation and any `- `, `? ` or `: ` indicators
# before it (`- - - x`). Line breaks are the ones libyaml knows (it reads YAML 1.1 breaks too).
_LINE_PREFIX = re.compile("(?:^|[\r\n\x85\u2028\u2029])([ \t?:-]*)")


def depth_bound(text: str) -> int:
    """An upper bound on how deeply the collections in `text` can nest.

    Every flow collection opens with `[` or `{`. A nested block collection starts at a greater
    column than its parent, or at the same column once (a sequence as a mapping's value), and
    that column lies within the line's prefix of spaces and indicators; so block nesting is at
    most twice the longest such prefix, plus two. Quoted text or comments only make it larger.
    """
    flow = text.count("[") + text.count("{")
    if flow > SAFE_DEPTH:
        return flow
    prefix = max(map(len, _LINE_PREFIX.findall(text)), default=0)
    return flow + 2 * prefix + 2


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
