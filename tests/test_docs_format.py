"""docs/format.md and docs/editor.md stay true: every plan on the pages passes `planctl check`,
every mistake shown fails as shown, and the field tables match the models key for key."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator
from pydantic import BaseModel

from planctl import model
from planctl.check import check_paths, scheduler
from planctl.located import SourceFile
from planctl.model.base import Base
from planctl.reader import parse
from test_schema import literal_values

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
FORMAT = DOCS / "format.md"
PAGES = [FORMAT, DOCS / "editor.md"]
MODELINE = "# yaml-language-server: $schema="
HEADER = "planctl: 1\nname: Fragment host\nstart: 2026-01-05\ninclude: [fragment.yaml]\n"
FENCE = re.compile(r"^```(\S*)[^\n]*\n(.*?)^```\s*$", re.M | re.S)
MARKER = re.compile(r"<!--\s*(\w+):\s*(.*?)\s*-->\s*\Z")
FINDING = re.compile(r"^(\S+?):(\d+):(\d+): ([A-Z]\d{3}) (.*) \[(error|warning|info)\]$")


@dataclass
class Block:
    page: str
    line: int
    lang: str
    text: str
    marker: tuple[str, str] | None
    after: Block | None = None  # the next block, when nothing but blank lines is between

    @property
    def name(self) -> str:
        return f"{self.page}:{self.line}"

    @property
    def is_plan(self) -> bool:
        return re.search(r"(?m)^planctl\s*:", self.text) is not None


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found: list[Block] = []
    previous_end = -1
    for match in FENCE.finditer(text):
        before = text[:match.start()].rstrip()
        last_line = before.rsplit("\n", 1)[-1]
        marker = MARKER.search(last_line)
        block = Block(path.name, text.count("\n", 0, match.start()) + 1, match.group(1),
                      match.group(2), (marker.group(1), marker.group(2)) if marker else None)
        if found and not text[previous_end:match.start()].strip():
            found[-1].after = block
        found.append(block)
        previous_end = match.end()
    return found


ALL = [b for page in PAGES for b in blocks(page)]
YAML = [b for b in ALL if b.lang == "yaml"]


def check(path: Path) -> list[Any]:
    """The findings of `planctl check` on one plan, as the command computes them."""
    result = check_paths([str(path)], schedule_provider=scheduler(level=True))
    assert not result.not_checked, result.not_checked
    return list(result.findings)


def shown(findings: list[Any]) -> str:
    return "\n".join(f"{f.diagnostic.location}: {f.diagnostic.code} {f.diagnostic.message}"
                     for f in findings)


# -- the examples ------------------------------------------------------------------------------

def test_the_pages_have_examples_of_each_kind():
    kinds = {b.marker[0] if b.marker else ("plan" if b.is_plan else "fragment") for b in YAML}
    assert {"plan", "fragment", "fails", "file"} <= kinds
    assert len([b for b in YAML if b.page == "format.md"]) >= 15


SINGLE = [b for b in YAML if b.marker is None]


@pytest.mark.parametrize("block", SINGLE, ids=lambda b: b.name)
def test_every_example_passes_check(block: Block, tmp_path: Path):
    if block.is_plan:
        assert block.text.startswith(MODELINE), f"{block.name}: a plan starts with the modeline"
        plan = tmp_path / "plan.yaml"
        plan.write_text(block.text, encoding="utf-8")
    else:
        # A section on its own is a fragment: check it the way a plan that includes it is.
        (tmp_path / "fragment.yaml").write_text(block.text, encoding="utf-8")
        plan = tmp_path / "host.yaml"
        plan.write_text(HEADER, encoding="utf-8")
    failing = [f for f in check(plan) if f.fails]
    assert not failing, f"{block.name}:\n{shown(failing)}"


def file_sets() -> list[list[Block]]:
    """Runs of consecutive blocks marked `<!-- file: NAME -->`: one plan split over files."""
    sets: list[list[Block]] = []
    for block in YAML:
        if block.marker and block.marker[0] == "file":
            if sets and _follows(sets[-1][-1], block):
                sets[-1].append(block)
            else:
                sets.append([block])
    return sets


def _follows(first: Block, second: Block) -> bool:
    # Only prose between two file blocks of one set: no other code block in between.
    index = ALL.index(first)
    return index + 1 < len(ALL) and ALL[index + 1] is second


@pytest.mark.parametrize("files", file_sets(), ids=lambda s: s[0].name)
def test_every_split_example_passes_check(files: list[Block], tmp_path: Path):
    plans = []
    for block in files:
        assert block.text.startswith(MODELINE), block.name
        target = tmp_path / block.marker[1]  # type: ignore[index]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.text, encoding="utf-8")
        if block.is_plan:
            plans.append(target)
    assert len(plans) == 1 and len(files) >= 2
    findings = check(plans[0])
    failing = [f for f in findings if f.fails]
    assert not failing, shown(failing)
    read = {Path(f.diagnostic.location.path).name for f in findings}
    assert read <= {Path(b.marker[1]).name for b in files}  # type: ignore[index]


FAILS = [b for b in YAML if b.marker and b.marker[0] == "fails"]


@pytest.mark.parametrize("block", FAILS, ids=lambda b: b.name)
def test_every_mistake_shown_fails_as_shown(block: Block, tmp_path: Path):
    expected = []
    if block.after is not None and block.after.lang == "":
        expected = [m for m in map(FINDING.match, block.after.text.splitlines()) if m]
    name = expected[0].group(1) if expected else "plan.yaml"
    plan = tmp_path / name
    plan.write_text(block.text, encoding="utf-8")
    findings = check(plan)
    codes = {f.diagnostic.code for f in findings if f.fails}
    assert block.marker is not None
    assert set(block.marker[1].split(",")) <= codes, shown(findings)
    for match in expected:
        _, line, column, code, message, _severity = match.groups()
        assert any(f.diagnostic.code == code and f.diagnostic.message == message
                   and (f.diagnostic.location.line, f.diagnostic.location.column)
                   == (int(line), int(column)) for f in findings), (match.group(0),
                                                                    shown(findings))


SCHEMA = json.loads((ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))


def schema_errors(block: Block) -> list[str]:
    """What an editor with the committed schema says about the block."""
    data = json.loads(json.dumps(parse(block.text, SourceFile(block.name, block.text))))
    validator = Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(data)]


@pytest.mark.parametrize("block", [b for b in YAML if not b.marker or b.marker[0] == "file"],
                         ids=lambda b: b.name)
def test_the_editor_accepts_every_example(block: Block):
    assert schema_errors(block) == [], block.name


@pytest.mark.parametrize("block", FAILS, ids=lambda b: b.name)
def test_the_editor_marks_the_mistakes_it_can_see(block: Block):
    assert block.marker is not None
    if any(code.startswith("E2") for code in block.marker[1].split(",")):
        assert schema_errors(block), block.name


@pytest.mark.parametrize("block", [b for b in ALL if b.lang == "json"], ids=lambda b: b.name)
def test_json_examples_are_json(block: Block):
    json.loads(block.text)


# -- the field tables --------------------------------------------------------------------------

MODELS: dict[str, type[Base]] = {
    name: cls for name, cls in vars(model).items()
    if isinstance(cls, type) and issubclass(cls, BaseModel) and cls is not Base}


@dataclass
class Row:
    field: str
    kind: str
    required: str
    meaning: str


def tables() -> dict[str, list[Row]]:
    """Each `<!-- fields: Model -->` table of format.md, by model name."""
    text = FORMAT.read_text(encoding="utf-8")
    found: dict[str, list[Row]] = {}
    for match in re.finditer(r"<!-- fields: (\w+) -->\n((?:\|.*\n)+)", text):
        lines = match.group(2).splitlines()
        assert lines[0] == "| field | type | required | meaning |", match.group(1)
        rows = []
        for line in lines[2:]:
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            assert len(cells) == 4, line
            assert re.fullmatch(r"`\w+`", cells[0]), line
            rows.append(Row(cells[0].strip("`"), *cells[1:]))
        assert match.group(1) not in found, f"two tables for {match.group(1)}"
        found[match.group(1)] = rows
    return found


TABLES = tables()


def test_every_model_has_a_table():
    assert set(TABLES) == set(MODELS), "a model without a table, or a table without a model"


@pytest.mark.parametrize("name", sorted(MODELS))
def test_each_table_lists_exactly_the_fields_of_its_model(name: str):
    fields = {info.alias or key: info for key, info in MODELS[name].model_fields.items()}
    rows = {row.field: row for row in TABLES[name]}
    assert len(rows) == len(TABLES[name]), f"{name}: a field listed twice"
    assert set(rows) == set(fields), f"{name}: documented {sorted(rows)}, model {sorted(fields)}"
    for key, info in fields.items():
        row = rows[key]
        assert (row.required == "yes") == info.is_required(), f"{name}.{key}: required?"
        values = literal_values(info.annotation)
        for value in values:
            assert f"`{value}`" in row.kind + row.meaning, f"{name}.{key}: choice {value}"
        default = re.search(r"default:? `([^`]*)`", row.required)
        if default:
            assert default.group(1) == _written(info.get_default(call_default_factory=True)), \
                f"{name}.{key}: default"




def _written(value: Any) -> str:
    """A default as a user writes it in YAML."""
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _is_section(annotation: Any) -> bool:
    """A list, or a mapping (a model, maybe optional): a key with a section of its own."""
    if typing.get_origin(annotation) is list:
        return True
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel)
    return any(_is_section(arg) for arg in typing.get_args(annotation))


def test_every_section_of_the_plan_has_a_heading():
    headings = " ".join(re.findall(r"(?m)^##+ (.*)$", FORMAT.read_text(encoding="utf-8")))
    sections = [k for k, info in model.Plan.model_fields.items() if _is_section(info.annotation)]
    assert {"calendar", "budget", "phases", "include"} <= set(sections)
    for key in sections:
        assert key in headings.lower(), f"no section for `{key}`"


def test_every_error_code_on_the_page_exists():
    listed = (DOCS / "check.md").read_text(encoding="utf-8") + (
        DOCS / "scheduling.md").read_text(encoding="utf-8")
    rules = (DOCS / "rules.md").read_text(encoding="utf-8")
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for code in set(re.findall(r"\b(E\d{3})\b", text)):
            assert f"| {code} |" in listed or f"`{code}`" in listed, f"{page.name}: {code}"
        for code in set(re.findall(r"\b([TRPOD]\d{3})\b", text)):
            assert f"### {code} " in rules, f"{page.name}: {code}"


def test_the_vs_code_problem_matcher_reads_planctl_output(tmp_path: Path):
    tasks = [json.loads(b.text) for b in ALL if b.lang == "json" and "problemMatcher" in b.text]
    assert len(tasks) == 1
    task = tasks[0]["tasks"][0]
    pattern = task["problemMatcher"]["pattern"]
    command = task["command"].split()
    assert command[:2] == ["planctl", "check"] and command[-1] == "."
    (tmp_path / "plan.yaml").write_text(
        "planctl: 1\nname: P\nstart: 2026-01-05\nphases:\n  - id: p\n    name: P\n"
        "    tasks:\n      - {id: a, name: A, duraton: 3d}\n      - {id: b, name: B, "
        "duration: 3}\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "planctl", *command[1:]], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    matched = [m for m in map(re.compile(pattern["regexp"]).match, lines) if m]
    assert matched
    first = matched[0]
    assert Path(first.group(pattern["file"])).name == "plan.yaml"
    assert (first.group(pattern["line"]), first.group(pattern["column"])) == ("8", "26")
    assert first.group(pattern["code"]) == "E201"
    assert first.group(pattern["severity"]) == "error"
    assert "duraton" in first.group(pattern["message"])
    assert len(matched) == 2 and matched[1].group(pattern["line"]) == "9"
    # Every line that is not a finding is a hint or a place, which the matcher must skip.
    assert all(line.startswith("  ") for line in lines if not re.match(pattern["regexp"], line))


def test_modelines_in_the_docs_name_a_schema_file():
    # Nothing is published at the schema's `$id`: a modeline naming a URL gets "Unable to load
    # schema" in the editor, and a reader copies what the docs show.
    pages = [*DOCS.glob("*.md"), ROOT / "README.md"]
    named = [(page.name, m.group(1)) for page in pages
             for m in re.finditer(r"\$schema=(\S+)", page.read_text(encoding="utf-8"))]
    assert len(named) >= 5
    assert [(page, target) for page, target in named if "://" in target] == []
