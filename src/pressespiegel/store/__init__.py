"""Storage of articles behind a small interface; SQLite is the embedded default.

A backend implements :class:`Store`. PostgreSQL can implement the same methods later without
touching the pipeline, which only ever talks to this interface.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from pressespiegel.records import Article
from pressespiegel.store.monitoring import MonitorStore


@dataclass(frozen=True, kw_only=True, slots=True)
class AddResult:
    """What one batch did: articles newly stored and articles that were already there."""

    added: int
    existing: int


class Store(MonitorStore, Protocol):
    """What the pipeline needs from a database (and the feed monitor: :class:`MonitorStore`)."""

    def add_articles(self, articles: Sequence[Article]) -> AddResult:
        """Store a batch in one transaction; articles already stored (same id) change nothing."""
        ...

    def get_article(self, article_id: str) -> Article | None:
        """One article by id (a unique prefix of at least 6 characters is accepted)."""
        ...

    def iter_articles(self) -> Iterator[Article]:
        """All articles, oldest publication first (undated last), then by id."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a SQLite file path (created if missing)."""
    from pressespiegel.store.sqlite import SQLiteStore

    return SQLiteStore(Path(location))


__all__ = ["AddResult", "MonitorStore", "Store", "open_store"]
