"""Hostile and broken files: `planctl import` refuses each with exit 2 and one clear line,
never a traceback or a hang (issue 12 §3; docs/import.md, "Hostile files")."""

from __future__ import annotations

import gzip
import io
import os
import socket
import threading
import zipfile
from pathlib import Path

import pytest
from importing import FIXTURES, run

BAD = Path(__file__).parent / "bad"
CASES = sorted(p.name for p in BAD.iterdir() if p.suffix not in (".expect", ".md"))
HANG_GUARD = 120  # seconds: a hang fails the test instead of stalling the suite


def refused(done, *words: str) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("planctl: error: "), done.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])


@pytest.mark.parametrize("name", CASES)
def test_corpus_file_is_refused(mpxj: None, name: str, tmp_path: Path):
    words = (BAD / f"{name}.expect").read_text().strip().split("|")
    out = tmp_path / "plan.yaml"
    refused(run("import", name, "-o", out, cwd=BAD, timeout=HANG_GUARD), *words)
    assert not out.exists()


def test_every_corpus_file_has_its_expectation():
    assert CASES
    assert all((BAD / f"{name}.expect").is_file() for name in CASES)


def test_xxe_to_the_network_makes_no_connection(mpxj: None, tmp_path: Path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    connections: list[object] = []

    def watch() -> None:
        while not stop.is_set():
            try:
                connections.append(listener.accept())
            except OSError:
                continue

    stop = threading.Event()
    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    for name, body in (
            ("entity.xml", f'<!DOCTYPE Project [<!ENTITY x SYSTEM "http://127.0.0.1:{port}/x">]>'
                           "\n<Project><Name>&x;</Name></Project>"),
            ("parameter.xml", f'<!DOCTYPE Project [<!ENTITY % p SYSTEM "http://127.0.0.1:{port}/p">'
                              " %p;]>\n<Project/>"),
            ("dtd.xml", f'<!DOCTYPE Project SYSTEM "http://127.0.0.1:{port}/d.dtd">\n<Project/>')):
        path = tmp_path / name
        path.write_text(f'<?xml version="1.0"?>\n{body}\n')
        refused(run("import", path, timeout=HANG_GUARD), "document type declaration")
    stop.set()
    watcher.join()
    listener.close()
    assert connections == []


def test_mpxj_itself_resolves_no_external_entity(mpxj: None):
    """Behind the screen: MPXJ, handed the XXE file directly, refuses it too."""
    from planctl.mpxj_bridge import ProjectFileError, _read_bytes

    data = (BAD / "xxe-local-file.xml").read_bytes()
    with pytest.raises(ProjectFileError) as caught:
        _read_bytes("xxe-local-file.xml", data)
    assert "root:" not in str(caught.value)


def test_a_file_over_the_size_limit_is_refused_before_reading(mpxj: None, tmp_path: Path):
    huge = tmp_path / "huge.xml"
    with huge.open("wb") as out:
        out.truncate(64 * 1024 * 1024 + 1)  # sparse: no disk used
    refused(run("import", huge, timeout=HANG_GUARD), "larger than 67108864 bytes",
            "--max-bytes")
    refused(run("import", FIXTURES / "full.xml", "--max-bytes", "1000"),
            "larger than 1000 bytes")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_or_a_device_is_refused_without_blocking(mpxj: None, tmp_path: Path):
    fifo = tmp_path / "project.xml"
    os.mkfifo(fifo)
    refused(run("import", fifo, timeout=HANG_GUARD), "not a regular file")
    refused(run("import", "/dev/zero", timeout=HANG_GUARD), "not a regular file")


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_archives_are_held_to_the_limit_and_screened_inside(mpxj: None, tmp_path: Path):
    bomb = tmp_path / "bomb.zip"
    bomb.write_bytes(_zip({"project.xml": b"\0" * (2 * 1024 * 1024)}))
    refused(run("import", bomb, "--max-bytes", str(1024 * 1024), timeout=HANG_GUARD),
            "unpacks to more than")
    gz = tmp_path / "bomb.xml.gz"
    gz.write_bytes(gzip.compress(b" " * (2 * 1024 * 1024)))
    refused(run("import", gz, "--max-bytes", str(1024 * 1024), timeout=HANG_GUARD),
            "unpacks to more than")
    xxe = tmp_path / "xxe.zip"
    xxe.write_bytes(_zip({"project.xml": (BAD / "xxe-local-file.xml").read_bytes()}))
    refused(run("import", xxe, timeout=HANG_GUARD), "xxe.zip:project.xml",
            "document type declaration")


def test_reading_is_stopped_at_the_timeout(mpxj: None, tmp_path: Path):
    """A file MPXJ would parse forever (it runs in this process, uninterruptibly) is bounded
    by --timeout: the process ends with exit 2 and writes nothing."""
    out = tmp_path / "plan.yaml"
    refused(run("import", FIXTURES / "full.xml", "-o", out, "--timeout", "0.01"),
            "reading was stopped after 0.01 s", "--timeout")
    assert not out.exists()
