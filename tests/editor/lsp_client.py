"""A small Language Server Protocol client over stdio, enough to drive a real server in tests.

It speaks JSON-RPC 2.0 with `Content-Length` framing, answers the requests a server sends to
its client (`workspace/configuration` with the settings given, anything else with null), and
keeps the notifications it receives so a test can wait for `textDocument/publishDiagnostics`.
"""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

TIMEOUT = 60.0  # seconds for one answer; the machine may be busy, the server is not slow


class ServerError(RuntimeError):
    """The server answered a request with an error, died, or did not answer in time."""


class LanguageClient:
    """One language server process and the messages exchanged with it."""

    def __init__(self, command: list[str], *, settings: dict[str, Any], cwd: Path) -> None:
        self.settings = settings
        self._ids = itertools.count(1)
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._lock = threading.Lock()
        self.notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self._process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- the wire --------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self._process.stdin is not None
        with self._lock:
            self._process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self._process.stdin.flush()

    def _read(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return  # the server ended
                line = line.strip()
                if not line:
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self._dispatch(json.loads(stream.read(length)))

    def _drain_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._stderr.append(line)

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:  # a request from the server
            self._send({"id": message["id"], "result": self._answer(message)})
        elif "method" in message:
            self.notifications.put(message)
        else:
            with self._lock:
                box = self._answers.get(message.get("id"))  # type: ignore[arg-type]
            if box is not None:
                box.put(message)

    def _answer(self, request: dict[str, Any]) -> Any:
        if request["method"] == "workspace/configuration":
            return [self.settings.get(item.get("section", ""), None)
                    for item in request["params"]["items"]]
        return None

    # -- the protocol ----------------------------------------------------------------------

    def request(self, method: str, params: Any) -> Any:
        number = next(self._ids)
        box: queue.Queue[dict[str, Any]] = queue.Queue()
        with self._lock:
            self._answers[number] = box
        self._send({"id": number, "method": method, "params": params})
        try:
            answer = box.get(timeout=TIMEOUT)
        except queue.Empty:
            raise ServerError(f"no answer to {method} in {TIMEOUT:.0f} s; "
                              f"server said: {self.stderr()[-2000:]}") from None
        finally:
            with self._lock:
                del self._answers[number]
        if "error" in answer:
            raise ServerError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, method: str, *, uri: str | None = None,
                 timeout: float = TIMEOUT) -> dict[str, Any]:
        """The params of the next notification `method` (for document `uri`, if given)."""
        end = time.monotonic() + timeout
        while (left := end - time.monotonic()) > 0:
            try:
                message = self.notifications.get(timeout=left)
            except queue.Empty:
                break
            params = message.get("params") or {}
            if message["method"] == method and (uri is None or params.get("uri") == uri):
                return params
        raise ServerError(f"no {method} in {timeout:.0f} s; server said: "
                          f"{self.stderr()[-2000:]}")

    def stderr(self) -> str:
        return b"".join(self._stderr).decode("utf-8", "replace")

    def close(self) -> None:
        if self._process.poll() is None:
            try:
                self.request("shutdown", None)
                self.notify("exit", None)
                self._process.wait(timeout=10)
            except (ServerError, OSError, subprocess.TimeoutExpired):
                self._process.kill()
                self._process.wait(timeout=10)
