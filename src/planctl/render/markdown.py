"""Plan descriptions (Markdown) to HTML, with raw HTML off and unsafe links refused."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from markupsafe import Markup

from planctl.render.escape import strip_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_SAFE_SCHEMES = ("http:", "https:", "mailto:")


def _validate_link(url: str) -> bool:
    # markdown-it-py already refuses javascript:, vbscript:, file: and most data: URLs; be
    # stricter still: relative links and a short list of schemes only.
    lowered = url.strip().lower()
    if ":" not in lowered.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return True
    return lowered.startswith(_SAFE_SCHEMES)


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    """The one markdown-it parser of descriptions (HTML page, and `mdsafe` for Markdown)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.add_render_rule("image", _image_as_link)
    return md


def _image_as_link(self: object, tokens: list, idx: int, options: object, env: object) -> str:
    # A self-contained page makes no network requests: an image becomes a link to it.
    from markupsafe import escape

    token = tokens[idx]
    alt = escape(token.content or "image")
    src = token.attrGet("src") or ""
    return f'<a class="image-link" href="{escape(src)}">[image: {alt}]</a>' if src else str(alt)


def markdown_to_html(text: str | None) -> Markup:
    """Render a description; markdown-it escapes every character of the source it emits."""
    if not text:
        return Markup("")
    # markdown-it escapes text and attributes itself and, with html off, never passes raw
    # HTML through: its output is safe to mark as such.
    return Markup(parser().render(strip_controls(text)))
