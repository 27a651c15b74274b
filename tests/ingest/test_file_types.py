"""Local inputs that are not plain files, and Unicode with a byte-order mark (issue 16)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import seed_text
from pressespiegel.errors import SourceError
from pressespiegel.ingest.files import decode, read_bytes
from pressespiegel.ingest.limits import Limits
from pressespiegel.ingest.sources import read_source
from pressespiegel.records import RawDocument


def test_pipes_are_refused_by_type_without_blocking(tmp_path: Path) -> None:
    """A FIFO hung the run (opening it waits for a writer)."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException | bytes] = []

    def read() -> None:
        try:
            outcome.append(read_bytes(fifo, 10_000_000))
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    thread.join(timeout=10)
    if thread.is_alive():  # unblock the reader so the test ends, then fail
        with open(fifo, "wb"):
            pass
        thread.join(timeout=10)
        pytest.fail("reading a named pipe blocked")
    assert isinstance(outcome[0], SourceError) and "named pipe" in str(outcome[0])
    with pytest.raises(SourceError, match="is a directory"):
        read_bytes(tmp_path, 10_000_000)
    warc = tmp_path / "pipe.warc.gz"  # the WARC reader opens files itself: checked before
    os.mkfifo(warc)
    with pytest.raises(SourceError, match="named pipe"):
        list(read_source(str(warc), Limits()))


def limit_memory() -> None:
    """For the child: 6 GB of address space, so reading /dev/zero without the fix fails fast."""
    resource.setrlimit(resource.RLIMIT_AS, (6 * 2**30, 6 * 2**30))


def test_cli_refuses_devices_and_pipes_in_one_line(tmp_path: Path) -> None:
    """``ingest /dev/zero`` ran out of memory (MemoryError traceback); a FIFO hung the run."""
    fifo = tmp_path / "feed.xml"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(seed_text(0), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "pressespiegel", "ingest", "--no-analyze", "--db", str(tmp_path / "t.db"),
         "/dev/zero", str(fifo), str(good)],
        capture_output=True, text=True, timeout=300, preexec_fn=limit_memory,
    )  # fmt: skip
    assert run.returncode == 1 and "Traceback" not in run.stderr and "MemoryError" not in run.stderr
    assert "error: /dev/zero: is a character device, not a file" in run.stderr
    assert f"error: {fifo}: is a named pipe (FIFO), not a file" in run.stderr
    assert "1 new article" in run.stdout


def test_file_read_stops_at_the_limit_whatever_its_size_says(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 2000)
    assert read_bytes(path, 2000) == b"x" * 2000
    with pytest.raises(SourceError, match="too large"):
        read_bytes(path, 1999)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-32", "utf-32-be-bom"])
def test_utf16_and_utf32_with_bom_are_decoded(tmp_path: Path, codec: str) -> None:
    """A UTF-16 file with BOM was refused as binary (it has NUL bytes)."""
    text = seed_text(1)
    if codec.endswith("-bom"):
        base = codec.removesuffix("-bom")
        bom = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}[base]
        data = bom + text.encode(base)
    else:
        data = text.encode(codec)  # Python writes the BOM of the machine's byte order
    path = tmp_path / "artikel.txt"
    path.write_bytes(data)
    (document,) = list(read_source(str(path), Limits()))
    assert isinstance(document, RawDocument) and document.text == text
    assert decode("x", data) == (text, None)


def test_utf16_jsonl_and_feed(tmp_path: Path) -> None:
    line = json.dumps({"id": "u16", "title": "Titel", "text": seed_text(2)}, ensure_ascii=False)
    path = tmp_path / "a.jsonl"
    path.write_bytes(line.encode("utf-16"))
    (document,) = [d for d in read_source(str(path), Limits()) if isinstance(d, RawDocument)]
    assert document.text == seed_text(2)
    feed = '<?xml version="1.0"?><rss version="2.0"><channel><title>Blatt</title><item><title>Ä</title>' + (
        f"<description>{seed_text(3)[:2000]}</description></item></channel></rss>"
    )
    path = tmp_path / "feed.xml"
    path.write_bytes(feed.encode("utf-16"))
    items = list(read_source(str(path), Limits(fetch_feed_items=False)))
    assert [d.title for d in items if isinstance(d, RawDocument)] == ["Ä"]


def test_broken_utf16_is_one_clear_error() -> None:
    from pressespiegel.ingest.files import transcode_bom

    with pytest.raises(SourceError, match="not valid UTF-16"):
        transcode_bom("x.txt", b"\xff\xfe\x00\xd8")  # a lone surrogate
    assert transcode_bom("x.txt", b"plain") == b"plain"
