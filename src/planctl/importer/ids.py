"""Ids from names: readable, unique within their kind, and the same on every re-import of the
same file (they depend only on the names and their order in the file)."""

from __future__ import annotations

import re
import unicodedata

_MAX_LENGTH = 40


def slug(name: str) -> str:
    """`Configure CRM (phase 2)` -> `configure-crm-phase-2`; empty when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(words) > _MAX_LENGTH:  # cut at a word's end when there is one
        cut = words[:_MAX_LENGTH + 1]
        words = cut[:cut.rfind("-")] if "-" in cut[10:] else words[:_MAX_LENGTH]
    return words.strip("-")


class IdMaker:
    """Makes ids for one kind of thing (tasks and phases share one, resources have theirs)."""

    def __init__(self, fallback: str) -> None:
        self._fallback = fallback
        self._taken: set[str] = set()

    def make(self, name: str, number: object = None) -> str:
        """An id for `name`; `number` (the file's unique id) names what has no usable name."""
        fallback = self._fallback if number is None else f"{self._fallback}-{number}"
        base = slug(name) or fallback
        candidate, n = base, 1
        while candidate in self._taken:
            n += 1
            candidate = f"{base}-{n}"
        self._taken.add(candidate)
        return candidate
