"""Make text from a plan safe to show: the one place that decides which characters never reach
a terminal, a log, an annotation or a spreadsheet.

Plan files are untrusted: a task name may hold an ESC or OSC sequence that rewrites the
terminal or plants a hidden link, a carriage return or backspace that overprints what was
shown, a newline that forges a second finding (or a GitHub workflow command), or
bidirectional controls that make the shown text differ from the real one ("Trojan Source").
Every text output of planctl passes plan text through `strip_controls` (or a function built on
it), and the tests feed every output format hostile names (tests/test_terminal_output.py,
tests/fuzz/test_fuzz_output.py).

Removed: C0 controls except tab and line feed, DEL, C1 controls (U+0080-U+009F), the Unicode
bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069),
the interlinear annotation marks (U+FFF9-U+FFFB) and the invisible tag characters
(U+E0000-U+E007F, which can hide a whole sentence inside a name). Line breaks of every kind (CR,
CRLF, U+2028, U+2029; U+0085 is a C1 control) become a line feed, which each caller shows as
it must. Zero-width joiners and non-joiners (U+200C, U+200D) are kept: Persian, Indic scripts
and emoji need them, and they can neither move text nor drive a terminal.
"""

from __future__ import annotations

import re

# Characters that never reach an output. Tab (\x09) and line feed (\x0a) are handled by the
# callers; \x0d and \x85 are line breaks, turned into \n before this applies.
CONTROL_CHARACTERS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e"
                      "\u2066-\u2069\ufff9-\ufffb\U000e0000-\U000e007f")
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_LINE_BREAK = re.compile("\r\n|[\r\x85\u2028\u2029]")
_CONTROL_OR_BREAK = re.compile(f"[{CONTROL_CHARACTERS}\n\r\x85\u2028\u2029]")
_UNSAFE_IN_JSON = re.compile(f"[{CONTROL_CHARACTERS}\u2028\u2029]")
# A spreadsheet runs a cell that starts with these as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def strip_controls(text: str) -> str:
    """`text` without control characters; every line break is a `\\n`, tabs are kept."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def one_line(text: object, newline: str = "\\n") -> str:
    """`text` on one line, controls removed: line breaks shown as `newline` (a visible `\\n`
    by default, so a message keeps its shape), tabs as spaces."""
    return strip_controls(str(text)).replace("\n", newline).replace("\t", " ")


def mark_controls(text: str) -> str:
    """`text` with each control character or line break shown as U+FFFD and each tab as a
    space: for a code frame, which shows that something is there, one cell for one character,
    so that the caret under it lines up."""
    return _CONTROL_OR_BREAK.sub("\ufffd", text.replace("\t", " "))


def markup(text: object) -> str:
    """Plan text to embed in rich console markup: one line, controls removed, and `[` escaped
    so that `[bold]` or `[link=...]` in a name prints as written (and `[/oops]` cannot raise)."""
    from rich.markup import escape

    return escape(one_line(text, " "))


def csv_cell(value: object) -> str:
    """A CSV cell that is safe in a terminal and in a spreadsheet.

    Numbers stay numbers (a negative float is not a formula). Text is one line without
    controls, and text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, also after
    spaces or removed controls, or in their full-width forms) gets a leading `'`, which shows
    it as text.
    """
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    text = one_line(value, " ")
    # Some spreadsheets skip leading spaces before they look for a formula.
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_START) else text


def json_safe(encoded: str) -> str:
    """JSON text (as `json.dumps(..., ensure_ascii=False)` writes it) with the characters that
    `strip_controls` removes written as `\\u` escapes instead.

    JSON output stays exact data: a program that parses it gets every character of the plan
    back. What reaches a terminal that shows the JSON is only ASCII escapes. Outside strings,
    JSON text is ASCII, so the replacement can only touch string contents.
    """
    return _UNSAFE_IN_JSON.sub(_json_escape, encoded)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # a UTF-16 surrogate pair, as JSON requires
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
