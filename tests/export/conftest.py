"""The export tests build on the scheduler's plan helpers (tests/schedule: schedutil.py,
randplans.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "schedule"))
