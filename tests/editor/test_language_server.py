"""docs/editor.md against the real editor: Red Hat's YAML language server, the server behind VS
Code's YAML extension (and Neovim's, Helix's, Zed's), driven over LSP stdio.

Each test opens what a user has (the output of the real `planctl init`, with the schema it writes
beside the plan) and asks what the editor asks: diagnostics, completion, hover. Needs Node.js and
`npm ci` in tests/editor (`.ci/run` does both); without them the tests skip with the reason,
except under CI (`CI` set), where they fail instead.

The machine running the tests has no way to reach planctl.dev or the JSON Schema Store, so
"works offline" is what every test here checks.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_client import LanguageClient
from ruamel.yaml import YAML

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
SERVER = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
VERSION = "1.25.0"  # tests/editor/package.json pins it; the docs name it
MODELINE = "# yaml-language-server: $schema=plan.schema.json\n"
HEAD = MODELINE + "planctl: 1\nname: P\nstart: 2026-03-09\n"


def _missing() -> str | None:
    if not shutil.which("node"):
        return "Node.js is not installed"
    if not SERVER.is_file():
        return "yaml-language-server is not installed (run `npm ci` in tests/editor)"
    return None


@pytest.fixture(scope="module", autouse=True)
def _server_installed() -> None:
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"editor tests cannot run under CI: {reason}")
        pytest.skip(reason)
    installed = json.loads((SERVER.parent.parent / "package.json").read_text())["version"]
    assert installed == VERSION, f"tests/editor has yaml-language-server {installed}"


class Editor:
    """A language server with a workspace folder, opened as an editor opens it."""

    def __init__(self, folder: Path, settings: dict[str, Any]) -> None:
        self.folder = folder
        self.client = LanguageClient(["node", str(SERVER), "--stdio"],
                                     settings={"yaml": settings}, cwd=folder)
        self.versions: dict[str, int] = {}
        self.client.request("initialize", {
            "processId": os.getpid(),
            "rootUri": folder.as_uri(),
            "workspaceFolders": [{"uri": folder.as_uri(), "name": folder.name}],
            "capabilities": {
                "workspace": {"configuration": True},
                "textDocument": {
                    "completion": {"completionItem": {
                        "snippetSupport": True,
                        "documentationFormat": ["markdown", "plaintext"]}},
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {}}}})
        self.client.notify("initialized", {})
        self.client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": settings}})

    def open(self, path: Path, text: str | None = None) -> list[dict[str, Any]]:
        """Open (or change) the document at `path`; the diagnostics the server publishes."""
        if text is None:
            text = path.read_text(encoding="utf-8")
        uri = path.as_uri()
        if uri in self.versions:
            self.versions[uri] += 1
            self.client.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": self.versions[uri]},
                "contentChanges": [{"text": text}]})
        else:
            self.versions[uri] = 1
            self.client.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
        return self.client.wait_for("textDocument/publishDiagnostics", uri=uri)["diagnostics"]

    def completion(self, path: Path, line: int, column: int) -> list[dict[str, Any]]:
        found = self.client.request("textDocument/completion", {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line, "character": column}})
        return found["items"] if isinstance(found, dict) else (found or [])

    def hover(self, path: Path, line: int, column: int) -> str:
        found = self.client.request("textDocument/hover", {
            "textDocument": {"uri": path.as_uri()},
            "position": {"line": line, "character": column}})
        return found["contents"]["value"] if found else ""

    def close(self) -> None:
        self.client.close()


def _init(folder: Path, *args: str) -> Path:
    """Run the real `planctl init` in `folder`; the plan it wrote."""
    done = subprocess.run([sys.executable, "-m", "planctl", "init", "--start", "2026-03-09",
                           *args], cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return folder / (args[0] if args and not args[0].startswith("-") else "plan.yaml")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project as `planctl init` leaves it: plan.yaml and plan.schema.json."""
    path = tmp_path_factory.mktemp("project")
    _init(path)
    return path


@pytest.fixture(scope="module")
def editor(folder: Path) -> Iterator[Editor]:
    # No settings at all: the server's defaults, which are VS Code's (the JSON Schema Store
    # switched on, which this machine cannot reach: the modeline must not need it).
    opened = Editor(folder, {})
    yield opened
    opened.close()


# -- `planctl init`, opened in the editor ------------------------------------------------------

def test_init_writes_a_plan_the_editor_checks_offline(editor: Editor, folder: Path):
    plan = folder / "plan.yaml"
    assert plan.read_text(encoding="utf-8").startswith(MODELINE)
    assert editor.open(plan) == []  # no "Unable to load schema", and nothing else wrong
    # The schema did load: a mistake in the same file is marked.
    broken = plan.read_text(encoding="utf-8").replace("duration: 2d", "duraton: 2d")
    assert _messages(editor.open(plan, broken)) == ["Property duraton is not allowed."]
    assert editor.open(plan) == []


def test_completion_offers_the_keys_of_a_task(editor: Editor, folder: Path):
    plan = folder / "plan.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line == "      - id: environment\n")
    lines.insert(at + 1, "        \n")  # a new line in the task, cursor where its keys start
    text = "".join(lines)
    editor.open(plan, text)
    offered = {item["label"] for item in editor.completion(plan, at + 1, 8)}
    written = set(_yaml(text)["phases"][1]["tasks"][0])
    expected = set(_definition("Task")["properties"]) - written
    assert {"effort", "depends_on", "milestone", "start_no_earlier_than"} <= expected
    assert expected <= offered, sorted(expected - offered)
    assert offered <= expected | written  # planctl's keys, nothing else
    editor.open(plan)


# -- hover -------------------------------------------------------------------------------------

def test_hover_over_a_risk_delay_is_about_the_delay(editor: Editor, folder: Path):
    plan = folder / "plan.yaml"
    line, column = _find(plan, "    delay: ")
    shown = editor.hover(plan, line, column + 5)
    assert "Delay added to affected tasks when it occurs" in shown
    assert "Three-point estimate" not in shown  # the shared definition's wording


def test_hover_over_every_key_of_the_new_plan_shows_that_key_s_own_text(editor: Editor,
                                                                        folder: Path):
    plan = folder / "plan.yaml"
    editor.open(plan)
    keys = list(_keys(plan.read_text(encoding="utf-8")))
    assert len(keys) > 120
    for line, column, key, schema in keys:
        expected = schema.get("markdownDescription") or schema["description"]
        shown = editor.hover(plan, line, column + 1)
        assert _words(expected) in _words(shown), f"{line + 1}:{column + 1} {key}: {shown!r}"


def test_hover_shows_code_as_code(editor: Editor, folder: Path):
    plan = folder / "plan.yaml"
    line, column = _find(plan, "        duration: 2d")
    shown = editor.hover(plan, line, column + 9)
    assert "Span in working days of the plan calendar (`3d`, `2w`)." in shown
    assert "\\`" not in shown  # a plain description's backticks come escaped, shown literally


# -- completion of keys and choices ------------------------------------------------------------

def _in_task(*lines: str) -> str:
    return HEAD + "phases:\n  - id: p\n    name: P\n    tasks:\n      - id: a\n" \
        "        name: A\n        duration: 3d\n" + "".join(f"        {x}\n" for x in lines)


CHOICES = [
    # (the text, with the cursor at the end of its last line; what is offered there)
    ("type", _in_task("depends_on:", "  - task: b", "    type: "), ["FS", "SS", "FF", "SF"]),
    ("task status", _in_task("status: "),
     ["planned", "in_progress", "done", "blocked", "cancelled"]),
    ("risk status", HEAD + "risks:\n  - id: r\n    title: T\n    probability: 2\n"
     "    impact: 2\n    status: \n", ["open", "mitigating", "closed", "occurred"]),
    ("kind", HEAD + "resources:\n  - id: r\n    name: R\n    kind: \n",
     ["person", "team", "equipment"]),
    ("influence", HEAD + "stakeholders:\n  - id: s\n    name: S\n    influence: \n", None),
    ("interest", HEAD + "stakeholders:\n  - id: s\n    name: S\n    interest: \n", None),
    ("cadence", HEAD + "communications:\n  - name: C\n    cadence: \n", None),
    ("workdays", HEAD + "calendar:\n  workdays:\n    - \n",
     ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]),
]
ENUMS = {"influence": ("Stakeholder", "influence"), "interest": ("Stakeholder", "interest"),
         "cadence": ("Communication", "cadence")}


@pytest.mark.parametrize("name, text, choices", CHOICES, ids=[c[0] for c in CHOICES])
def test_every_choice_is_offered(editor: Editor, folder: Path, name: str, text: str,
                                 choices: list[str] | None):
    path = folder / "choices.yaml"
    editor.open(path, text)
    last = text.splitlines()[-1]
    offered = [item["label"] for item in editor.completion(path, text.count("\n") - 1,
                                                           len(last))]
    if choices is None:  # the model's choices, whatever they are
        definition, key = ENUMS[name]
        choices = _definition(definition)["properties"][key]["enum"]
    assert offered == choices


def test_completing_type_inserts_the_key_and_then_offers_the_choices(editor: Editor,
                                                                      folder: Path):
    path = folder / "choices.yaml"
    text = _in_task("depends_on:", "  - task: b", "    ty")
    editor.open(path, text)
    line = len(text.splitlines()) - 1
    items = {i["label"]: i for i in editor.completion(path, line, len("            ty"))}
    assert items["type"]["textEdit"]["newText"] == "type: "
    text = _in_task("depends_on:", "  - task: b", "    type: ")
    editor.open(path, text)
    offered = [i["label"] for i in editor.completion(path, line, len("            type: "))]
    assert offered == ["FS", "SS", "FF", "SF"]


def test_completing_workdays_inserts_the_default_week(editor: Editor, folder: Path):
    path = folder / "choices.yaml"
    text = HEAD + "calendar:\n  work\n"
    editor.open(path, text)
    items = {i["label"]: i for i in editor.completion(path, 5, len("  work"))}
    inserted = re.sub(r"\$\{\d+:(\w+)\}", r"\1", items["workdays"]["textEdit"]["newText"])
    assert _yaml(inserted) == {"workdays": ["mon", "tue", "wed", "thu", "fri"]}


# -- errors as you type ------------------------------------------------------------------------

MISTAKES = [
    # (the plan, the line marked, words of the message)
    (_in_task("duraton: 3d"), "        duraton: 3d", "Property duraton is not allowed"),
    (MODELINE + "planctl: 1\nstart: 2026-03-09\n", "planctl: 1", 'Missing property "name"'),
    (MODELINE + "planctl: 1\nname: P\n", "planctl: 1", 'Missing property "start"'),
    (_in_task("priority: 0"), "        priority: 0", "Value is below the minimum of 1"),
    (_in_task('priority: "3"'), '        priority: "3"', "Incorrect type. Expected"),
    (_in_task("progress: 120"), "        progress: 120", "Value is above the maximum of 100"),
    (_in_task("status: finished"), "        status: finished", "Value is not accepted"),
    (HEAD + "risks:\n  - id: r\n    title: T\n    probability: 2\n    impact: 7\n",
     "    impact: 7", "Value is above the maximum of 5"),
    (HEAD.replace("start: 2026-03-09", "start: 9 March 2026"), "start: 9 March 2026",
     "A date written YYYY-MM-DD."),
    (HEAD + "resources:\n  - id: Ana Ruiz\n    name: Ana\n", "  - id: Ana Ruiz",
     "An id: letters, digits"),
]


@pytest.mark.parametrize("text, where, words", MISTAKES, ids=[m[2][:30] for m in MISTAKES])
def test_mistakes_are_marked_where_they_are(editor: Editor, folder: Path, text: str,
                                            where: str, words: str):
    path = folder / "mistakes.yaml"
    found = editor.open(path, text)
    line = text.splitlines().index(where)
    marked = [d for d in found if words in d["message"]]
    assert marked, found
    assert all(d["range"]["start"]["line"] == line for d in marked), marked


def test_a_duration_without_a_unit_is_marked(editor: Editor, folder: Path):
    # `duration: 3` is a number, `duration: "3"` text without a unit: both are wrong.
    path = folder / "mistakes.yaml"
    assert "Incorrect type. Expected" in _messages(editor.open(path, _in_task_dur("3")))[0]
    found = _messages(editor.open(path, _in_task_dur('"3"')))
    assert found == ["A duration in working days or weeks, more than 0: 3d, 2w, 2.5d."]


def _in_task_dur(value: str) -> str:
    return _in_task().replace("duration: 3d", f"duration: {value}")


def test_a_fragment_is_checked_without_the_header(editor: Editor, folder: Path):
    path = folder / "risks.yaml"
    risk = "risks:\n  - id: r\n    title: T\n    probability: 0.2\n    impact: {}\n"
    assert editor.open(path, MODELINE + risk.format(3)) == []
    assert _messages(editor.open(path, MODELINE + risk.format(9))) == [
        "Value is above the maximum of 5."]


@pytest.mark.parametrize("version, marked", [(None, False), ("1.2", False), ("1.1", True)])
def test_yaml_1_2_reads_no_as_text(tmp_path: Path, version: str | None, marked: bool):
    (tmp_path / "plan.schema.json").write_text(_schema_text(), encoding="utf-8")
    path = tmp_path / "plan.yaml"
    opened = Editor(tmp_path, {} if version is None else {"yamlVersion": version})
    try:
        found = opened.open(path, HEAD + "calendar:\n  country: NO\n")
    finally:
        opened.close()
    assert bool(found) == marked, found


# -- folders mapped in the settings ------------------------------------------------------------

@pytest.mark.parametrize("glob, covered", [
    ("plans/**/*.yaml", {"plans/crm.yaml", "plans/q3/crm.yaml"}),
    ("plans/*.yaml", {"plans/crm.yaml"}),
])
def test_yaml_schemas_maps_a_folder_of_plans(tmp_path: Path, glob: str, covered: set[str]):
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "plan.schema.json").write_text(_schema_text(), encoding="utf-8")
    mistake = "planctl: 1\nname: P\nstart: 2026-03-09\nduraton: 3d\n"
    opened = Editor(tmp_path, {"schemas": {"./schemas/plan.schema.json": [glob]}})
    try:
        marked = set()
        for name in ("plans/crm.yaml", "plans/q3/crm.yaml", "other/crm.yaml"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            if opened.open(tmp_path / name, mistake):
                marked.add(name)
    finally:
        opened.close()
    assert marked == covered


def test_the_modeline_wins_over_the_settings(tmp_path: Path):
    (tmp_path / "plan.schema.json").write_text(_schema_text(), encoding="utf-8")
    (tmp_path / "other.schema.json").write_text('{"properties": {"planctl": {"type": "string"}}}')
    opened = Editor(tmp_path, {"schemas": {"./other.schema.json": ["*.yaml"]}})
    try:
        with_modeline = opened.open(tmp_path / "a.yaml", HEAD)
        without = opened.open(tmp_path / "b.yaml", HEAD.replace(MODELINE, ""))
    finally:
        opened.close()
    assert with_modeline == []
    assert _messages(without) == ['Incorrect type. Expected "string".']


# -- helpers -----------------------------------------------------------------------------------

def _schema_text() -> str:
    return (ROOT / "schemas" / "plan.schema.json").read_text(encoding="utf-8")


def _schema() -> dict[str, Any]:
    return typing.cast(dict[str, Any], json.loads(_schema_text()))


def _definition(name: str) -> dict[str, Any]:
    definition = _schema()["definitions"][name]
    if "anyOf" in definition:  # a short form, then the object
        return next(o for o in definition["anyOf"] if o.get("type") == "object")
    return typing.cast(dict[str, Any], definition)


def _messages(diagnostics: list[dict[str, Any]]) -> list[str]:
    return [d["message"] for d in diagnostics]


def _yaml(text: str) -> Any:
    return YAML(typ="rt").load(io.StringIO(text))


def _find(path: Path, start: str) -> tuple[int, int]:
    """Line and column (from 0) of the first line that starts with `start`, at its key."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if line.startswith(start):
            return number, len(start) - len(start.lstrip())
    raise AssertionError(f"no line starts with {start!r}")


def _words(text: str) -> str:
    """Text as words: Markdown escapes and line breaks gone."""
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())


def _keys(text: str) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
    """Every key of a plan: line, column (from 0), the key, and its property in the schema."""
    schema = _schema()

    def expand(node: dict[str, Any]) -> list[dict[str, Any]]:
        found, todo = [], [node]
        while todo:
            current = todo.pop()
            found.append(current)
            if "$ref" in current:
                todo.append(schema["definitions"][current["$ref"].rsplit("/", 1)[1]])
            for key in ("allOf", "anyOf", "oneOf"):
                todo.extend(current.get(key, []))
        return found

    def walk(data: Any, node: dict[str, Any]) -> Iterator[tuple[int, int, str, dict[str, Any]]]:
        if isinstance(data, dict):
            for key, value in data.items():
                prop = next(s["properties"][key] for s in expand(node)
                            if key in s.get("properties", {}))
                line, column = data.lc.key(key)
                yield line, column, key, prop
                yield from walk(value, prop)
        elif isinstance(data, list):
            items = [s["items"] for s in expand(node) if isinstance(s.get("items"), dict)]
            for value in data:
                for item in items:
                    yield from walk(value, item)
                    break

    yield from walk(_yaml(text), schema)
