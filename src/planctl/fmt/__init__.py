"""`planctl fmt`: plan files in one canonical layout, with every comment kept.

`format_text` formats text, `format_bytes` a file's bytes (byte-order mark and line ends
kept), `format_file` a file on disk (written atomically, only when it changed). The layout is
described in docs/fmt.md and in `planctl.fmt.emit`.
"""

from __future__ import annotations

from planctl.fmt.core import FormatRefused, format_text
from planctl.fmt.files import FormatResult, files_to_format, format_bytes, format_file

__all__ = ["FormatRefused", "FormatResult", "files_to_format", "format_bytes", "format_file",
           "format_text"]
