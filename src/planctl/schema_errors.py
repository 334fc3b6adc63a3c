"""Turn pydantic's validation errors into located diagnostics that say how to fix the plan."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from planctl.errors import Diagnostic, Location
from planctl.key_synonyms import synonym_hint
from planctl.located import LocatedDict, Position, location_of, position_of
from planctl.model.fields import not_text_message
from planctl.value_hints import value_hint

_CODES = {
    "extra_forbidden": "E201",
    "missing": "E202",
    "date_invalid": "E204",
    "date_type": "E204",
    "date_range": "E204",
    "format_version": "E200",
}


def did_you_mean(word: Any, choices: list[str]) -> str | None:
    """The closest of `choices` to `word`, if any is close enough to be a likely typo."""
    if not isinstance(word, str) or not choices:
        return None
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not found:
        lowered = {c.lower(): c for c in choices}
        found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[f] for f in found]
    return found[0] if found else None


def _walk(root: Any, loc: tuple[Any, ...]) -> Any:
    node = root
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
    return node


def _field_names(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _field(loc: tuple[Any, ...]) -> str | None:
    return next((p for p in reversed(loc) if isinstance(p, str) and not p[:1].isupper()), None)


# Each indentation hint reads the file's lines up to the key and walks the data: only the first
# few unknown keys of a plan get one, so a file of many unknown keys stays linear.
MAX_INDENTATION_HINTS = 20


def _unknown_key(root: Any, loc: tuple[Any, ...], fallback: Location,
                 look_back: bool = True) -> Diagnostic:
    key = loc[-1]
    parent = _walk(root, loc[:-1])
    model = parent.model if isinstance(parent, LocatedDict) else None
    where = location_of(root, loc, fallback, key=True)
    allowed = _field_names(model) if model is not None else []
    guess = did_you_mean(key, allowed)
    what = f" in {model.__name__.lower()}" if model is not None else ""
    synonym = synonym_hint(key, allowed)
    moved = _indented_too_little(root, key, position_of(root, loc, key=True)) \
        if look_back else None
    if moved:
        hint = moved
    elif synonym:
        hint = synonym
    elif guess:
        hint = f"did you mean '{guess}'?"
    elif allowed:
        hint = "allowed keys: " + ", ".join(allowed)
    else:
        hint = None
    return Diagnostic("E201", f"unknown key '{key}'{what}", where, hint=hint, name="unknown-key")


def _indented_too_little(root: Any, key: Any, pos: Position | None) -> str | None:
    """A hint when the unknown `key` is a key of a mapping its line just left: it was meant to
    be indented like the keys of that mapping (a task's `duration` at its phase's column)."""
    if pos is None or not isinstance(key, str):
        return None
    from planctl.indentation import left_behind  # only on this error path

    source, line, _ = pos
    for level in left_behind(source.text.splitlines(), line + 1):
        sibling = level.line
        mapping = _mapping_with_key_at(root, (sibling.number - 1, level.column))
        model = mapping.model if mapping is not None else None
        if model is not None and key in _field_names(model):
            return (f"'{key}' is a key of the {model.__name__.lower()} above: if it belongs "
                    f"there, indent it {level.column} spaces, to line up with "
                    f"'{sibling.key}' on line {sibling.number}")
    return None


def _mapping_with_key_at(root: Any, where: tuple[int, int]) -> LocatedDict | None:
    """The mapping that has a key written at (0-based) line and column `where`."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, LocatedDict):
            if any(pos[1:] == where for pos in node.key_pos.values()):
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def _message(error: dict[str, Any]) -> tuple[str, str | None]:
    kind, msg, ctx = error["type"], error["msg"], error.get("ctx") or {}
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        choices = [c.strip() for c in expected.replace(" or ", ",").split(",") if c.strip()]
        guess = did_you_mean(error.get("input"), choices)
        got = error.get("input")
        return (f"'{got}' is not one of: {', '.join(choices)}",
                f"did you mean '{guess}'?" if guess else None)
    if kind == "string_pattern_mismatch":
        from planctl.model.fields import SLUG_PATTERN

        if ctx.get("pattern") == SLUG_PATTERN:
            return (f"'{error.get('input')}' is not a valid plan id: use lower-case letters, "
                    "digits, '-' and '_', starting with a letter or digit",
                    "a plan id is a slug, such as crm-rollout")
        return (f"'{error.get('input')}' is not a valid id: use letters, digits, '-', '_' and "
                "'.', starting with a letter or digit",
                "ids are single words, such as configure-crm or R1")
    if kind in ("list_type", "model_type", "dict_type", "model_attributes_type"):
        wanted = "a list" if kind == "list_type" else "a mapping of keys"
        got = error.get("input")
        got_text = "a list" if isinstance(got, list) else "a mapping" if isinstance(got, dict) \
            else f"'{got}'" if isinstance(got, str) else repr(got)
        hint = "write [a, b] or one '- item' per line" if kind == "list_type" else None
        return f"expected {wanted}, got {got_text}", hint
    if kind == "string_type":
        return not_text_message(error.get("input")), None
    if kind == "string_too_long":
        return (f"too long: {len(error.get('input', ''))} characters, at most "
                f"{ctx.get('max_length')}", "shorten it")
    if kind in ("too_short", "string_too_short") and isinstance(error.get("input"), (list, str)):
        return "must not be empty", None
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{error.get('input')} is out of range: {msg[0].lower() + msg[1:]}", None
    if kind == "missing":
        return "", None
    text = msg[0].lower() + msg[1:] if msg else "invalid value"
    return text.removeprefix("value error, "), None


def translate(exc: ValidationError, root: Any, path: str) -> list[Diagnostic]:
    """Located diagnostics for every error pydantic found, one per place."""
    fallback = Location(path, 1, 1)
    seen: set[tuple[Any, ...]] = set()
    unknown = 0
    diagnostics: list[Diagnostic] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if loc in seen:
            continue
        seen.add(loc)
        if error["type"] == "extra_forbidden":
            unknown += 1
            diagnostics.append(_unknown_key(root, loc, fallback,
                                            look_back=unknown <= MAX_INDENTATION_HINTS))
            continue
        field = _field(loc)
        if error["type"] == "missing":
            where = location_of(root, loc[:-1], fallback)
            parent = _walk(root, loc[:-1])
            model = parent.model if isinstance(parent, LocatedDict) else None
            what = f" in {model.__name__.lower()}" if model is not None else ""
            diagnostics.append(Diagnostic("E202", f"missing required key '{loc[-1]}'{what}", where,
                                          hint=f"add `{loc[-1]}:`", name="missing-key"))
            continue
        message, hint = _message(error)
        hint = hint or value_hint(field, error.get("input"))
        prefix = f"{field}: " if field else ""
        where = location_of(root, loc, fallback)
        code = _CODES.get(error["type"], "E203")
        diagnostics.append(Diagnostic(code, prefix + message, where, hint=hint,
                                      name="invalid-value"))
    return diagnostics
