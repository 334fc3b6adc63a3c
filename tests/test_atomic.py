"""The atomic writer: all of the new content or none of it, mode and symlinks kept."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from planctl import atomic
from planctl.atomic import write_atomic
from planctl.errors import InputError

ORIGINAL = "planctl: 1\r\nname: Original ✓\r\n".encode()
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_text_and_bytes_exactly(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    write_atomic(target, "a: 1\r\nb: ü\n")
    assert target.read_bytes() == "a: 1\r\nb: ü\n".encode()  # no newline translation
    write_atomic(str(target), b"\xef\xbb\xbfbytes\n")
    assert target.read_bytes() == b"\xef\xbb\xbfbytes\n"
    write_atomic(target, "é", encoding="latin-1")
    assert target.read_bytes() == b"\xe9"
    assert leftovers(tmp_path) == []


def test_replaces_and_keeps_the_mode_of_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    target.chmod(0o755)
    write_atomic(target, "newer\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o755


def test_a_new_file_gets_the_default_mode_less_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.yaml", "x")
        os.umask(0o002)
        write_atomic(tmp_path / "b.yaml", "x")
    finally:
        os.umask(previous)
    # Not the 0600 of a temporary file.
    assert stat.S_IMODE((tmp_path / "a.yaml").stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "b.yaml").stat().st_mode) == 0o664


def test_writing_through_a_symlink_keeps_the_link_and_replaces_its_target(tmp_path: Path) -> None:
    real_dir = tmp_path / "real"
    real_dir.mkdir()
    real = real_dir / "plan.yaml"
    real.write_bytes(ORIGINAL)
    real.chmod(0o600)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "through the link\n")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "through the link\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    # The temporary file lived next to the target, and is gone.
    assert leftovers(real_dir) == [] and leftovers(tmp_path) == []


def test_a_chain_of_links_and_a_dangling_link(tmp_path: Path) -> None:
    real = tmp_path / "plan.yaml"
    real.write_text("old")
    (tmp_path / "one").symlink_to(real)
    (tmp_path / "two").symlink_to(tmp_path / "one")
    write_atomic(tmp_path / "two", "new")
    assert (tmp_path / "two").is_symlink() and (tmp_path / "one").is_symlink()
    assert real.read_text() == "new"
    dangling = tmp_path / "dangling"
    dangling.symlink_to(tmp_path / "created.yaml")
    write_atomic(dangling, "made")
    assert dangling.is_symlink() and (tmp_path / "created.yaml").read_text() == "made"


@pytest.mark.parametrize("step", ["write", "fsync", "fchmod", "replace"])
def test_a_failure_at_any_step_leaves_the_original_and_no_temp_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    calls = {"n": 0}
    real = getattr(os, step)

    def failing(*args, **kwargs):
        calls["n"] += 1
        if step == "write" and calls["n"] == 1:
            fd, data = args
            return real(fd, data[:3])  # part of the data reaches the temporary file first
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, step, failing)
    with pytest.raises(InputError, match="no space left") as info:
        write_atomic(target, "a much longer replacement text\n" * 100)
    monkeypatch.undo()
    assert str(target) in str(info.value) and "unchanged" in str(info.value)
    assert target.read_bytes() == ORIGINAL
    assert leftovers(tmp_path) == []
    assert calls["n"] >= 1


def test_a_failed_new_file_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(InputError, match="nothing was written"):
        write_atomic(tmp_path / "new.yaml", "x")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_mid_write_cleans_up_and_is_not_swallowed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_bytes() == ORIGINAL and leftovers(tmp_path) == []


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"folder .*missing.* does not exist"):
        write_atomic(tmp_path / "missing" / "plan.yaml", "x")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a directory"):
        write_atomic(tmp_path, "x")


def test_a_read_only_folder_is_a_clear_error(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # As root permissions are not enforced, so refuse the temporary file the way the OS would.
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    if AS_ROOT:
        monkeypatch.setattr(atomic, "_create_temporary", denied)
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "plan.yaml").write_bytes(ORIGINAL)
    folder.chmod(0o555)
    try:
        with pytest.raises(InputError, match=r"permission denied .*read-only"):
            write_atomic(folder / "plan.yaml", "x")
    finally:
        folder.chmod(0o755)
    assert (folder / "plan.yaml").read_bytes() == ORIGINAL
    assert leftovers(folder) == []


@pytest.mark.skipif(AS_ROOT, reason="root may write any file")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o444)
    with pytest.raises(InputError, match="read-only"):
        write_atomic(target, "x")
    assert target.read_bytes() == ORIGINAL


def test_a_read_only_file_is_refused_even_when_a_rename_would_work(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.yaml"
    target.write_bytes(ORIGINAL)
    target.chmod(0o444)
    real_access = os.access
    monkeypatch.setattr(atomic.os, "access",
                        lambda p, m: False if m == os.W_OK else real_access(p, m))
    with pytest.raises(InputError, match="read-only"):
        write_atomic(target, "x")
    assert target.read_bytes() == ORIGINAL and leftovers(tmp_path) == []
