"""Reading local files safely: file type, size, emptiness, binary content and text encoding checked
up front."""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
from pathlib import Path

from pressespiegel.errors import SourceError

#: Leading bytes of binary formats users drop into an input folder by mistake.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
)
#: Share of control characters above which decoded text is treated as binary garbage.
MAX_CONTROL_SHARE = 0.01  # real text has none besides tab/newline; corrupt files have many
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, or a SourceError saying why they cannot be used (missing, not a regular
    file, too big, empty).

    The file is opened without blocking and checked by type on the open descriptor, so a named
    pipe cannot hang the run and a device (``/dev/zero``) is refused instead of read forever; no
    more than ``max_bytes`` + 1 bytes are read whatever size the file claims.
    """
    source = str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise SourceError(source, "file not found") from None
    except PermissionError:
        raise SourceError(source, "permission denied") from None
    except IsADirectoryError:
        raise SourceError(source, "is a directory") from None
    except OSError as exc:
        raise SourceError(source, f"cannot read file ({exc.strerror or exc})") from None
    try:
        _check_kind(source, os.fstat(fd).st_mode)
    except SourceError:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if info.st_size > max_bytes:
            raise SourceError(source, f"file too large ({info.st_size:,} bytes; limit {max_bytes:,})")
        try:
            data = handle.read(max_bytes + 1)
        except OSError as exc:
            raise SourceError(source, f"cannot read file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise SourceError(source, f"file too large (over {max_bytes:,} bytes)")
    if not data.strip():
        raise SourceError(source, "file is empty")
    return data


def check_regular_file(path: Path) -> None:
    """SourceError unless ``path`` is a regular file (for readers that open the file themselves)."""
    source = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(source, "file not found") from None
    except OSError as exc:
        raise SourceError(source, f"cannot read file ({exc.strerror or exc})") from None
    _check_kind(source, info.st_mode)


#: What a path that is not a regular file is, for the error line.
_KINDS = (
    (stat.S_ISDIR, "is a directory"),
    (stat.S_ISCHR, "is a character device, not a file"),
    (stat.S_ISBLK, "is a block device, not a file"),
    (stat.S_ISFIFO, "is a named pipe (FIFO), not a file"),
    (stat.S_ISSOCK, "is a socket, not a file"),
)


def _check_kind(source: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    problem = next((what for test, what in _KINDS if test(mode)), "is not a regular file")
    raise SourceError(source, problem)


#: Byte-order marks of UTF-32 and UTF-16 (UTF-32 first: its little-endian mark starts like UTF-16's).
UNICODE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def transcode_bom(source: str, data: bytes) -> bytes:
    """UTF-16 or UTF-32 bytes with a byte-order mark as UTF-8 (the readers and the binary sniffer
    expect bytes without NULs); anything else unchanged."""
    for bom, codec in UNICODE_BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec).encode("utf-8")
            except UnicodeDecodeError:
                problem = f"not valid {codec.upper()} text despite its byte-order mark"
                raise SourceError(source, problem) from None
    return data


def sniff_binary(source: str, data: bytes) -> None:
    """Raise SourceError if ``data`` is a known binary format or contains NUL bytes."""
    for magic, name in BINARY_MAGIC:
        if data.startswith(magic):
            raise SourceError(source, f"binary file ({name}), not text, HTML, JSONL, a feed or WARC")
    if b"\x00" in data[:8192]:
        raise SourceError(source, "binary file (contains NUL bytes), not text")


def decode(source: str, data: bytes, *, html: bool = False) -> tuple[str, str | None]:
    """Decode bytes as UTF-8 (or the charset an HTML page declares); fall back to Windows-1252.

    Returns the text and a warning when the encoding had to be guessed.
    """
    data = transcode_bom(source, data)
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    try:
        return _checked(source, data.decode("utf-8")), None
    except UnicodeDecodeError:
        pass
    if html:
        m = _CHARSET.search(data[:4096])
        if m:
            try:
                return _checked(source, data.decode(m[1].decode("ascii"))), None
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        text = _checked(source, data.decode("cp1252"))
    except UnicodeDecodeError:
        raise SourceError(source, "not valid UTF-8 and not Windows-1252/Latin-1 text") from None
    return text, "not UTF-8; read as Windows-1252 (Latin-1): check umlauts"


def _checked(source: str, text: str) -> str:
    sample = text[:20000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > MAX_CONTROL_SHARE:
        raise SourceError(source, "binary or corrupt content (control characters in text)")
    return text


def read_sidecar(path: Path) -> dict[str, str]:
    """Metadata for ``a.txt`` from ``a.txt.meta.json`` beside it: url, outlet, title, published."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(str(sidecar), f"unreadable metadata file ({exc})") from None
    if not isinstance(meta, dict):
        raise SourceError(str(sidecar), "metadata file must hold a JSON object")
    return {
        k: v for k, v in meta.items() if k in {"url", "outlet", "title", "published"} and isinstance(v, str)
    }
