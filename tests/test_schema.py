"""The JSON Schema for editors: current, draft-07 only, described, and true to the loader."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft7Validator
from pydantic import BaseModel
from pydantic_core import PydanticCustomError

from planctl import model
from planctl.errors import PlanError
from planctl.include import load_source
from planctl.loader import load_text
from planctl.model.fields import parse_day, parse_duration
from planctl.schema import DRAFT_07, SCHEMA_ID, plan_schema, schema_text
from test_check_properties import dump, plans
from test_corpus import CASES

ROOT = Path(__file__).parent.parent
COMMITTED = ROOT / "schemas" / "plan.schema.json"
EXAMPLES = ROOT / "examples"
SCHEMA = plan_schema()
VALIDATOR = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)

# Every keyword of JSON Schema draft-07 (validation, annotations, core).
DRAFT7_KEYWORDS = frozenset([
    "$schema", "$id", "$ref", "$comment", "title", "description", "default", "readOnly",
    "writeOnly", "examples", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
    "exclusiveMinimum", "maxLength", "minLength", "pattern", "additionalItems", "items",
    "maxItems", "minItems", "uniqueItems", "contains", "maxProperties", "minProperties",
    "required", "additionalProperties", "definitions", "properties", "patternProperties",
    "dependencies", "propertyNames", "const", "enum", "type", "format", "contentMediaType",
    "contentEncoding", "if", "then", "else", "allOf", "anyOf", "oneOf", "not",
])
# Annotations of VS Code's JSON service that the YAML language server also reads; validators
# ignore them.
EDITOR_KEYWORDS = frozenset({"patternErrorMessage", "markdownDescription"})
SUB_LISTS = ("anyOf", "allOf", "oneOf")
SUB_ONE = ("items", "additionalProperties", "not", "if", "then", "else", "contains",
           "propertyNames", "additionalItems")
SUB_MAPS = ("properties", "patternProperties", "definitions")


def schemas(node: Any, where: str = "#") -> typing.Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object in the tree, with a JSON-pointer-like path."""
    if not isinstance(node, dict):
        return
    yield where, node
    for key in SUB_MAPS:
        for name, sub in node.get(key, {}).items():
            yield from schemas(sub, f"{where}/{key}/{name}")
    for key in SUB_LISTS:
        for i, sub in enumerate(node.get(key, [])):
            yield from schemas(sub, f"{where}/{key}/{i}")
    for key in SUB_ONE:
        if isinstance(node.get(key), dict):
            yield from schemas(node[key], f"{where}/{key}")


def properties(node: Any) -> typing.Iterator[tuple[str, dict[str, Any]]]:
    for where, sub in schemas(node):
        for name, prop in sub.get("properties", {}).items():
            yield f"{where}/properties/{name}", prop


def errors(data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(data)]


def plain(data: Any) -> Any:
    """Located reader data as the JSON an editor's YAML parser would see."""
    return json.loads(json.dumps(data))


# -- the committed file ------------------------------------------------------------------------

def test_the_committed_schema_is_current():
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schemas/plan.schema.json is stale: the models changed. Regenerate it with\n"
        "    planctl schema -o schemas/plan.schema.json\n"
        "and commit the result.")


def test_the_command_prints_the_schema_and_writes_it_atomically(tmp_path: Path):
    command = [sys.executable, "-m", "planctl", "schema"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == schema_text(), done.stderr
    target = tmp_path / "plan.schema.json"
    target.write_text("old")
    target.chmod(0o640)
    done = subprocess.run([*command, "-o", str(target)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == ""
    assert target.read_text(encoding="utf-8") == schema_text()
    assert target.stat().st_mode & 0o777 == 0o640
    done = subprocess.run([*command, "-o", str(tmp_path / "no" / "such" / "x.json")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "does not exist" in done.stderr
    assert "Traceback" not in done.stderr


# -- draft-07, for the YAML language server ----------------------------------------------------

def test_declares_draft_07_and_an_id():
    assert SCHEMA["$schema"] == DRAFT_07 == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["$id"] == SCHEMA_ID
    Draft7Validator.check_schema(SCHEMA)


def test_uses_no_keyword_newer_than_draft_07():
    for where, node in schemas(SCHEMA):
        unknown = set(node) - DRAFT7_KEYWORDS - EDITOR_KEYWORDS
        assert not unknown, f"{where}: not draft-07: {sorted(unknown)}"
    assert "$defs" not in json.dumps(SCHEMA)


def test_the_keyword_walk_sees_the_whole_schema():
    # If the walk missed a branch, the test above would pass without looking at it.
    seen = {id(node) for _, node in schemas(SCHEMA)}
    assert len(seen) > 150
    for name, definition in SCHEMA["definitions"].items():
        assert id(definition) in seen, name


def test_every_ref_resolves_and_stands_alone():
    refs = [(where, node) for where, node in schemas(SCHEMA) if "$ref" in node]
    assert refs
    for where, node in refs:
        # Draft-07 ignores the siblings of `$ref`: a description there would never show.
        assert set(node) == {"$ref"}, f"{where}: $ref with siblings {sorted(node)}"
        prefix = "#/definitions/"
        assert node["$ref"].startswith(prefix), where
        assert node["$ref"][len(prefix):] in SCHEMA["definitions"], where


def test_every_object_forbids_unknown_keys():
    objects = [(w, n) for w, n in schemas(SCHEMA)
               if n.get("type") == "object" or "properties" in n]
    assert len(objects) >= 16
    for where, node in objects:
        assert node.get("additionalProperties") is False, where


def test_every_property_has_a_description_and_every_definition_a_comment():
    props = list(properties(SCHEMA))
    assert len(props) > 100
    for where, prop in props:
        assert prop.get("description", "").strip(), f"{where}: no description"
    # The language server's hover shows a `$ref` target's description before the key's own,
    # so a shared definition says what it is in `$comment` only (tests/editor checks hovers).
    for name, definition in SCHEMA["definitions"].items():
        assert definition.get("$comment", "").strip(), name
        assert "description" not in definition and "markdownDescription" not in definition, name


def test_every_pattern_is_explained_in_words():
    # Editors show `patternErrorMessage` instead of the regular expression; for a date it also
    # stands in for the server's "String is not a RFC3339 date."
    patterns = [(w, n) for w, n in schemas(SCHEMA) if "pattern" in n]
    assert len(patterns) >= 10
    for where, node in patterns:
        assert node.get("patternErrorMessage"), f"{where}: {node['pattern']}"


def test_descriptions_with_code_come_as_markdown_too():
    described = [(w, n) for w, n in schemas(SCHEMA) if "description" in n]
    with_code = [(w, n) for w, n in described if "`" in n["description"]]
    assert len(with_code) >= 10
    for where, node in described:
        expected = node["description"] if "`" in node["description"] else None
        assert node.get("markdownDescription") == expected, where
    duration = SCHEMA["definitions"]["Task"]["properties"]["duration"]
    assert "(`3d`, `2w`)" in duration["markdownDescription"]


def test_descriptions_come_from_the_models():
    task = SCHEMA["definitions"]["Task"]["properties"]
    assert task["deadline"]["description"] == model.Task.model_fields["deadline"].description
    calendar = SCHEMA["properties"]["calendar"]
    assert calendar["description"] == model.Plan.model_fields["calendar"].description
    assert calendar["allOf"] == [{"$ref": "#/definitions/Calendar"}]


def test_every_field_of_every_model_is_a_described_property():
    # The other way round from the description test: no field of the models is missing from
    # the schema (a short form rewritten by hand could drop one), and each property says
    # what the model says, so hover help and docs/format.md agree.
    models = [m for m in vars(model).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m is not model.Plan]
    assert len(models) >= 15
    for cls in [model.Plan, *models]:
        if cls is model.Plan:
            objects = [SCHEMA]
        elif cls is model.DateSpan:  # written out as a day, a named day and a range
            objects = [o for o in SCHEMA["definitions"]["DateSpan"]["anyOf"]
                       if o.get("type") == "object"]
        else:
            objects = [_object_schema(cls.__name__)]
        written = {k: v for o in objects for k, v in o["properties"].items()}
        for name, field in cls.model_fields.items():
            key = field.alias or name
            assert key in written, f"{cls.__name__}.{key} is not in the schema"
            if cls is not model.DateSpan:
                assert written[key]["description"] == field.description, f"{cls.__name__}.{key}"
        assert set(written) == {f.alias or n for n, f in cls.model_fields.items()}, cls.__name__


def literal_values(annotation: Any) -> tuple[Any, ...]:
    """The choices of a `Literal` inside a field's annotation (empty when there is none)."""
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    for arg in typing.get_args(annotation):
        found = literal_values(arg)
        if found:
            return found
    return ()


def _object_schema(name: str) -> dict[str, Any]:
    definition = SCHEMA["definitions"][name]
    if "anyOf" in definition:  # a short form and the object
        return next(o for o in definition["anyOf"] if o.get("type") == "object")
    return definition


def test_every_choice_of_the_models_is_an_enum_editors_complete():
    models = [m for m in vars(model).values()
              if isinstance(m, type) and issubclass(m, BaseModel) and m is not model.Plan
              and m.__name__ in SCHEMA["definitions"] and m.__name__ != "DateSpan"]
    checked = []
    for cls in models:
        for name, field in cls.model_fields.items():
            values = literal_values(field.annotation)
            if not values:
                continue
            prop = _object_schema(cls.__name__)["properties"][field.alias or name]
            enum = prop.get("enum") or prop.get("items", {}).get("enum")
            assert enum == list(values), f"{cls.__name__}.{name}"
            checked.append(f"{cls.__name__}.{name}")
    assert {"Task.status", "Dependency.type", "Communication.cadence", "Resource.kind",
            "Stakeholder.influence", "Stakeholder.interest", "Risk.status",
            "Calendar.workdays"} <= set(checked)


def test_defaults_are_written_as_a_user_writes_them():
    dependency = _object_schema("Dependency")["properties"]
    assert dependency["lag"]["default"] == "0d"
    assert dependency["type"]["default"] == "FS"
    calendar = SCHEMA["definitions"]["Calendar"]["properties"]
    assert calendar["workdays"]["default"] == ["mon", "tue", "wed", "thu", "fri"]
    assert all(n.get("default", 0) is not None for _, n in schemas(SCHEMA))


def test_every_default_is_valid_where_it_stands():
    # The editor inserts a default on completion; it must not be marked wrong at once.
    with_default = [(w, n) for w, n in schemas(SCHEMA) if "default" in n]
    assert len(with_default) >= 10
    for where, node in with_default:
        alone = {k: v for k, v in node.items() if k != "default"}
        alone["definitions"] = SCHEMA["definitions"]
        validator = Draft7Validator(alone, format_checker=Draft7Validator.FORMAT_CHECKER)
        found = [e.message for e in validator.iter_errors(node["default"])]
        assert found == [], f"{where}: default {node['default']!r}: {found}"


# -- what the schema accepts -------------------------------------------------------------------

def example_files() -> list[Path]:
    return sorted(EXAMPLES.rglob("*.yaml"))


def example_plans() -> list[Path]:
    return [p for p in example_files()
            if re.search(r"(?m)^planctl\s*:", p.read_text(encoding="utf-8"))]


def test_there_are_examples_to_validate():
    assert len(example_plans()) >= 2
    assert len(example_files()) > len(example_plans())  # a plan split with `include`


@pytest.mark.parametrize("path", example_files(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_file_is_valid_against_the_committed_schema(path: Path):
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    validator = Draft7Validator(committed, format_checker=Draft7Validator.FORMAT_CHECKER)
    data, _ = _read(path)
    assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize("path", example_plans(), ids=lambda p: str(p.relative_to(EXAMPLES)))
def test_every_example_merged_with_its_includes_is_valid(path: Path):
    assert errors(plain(load_source(str(path)).data)) == []


def _read(path: Path) -> tuple[Any, Any]:
    from planctl.reader import read_file

    data, source = read_file(str(path))
    return plain(data), source


@settings(max_examples=60, deadline=None)
@given(plans())
def test_every_plan_the_loader_accepts_the_schema_accepts(plan: dict[str, Any]):
    text = dump(plan)
    load_text(text, "plan.yaml")  # the loader accepts it ...
    assert errors(plain(plan)) == []  # ... and so must an editor


SCHEMA_CASES = [c for c in CASES if any(f.code.startswith("E2") for f in c.findings)]
# Rules the schema cannot express: dates in order; the largest duration, effort or lag (the
# schema only says how they are written).
NOT_IN_SCHEMA = {"holiday-range-backwards.yaml", "duration-310-digits.yaml",
                 "duration-weeks-huge.yaml", "effort-huge.yaml", "lag-huge.yaml"}


def test_the_corpus_has_schema_errors_to_try():
    assert len(SCHEMA_CASES) >= 15


@pytest.mark.parametrize("case", SCHEMA_CASES, ids=lambda c: c.name)
def test_plans_with_schema_errors_fail_the_schema(case):
    if case.name in NOT_IN_SCHEMA:
        pytest.skip("not expressible in JSON Schema")
    data = plain(load_source(str(case.path)).data)
    assert errors(data), f"{case.name} passes the schema"


BASE = {"planctl": 1, "name": "P", "start": "2026-01-05"}
TASK = {"id": "a", "name": "A", "duration": "3d"}


def with_task(**fields: Any) -> dict[str, Any]:
    return {**BASE, "phases": [{"id": "p", "name": "P", "tasks": [{**TASK, **fields}]}]}


@pytest.mark.parametrize("data, word", [
    ({"planctl": 1, "name": "P"}, "'start' is a required property"),
    ({**BASE, "planctl": 2}, "1 was expected"),
    ({**BASE, "nmae": "x"}, "Additional properties"),
    ({**BASE, "id": "Has Caps"}, "does not match"),
    ({**BASE, "start": "2026-02-30"}, "is not a 'date'"),
    ({**BASE, "start": "5 Jan 2026"}, "does not match"),
    (with_task(duration="0d"), "does not match"),
    (with_task(duration="3"), "does not match"),
    (with_task(duration=3), "is not of type 'string'"),
    (with_task(status="finished"), "is not one of"),
    (with_task(milestone="yes"), "is not of type 'boolean'"),
    (with_task(priority=0), "less than the minimum"),
    (with_task(progress=101), "greater than the maximum"),
    (with_task(depends_on=[{"type": "SS"}]), "is not valid under any"),
    (with_task(depends_on=[{"task": "b", "lag": "1.5d"}]), "is not valid under any"),
    (with_task(assign=[{"resource": "r", "units": 0}]), "is not valid under any"),
    ({**BASE, "calendar": {"holidays": [{"from": "2026-01-01"}]}}, "is not valid under any"),
    ({**BASE, "calendar": {"holidays": [{"date": "2026-01-01", "to": "2026-01-02"}]}},
     "is not valid under any"),
    ({**BASE, "calendar": {"workdays": []}}, "should be non-empty"),
    ({**BASE, "risks": [{"id": "R", "title": "t", "probability": 7, "impact": 3}]},
     "is not valid under any"),
    ({**BASE, "communications": [{"name": "c", "audience": []}]}, "should be non-empty"),
    ({"planctl": 1, "start": "2026-01-05", "risks": []}, "'name' is a required property"),
])
def test_hand_made_bad_plans_fail_with_the_reason(data: dict[str, Any], word: str):
    found = errors(data)
    assert any(word in e for e in found), found


def test_the_short_and_long_forms_are_both_accepted():
    good = {**BASE,
            "resources": [{"id": "r", "name": "R", "leave": ["2026-02-02",
                                                            {"from": "2026-03-02",
                                                             "to": "2026-03-06"}]}],
            "calendar": {"holidays": ["2026-01-19", {"date": "2026-05-25", "name": "Memorial"},
                                      {"from": "2026-12-24", "to": "2026-12-31", "name": "Y"}]},
            "phases": [{"id": "p", "name": "P", "tasks": [
                {**TASK, "assign": ["r", {"resource": "r", "units": 0.5}]},
                {"id": "b", "name": "B", "milestone": True,
                 "depends_on": ["a", {"task": "a", "type": "SF", "lag": "-2d"}]}]}]}
    assert errors(good) == []


def test_a_fragment_without_planctl_needs_no_header():
    assert errors({"risks": [{"id": "R1", "title": "t", "probability": 0.2, "impact": 3}]}) == []
    assert errors({"risks": [{"id": "R1", "title": "t", "probability": 0.2, "impact": 9}]})


# -- patterns agree with the parsers -----------------------------------------------------------

def _pattern(definition: str, prop: str) -> re.Pattern[str]:
    return re.compile(_object_schema(definition)["properties"][prop]["pattern"])


def _accepts(parse: typing.Callable[[Any], Any], value: str) -> bool:
    try:
        parse(value)
    except Exception:
        return False
    return True


def _amount(value: str) -> float | None:
    """The amount of a duration written as the parser reads it, or None. The parser's bound
    on the length (36600d) is left out: the schema says only how a duration is written."""
    try:
        return parse_duration(value).amount
    except PydanticCustomError as exc:
        if exc.type == "duration_range":  # written correctly, only too long
            return float(re.match(r"\s*([-+]?[\d.]+)", value).group(1))  # type: ignore[union-attr]
        return None
    except Exception:
        return None


def _duration_ok(value: str) -> bool:
    amount = _amount(value)
    return amount is not None and amount > 0


def _lag_ok(value: str) -> bool:
    amount = _amount(value)
    return amount is not None and float(amount).is_integer()


DURATION_TEXT = st.text(st.sampled_from("0123456789.+-dw x"), max_size=7)
ID_TEXT = st.text(st.sampled_from("aZ09_.-/ é"), max_size=5)


@settings(max_examples=300, deadline=None)
@given(DURATION_TEXT)
def test_duration_and_lag_patterns_accept_what_the_parser_accepts(value: str):
    assert bool(_pattern("Task", "duration").search(value)) == _duration_ok(value)
    assert bool(_pattern("Dependency", "lag").search(value)) == _lag_ok(value)


@settings(max_examples=200, deadline=None)
@given(ID_TEXT)
def test_the_id_pattern_accepts_what_the_model_accepts(value: str):
    def id_ok(text: str) -> bool:
        try:
            model.Resource.model_validate({"id": text, "name": "n"})
        except Exception:
            return False
        return True

    assert bool(_pattern("Resource", "id").search(value)) == id_ok(value)


@pytest.mark.parametrize("value", ["2026-01-05", "2026-1-5", "20260105", "2026-01-05x", ""])
def test_the_date_pattern_matches_the_date_parser(value: str):
    day_ok = _accepts(parse_day, value)
    assert bool(re.search(SCHEMA["properties"]["start"]["pattern"], value)) == day_ok


def test_a_plan_that_fails_the_schema_also_fails_the_loader():
    # The schema is never stricter than planctl about a plan with a header.
    with pytest.raises(PlanError):
        load_text(dump(with_task(duration="0d")))
