"""The one way planctl writes a file: all of the new content, or none of it.

The data goes to a temporary file in the same folder (so the final rename stays on one file
system), is flushed to disk, gets the mode of the file it replaces, and is renamed over it with
`os.replace`. A reader never sees a half-written file, and a failure at any step (a full disk,
a read-only folder) leaves the original byte-identical and no temporary file behind.

That holds when the process is told to stop mid-write, too: Ctrl-C raises KeyboardInterrupt,
and SIGTERM and SIGHUP (which would end the process at once, leaving the temporary file) are
caught while a write is under way, the temporary file is removed, and the signal is then
delivered again with its default action, so the process ends as it was asked to.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import stat
import threading
from collections.abc import Iterator

from planctl.errors import InputError

_DEFAULT_MODE = 0o666  # before the umask, as `open()` would create the file


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *,
                 encoding: str = "utf-8") -> None:
    """Replace the file at `path` with `data` atomically; raise `InputError` if it cannot.

    Text is encoded with `encoding` as given (no newline translation). A symbolic link is
    followed: its target is replaced and the link is kept. A new file gets the usual mode for
    new files (0666 less the umask); an existing one keeps its mode.
    """
    shown = os.fspath(path)
    payload = data.encode(encoding) if isinstance(data, str) else bytes(data)
    # `os.replace` onto a symlink would replace the link itself with a regular file.
    target = os.path.realpath(shown)
    folder = os.path.dirname(target) or "."
    mode, existed = _mode_for(target, shown)
    created: list[str] = []
    with _stop_signals_cleanly(created):
        _write_new(target, shown, payload, folder, mode, existed, created)
    _sync_folder(folder)


def _write_new(target: str, shown: str, payload: bytes, folder: str, mode: int,
               existed: bool, created: list[str]) -> None:
    try:
        fd, temp = _create_temporary(folder, os.path.basename(target), created)
    except OSError as exc:
        raise InputError(_message(shown, exc, folder, existed)) from None
    try:
        try:
            _write_all(fd, payload)
            os.fsync(fd)
            # mkstemp creates the file 0600: give it the mode the file should have.
            os.fchmod(fd, mode)
        finally:
            os.close(fd)
        os.replace(temp, target)
    except BaseException as exc:
        _remove(temp)
        if isinstance(exc, OSError):
            raise InputError(_message(shown, exc, folder, existed)) from None
        raise


def _create_temporary(folder: str, name: str, created: list[str]) -> tuple[int, str]:
    """A new file `.NAME.RANDOM.tmp` in `folder`, opened for writing, mode 0600.

    Its name goes into `created` *before* the file exists, so a stop signal that arrives at
    any moment (also while another thread, such as numpy's, takes it) finds the file to
    remove (`tempfile.mkstemp` names the file only once it has made it).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temp = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
        created.append(temp)
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            created.pop()  # someone else's file: never ours to remove
    raise FileExistsError(errno.EEXIST, "no free temporary file name", folder)


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                      if hasattr(signal, name))


class _Stopped(BaseException):
    """A stop signal arrived mid-write (a BaseException, like KeyboardInterrupt, so that no
    `except Exception` on the way swallows it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: object) -> None:
    raise _Stopped(signum)


@contextlib.contextmanager
def _stop_signals_cleanly(created: list[str]) -> Iterator[None]:
    """While the block runs, a stop signal that would end the process at once (its action is
    the default one) raises `_Stopped` instead, so the block cleans up; then the signal is
    sent again with its default action, after the temporary files named in `created` are
    removed (wherever the signal came in). Handlers someone else installed are left alone.

    Only the main thread can set handlers; other threads write without this.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {}
    for signum in _STOP_SIGNALS:
        if signal.getsignal(signum) is signal.SIG_DFL:
            previous[signum] = signal.signal(signum, _raise_stopped)
    try:
        yield
    except _Stopped as stopped:
        for temp in created:
            _remove(temp)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        previous.clear()
        os.kill(os.getpid(), stopped.signum)  # ends the process: the default action
        raise SystemExit(128 + stopped.signum) from None  # if the signal was blocked
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _mode_for(target: str, shown: str) -> tuple[int, bool]:
    """The mode of the file being replaced (or the default for a new one), and if it exists."""
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return _DEFAULT_MODE & ~_umask(), False
    except OSError as exc:
        raise InputError(_message(shown, exc, os.path.dirname(target), True)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"cannot write {shown}: it is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"cannot write {shown}: not a regular file")
    # A rename would replace a read-only file anyway: refuse, as an editor would.
    if not os.access(target, os.W_OK):
        raise InputError(f"cannot write {shown}: the file is read-only; it is unchanged")
    return stat.S_IMODE(info.st_mode), True


def _umask() -> int:
    # The only portable way to read the umask is to set it and put it back.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _remove(temp: str) -> None:
    # Nothing more can be done if this fails; the error that brought us here matters more.
    with contextlib.suppress(OSError):
        os.unlink(temp)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable; not every platform or file system allows this."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _message(shown: str, exc: OSError, folder: str, existed: bool) -> str:
    outcome = "; the file is unchanged" if existed else "; nothing was written"
    if exc.errno == errno.ENOENT and not os.path.isdir(folder):
        return f"cannot write {shown}: the folder {folder} does not exist"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write {shown}: permission denied (is the folder {folder} read-only?)"
    if exc.errno == errno.ENOSPC:
        return f"cannot write {shown}: no space left on the device{outcome}"
    return f"cannot write {shown}: {exc.strerror or exc}{outcome}"
