"""The JSON Schema of the plan file, for editors: completion, hover help and validation as you type.

It is generated from the pydantic models (`planctl.model.Plan`), then rewritten for JSON Schema
draft-07, the newest draft the YAML language server (VS Code, Neovim, JetBrains) reads fully:
`definitions` instead of `$defs`, `$ref` never with siblings (draft-07 ignores them, which would
hide descriptions), the short forms the models accept (`depends_on: [a]`, `assign: [alice]`,
`holidays: [2026-01-19]`) written out as `anyOf`, and patterns that accept exactly what the
models accept. For the language server's hover: a shared definition keeps its description in
`$comment` (the wording belongs to the key that uses it), and a description with code in
backticks also comes as `markdownDescription`. `schemas/plan.schema.json` is this output; a test
keeps it current (tests/editor drives the real server over it).

An included file is a fragment of a plan without `planctl:`: the schema asks for the required
header keys only when `planctl` is present, so fragments can use the same schema.
"""

from __future__ import annotations

import ast
import copy
import inspect
import json
import os
import sys
import typing
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from planctl.model import Duration, Plan
from planctl.model.fields import (
    _DURATION_SCHEMA,
    _LAG_SCHEMA,
    DATE_PATTERN,
    ID_PATTERN,
    SLUG_PATTERN,
)

SCHEMA_ID = "https://planctl.dev/schemas/plan-1.json"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"

# The models' patterns for durations and lags are a little looser than the parsers; these say
# exactly what the parsers accept: a positive amount (`+3d`, `2.5d`, not `0d`), and a lag that
# is a whole number of days (`-1d`, `2.0d`, not `1.5d`). Keyed by the model's own pattern.
_PRECISE = {
    _DURATION_SCHEMA["pattern"]:
        r"^\s*\+?(?:0*[1-9]\d*(?:\.\d+)?|0+\.\d*[1-9]\d*)\s*[dw]\s*$",
    _LAG_SCHEMA["pattern"]: r"^\s*[-+]?\d+(?:\.0+)?\s*[dw]\s*$",
}
_PATTERN_HELP = {
    ID_PATTERN: "An id: letters, digits, '-', '_' and '.', starting with a letter or digit.",
    SLUG_PATTERN: "A plan id: lower-case letters, digits, '-' and '_', starting with a letter "
                  "or digit.",
    DATE_PATTERN: "A date written YYYY-MM-DD.",
    _PRECISE[_DURATION_SCHEMA["pattern"]]:
        "A duration in working days or weeks, more than 0: 3d, 2w, 2.5d.",
    _PRECISE[_LAG_SCHEMA["pattern"]]:
        "A lag in whole working days or weeks, negative for a lead: 2d, -1d, 1w.",
}
_BOUNDS = {"ge": "minimum", "gt": "exclusiveMinimum", "le": "maximum", "lt": "exclusiveMaximum"}
_SCHEMA_LISTS = ("anyOf", "allOf", "oneOf")
_SCHEMA_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains",
               "propertyNames")
_SCHEMA_MAPS = ("properties", "patternProperties", "definitions")


class _Generator(GenerateJsonSchema):
    """pydantic's generator, with every step of a constraint chain and readable defaults."""

    def chain_schema(self, schema: core_schema.ChainSchema) -> JsonSchemaValue:
        # An id is a chain: a text check, then the length, then the pattern. pydantic keeps only
        # the first step; a value must pass all of them, so merge them all.
        merged: dict[str, Any] = {}
        for step in schema["steps"]:
            merged.update(self.generate_inner(step))
        return merged

    def get_default_value(self, schema: core_schema.WithDefaultSchema) -> Any:
        # pydantic leaves out defaults made by a factory; `workdays` is worth showing on hover.
        factory = schema.get("default_factory")
        if factory is not None and not schema.get("default_factory_takes_data"):
            value = factory()  # type: ignore[call-arg]
            if isinstance(value, list) and value:
                return value
        return super().get_default_value(schema)

    def encode_default(self, dft: Any) -> Any:
        if isinstance(dft, Duration):
            return str(dft)
        return super().encode_default(dft)


def _models_inside_out(model: type[BaseModel]) -> list[type[BaseModel]]:
    """`model` and every model its fields hold, each after the models it holds."""
    order: list[type[BaseModel]] = []

    def visit(kind: Any) -> None:
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            if kind in order:
                return
            for field in kind.model_fields.values():
                visit(field.annotation)
            order.append(kind)
        for argument in typing.get_args(kind):
            visit(argument)

    visit(model)
    return order


def _attribute_docstrings(module: str) -> dict[tuple[str, str], str]:
    """(class, attribute) -> the string written under that attribute's annotation."""
    tree = ast.parse(inspect.getsource(sys.modules[module]))
    found = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement, after in zip(node.body, node.body[1:], strict=False):
                if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name) \
                        and isinstance(after, ast.Expr) and isinstance(after.value, ast.Constant) \
                        and isinstance(after.value.value, str):
                    found[node.name, statement.target.id] = inspect.cleandoc(after.value.value)
    return found


_described = False


def _describe_fields() -> None:
    """Give the models' fields their attribute docstrings as descriptions, once.

    The models are built without pydantic's `use_attribute_docstrings`: before Python 3.13 it
    parses a model's whole module once per class, about 50 ms of every command, and only this
    schema shows the descriptions. Here each module is parsed once and the models are rebuilt,
    the ones a model holds before it, so that each rebuilt schema embeds described fields.
    """
    global _described
    if _described:
        return
    models = _models_inside_out(Plan)
    docstrings: dict[tuple[str, str], str] = {}
    for module in {kind.__module__ for model in models for kind in model.__mro__
                   if issubclass(kind, BaseModel) and kind is not BaseModel}:
        docstrings.update(_attribute_docstrings(module))
    for model in models:
        for name, field in model.model_fields.items():
            declared = (docstrings.get((kind.__name__, name)) for kind in model.__mro__)
            text = next((found for found in declared if found is not None), None)
            if field.description is None and text is not None:
                field.description = text
        model.model_rebuild(force=True)
    _described = True


def plan_schema() -> dict[str, Any]:
    """The JSON Schema (draft-07) of a plan file, as a new dict."""
    _describe_fields()
    raw = Plan.model_json_schema(by_alias=True, ref_template="#/definitions/{model}",
                                 schema_generator=_Generator)
    definitions = {name: _clean(node) for name, node in raw.pop("$defs", {}).items()}
    root = _clean(raw)
    _short_forms(definitions)
    required = root.pop("required", [])
    root.pop("title", None)
    schema: dict[str, Any] = {
        "$schema": DRAFT_07,
        "$id": SCHEMA_ID,
        "title": "planctl plan (format version 1)",
        "description": root.pop("description", "") + " A file without `planctl:` is a fragment "
        "that a plan includes: it may hold any section, and nothing is required.",
        **root,
        "if": {"required": ["planctl"]},
        "then": {"required": required},
        "definitions": definitions,
    }
    _annotate_patterns(schema)
    _describe_at_the_key(definitions)
    _annotate_markdown(schema)
    return schema


def schema_text() -> str:
    """The schema as the text of `schemas/plan.schema.json`."""
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"


SchemaWrite = Literal["written", "current", "replaced", "kept"]


def write_schema_file(path: str | os.PathLike[str], *, replace: bool = False) -> SchemaWrite:
    """Put this planctl's schema at `path` (atomically), and say what was done.

    "written": there was no file; "current": the same schema was there, nothing written;
    "replaced": a different file was there and `replace` was set; "kept": a different file was
    there and left alone (an older planctl's schema, or a file of the user's). Raise
    `InputError` when `path` cannot be read or written.
    """
    from planctl.atomic import write_atomic
    from planctl.errors import InputError

    wanted = schema_text().encode("utf-8")
    try:
        with open(path, "rb") as existing:
            found: bytes | None = existing.read(len(wanted) + 1)  # a huge file is different
    except FileNotFoundError:
        found = None
    except IsADirectoryError:
        raise InputError(f"{os.fspath(path)} is a directory, not a schema file") from None
    except OSError as exc:
        raise InputError(f"cannot read {os.fspath(path)}: {exc.strerror}") from None
    if found == wanted:
        return "current"
    if found is not None and not replace:
        return "kept"
    write_atomic(path, wanted)
    return "written" if found is None else "replaced"


def _clean(node: Any) -> Any:
    """Rewrite one pydantic schema node (and everything under it) for draft-07."""
    if not isinstance(node, dict):
        return node
    result: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SCHEMA_MAPS:
            # pydantic titles every property after its name ("Depends On"): noise on hover.
            result[key] = {name: _without_title(_clean(sub)) for name, sub in value.items()}
        elif key in _SCHEMA_LISTS:
            result[key] = [_clean(sub) for sub in value]
        elif key in _SCHEMA_ONE:
            result[key] = _clean(value)
        elif key in _BOUNDS:
            result[_BOUNDS[key]] = value  # pydantic leaks constraint names for annotated floats
        elif key == "pattern":
            result[key] = _PRECISE.get(value, value)
        elif key == "default" and value is None:
            continue  # an editor would complete `null`; "not set" is what None means here
        else:
            result[key] = value
    return _wrap_ref(_collapse_null(result))


def _without_title(node: Any) -> Any:
    if isinstance(node, dict):
        node.pop("title", None)
    return node


def _collapse_null(node: dict[str, Any]) -> dict[str, Any]:
    """`anyOf: [{type: string, ...}, {type: null}]` → `type: [string, null]`, simpler to read."""
    options = node.get("anyOf")
    if not options or len(options) != 2 or {"type": "null"} not in options:
        return node
    other = options[0] if options[1] == {"type": "null"} else options[1]
    if not isinstance(other.get("type"), str) or any(
            k in other for k in ("$ref", "enum", "const", *_SCHEMA_LISTS)):
        return node
    result = {k: v for k, v in node.items() if k != "anyOf"}
    result.update({k: v for k, v in other.items() if k not in result or k == "type"})
    result["type"] = [other["type"], "null"]
    return result


def _wrap_ref(node: dict[str, Any]) -> dict[str, Any]:
    """Draft-07 ignores everything next to `$ref`; keep the description by using `allOf`."""
    if "$ref" not in node or len(node) == 1:
        return node
    result = {k: v for k, v in node.items() if k != "$ref"}
    result["allOf"] = [{"$ref": node["$ref"]}]
    return result


def _not_null(node: dict[str, Any]) -> dict[str, Any]:
    result = copy.deepcopy(node)
    kinds = result.get("type")
    if isinstance(kinds, list):
        kept = [k for k in kinds if k != "null"]
        result["type"] = kept[0] if len(kept) == 1 else kept
    result.pop("default", None)
    return result


def _short_forms(definitions: dict[str, Any]) -> None:
    """Write out the short forms the models accept, so that editors accept them too."""
    for name, key, text in (
            ("Dependency", "task", "Id of the predecessor task or phase: finish-to-start, no "
             "lag. The long form is {task, type, lag}."),
            ("Assignment", "resource", "Id of the resource, at min(1, capacity) units (a "
             "half-time person at 0.5). The long form is {resource, units}.")):
        full = definitions[name]
        short = {**_not_null(full["properties"][key]), "description": text}
        definitions[name] = {"title": full.pop("title", name),
                             "description": full["description"], "anyOf": [short, full]}
    span = definitions["DateSpan"]
    props = span["properties"]
    day = {**_not_null(props["date"]), "description": "A single day, YYYY-MM-DD."}
    named = {"type": "object", "description": "A named day.",
             "properties": {"date": _not_null(props["date"]), "name": props["name"]},
             "required": ["date"], "additionalProperties": False}
    ranged = {"type": "object", "description": "A range of days, both ends included.",
              "properties": {"from": _not_null(props["from"]), "to": _not_null(props["to"]),
                             "name": props["name"]},
              "required": ["from", "to"], "additionalProperties": False}
    definitions["DateSpan"] = {"title": span.get("title", "DateSpan"),
                               "description": span["description"],
                               "anyOf": [day, named, ranged]}


def _describe_at_the_key(definitions: dict[str, Any]) -> None:
    """Move each shared definition's own description to `$comment`, for people reading the file.

    The YAML language server's hover shows the first description it meets, and it meets a
    `$ref` target's before the description of the property that refers to it: a risk's
    `delay:` would read "Three-point estimate used by forecasts" rather than its own "Delay
    added to affected tasks". Without a description of their own, definitions leave the
    wording to the key.
    """
    for definition in definitions.values():
        if "description" in definition:
            definition["$comment"] = definition.pop("description")


def _annotate_markdown(node: Any) -> None:
    """Give descriptions with code in backticks a `markdownDescription`, so hovers show `3d` as
    code; the server shows a plain description's backticks as they are."""
    if isinstance(node, list):
        for item in node:
            _annotate_markdown(item)
    elif isinstance(node, dict):
        text = node.get("description")
        if isinstance(text, str) and "`" in text:
            node["markdownDescription"] = text
        for key, value in node.items():
            if key not in ("default", "examples", "enum", "const"):
                _annotate_markdown(value)


def _annotate_patterns(node: Any) -> None:
    """Say in words what a pattern means: editors show this instead of the regular expression."""
    if isinstance(node, list):
        for item in node:
            _annotate_patterns(item)
    elif isinstance(node, dict):
        pattern = node.get("pattern")
        help_text = _PATTERN_HELP.get(pattern) if isinstance(pattern, str) else None
        if help_text:
            node["patternErrorMessage"] = help_text
        for value in node.values():
            _annotate_patterns(value)
