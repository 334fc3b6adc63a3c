"""The one place planctl sets up Jinja: loaders, escaping, the sandbox, filters, the output cap.

Templates are files: the packaged ones under `planctl/templates/`, and, with `--templates DIR`,
the user's, which take precedence by name and then run in Jinja's immutable sandbox. Nothing
from a plan is ever compiled as a template; plan text only ever reaches a template as a value.

HTML templates (`*.html.j2`, `*.svg.j2`) autoescape. Markdown templates (`*.md.j2`) are escaped
too, for Markdown: every `{{ value }}` passes through `md_inline` unless it is already `Markup`
(from a planctl filter such as `cell` or `mdblock`, a chart, or an explicit `|safe`), so a
template that forgets a filter still cannot let plan text break the page.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from planctl.errors import InputError
from planctl.render import filters
from planctl.render.escape import md_block, md_cell, md_inline, strip_controls
from planctl.render.markdown import markdown_to_html

Format = Literal["md", "html"]
OUTPUT_CAP = 50 * 1024 * 1024
"""Most characters one render may produce; past it rendering stops with a `RenderError`."""

PACKAGED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


class RenderError(InputError):
    """A template could not be found, compiled or run, or its output exceeded the cap."""


class _CappedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for user templates, refusing operations that build huge values at once.

    The output cap stops a template that writes too much, but `'a' * 10**9` builds its gigabyte
    before anything is written: size-checking the operators that multiply or concatenate makes
    such an expression fail at once instead.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                        and len(seq) * count > OUTPUT_CAP:
                    raise jinja2.sandbox.SecurityError("the product is larger than the output cap")
        elif operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)) \
                    and abs(left) > 1 and right * math.log2(abs(left)) > 1_000_000:
                raise jinja2.sandbox.SecurityError("the power is too large")
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                    and len(left) + len(right) > OUTPUT_CAP:
                raise jinja2.sandbox.SecurityError("the sum is larger than the output cap")
        elif operator == "%" and isinstance(left, str) and _wide_format(left):
            raise jinja2.sandbox.SecurityError("a format width is larger than the output cap")
        return super().call_binop(context, operator, left, right)


def _wide_format(template: str) -> bool:
    import re

    return any(int(width) > OUTPUT_CAP for width in re.findall(r"%[-+ #0]*(\d{6,})", template))


def _finalize_markdown(value: Any) -> Any:
    # Called on every `{{ }}` output of a Markdown template: plain values are escaped for
    # Markdown; Markup (already escaped, or built by planctl) passes as it is.
    if hasattr(value, "__html__"):
        return value
    return md_inline(value)


def _finalize_html(value: Any) -> Any:
    # Called on every `{{ }}` output of an HTML template, before autoescaping: control
    # characters and bidi overrides (which can make text read backwards) are removed from
    # text; removing them from Markup cannot create a tag, since `<` is already `&lt;` there.
    if isinstance(value, str):
        cleaned = strip_controls(value)
        return Markup(cleaned) if hasattr(value, "__html__") else cleaned
    return value


def make_environment(fmt: Format, user_dir: str | os.PathLike[str] | None = None
                     ) -> jinja2.Environment:
    """A Jinja environment for rendering `fmt` pages, with the user's templates first if given.

    With `user_dir` every template (packaged ones too) runs in the immutable sandbox; the
    packaged templates stay reachable as `builtin/<name>` so a user template may extend them.
    """
    packaged = jinja2.FileSystemLoader(str(PACKAGED_TEMPLATES))
    loader: jinja2.BaseLoader = packaged
    env_class: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise RenderError(f"--templates: {os.fspath(user_dir)} is not a directory")
        loader = jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(os.fspath(user_dir)),
            jinja2.PrefixLoader({"builtin": packaged}),
            packaged,
        ])
        env_class = _CappedSandbox
    options: dict[str, Any] = {
        "loader": loader,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,
    }
    if fmt == "md":
        # No HTML autoescape here: Jinja's built-in filters (join, replace...) would then
        # return Markup that is HTML-escaped only. `finalize` escapes every plain value for
        # Markdown instead, and only planctl's own filters and charts produce Markup.
        options.update(autoescape=False, finalize=_finalize_markdown)
    else:
        options["autoescape"] = jinja2.select_autoescape(
            enabled_extensions=("html.j2", "svg.j2", "xml.j2", "html", "svg", "xml"),
            default_for_string=True, default=False)
        options["finalize"] = _finalize_html
    env = env_class(**options)
    env.filters.update(_filters(fmt))
    env.globals.update(filters.GLOBALS)
    return env


def _filters(fmt: Format) -> dict[str, Callable[..., Any]]:
    from planctl.render.charts.kpi import kpi_svg

    common = dict(filters.FILTERS)
    common["kpi_chart"] = kpi_svg
    if fmt == "md":
        common.update(md=md_inline, cell=md_cell, mdblock=md_block)
    else:
        common.update(markdown=markdown_to_html)
    return common


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any],
                    cap: int = OUTPUT_CAP) -> str:
    """Render template `name` with `context`; template problems become a `RenderError`.

    Templates receive the context frozen into plain, read-only data (`planctl.render.plain`):
    this is the one way into a template, so no path can hand one a model or a method.
    """
    from planctl.render.plain import freeze_context

    plain = freeze_context(context)
    try:
        template = env.get_template(name)
        size = 0
        parts: list[str] = []
        for chunk in template.generate(**plain):
            size += len(chunk)
            if size > cap:
                raise RenderError(f"template {name}: output exceeds {cap // (1024 * 1024)} MB; "
                                  "stopped")
            parts.append(chunk)
        return "".join(parts)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"template {exc.filename or exc.name or name}:{exc.lineno}: "
                          f"{exc.message}") from None
    except jinja2.sandbox.SecurityError as exc:
        raise RenderError(f"template {name}: refused by the sandbox: {exc}") from None
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError,
            AttributeError) as exc:
        # A user template's mistake (or a packaged template's bug): say which line.
        where = _template_line(exc)
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        raise RenderError(f"template {where or name}: {message}") from None
    except RecursionError:
        # A template that includes itself, or a macro that calls itself, without end.
        raise RenderError(f"template {name}: templates include or call themselves too deeply"
                          ) from None
    except MemoryError:
        raise RenderError(f"template {name}: ran out of memory") from None


def _template_line(exc: BaseException) -> str | None:
    # Jinja rewrites tracebacks so that template frames carry the template's file and line.
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".html", ".md", ".svg", ".xml")):
            found = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return found
