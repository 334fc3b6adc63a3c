"""The one place planctl starts a Java virtual machine and reads project files with MPXJ.

MPXJ (https://www.mpxj.org) reads Microsoft Project (.mpp, MSPDI .xml, .mpx), Primavera (.xer,
PMXML) and many other schedule formats. Python reaches it through the `mpxj` package (its jars)
and `jpype1` (the JVM inside this process), installed with `pip install 'planctl[import]'`,
plus a Java runtime. Nothing here is imported by `planctl --help`: the JVM starts on the first
`read_project`, once per process (JPype cannot start a second one).

    >>> from planctl.mpxj_bridge import unavailable_reason, read_project
    >>> unavailable_reason() or read_project("plan.xml").getTasks().size()

Every file goes through `planctl.importer.screen` before MPXJ sees it (size, archives, XML
without a DTD), and MPXJ reads the screened bytes, not the path again, so the file cannot be
swapped in between. The JVM is also told to resolve no external entity, DTD or schema, in case
a reader parses XML that the screen did not recognise as XML.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from typing import Any

from planctl.errors import InputError

EXTRA_HINT = "pip install 'planctl[import]'"
JAVA_HINT = ("install a Java runtime, 11 or newer (Debian and Ubuntu: "
             "apt-get install default-jre-headless), or set JAVA_HOME")
# The JVM's heap: bounds what a hostile or huge file can make MPXJ allocate.
JVM_MAX_HEAP = "1g"
_JVM_OPTIONS = (
    f"-Xmx{JVM_MAX_HEAP}",
    "-Xss4m",
    "-Djava.awt.headless=true",
    # JAXP: no external DTD, schema or stylesheet is ever fetched, from a file or the network.
    "-Djavax.xml.accessExternalDTD=",
    "-Djavax.xml.accessExternalSchema=",
    "-Djavax.xml.accessExternalStylesheet=",
    "-Djdk.xml.entityExpansionLimit=100",
    "-Djdk.xml.totalEntitySizeLimit=100000",
    # MPXJ logs through the Log4j API with no provider: without this, Log4j says so on stdout,
    # which is where `planctl import` prints the plan.
    "-Dlog4j2.statusLoggerLevel=OFF",
    # Start-up matters more than peak speed for one file; two cores are shared.
    "-XX:TieredStopAtLevel=1",
    "-XX:+UseSerialGC",
)
_lock = threading.Lock()


class MpxjUnavailable(InputError):
    """MPXJ cannot run here: the extra or a Java runtime is missing. The message is one line
    that names exactly what to install."""


class ProjectFileError(InputError):
    """The file could not be read as a project: wrong format, truncated, hostile, too large."""


def unavailable_reason() -> str | None:
    """Why MPXJ cannot run here (one line naming what to install), or None when it can.

    Cheap: nothing is imported and no JVM is started; tests use it for their skip message.
    """
    missing = [name for name, module in (("mpxj", "mpxj"), ("jpype1", "jpype"),
                                         ("defusedxml", "defusedxml"))
               if not _installed(module)]
    if missing:
        return (f"planctl import needs {', '.join(missing)} (the 'import' extra): "
                f"{EXTRA_HINT}")
    if _java_path() is None:
        return f"planctl import needs a Java runtime: {JAVA_HINT}"
    return None


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a broken installation counts as none
        return False


def require() -> None:
    """Raise `MpxjUnavailable` unless MPXJ can run here."""
    reason = unavailable_reason()
    if reason is not None:
        raise MpxjUnavailable(reason)


def _java_path() -> str | None:
    import jpype

    try:
        path = jpype.getDefaultJVMPath()
    except Exception:  # JVMNotFoundException, or an unsupported platform
        return None
    return path if path and os.path.exists(path) else None


def start_jvm() -> None:
    """Start the JVM with MPXJ on its class path, once; raise `MpxjUnavailable` if it cannot."""
    require()
    import jpype

    with _lock:
        if jpype.isJVMStarted():
            return
        import mpxj  # noqa: F401  (adds MPXJ's jars to the class path)

        try:
            jpype.startJVM(*_JVM_OPTIONS, convertStrings=False)
        except (OSError, RuntimeError) as exc:
            raise MpxjUnavailable(f"planctl import could not start Java ({exc}): {JAVA_HINT}"
                                  ) from None
        from java.lang import System  # type: ignore[import-not-found]

        # Standard output carries the plan: whatever a Java library prints goes to stderr.
        System.setOut(System.err)


def read_project(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Any:
    """Read a project file with MPXJ and return its `org.mpxj.ProjectFile`.

    The file is screened first (`planctl.importer.screen`); a file that is refused, is not a
    format MPXJ knows, or that MPXJ fails on raises `ProjectFileError` naming the file.
    """
    from planctl.importer.screen import DEFAULT_MAX_BYTES, screened_bytes

    shown = os.fspath(path)
    data = screened_bytes(shown, max_bytes or DEFAULT_MAX_BYTES)
    start_jvm()
    return _read_bytes(shown, data)


def _read_bytes(shown: str, data: bytes) -> Any:
    import jpype
    from java.io import ByteArrayInputStream  # type: ignore[import-not-found]
    from org.mpxj.reader import UniversalProjectReader  # type: ignore[import-not-found]

    stream = ByteArrayInputStream(jpype.JArray(jpype.JByte)(data))
    try:
        project = UniversalProjectReader().read(stream)
    except jpype.JException as exc:
        project = _read_mpx_in_any_language(data) if data.startswith(b"MPX") else None
        if project is None:
            raise ProjectFileError(
                f"{shown}: MPXJ could not read the file: {_java_message(exc)}") from None
    if project is None:
        raise ProjectFileError(
            f"{shown}: not a project file that MPXJ can read (it reads Microsoft Project "
            ".mpp, .mpx and MSPDI .xml, Primavera .xer and PMXML, and more)")
    return project


def _read_mpx_in_any_language(data: bytes) -> Any:
    """An MPX file saved by a Project in another language (German `t` for days, `;` between
    fields): MPXJ reads it only when told the language, which the file does not name, so each
    language MPXJ knows is tried in turn. None when none reads it."""
    import jpype
    from java.io import ByteArrayInputStream  # type: ignore[import-not-found]
    from org.mpxj.mpx import MPXReader  # type: ignore[import-not-found]

    for locale in MPXReader.getSupportedLocales():
        reader = MPXReader()
        reader.setLocale(locale)
        try:
            return reader.read(ByteArrayInputStream(jpype.JArray(jpype.JByte)(data)))
        except jpype.JException:
            continue
    return None


def _java_message(exc: Any) -> str:
    """The innermost cause's message of a Java exception, on one line."""
    cause = exc
    while cause.getCause() is not None and cause.getCause() is not cause:
        cause = cause.getCause()
    text = str(cause.getMessage() or "") or str(cause.getClass().getSimpleName())
    name = str(cause.getClass().getSimpleName())
    if name == "OutOfMemoryError":
        return f"the file needs more than the {JVM_MAX_HEAP} of memory planctl allows"
    if "password protected" in text.lower():
        # MPXJ's own text asks for a password that planctl has no way to take.
        return ("the file is password protected; open it in Microsoft Project, remove the "
                "password (File > Save As > Tools > General Options) and save it again")
    return " ".join(text.split())[:300]
