"""`planctl check` (being written)."""

from __future__ import annotations

from planctl.cli.app import app  # noqa: F401
