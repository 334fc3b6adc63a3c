"""Screen a file before MPXJ reads it: an imported file is input from a stranger.

- Size: at most `max_bytes` are read (a FIFO, a device or /proc file is refused, as for
  plans), and a larger file is refused before anything parses it.
- XML (MSPDI, PMXML and the other XML formats): parsed once by `defusedxml`, which refuses any
  document type declaration, so entity expansion ("billion laughs") and external entities
  (XXE: a local file, a URL) never reach a parser; a truncated or malformed document is refused
  with the line and column where it breaks.
- Primavera XER and MPX: a copy cut short (no closing `%E` line, a last line cut in two) is
  refused; MPXJ would read the part that is there without a word.
- Archives (ZIP, gzip): MPXJ opens them and reads what is inside, so their members are held to
  the same size limit after decompression and screened the same way.
"""

from __future__ import annotations

import gzip
import io
import zipfile

from planctl.errors import InputError, PlanError
from planctl.reader import Limits, read_bytes

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_GZIP_MAGIC = b"\x1f\x8b"
_MAX_MEMBERS = 1_000


class RefusedFile(InputError):
    """The file was refused before MPXJ read it."""


def screened_bytes(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of `path`, once they pass the screen; raise `RefusedFile` or `InputError`."""
    try:
        data = read_bytes(path, Limits(max_bytes=max_bytes))
    except PlanError:
        raise RefusedFile(f"{path}: the file is larger than {max_bytes} bytes; raise the limit "
                          "with --max-bytes if it is a real project") from None
    if not data.strip():
        raise RefusedFile(f"{path}: the file is empty")
    screen(path, data, max_bytes)
    return data


def screen(path: str, data: bytes, max_bytes: int) -> None:
    """Refuse `data` (the content of `path`) if it is hostile XML or an archive too large."""
    if data.startswith(_ZIP_MAGIC):
        _screen_zip(path, data, max_bytes)
    elif data.startswith(_GZIP_MAGIC):
        _screen(path, _gunzip(path, data, max_bytes), max_bytes)
    elif looks_like_xml(data):
        screen_xml(path, data)
    else:
        _screen_text(path, data)


def _screen_text(path: str, data: bytes) -> None:
    """Line-based formats have no closing tag, but each has an end a truncated copy lacks."""
    if data.startswith(b"ERMHDR") and data.rstrip().splitlines()[-1].strip() != b"%E":
        raise RefusedFile(f"{path}: the XER file does not end with its closing '%E' line; "
                          "is it truncated?")
    if data.startswith(b"MPX,") and not data.endswith(b"\n"):
        raise RefusedFile(f"{path}: the MPX file ends in the middle of a line; is it "
                          "truncated?")


def _screen(path: str, data: bytes, max_bytes: int) -> None:
    if data.startswith((_ZIP_MAGIC, _GZIP_MAGIC)):
        raise RefusedFile(f"{path}: an archive inside an archive is refused; unpack it first")
    if looks_like_xml(data):
        screen_xml(path, data)
    else:
        _screen_text(path, data)


def looks_like_xml(data: bytes) -> bool:
    """Whether `data` begins as an XML document does (after a byte-order mark and blanks)."""
    head = data[:4096]
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"),
                          (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[len(bom):].decode(encoding, "ignore").encode("utf-8", "ignore")
            break
    else:
        if head[:2] in (b"<\x00", b"\x00<"):  # UTF-16 without a byte-order mark
            head = head.replace(b"\x00", b"")
    return head.lstrip().startswith(b"<")


def screen_xml(path: str, data: bytes) -> None:
    """Parse `data` with defusedxml, keeping nothing: refuse a DTD, entities, bad XML."""
    import xml.sax

    from defusedxml import DefusedXmlException
    from defusedxml.sax import parseString

    try:
        parseString(data, xml.sax.handler.ContentHandler(), forbid_dtd=True,
                    forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise RefusedFile(
            f"{path}: XML with a document type declaration or entities is refused "
            f"({type(exc).__name__}): they can expand without bound or read other files "
            "(files that Microsoft Project and Primavera write have none)") from None
    except xml.sax.SAXParseException as exc:
        raise RefusedFile(f"{path}:{exc.getLineNumber()}:{exc.getColumnNumber() + 1}: "
                          f"not well-formed XML ({exc.getMessage()}); is the file "
                          "truncated?") from None


def _gunzip(path: str, data: bytes, max_bytes: int) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(max_bytes + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise RefusedFile(f"{path}: a damaged gzip file ({exc})") from None
    if len(out) > max_bytes:
        raise RefusedFile(f"{path}: unpacks to more than {max_bytes} bytes")
    return out


def _screen_zip(path: str, data: bytes, max_bytes: int) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
        if len(members) > _MAX_MEMBERS:
            raise RefusedFile(f"{path}: an archive of more than {_MAX_MEMBERS} files")
        budget = max_bytes
        for member in members:
            if member.is_dir():
                continue
            with archive.open(member) as stream:
                content = stream.read(budget + 1)
            budget -= len(content)
            if budget < 0:
                raise RefusedFile(f"{path}: unpacks to more than {max_bytes} bytes")
            _screen(f"{path}:{member.filename}", content, max_bytes)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError,
            OSError) as exc:
        raise RefusedFile(f"{path}: a damaged or unsupported ZIP archive ({exc})") from None
