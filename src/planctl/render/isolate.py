"""User templates render in a child process with limits on memory, CPU time and wall time.

The sandbox refuses what it can see coming (`'a' * 10**9`, huge format widths), but a template
can grow a value step by step (a string doubled in a loop), loop without end, or find a builtin
that allocates before anything checks it. Limits inside one process do not hold: a timer signal
(SIGALRM) is not delivered while C code builds a huge string, does not exist on every platform,
and cannot bound memory. A child process can be bounded by the kernel instead: `RLIMIT_AS` and
`RLIMIT_DATA` (its memory may grow by `TEMPLATE_MEMORY`), `RLIMIT_CPU`, and a wall-clock
deadline kept by the parent, which kills the child when it passes.

The child is forked, so it starts at once with the frozen context in memory (templates reach
only plain data; see `planctl.render.plain`) and sends back text alone: one status byte and
UTF-8, no pickle, so nothing the child writes can run code in the parent. Where there is no
`fork` (Windows), templates render in-process with the sandbox's own checks only.
"""

from __future__ import annotations

import contextlib
import math
import os
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass

USER_TEMPLATE_SECONDS = 60
"""How long user templates may take (wall clock, and CPU) before rendering is stopped."""
TEMPLATE_MEMORY = 1024 * 1024 * 1024
"""How much the child rendering user templates may grow beyond the memory it starts with."""

_OK, _ERROR = b"o", b"e"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    """What user templates may use: `seconds` in all, ending at `deadline` (monotonic clock),
    and `memory` bytes beyond what planctl uses when rendering starts."""

    seconds: float
    memory: int
    deadline: float


class IsolationError(Exception):
    """Rendering in the child failed: the message says how (time, memory, a crash)."""


def can_isolate() -> bool:
    """Whether user templates can render in a limited child process on this platform."""
    return hasattr(os, "fork")


def run_isolated(work: Callable[[], str], *, seconds: float, memory: int,
                 allowed: float | None = None) -> str:
    """`work()` run in a forked child limited to `memory` more bytes and `seconds` of CPU and
    wall time; its text, or `IsolationError`. An exception in `work` comes back as an
    `IsolationError` with its message. `allowed` is the time limit to name in messages (the
    whole budget, of which `seconds` may be what is left)."""
    shown = allowed if allowed is not None else seconds
    if seconds <= 0:
        raise IsolationError(f"templates ran for more than {_seconds(shown)}; stopped")
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:
        raise IsolationError(f"cannot start rendering templates: {exc.strerror}") from None
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read_end)
        os.close(write_end)
        raise IsolationError(f"cannot start rendering templates: {exc.strerror}") from None
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(work, write_end, seconds, memory)
    os.close(write_end)
    try:
        data = _read_all(read_end, time.monotonic() + seconds)
    except TimeoutError:
        _kill(pid)
        raise IsolationError(f"templates ran for more than {_seconds(shown)}; stopped"
                             ) from None
    except BaseException:  # Ctrl-C in the parent: the child must not outlive it
        _kill(pid)
        raise
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    if data[:1] == _OK:
        return data[1:].decode("utf-8", "surrogatepass")
    if data[:1] == _ERROR:
        raise IsolationError(data[1:].decode("utf-8", "replace"))
    raise IsolationError(_death(status, shown, memory))


def _child(work: Callable[[], str], pipe: int, seconds: float, memory: int) -> None:
    code = 0
    parent = os.getppid()
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # the parent handles Ctrl-C
        _die_with_parent(parent)
        _limit(seconds, memory)
        try:
            payload = _OK + work().encode("utf-8", "surrogatepass")
        except MemoryError:
            payload = _ERROR + (f"templates ran out of memory (they may use "
                                f"{memory // (1024 * 1024)} MB); stopped").encode()
        except Exception as exc:  # the message is the report; the parent raises it
            payload = _ERROR + str(exc).encode("utf-8", "replace")
        view = memoryview(payload)
        while view:
            view = view[os.write(pipe, view[:_CHUNK]):]
    except BaseException:
        code = 70
    finally:
        os._exit(code)


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this child if planctl dies first (killed by SIGTERM
    or SIGKILL), so it does not run on to its CPU limit."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _limit(seconds: float, memory: int) -> None:
    import resource

    def lower(which: int, value: int) -> None:
        _, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        resource.setrlimit(which, (value, value))

    lower(resource.RLIMIT_CORE, 0)  # a child killed for its CPU time leaves no core file
    cpu = math.ceil(seconds) + 1
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    if hard != resource.RLIM_INFINITY:
        cpu = min(cpu, hard - 1) if hard > 1 else hard
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1 if hard == resource.RLIM_INFINITY
                                              else hard))
    sizes = _memory_in_use()
    if sizes is not None:
        address_space, data = sizes
        lower(resource.RLIMIT_AS, address_space + memory)
        lower(resource.RLIMIT_DATA, data + memory)


def _memory_in_use() -> tuple[int, int] | None:
    """(address space, data segment) of this process in bytes, where the system tells."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            fields = statm.read().split()
    except OSError:
        return None
    page = os.sysconf("SC_PAGE_SIZE")
    return int(fields[0]) * page, int(fields[5]) * page


def _read_all(fd: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            raise TimeoutError
        chunk = os.read(fd, _CHUNK)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)


def _death(status: int, seconds: float, memory: int) -> str:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return f"templates used more than {_seconds(seconds)} of CPU time; stopped"
        if sig == signal.SIGKILL:
            return (f"templates were killed (out of memory? they may use "
                    f"{memory // (1024 * 1024)} MB); stopped")
        return f"templates stopped: rendering ended by signal {signal.Signals(sig).name}"
    return "templates stopped: rendering failed without a message (out of memory?)"


def _seconds(seconds: float) -> str:
    return f"{seconds:g} s"
