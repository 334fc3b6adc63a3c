"""Hostile text for the output tests: names that try to act on a terminal, a log, a pull
request's annotations or a spreadsheet, and a plan that puts one such name in every free-text
field that planctl prints (tests/test_terminal_output.py, tests/fuzz/test_fuzz_output.py)."""

from __future__ import annotations

import json
import re

HOSTILE_NAMES = {
    "csi colour": "\x1b[31mred\x1b[0m and \x1b[2J cleared",
    "osc 8 hyperlink": "\x1b]8;;https://evil.example/\x07click me\x1b]8;;\x07",
    "osc title": "\x1b]0;owned\x1b\\ title",
    "bell and backspace": "ring\x07 back\x08\x08\x08space",
    "carriage return": "shown\rhidden over it",
    "c1 controls": "c1 \x9b31m csi \x9d osc \x90 dcs \x85 nel \x9c st",
    "bidi override": "user\u202egnp.exe\u202c ok",
    "bidi isolates and marks": "\u2066iso\u2069 \u2067rtl\u2069 \u2068fsi\u2069 \u200elrm\u200f "
                               "\u061calm \u202aemb\u202b",
    "line separators": "one\u2028two\u2029three",
    "tag characters": "plain\U000e0001\U000e0069\U000e0067\U000e006e\U000e007f text",
    "rich markup": "[bold]x[/oops] [link=https://evil.example/]y[/link] [/]",
    "github command": "x\n::error file=a.yaml,line=1::pwned\n::add-mask::secret",
    "formula": '=HYPERLINK("https://evil.example/","click")',
    "formula plus": "+1+cmd|' /C calc'!A0",
    "formula at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "formula tab": "\t=1+1",
    "formula behind control": "\x1b=1+1",
}
"""Each a name that some output of planctl once printed, or could print, as something else."""

# What must never appear in any text output: C0 controls except tab and line feed, DEL, C1
# controls, other line breaks, bidi controls, interlinear annotations, tag characters.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                       "\u202a-\u202e\u2066-\u2069\ufff9-\ufffb\U000e0000-\U000e007f]")
# The colours rich writes itself (Select Graphic Rendition): allowed, and removed before a check.
SGR = re.compile(r"\x1b\[[0-9;]*m")


def forbidden_in(output: str, *, colours: bool = False) -> list[str]:
    """The forbidden characters in `output` (after removing rich's own colours if asked)."""
    if colours:
        output = SGR.sub("", output)
    return [f"U+{ord(c):04X}" for c in FORBIDDEN.findall(output)]


def yaml_string(text: str) -> str:
    """`text` as a YAML double-quoted scalar: JSON's escapes, except that the UTF-16 surrogate
    pairs JSON writes for characters past U+FFFF become YAML's `\\U` escapes."""
    return _PAIR.sub(_code_point, json.dumps(text))


_PAIR = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _code_point(pair: re.Match[str]) -> str:
    high, low = int(pair[1], 16) - 0xD800, int(pair[2], 16) - 0xDC00
    return f"\\U{0x10000 + (high << 10) + low:08x}"


def plan_text(name: str) -> str:
    """A valid plan with `name` as the plan's, a phase's, a resource's, a risk's and three
    tasks' names (two tasks share it, so `check` quotes it in a finding) and as the budget's
    currency (printed beside every amount); one task misses its
    deadline and is overdue, and the budget is exceeded, so every section of the outputs shows.
    """
    quoted = yaml_string(name)
    return f"""\
planctl: 1
id: hostile
name: {quoted}
owner: al
start: 2026-01-05
status_date: 2026-01-14
budget: {{currency: {quoted}, total: 10}}
resources:
  - {{id: al, name: {quoted}, rate: 100}}
risks:
  - {{id: R1, title: {quoted}, probability: 4, impact: 4, owner: al, affects: [a],
     mitigation: {quoted}}}
phases:
  - id: build
    name: {quoted}
    tasks:
      - {{id: a, name: {quoted}, duration: 5d, assign: [al], deadline: 2026-01-07}}
      - {{id: b, name: {quoted}, duration: 1d, depends_on: [a]}}
      - {{id: m, name: {quoted}, milestone: true, depends_on: [b], deadline: 2026-02-01}}
"""
