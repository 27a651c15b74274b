"""Turn a user's source argument (file, directory, URL) into raw documents.

A source's kind is decided by its name first (``.jsonl``, ``.warc.gz``, ``.html``, ``.xml``) and
by sniffing its first bytes when the name says nothing, so ``feed.php`` or ``page`` still work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from pressespiegel.errors import SourceError
from pressespiegel.ingest.feeds import looks_like_feed, read_feed
from pressespiegel.ingest.fetch import fetch
from pressespiegel.ingest.files import (
    check_regular_file,
    decode,
    read_bytes,
    read_sidecar,
    sniff_binary,
    transcode_bom,
)
from pressespiegel.ingest.items import Item, Notice
from pressespiegel.ingest.jsonl import read_jsonl
from pressespiegel.ingest.limits import Limits
from pressespiegel.ingest.warc import read_warc
from pressespiegel.records import RawDocument

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
_URL_SCHEME = re.compile(r"https?:", re.IGNORECASE)
#: Files in a walked directory that are never articles.
SKIP_NAMES = ("README", "LICENSE", "NOTICE", "CREDITS")


def is_url(source: str) -> bool:
    """True for anything that starts with an http or https scheme, in any case (``HTTP://``, even a
    malformed ``http:x``, which then fails as a URL); everything else is a local path. So a URL is
    never read as a file, whatever it looks like after the scheme."""
    return _URL_SCHEME.match(source) is not None


def expand(source: str, on_skip: Callable[[str, str], None] | None = None) -> Iterator[str]:
    """A source as given, or every ingestible file below it when it is a directory (sorted).

    Files of a directory that are not read are told to ``on_skip`` with the reason (metadata
    sidecars beside their article are read with it, and are not skipped).
    """
    path = Path(source)
    if is_url(source) or not path.is_dir():
        yield source
        return
    skip = on_skip or (lambda _path, _reason: None)
    for child in sorted(p for p in path.rglob("*") if p.is_file()):
        name = child.name
        if name.endswith(".meta.json"):
            if not child.with_name(name.removesuffix(".meta.json")).is_file():
                skip(str(child), "metadata without its article")
        elif name.startswith("."):
            skip(str(child), "hidden")
        elif name.upper().startswith(SKIP_NAMES):
            skip(str(child), "README, LICENSE or NOTICE")
        elif _known_suffix(child):
            yield str(child)
        else:
            skip(str(child), "not a readable format")


def _known_suffix(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(WARC_SUFFIXES) or path.suffix.lower() in (
        TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
    )


def read_source(source: str, limits: Limits) -> Iterator[Item]:
    """Yield the raw documents of one file or URL (not a directory: see :func:`expand`).

    Problems with single records are yielded as SourceError items; a problem with the whole
    source is raised as SourceError, after any documents already yielded.
    """
    if is_url(source):
        yield from _read_url(source, limits)
        return
    path = Path(source)
    name = path.name.lower()
    if name.endswith(WARC_SUFFIXES):
        check_regular_file(path)
        yield from read_warc(path, limits)
        return
    suffix = path.suffix.lower()
    cap = limits.max_feed_bytes if suffix in FEED_SUFFIXES else limits.max_document_bytes
    if suffix in JSONL_SUFFIXES:
        cap = max(cap, 50 * limits.max_document_bytes)  # many articles in one file
    data = transcode_bom(source, read_bytes(path, cap))
    sniff_binary(source, data)
    if suffix in FEED_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and looks_like_feed(data)):
        yield from read_feed(source, data, limits, _page_fetcher(limits))
        return
    is_html = suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(data))
    text, warning = decode(source, data, html=is_html)
    if warning:
        yield Notice(source=source, message=warning)
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(source, text, limits)
        return
    try:
        meta = read_sidecar(path)
    except SourceError as exc:  # the article is still worth having: keep its text, say what is lost
        yield Notice(source=exc.source, message=f"{exc.problem}; the article is ingested without it")
        meta = {}
    yield RawDocument(
        source=meta.get("url") or source,
        text=None if is_html else text,
        html=text if is_html else None,
        url=meta.get("url"),
        title=meta.get("title"),
        published=meta.get("published"),
        outlet=meta.get("outlet"),
    )


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<p>" in head


def _page_fetcher(limits: Limits) -> Callable[[str], tuple[str, str]] | None:
    if not limits.fetch_feed_items:
        return None

    def fetch_page(url: str) -> tuple[str, str]:
        fetched = fetch(url, limits)
        html, _ = decode(url, fetched.content, html=True)
        return fetched.url, html

    return fetch_page


def _read_url(url: str, limits: Limits) -> Iterator[Item]:
    fetched = fetch(url, limits, max_bytes=limits.max_feed_bytes)
    fetched = replace(fetched, content=transcode_bom(url, fetched.content))
    sniff_binary(url, fetched.content)
    if "xml" in fetched.content_type or "rss" in fetched.content_type or looks_like_feed(fetched.content):
        yield from read_feed(url, fetched.content, limits, _page_fetcher(limits))
        return
    text, warning = decode(url, fetched.content, html=True)
    if warning:
        yield Notice(source=url, message=warning)
    if "html" in fetched.content_type or _looks_like_html(fetched.content):
        yield RawDocument(source=url, html=text, url=fetched.url)
    elif fetched.content_type.startswith("text/plain"):
        yield RawDocument(source=url, text=text, url=fetched.url)
    else:
        raise SourceError(url, f"unsupported content type {fetched.content_type or 'unknown'!r}")
