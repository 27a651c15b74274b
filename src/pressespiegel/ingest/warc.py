"""WARC and ARC crawl archives (optionally gzipped): every HTML response or resource record."""

from __future__ import annotations

import contextlib
import gzip
import zlib
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from pressespiegel.errors import SourceError
from pressespiegel.ingest.files import decode
from pressespiegel.ingest.items import Item, Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.records import RawDocument

#: Content types taken from an archive; everything else (images, scripts, CSS) is skipped.
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _gzip_truncated(path: Path) -> bool:
    """True if a gzipped archive ends before its last member's end-of-stream marker.

    warcio reads a cut-off member without complaint, handing back a shortened last record, so the
    archive is checked by decompressing it once (fast: ~200 MB/s) before records are taken.
    """
    if not path.name.lower().endswith(".gz"):
        return False
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error):
        return True
    return False


def read_warc(path: Path, limits: Limits) -> Iterator[Item]:
    """Yield a RawDocument per HTML record; a truncated archive ends with one SourceError."""
    source = str(path)
    if _gzip_truncated(path):
        documents: list[Item] = []
        with contextlib.suppress(SourceError):  # the cut may confuse the parser; earlier records count
            documents.extend(_records(path, limits))
        complete = documents[:-1]  # the last record is the one the cut went through
        yield from complete
        taken = sum(isinstance(d, RawDocument) for d in complete)
        raise SourceError(
            source, f"truncated or corrupt archive: kept {taken} complete records, dropped the last"
        )
    yield from _records(path, limits)


def _records(path: Path, limits: Limits) -> Iterator[Item]:
    source = str(path)
    taken = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in {"response", "resource"}:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{taken}"
                if record.rec_type == "response":
                    if record.http_headers is None or not record.http_headers.get_statuscode().startswith(
                        "2"
                    ):
                        continue
                    ctype = record.http_headers.get_header("Content-Type") or ""
                else:
                    ctype = record.rec_headers.get_header("Content-Type") or ""
                if not ctype.lower().startswith(HTML_TYPES):
                    continue
                data = record.content_stream().read(limits.max_document_bytes + 1)
                if len(data) > limits.max_document_bytes:
                    yield SourceError(url, f"record too large (over {limits.max_document_bytes:,} bytes)")
                    continue
                try:
                    html, warning = decode(url, data, html=True)
                except SourceError as exc:
                    yield exc
                    continue
                if warning:
                    yield Notice(source=url, message=warning)
                taken += 1
                yield RawDocument(source=url, html=html, url=url)
    except SourceError:
        raise
    except Exception as exc:  # warcio raises several types for a cut-off or corrupt archive
        raise SourceError(
            source, f"truncated or corrupt archive after {taken} records ({type(exc).__name__}: {exc})"
        ) from None
    if taken == 0:
        raise SourceError(source, "archive holds no HTML records")
