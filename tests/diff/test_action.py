"""The GitHub Action's comment script: the policy (`decide`), and the real HTTP calls against a
stand-in for the GitHub API on 127.0.0.1. `action.yml` itself is checked for its shape."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest

from planctl.action import MARKER, SHORT_NO_CHANGE, Step, comment_body, decide

ROOT = Path(__file__).parents[2]
CHANGED = "## planctl: plan changes\n\n### `plans/shop.yaml`\n\n**finish later** …\n"
NOTHING = "**planctl: no schedule change.** Nothing that the plan schedules changed.\n"


def test_first_change_creates_one_comment() -> None:
    others = [{"id": 5, "body": "LGTM"}]
    assert decide(others, CHANGED) == [Step("create", None, comment_body(CHANGED))]
    assert comment_body(CHANGED).startswith(MARKER + "\n## planctl")


def test_a_later_push_updates_the_comment_in_place_and_removes_duplicates() -> None:
    existing = [{"id": 9, "body": f"{MARKER}\nold"}, {"id": 7, "body": f"{MARKER}\nolder"},
                {"id": 8, "body": "a review"}]
    assert decide(existing, CHANGED) == [Step("update", 7, comment_body(CHANGED)),
                                         Step("delete", 9)]
    same = [{"id": 7, "body": comment_body(CHANGED)}]
    assert decide(same, CHANGED) == []  # nothing new: no call at all


def test_nothing_changed_says_nothing_or_shortens_the_old_comment() -> None:
    assert decide([{"id": 1, "body": "hi"}], NOTHING) == []
    assert decide([], "") == []
    assert decide([{"id": 3, "body": f"{MARKER}\nbig"}], NOTHING) == [
        Step("update", 3, SHORT_NO_CHANGE)]
    assert decide([{"id": 3, "body": SHORT_NO_CHANGE}], NOTHING) == []


def test_a_huge_report_is_cut_to_the_limit() -> None:
    assert len(comment_body("x" * 100_000)) <= 65_536


class _FakeGitHub(BaseHTTPRequestHandler):
    comments: ClassVar[dict[int, str]] = {}
    calls: ClassVar[list[tuple[str, str, Any]]] = []
    next_id = 1000

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _reply(self, status: int, data: Any = None) -> None:
        body = json.dumps(data).encode() if data is not None else b""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _payload(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        return json.loads(self.rfile.read(length)) if length else None

    def do_GET(self) -> None:
        cls = type(self)
        cls.calls.append(("GET", self.path, None))
        assert self.headers["Authorization"] == "Bearer t0ken"
        page = int(parse_qs(urlsplit(self.path).query)["page"][0])
        items = [{"id": i, "body": b} for i, b in sorted(cls.comments.items())]
        self._reply(200, items[(page - 1) * 100: page * 100])

    def do_POST(self) -> None:
        cls = type(self)
        data = self._payload()
        cls.calls.append(("POST", self.path, data))
        cls.next_id += 1
        cls.comments[cls.next_id] = data["body"]
        self._reply(201, {"id": cls.next_id})

    def do_PATCH(self) -> None:
        cls = type(self)
        data = self._payload()
        cls.calls.append(("PATCH", self.path, data))
        cls.comments[int(self.path.rsplit("/", 1)[1])] = data["body"]
        self._reply(200, {})

    def do_DELETE(self) -> None:
        cls = type(self)
        cls.calls.append(("DELETE", self.path, None))
        del cls.comments[int(self.path.rsplit("/", 1)[1])]
        self._reply(204)


@pytest.fixture()
def api() -> Iterator[str]:
    _FakeGitHub.comments = {i: f"comment {i}" for i in range(1, 151)}  # two pages
    _FakeGitHub.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeGitHub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _comment(api: str, tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 42}}))
    report = tmp_path / "diff.md"
    report.write_text(body)
    env = {"GITHUB_API_URL": api, "GITHUB_REPOSITORY": "acme/plans", "GITHUB_TOKEN": "t0ken",
           "GITHUB_EVENT_PATH": str(event), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "planctl.action", "comment", "--body-file",
                           str(report)], env=env, capture_output=True, text=True, timeout=60,
                          check=True)


def test_the_script_keeps_one_comment_through_pushes(api: str, tmp_path: Path) -> None:
    _comment(api, tmp_path, CHANGED)
    ours = {i: b for i, b in _FakeGitHub.comments.items() if MARKER in b}
    assert list(ours.values()) == [comment_body(CHANGED)]
    assert [c[0] for c in _FakeGitHub.calls] == ["GET", "GET", "POST"]
    assert _FakeGitHub.calls[-1][1] == "/repos/acme/plans/issues/42/comments"
    (first,) = ours
    _comment(api, tmp_path, CHANGED.replace("later", "earlier"))
    assert _FakeGitHub.calls[-1][:2] == ("PATCH", f"/repos/acme/plans/issues/comments/{first}")
    assert "earlier" in _FakeGitHub.comments[first]
    _comment(api, tmp_path, NOTHING)
    assert _FakeGitHub.comments[first] == SHORT_NO_CHANGE
    assert sum(MARKER in b for b in _FakeGitHub.comments.values()) == 1
    assert len(_FakeGitHub.comments) == 151


def test_a_refused_write_is_a_warning_not_a_failure(api: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_FakeGitHub, "do_POST", lambda self: self._reply(403, {}))
    done = _comment(api, tmp_path, CHANGED)
    assert "::warning::planctl could not update the pull-request comment: HTTP 403" in done.stderr


def test_action_yml_runs_check_diff_and_the_comment_script() -> None:
    text = (ROOT / "action.yml").read_text()
    assert "using: composite" in text
    assert "planctl check --format github" in text
    assert "planctl diff --git \"$BASE\" --format markdown" in text
    assert "python -m planctl.action comment" in text
    from ruamel.yaml import YAML

    steps = YAML(typ="safe").load(text)["runs"]["steps"]
    scripts = [step["run"] for step in steps if "run" in step]
    assert len(scripts) == 5
    assert not any("${{" in script for script in scripts)  # inputs via env, not script text
