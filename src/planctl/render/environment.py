"""The one place planctl sets up Jinja: loaders, escaping, the sandbox, filters, the output cap.

Templates are files: the packaged ones (`templates/` at the top of the repository, shipped
inside the wheel; `planctl.shipped` finds them), and, with `--templates DIR`, the user's, which
take precedence by name and then run in Jinja's immutable sandbox. Nothing from a plan is ever
compiled as a template; plan text only ever reaches a template as a value.

HTML templates (`*.html.j2`, `*.svg.j2`) autoescape. Markdown templates (`*.md.j2`) are escaped
too, for Markdown: every `{{ value }}` passes through `md_inline` unless it is already `Markup`
(from a planctl filter such as `cell` or `mdblock`, a chart, or an explicit `|safe`), so a
template that forgets a filter still cannot let plan text break the page.
"""

from __future__ import annotations

import functools
import math
import os
import re
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from planctl.errors import InputError
from planctl.render import filters, isolate
from planctl.render.escape import breakable, md_block, md_cell, md_inline, strip_controls
from planctl.render.markdown import markdown_to_html
from planctl.render.user_loader import ConfinedLoader
from planctl.shipped import templates_dir

Format = Literal["md", "html"]
OUTPUT_CAP = 50 * 1024 * 1024
"""Most characters one render may produce; past it rendering stops with a `RenderError`."""


class RenderError(InputError):
    """A template could not be found, compiled or run, or its output exceeded the cap."""


class _CappedCodeGenerator(CodeGenerator):
    """Compiles `a ~ b` so that its result is size-checked: `~` is no operator the sandbox
    sees, and doubling a string in a loop with it would otherwise grow without a check."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.within_cap(")
        super().visit_Concat(node, frame)
        self.write(")")


class _CappedSandbox(ImmutableSandboxedEnvironment):
    """The sandbox for user templates, refusing operations that build huge values.

    The output cap stops a template that writes too much, but `'a' * 10**9` builds its gigabyte
    before anything is written. So the operations that can build a large value from a small
    template are checked before they run where their size can be foreseen (`*`, `**`, `+`,
    `%` and format widths, `center`/`ljust`/`rjust`/`zfill`/`expandtabs`/`replace`, the
    `center`, `indent`, `format` and `replace` filters, `lipsum`), and their results after,
    against the output cap (every call, filter and `~`). What is left (slow growth, endless
    loops) is stopped by the child process's memory and time limits
    (`planctl.render.isolate`).
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CappedCodeGenerator
    cap = OUTPUT_CAP

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        for name, check in _FILTER_CHECKS.items():
            self.filters[name] = _checked_filter(self.filters[name], check)
        for name in ("join", "list", "batch", "slice", "wordwrap", "truncate", "string",
                     "urlize", "xmlattr", "pprint", "tojson", "sum", "unique", "sort"):
            self.filters[name] = _checked_filter(self.filters[name], None)
        self.globals["lipsum"] = _checked_lipsum(self.globals["lipsum"])

    def within_cap(self, value: Any) -> Any:
        """`value`, if its size is within the output cap; a `SecurityError` otherwise."""
        if isinstance(value, (str, bytes, list, tuple)) and len(value) > self.cap:
            raise SecurityError(f"a value of {len(value):,} items or characters is larger "
                                "than the output cap")
        return value

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(count, int) \
                        and len(seq) * count > self.cap:
                    raise SecurityError("the product is larger than the output cap")
        elif operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)) \
                    and abs(left) > 1 and right * math.log2(abs(left)) > 1_000_000:
                raise SecurityError("the power is too large")
        elif operator == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                    and len(left) + len(right) > self.cap:
                raise SecurityError("the sum is larger than the output cap")
        elif operator == "%" and isinstance(left, str):
            _check_percent_format(left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: jinja2.runtime.Context, obj: Any, /, *args: Any,
             **kwargs: Any) -> Any:
        _check_method_call(obj, args, kwargs)
        return self.within_cap(super().call(context, obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            values = [*args, *kwargs.values()]
            if value.__name__ == "format_map" and args and isinstance(args[0], Mapping):
                values = list(args[0].values())
            _check_brace_format(template, values)
            return self.within_cap(wrapped(*args, **kwargs))

        return checked


def _too_big(number: Any) -> bool:
    return isinstance(number, int) and number > OUTPUT_CAP


def _digits_too_big(digits: str) -> bool:
    # Compared as text first: int() of a few thousand digits is itself refused by Python.
    return len(digits) > len(str(OUTPUT_CAP)) or int(digits) > OUTPUT_CAP


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d+)?(?:\.(\*|\d*))?")


def _check_percent_format(template: str, args: Any) -> None:
    """Refuse `'%3000000000d' % 1`, `'%.3000000000f' % x` and `'%*d' % (3000000000, 1)`."""
    star = False
    for width, precision in _PERCENT_SPEC.findall(template):
        for part in (width, precision):
            if part == "*":
                star = True
            elif part and _digits_too_big(part):
                raise SecurityError("a format width is larger than the output cap")
    if star:
        values = args if isinstance(args, tuple) else (args,)
        if any(_too_big(v) for v in values):
            raise SecurityError("a format width is larger than the output cap")


def _check_brace_format(template: str, values: list[Any]) -> None:
    """Refuse `'{:>3000000000}'.format(1)`, and `'{:>{}}'.format(1, 3000000000)`."""
    from string import Formatter

    try:
        fields = list(Formatter().parse(template))
    except ValueError:
        return  # str.format will say what is wrong
    for _, _, spec, _ in fields:
        if not spec:
            continue
        if any(_digits_too_big(digits) for digits in re.findall(r"\d+", spec)):
            raise SecurityError("a format width is larger than the output cap")
        if "{" in spec and any(_too_big(v) for v in values):
            raise SecurityError("a format width is larger than the output cap")


def _replace_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return 0
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * (len(new) - len(old))


def _check_method_call(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse the string methods that would build a value larger than the output cap."""
    owner = getattr(obj, "__self__", None)
    if not isinstance(owner, (str, bytes)):
        return
    name = getattr(obj, "__name__", "")
    size = 0
    if name in ("center", "ljust", "rjust", "zfill"):
        size = args[0] if args and isinstance(args[0], int) else kwargs.get("width", 0)
    elif name == "expandtabs":
        tab = args[0] if args else kwargs.get("tabsize", 8)
        size = len(owner) + (tab if isinstance(tab, int) else 0) * owner.count(
            "\t" if isinstance(owner, str) else b"\t")
    elif name == "replace" and isinstance(owner, str):
        size = _replace_size(owner, *args[:3], **kwargs)
    if _too_big(size):
        raise SecurityError(f"{name}() would build a value larger than the output cap")


def _check_center(value: Any, width: Any = 80, *_: Any, **__: Any) -> int:
    return width if isinstance(width, int) else 0


def _check_indent(value: Any, width: Any = 4, *_: Any, **__: Any) -> int:
    lines = str(value).count("\n") + 1
    step = width if isinstance(width, int) else len(str(width))
    return len(str(value)) + lines * step


def _check_format(value: Any, *args: Any, **kwargs: Any) -> int:
    _check_percent_format(str(value), kwargs or args)
    return 0


def _check_replace(value: Any, old: Any = "", new: Any = "", count: Any = None,
                   *_: Any) -> int:
    return _replace_size(str(value), old, new, -1 if count is None else count)


_FILTER_CHECKS: dict[str, Callable[..., int]] = {
    "center": _check_center,
    "indent": _check_indent,
    "format": _check_format,
    "replace": _check_replace,
}
"""Filters whose result size can be foreseen from their arguments: the check returns it."""


def _checked_filter(function: Callable[..., Any], check: Callable[..., int] | None
                    ) -> Callable[..., Any]:
    # Jinja passes the context, eval context or environment first to filters marked so
    # (`jinja_pass_arg`); `wraps` copies that mark, and the value is then the second argument.
    passes = getattr(function, "jinja_pass_arg", None) is not None

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        if check is not None:
            own = args[1:] if passes else args
            if _too_big(check(*own, **kwargs)):
                raise SecurityError(f"the {function.__name__.removeprefix('do_')} filter would "
                                    "build a value larger than the output cap")
        result = function(*args, **kwargs)
        if isinstance(result, (str, list, tuple)) and len(result) > OUTPUT_CAP:
            raise SecurityError("a filter built a value larger than the output cap")
        return result

    return checked


def _checked_lipsum(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def checked(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> Any:
        if not all(isinstance(v, int) and 0 <= v <= 10_000 for v in (n, min, max)):
            raise SecurityError("lipsum() takes numbers up to 10,000")
        return function(n, html, min, max)

    return checked


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
    packaged = jinja2.FileSystemLoader(str(templates_dir()))
    loader: jinja2.BaseLoader = packaged
    env_class: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        if not Path(user_dir).is_dir():
            raise RenderError(f"--templates: {os.fspath(user_dir)} is not a directory")
        loader = jinja2.ChoiceLoader([
            ConfinedLoader(user_dir),
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
    if isinstance(env, _CappedSandbox):
        # One budget for everything rendered with this environment (a portfolio's pages).
        seconds = isolate.USER_TEMPLATE_SECONDS
        env.limits = isolate.Limits(seconds, isolate.TEMPLATE_MEMORY,
                                    time.monotonic() + seconds)
    return env


def _filters(fmt: Format) -> dict[str, Callable[..., Any]]:
    from planctl.render.charts.kpi import kpi_svg

    common = dict(filters.FILTERS)
    common["kpi_chart"] = kpi_svg
    if fmt == "md":
        common.update(md=md_inline, cell=md_cell, mdblock=md_block)
    else:
        common.update(markdown=markdown_to_html, breakable=breakable)
    return common


def render_template(env: jinja2.Environment, name: str, context: Mapping[str, Any],
                    cap: int = OUTPUT_CAP) -> str:
    """Render template `name` with `context`; template problems become a `RenderError`.

    Templates receive the context frozen into plain, read-only data (`planctl.render.plain`):
    this is the one way into a template, so no path can hand one a model or a method. With
    user templates (`make_environment(fmt, user_dir)`) rendering runs in a child process
    limited in memory and time (`planctl.render.isolate`).
    """
    from planctl.render.plain import freeze_context

    plain = freeze_context(context)
    limits: isolate.Limits | None = getattr(env, "limits", None)
    if limits is None or not isolate.can_isolate():
        return _render(env, name, plain, cap)
    try:
        return isolate.run_isolated(lambda: _render(env, name, plain, cap),
                                    seconds=limits.deadline - time.monotonic(),
                                    memory=limits.memory, allowed=limits.seconds)
    except isolate.IsolationError as exc:
        raise RenderError(str(exc)) from None


def _render(env: jinja2.Environment, name: str, plain: dict[str, Any], cap: int) -> str:
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
        text = _valid_unicode("".join(parts))
        # A user template may write control characters itself (in its own text, or through
        # `|safe`): a page printed to a terminal or a CI log must not carry escape sequences.
        text = strip_controls(text) if isinstance(env, _CappedSandbox) else text
        return no_workflow_commands(text)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name}") from None
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"template {exc.filename or exc.name or name}:{exc.lineno}: "
                          f"{exc.message}") from None
    except SecurityError as exc:
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
        # Out of the child's memory limit: `plain` and the template's values are freed by
        # now, so there is room to report it.
        raise RenderError(f"template {name}: ran out of memory (templates may use "
                          f"{isolate.TEMPLATE_MEMORY // (1024 * 1024)} MB more than "
                          "planctl); stopped") from None


_WORKFLOW_COMMAND = re.compile(r"^([ \t]*):(?=:)", re.M)


def no_workflow_commands(page: str) -> str:
    """`page` with no line that starts with `::`: printed in a CI log (`render -o -` in a
    GitHub Actions step), such a line is a workflow command (`::add-mask::`, `::error::`,
    `::stop-commands::`). The first colon becomes `&#58;`, which Markdown and HTML both show
    as a colon."""
    return _WORKFLOW_COMMAND.sub(r"\1&#58;", page) if "::" in page else page


_SURROGATES = re.compile("[\ud800-\udfff]")


def _valid_unicode(text: str) -> str:
    """`text` with lone surrogates (`'\\ud800'` in a template) replaced by U+FFFD, so that
    the page can be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", text)
    return text


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
