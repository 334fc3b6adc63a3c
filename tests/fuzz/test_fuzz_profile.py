"""The shared fuzz profiles exist and read their budget from PLANCTL_FUZZ_EXAMPLES."""

from __future__ import annotations

import os

from hypothesis import settings


def test_profiles_are_registered_with_the_budget_from_the_environment() -> None:
    fuzz, slow = settings.get_profile("fuzz"), settings.get_profile("fuzz-slow")
    budget = int(os.environ.get("PLANCTL_FUZZ_EXAMPLES") or 60)
    assert fuzz.max_examples == budget
    assert slow.max_examples == max(5, budget // 6)
    assert fuzz.deadline is None and slow.deadline is None
    # In the suite a failure must reproduce: a fixed seed per test.
    assert fuzz.derandomize == (not os.environ.get("PLANCTL_FUZZ_EXAMPLES"))
