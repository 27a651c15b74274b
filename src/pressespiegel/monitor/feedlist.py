"""The feeds to watch: an OPML file (what feed readers export) or a text file of URLs.

A text file has one feed URL per line, optionally followed by a title; blank lines and lines
starting with ``#`` are ignored. An OPML file is recognised by its content and read for every
``outline`` with an ``xmlUrl``, at any depth (folders). Problems name the file and the line.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pressespiegel.errors import PressespiegelError

#: Largest feeds file read (a list of 10,000 feeds is ~1 MB).
MAX_FEEDLIST_BYTES = 10_000_000


class FeedListError(PressespiegelError):
    """The feeds file cannot be read; the message names the file, the line and the problem."""


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedSpec:
    """One feed as listed: its URL and, when the list gives one, its title."""

    url: str
    title: str | None = None


def _checked(url: str, where: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        raise FeedListError(f"{where}: not an http(s) feed URL: {url!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError as exc:
        raise FeedListError(f"{where}: {exc}: {url!r}") from None
    return url


def read_feed_list(path: Path) -> list[FeedSpec]:
    """The feeds listed in ``path`` (each URL once, in file order)."""
    try:
        data = path.read_bytes()[: MAX_FEEDLIST_BYTES + 1]
    except OSError as exc:
        raise FeedListError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(data) > MAX_FEEDLIST_BYTES:
        raise FeedListError(f"{path}: too large for a feed list (over {MAX_FEEDLIST_BYTES:,} bytes)")
    head = data.lstrip()[:200].lower()
    specs = _read_opml(path, data) if head.startswith(b"<") else _read_text(path, data)
    seen: set[str] = set()
    unique = [s for s in specs if not (s.url in seen or seen.add(s.url))]  # type: ignore[func-returns-value]
    if not unique:
        raise FeedListError(f"{path}: lists no feeds")
    return unique


def _read_text(path: Path, data: bytes) -> list[FeedSpec]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FeedListError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    specs = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        url, *title = line.split(maxsplit=1)
        specs.append(FeedSpec(url=_checked(url, f"{path} line {number}"), title=title[0] if title else None))
    return specs


def _read_opml(path: Path, data: bytes) -> list[FeedSpec]:
    if b"<!entity" in data[:4096].lower():  # no entity expansion from a file of URLs
        raise FeedListError(f"{path}: OPML with entity declarations is not read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise FeedListError(f"{path} line {line}: not well-formed OPML (column {column})") from None
    if root.tag.lower() != "opml":
        raise FeedListError(f"{path}: XML but not OPML (root element <{root.tag}>)")
    specs = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl")
        if url:
            title = outline.get("title") or outline.get("text")
            specs.append(FeedSpec(url=_checked(url, f"{path} (outline {title or url!r})"), title=title))
    return specs
