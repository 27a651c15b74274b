"""What continuous monitoring keeps in the store: feeds, seen items, topics, matches, events.

The records here are what the monitor (:mod:`pressespiegel.monitor`), topics
(:mod:`pressespiegel.topics`) and delivery (:mod:`pressespiegel.delivery`) read and write;
:class:`MonitorStore` is the part of the storage protocol they use, so a killed monitor resumes
from the database alone: validators and seen items per feed, health counters, which articles
matched which topic, and which alert or digest went out on which channel.

Times are ISO-8601 UTC strings with seconds (``2024-03-01T07:00:00+00:00``): they sort as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal, Protocol

from pressespiegel.records import Article

ItemState = Literal["stored", "failed", "pending"]
EventKind = Literal["alert", "digest"]
Channel = Literal["mail", "webhook"]
DeliveryState = Literal["pending", "sent", "failed"]


def utc_now() -> str:
    """The current time as the store writes it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedState:
    """One watched feed: where it is polled, its validators and its health counters."""

    #: The URL as listed in the feeds file: the feed's identity, kept when the feed moves.
    url: str
    #: Where it is polled now: ``url`` or the target of a permanent redirect.
    fetch_url: str
    title: str | None = None
    #: Still in the feeds file (feeds taken out are kept for their history, but not polled).
    active: bool = True
    etag: str | None = None
    last_modified: str | None = None
    added: str = ""
    last_polled: str | None = None
    last_success: str | None = None
    #: When a poll last brought an item never seen before.
    last_new: str | None = None
    #: HTTP status of the last poll (304 included); None when no answer came (timeout, refused).
    last_status: int | None = None
    last_error: str | None = None
    #: Polls failed in a row (0 after a success).
    errors: int = 0
    next_poll: str | None = None
    #: Items of this feed stored as articles, all time.
    articles: int = 0
    #: SHA-256 of the last body handled: a feed that ignores validators is not parsed again.
    body_hash: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedItem:
    """An entry of a feed the monitor has seen, so it is fetched and stored once."""

    feed: str
    #: The entry's id (RSS guid, Atom id), else its link, else a hash of its title and text.
    key: str
    state: ItemState
    #: Page fetches tried (a ``pending`` item is retried in later cycles, up to a limit).
    attempts: int = 0
    link: str | None = None
    #: The entry as the feed gave it (title, link, date, text): enough to retry without the feed.
    entry: dict[str, Any] = field(default_factory=dict)
    first_seen: str = ""
    error: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Topic:
    """A followed topic: a query matched against every new article, and how to tell its reader."""

    name: str
    query: str
    created: str = ""
    #: Addresses the daily digest and alerts are mailed to.
    email: tuple[str, ...] = ()
    #: Local time of day ("07:00") the digest is mailed; None: no digest mail.
    digest_at: str | None = None
    #: URL that gets a JSON POST per alert and digest.
    webhook: str | None = None
    #: Alert when a story of the topic reaches this many independent origins; None: no alerts.
    alert_origins: int | None = None
    #: Ingest sequence number of the last article matched against the query.
    cursor: int = 0


@dataclass(frozen=True, kw_only=True, slots=True)
class TopicEvent:
    """Something to tell a topic's reader: an alert on a story, or a digest of a period."""

    #: Unique: ``alert:TOPIC:STORY`` or ``digest:TOPIC:DAY``; an event is created only once.
    key: str
    topic: str
    kind: EventKind
    created: str
    title: str
    story: str | None = None
    #: What the channels need to render it (story ids, period, origin counts).
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True, slots=True)
class Delivery:
    """One event on one channel; ``sent`` once, whatever restarts happen in between."""

    event: str
    channel: Channel
    state: DeliveryState
    attempts: int = 0
    sent: str | None = None
    error: str | None = None
    #: Earliest time of the next attempt (retries back off).
    not_before: str | None = None


class MonitorStore(Protocol):
    """The monitoring part of the storage protocol (see :class:`pressespiegel.store.Store`)."""

    # -- feeds ------------------------------------------------------------------------------------
    def sync_feeds(self, feeds: Sequence[tuple[str, str | None]], *, now: str) -> None:
        """Make exactly these (url, title) the active feeds: new ones added, missing ones paused."""
        ...

    def list_feeds(self) -> list[FeedState]:
        """Every feed ever watched, active first, then by URL."""
        ...

    def get_feed(self, url: str) -> FeedState | None:
        """One feed by its listed URL."""
        ...

    def seen_items(self, feed: str, keys: Iterable[str]) -> dict[str, FeedItem]:
        """Those of ``keys`` already seen in ``feed``."""
        ...

    def pending_items(self, feed: str) -> list[FeedItem]:
        """Items of ``feed`` whose page could not be fetched yet (to retry)."""
        ...

    def record_poll(self, state: FeedState, items: Sequence[FeedItem]) -> None:
        """Save a poll's outcome and the items it handled, in one transaction."""
        ...

    def feed_volume(self, since: str) -> dict[str, dict[str, int]]:
        """Per feed URL: items stored per day (by when they were collected) since ``since``."""
        ...

    def prune_items(self, before: str) -> int:
        """Forget handled items first seen before ``before`` (feeds drop old entries); return count."""
        ...

    # -- articles in ingest order -------------------------------------------------------------------
    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        """Articles stored after ingest sequence number ``seq``, in ingest order, at most ``limit``."""
        ...

    # -- topics -------------------------------------------------------------------------------------
    def save_topic(self, topic: Topic) -> None:
        """Insert or replace a topic (its matches stay when only delivery settings change)."""
        ...

    def get_topic(self, name: str) -> Topic | None: ...

    def list_topics(self) -> list[Topic]:
        """All topics by name."""
        ...

    def remove_topic(self, name: str) -> bool:
        """Delete a topic with its matches, events and deliveries; False if there was none."""
        ...

    def add_topic_matches(self, name: str, article_ids: Sequence[str], cursor: int, *, now: str) -> None:
        """Record matched articles and move the topic's cursor, in one transaction."""
        ...

    def topic_articles(self, name: str, *, limit: int = 50, offset: int = 0) -> list[tuple[str, str]]:
        """(article id, matched at) of the topic's articles, newest publication first."""
        ...

    def count_topic_articles(self, name: str) -> int: ...

    def topic_volume(self, name: str) -> dict[str, int]:
        """Matched articles per day of publication (the day matched when undated)."""
        ...

    def topic_stories(self, name: str) -> dict[str, tuple[int, str]]:
        """Story id → (the topic's articles in it, when the latest of them was matched)."""
        ...

    # -- events and deliveries ----------------------------------------------------------------------
    def add_event(self, event: TopicEvent, channels: Sequence[Channel]) -> bool:
        """Create an event and a pending delivery per channel; False (and nothing) if it exists."""
        ...

    def list_events(self, topic: str, *, kind: EventKind | None = None, limit: int = 50) -> list[TopicEvent]:
        """A topic's events, newest first."""
        ...

    def due_deliveries(self, *, now: str) -> list[tuple[TopicEvent, Delivery]]:
        """Pending deliveries whose next attempt is due, oldest event first."""
        ...

    def finish_delivery(
        self, event: str, channel: Channel, *, error: str | None, now: str, retry_at: str | None = None
    ) -> None:
        """Mark a delivery sent (``error`` None), retried later (``retry_at``) or failed for good."""
        ...

    def list_deliveries(self, event: str) -> list[Delivery]: ...


__all__ = [
    "Channel",
    "Delivery",
    "EventKind",
    "FeedItem",
    "FeedState",
    "MonitorStore",
    "Topic",
    "TopicEvent",
    "utc_now",
]
