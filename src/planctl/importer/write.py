"""The imported plan as YAML text, in the canonical layout of `planctl fmt`."""

from __future__ import annotations

import io
from typing import Any

HEADER = "# Imported by `planctl import`; what was approximated or dropped is in its report.\n"


def plan_text(data: dict[str, Any]) -> str:
    from ruamel.yaml import YAML

    from planctl.fmt import format_text

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return format_text(HEADER + out.getvalue())
