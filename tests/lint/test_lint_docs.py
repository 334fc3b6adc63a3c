"""docs/rules.md is generated from the registry and must be current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from planctl.lint import RULES
from planctl.lint.docs import render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_current():
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "docs/rules.md is stale: run `python -m planctl.lint.docs > docs/rules.md`")


def test_every_rule_has_a_section_with_both_examples():
    text = render()
    for rule in RULES.values():
        section = text.split(f"### {rule.code} {rule.name}\n", 1)[1].split("\n### ", 1)[0]
        assert f"**{rule.severity.value}**" in section
        assert rule.bad.rstrip() in section and rule.good.rstrip() in section
        assert f"](#{rule.code.lower()}-{rule.name})" in text  # linked from the table


def test_the_module_prints_the_docs():
    done = subprocess.run([sys.executable, "-m", "planctl.lint.docs"], capture_output=True,
                          text=True, check=True)
    assert done.stdout == render()
