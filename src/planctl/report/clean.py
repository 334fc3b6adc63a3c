"""Make text from a plan safe to print: no terminal control sequences, one line per message.

Plan files are untrusted: a task title may hold an ESC sequence that rewrites the terminal, a
newline that forges a second finding (or a GitHub workflow command), or bidirectional controls
that make the shown text differ from the real one. Every reporter passes plan text through here.
"""

from __future__ import annotations

import re

# C0 controls except tab, DEL, C1 controls, and the Unicode bidirectional overrides/isolates.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def strip_controls(text: str) -> str:
    """`text` without control characters; line breaks and tabs are kept."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def one_line(text: str) -> str:
    """`text` on one line: line breaks shown as `\\n`, tabs as spaces, controls removed."""
    return _NEWLINE.sub(r"\\n", strip_controls(text)).replace("\t", " ")
