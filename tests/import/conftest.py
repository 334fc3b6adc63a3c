"""The import tests need MPXJ (the `import` extra) and Java: without them they skip with the
reason, except under CI, where .ci/run installs both and a missing one is a failure."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="session")
def mpxj() -> None:
    from planctl.mpxj_bridge import start_jvm, unavailable_reason

    reason = unavailable_reason()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"under CI the import tests must run: {reason}")
        pytest.skip(reason)
    start_jvm()
