"""Render many user templates in one process: `python template_runner.py PLAN FORMAT < JSON`.

stdin is a JSON list of template texts; each is written as the `plan.<FORMAT>.j2` of a fresh
`--templates` folder and rendered with `planctl.render.render_plan`, as the command does
(user templates run in the limited child process). stdout gets one JSON line per template:
`{"ok": true, "length": N}` or `{"ok": false, "error": "..."}`. Run it under
`resource.setrlimit` so that a broken limit fails the test instead of exhausting the machine;
loading the plan once keeps dozens of attacks cheap.
"""

from __future__ import annotations

import json
import sys
import tempfile
from datetime import date
from pathlib import Path


def main() -> None:
    from planctl.errors import InputError
    from planctl.loader import load_plan
    from planctl.render import render_plan
    from planctl.schedule import schedule_plan

    plan_path, fmt = sys.argv[1], sys.argv[2]
    plan = load_plan(plan_path).plan
    schedule = schedule_plan(plan, as_of=date(2026, 1, 5))
    templates = json.load(sys.stdin)
    with tempfile.TemporaryDirectory() as folder:
        for index, text in enumerate(templates):
            user = Path(folder) / str(index)
            user.mkdir()
            (user / f"plan.{fmt}.j2").write_text(text)
            try:
                page = render_plan(plan, schedule, fmt, templates=user)  # type: ignore[arg-type]
                result = {"ok": True, "length": len(page)}
            except InputError as exc:
                result = {"ok": False, "error": str(exc)}
            print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
