"""The keys people reach for, and the key of the format that means it (docs/format.md).

"Did you mean" by spelling finds `duraton` → `duration`, but not `due` → `deadline`: these are
other words for a key. Each word lists the keys it may mean, best first; the first one that the
mapping at hand allows is the suggestion (`owner` in an assignment means its `resource`).
"""

from __future__ import annotations

import re

_START = ("start_no_earlier_than",)
_END = ("deadline",)
_ASSIGN = ("assign", "resource")
_DEPENDS = ("depends_on", "task")

SYNONYMS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("start", "start_date", "starts", "begin", "begins", "start_on",
                     "earliest_start", "not_before", "start_after"), _START),
    **dict.fromkeys(("end", "end_date", "ends", "finish", "finish_date", "finish_by", "due",
                     "due_date", "due_by", "target_date", "end_by"), _END),
    **dict.fromkeys(("owner", "owned_by", "responsible", "accountable", "lead"),
                    ("owner", "resource")),
    **dict.fromkeys(("assignee", "assignees", "assigned", "assigned_to", "assign_to",
                     "resources", "people", "who", "worker", "workers"), _ASSIGN),
    **dict.fromkeys(("predecessors", "predecessor", "after", "depends", "dependencies",
                     "dependency", "requires", "prerequisites", "blocked_by", "waits_for"),
                    _DEPENDS),
    **dict.fromkeys(("likelihood", "chance", "prob"), ("probability",)),
    **dict.fromkeys(("severity", "consequence"), ("impact",)),
    "title": ("name",),
    "name": ("title",),
    **dict.fromkeys(("desc", "details", "notes", "note", "summary"), ("description",)),
    **dict.fromkeys(("length", "days"), ("duration",)),
    **dict.fromkeys(("work", "workload", "person_days"), ("effort",)),
    **dict.fromkeys(("tag", "label", "labels", "category"), ("tags",)),
    **dict.fromkeys(("fte", "availability", "allocation"), ("capacity", "units")),
    **dict.fromkeys(("day_rate", "daily_rate", "cost_per_day"), ("rate",)),
    **dict.fromkeys(("percent_complete", "complete", "completion", "percent_done"),
                    ("progress",)),
    "state": ("status",),
    "is_milestone": ("milestone",),
}

# Why a word for a date is not the key it looks like: planctl computes start and finish.
_WHY = {
    "start_no_earlier_than": "planctl works out when a task starts; start_no_earlier_than "
                             "keeps it from starting before a day (actual_start records when "
                             "work really began)",
    "deadline": "planctl works out when a task finishes; deadline is the day it should finish "
                "by (actual_finish records when it really did)",
}


def _normal(word: str) -> str:
    return re.sub(r"[\s-]+", "_", word.strip().lower())


def synonym_hint(word: object, allowed: list[str]) -> str | None:
    """'did you mean ...' for `word`, another word for one of the `allowed` keys; else None."""
    if not isinstance(word, str):
        return None
    for key in SYNONYMS.get(_normal(word), ()):
        if key in allowed and key != word:
            why = _WHY.get(key)
            return f"did you mean '{key}'?" + (f" {why}" if why else "")
    return None
