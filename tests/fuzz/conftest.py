"""Shared hypothesis settings for the fuzz tests: small and repeatable in the suite, long for a
release.

Every fuzz test uses one of two profiles registered here, so one environment variable sets the
budget of all of them:

    @settings(settings.get_profile("fuzz"))        # cheap examples (in-process)
    @settings(settings.get_profile("fuzz-slow"))   # examples that start a process or render

In the suite, `fuzz` runs 60 examples and `fuzz-slow` 10, derandomized (a fixed seed per test),
so a run is quick and a failure reproduces. For a release, run them long and with fresh random
examples (docs/security.md):

    PLANCTL_FUZZ_EXAMPLES=5000 timeout 7200 pytest -q tests/fuzz

`fuzz-slow` always runs a sixth of `fuzz`. A long run prints the seed of any failure; repeat it
with `pytest --hypothesis-seed=N` (or the `@reproduce_failure` blob hypothesis prints).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SUITE_EXAMPLES = 60


def _examples() -> int | None:
    text = os.environ.get("PLANCTL_FUZZ_EXAMPLES", "").strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise ValueError(f"PLANCTL_FUZZ_EXAMPLES must be a whole number, got {text!r}") from None
    if value < 1:
        raise ValueError(f"PLANCTL_FUZZ_EXAMPLES must be at least 1, got {value}")
    return value


_LONG = _examples()
_COMMON = {
    # The machine is shared and child processes vary in speed: time is not what is tested.
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                              HealthCheck.filter_too_much],
    # A long run explores afresh (its seed is printed with any failure); the suite repeats.
    "derandomize": _LONG is None,
    "print_blob": True,
}
settings.register_profile("fuzz", max_examples=_LONG or SUITE_EXAMPLES, **_COMMON)
settings.register_profile("fuzz-slow", max_examples=max(5, (_LONG or SUITE_EXAMPLES) // 6),
                          **_COMMON)

