"""What an import kept, approximated and dropped, with counts, so nothing is lost silently."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

_EXAMPLES = 3  # names shown per line; the count says how many there are in all


@dataclass
class ImportReport:
    """Counts of what was kept, and for each kind of approximation or loss, the items it
    touched (task or resource names, in file order)."""

    kept: Counter[str] = field(default_factory=Counter)
    approximated: dict[str, list[str]] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)

    def keep(self, what: str, count: int = 1) -> None:
        self.kept[what] += count

    def approximate(self, what: str, item: str) -> None:
        self.approximated.setdefault(what, []).append(item)

    def drop(self, what: str, item: str) -> None:
        self.dropped.setdefault(what, []).append(item)

    def lines(self) -> list[str]:
        """The report as short lines of text, for people."""
        kept = ", ".join(f"{count} {what}" for what, count in self.kept.items() if count)
        lines = [f"kept: {kept or 'nothing'}"]
        for title, entries in (("approximated", self.approximated), ("dropped", self.dropped)):
            total = sum(len(items) for items in entries.values())
            lines.append(f"{title}: {total or 'nothing'}")
            lines.extend(f"  {len(items)} {what}: {_examples(items)}"
                         for what, items in entries.items())
        return lines

    def as_dict(self) -> dict[str, object]:
        """The report as plain data (for JSON): counts and the items of each entry."""
        return {"kept": dict(self.kept),
                "approximated": {what: list(items) for what, items in self.approximated.items()},
                "dropped": {what: list(items) for what, items in self.dropped.items()}}


def _examples(items: list[str]) -> str:
    shown = ", ".join(items[:_EXAMPLES])
    more = len(items) - _EXAMPLES
    return f"{shown} and {more} more" if more > 0 else shown
