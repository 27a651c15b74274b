"""Storage behind one small protocol; SQLite is the embedded default, PostgreSQL the shared server.

Everything outside this package (pipeline, CLI, web, report) talks to :class:`Store` and the
records in :mod:`.records`, and gets a store from :func:`open_store`, which picks the backend
from the location: a file path opens SQLite (:mod:`.sqlite`), a ``postgresql://`` URL opens
PostgreSQL (:mod:`.postgres`). As with httpx's transports, a backend is one class implementing
the protocol; nothing else names it.

The protocol is three parts:

1. :class:`ArticleStore`: articles, written in batches that are idempotent by article id (so a
   pool of workers or a Spark job can write the same article twice and nothing changes);
2. :class:`GroupingStore`: stories, storylines and the online grouping state. Grouping is
   serialized across processes by :meth:`~GroupingStore.grouping_lock` (a file lock beside a
   SQLite file, an advisory lock on PostgreSQL); it is computed outside any transaction and
   written in bounded steps (:meth:`~GroupingStore.save_grouping`), so readers never wait on it;
3. :class:`SearchStore`: the full-text index and the entity and quotation tables, brought up to
   date by :meth:`~SearchStore.index_pending` in bounded transactions of their own, separate
   from ingest.

Each store is one connection: use it from one thread (the web app opens one per thread).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol

from pressespiegel.errors import StoreError
from pressespiegel.records import Article
from pressespiegel.store.monitoring import MonitorStore
from pressespiegel.store.records import (
    AddResult,
    EntityCount,
    Facets,
    Filters,
    GroupingUpdate,
    Hit,
    MemberRecord,
    PendingArticle,
    QuoteRecord,
    StorylineRecord,
    StoryRecord,
)
from pressespiegel.store.search import Query

#: URL schemes that open PostgreSQL.
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
#: Articles indexed per search-index transaction (about a second of lemmatizing on one core).
INDEX_BATCH = 200


class ArticleStore(Protocol):
    """Articles: the unit every stage works on."""

    def add_articles(self, articles: Sequence[Article]) -> AddResult:
        """Store a batch in one transaction; articles already stored (same id) change nothing.

        Safe to call from several processes at once with overlapping batches.
        """
        ...

    def get_article(self, article_id: str) -> Article | None:
        """One article by id (a unique prefix of at least 6 characters is accepted)."""
        ...

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        """Several articles by exact id; ids not stored are left out."""
        ...

    def iter_articles(self, *, offset: int = 0, limit: int | None = None) -> Iterator[Article]:
        """Articles, oldest publication first (undated last), then by id."""
        ...

    def count_articles(self) -> int:
        """How many articles are stored."""
        ...

    def sources_of(self, article_id: str) -> list[str]:
        """Every source this article was ingested from, first seen first."""
        ...


class GroupingStore(Protocol):
    """Stories and storylines, and the state online grouping continues from."""

    def grouping_lock(self) -> AbstractContextManager[None]:
        """Held while one process groups: blocks until no other process (or thread) groups.

        Hold it from reading the state to the last :meth:`save_grouping` of a run; it does not
        block readers or article writes.
        """
        ...

    def grouping_state(self) -> Mapping[str, Any] | None:
        """The saved grouping state (opaque JSON), or None before the first grouping."""
        ...

    def pending_grouping(self) -> list[PendingArticle]:
        """Articles not yet in a story, in the order they were stored."""
        ...

    def grouped_order(self) -> list[PendingArticle]:
        """Grouped articles in the order they were grouped (a rebuild repeats it)."""
        ...

    def save_grouping(self, update: GroupingUpdate) -> None:
        """Write one grouping step (memberships, changed stories and storylines, state) in one
        transaction; raises StoreError if another process grouped since ``update.base_seq``."""
        ...

    def list_stories(self, *, storyline: str | None = None) -> list[StoryRecord]:
        """Stories (of one storyline), most independent origins first, then most recent."""
        ...

    def get_story(self, story_id: str) -> StoryRecord | None:
        """One story by id."""
        ...

    def story_members(self, story_id: str) -> list[MemberRecord]:
        """A story's articles, oldest publication first, then in grouping order."""
        ...

    def story_of(self) -> dict[str, str]:
        """Article id → story id for every grouped article."""
        ...

    def list_storylines(self) -> list[StorylineRecord]:
        """Storylines, most stories first, then most recent."""
        ...


class SearchStore(Protocol):
    """Full-text search, entities and quotations, indexed from the stored articles."""

    def index_pending(self, limit: int = INDEX_BATCH) -> int:
        """Index up to ``limit`` articles not in the search index yet, in one short transaction
        (lemmas are computed before it starts); return how many it took up, 0 when complete."""
        ...

    def search(
        self, query: Query, filters: Filters | None = None, *, limit: int = 50, offset: int = 0
    ) -> tuple[list[Hit], int]:
        """Hits for ``query`` (best first) and the total number of hits."""
        ...

    def facets(self) -> Facets:
        """The values the filters can take."""
        ...

    def entities(self, *, label: str | None = None, limit: int = 200) -> list[EntityCount]:
        """Entities by the number of articles mentioning them."""
        ...

    def entity_articles(self, name: str) -> list[tuple[str, str]]:
        """(article id, label) of the articles mentioning ``name``."""
        ...

    def co_mentions(self, article_ids: Sequence[str], name: str, *, limit: int = 20) -> list[EntityCount]:
        """Other entities in the given articles, by the number of those articles they appear in."""
        ...

    def quotes(self, *, speaker: str | None = None, limit: int = 500) -> list[QuoteRecord]:
        """Quotations with a speaker, oldest first; ``speaker`` matches a part of the name (or the
        name is a part of it)."""
        ...


class Store(ArticleStore, GroupingStore, SearchStore, MonitorStore, Protocol):
    """A whole store: articles, grouping, search, and the feed monitor's tables."""

    #: Where the store is, for messages (a URL's password is masked).
    location: str

    def content_version(self) -> int:
        """A number that changes whenever articles, stories or the search index change (caches
        key on it); cheap enough to read per request."""
        ...

    def close(self) -> None:
        """Release the connection."""
        ...


def is_url(location: str | Path) -> bool:
    """Whether ``location`` names a database server rather than a file."""
    return isinstance(location, str) and location.lower().startswith(POSTGRES_SCHEMES)


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a SQLite file path (created if missing) or a
    ``postgresql://user:password@host:port/dbname`` URL (the database must exist). The schema
    is created or migrated on open."""
    text = str(location)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", text)
    if is_url(text):
        from pressespiegel.store.postgres import PostgresStore

        return PostgresStore(text)
    if scheme and scheme[1].lower() == "sqlite":
        text = text[len(scheme[0]) :]  # sqlite:///var/news.db
    elif scheme:
        raise StoreError(f"{scheme[0]}…: unsupported database URL (use a file path or postgresql://)")
    from pressespiegel.store.sqlite import SQLiteStore

    return SQLiteStore(Path(text))


def index_all(store: SearchStore, *, batch: int = INDEX_BATCH) -> int:
    """Bring the search index up to date, batch by batch; return how many articles were taken up."""
    total = 0
    while taken := store.index_pending(batch):
        total += taken
    return total


__all__ = [
    "INDEX_BATCH",
    "AddResult",
    "ArticleStore",
    "EntityCount",
    "Facets",
    "Filters",
    "GroupingStore",
    "GroupingUpdate",
    "Hit",
    "MemberRecord",
    "MonitorStore",
    "PendingArticle",
    "QuoteRecord",
    "SearchStore",
    "Store",
    "StoryRecord",
    "StorylineRecord",
    "index_all",
    "is_url",
    "open_store",
]
