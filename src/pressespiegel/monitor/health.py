"""Feed health: which feeds work, which fail, and which silently stopped bringing news.

Media Cloud's users ask first for "feeds that silently stop collecting": a feed that answers
200 every time but has not had a new item for far longer than its usual pace. :func:`assess`
judges one feed from its state and its recent daily volume (a pure function of both and now).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pressespiegel.store.monitoring import FeedState

Status = Literal["ok", "new", "failing", "silent", "dead", "paused"]
#: Days of collection the pace (articles per day) is measured over.
PACE_DAYS = 14
#: A feed is silent when nothing new came for this many times its usual gap between items ...
SILENT_FACTOR = 4.0
#: ... and at least this long (a weekly column is not silent after two days).
SILENT_MIN = timedelta(hours=48)
#: Failed polls in a row, with no success for DEAD_AFTER, after which a feed counts as dead.
DEAD_ERRORS = 5
DEAD_AFTER = timedelta(hours=24)
#: Labels for people (the web page and the CLI).
LABELS: dict[Status, str] = {
    "ok": "ok",
    "new": "neu",
    "failing": "Fehler",
    "silent": "still",
    "dead": "tot",
    "paused": "pausiert",
}


@dataclass(frozen=True, kw_only=True, slots=True)
class FeedHealth:
    """A feed's state with its verdict, the reason in words and its pace."""

    feed: FeedState
    status: Status
    reason: str
    per_day: float
    volume: Mapping[str, int]


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def assess(feed: FeedState, volume: Mapping[str, int], now: datetime) -> FeedHealth:
    """The health of ``feed`` given its items stored per day (see the module docstring)."""
    added = _parse(feed.added) or now
    span_days = max(1.0, min(float(PACE_DAYS), (now - added).total_seconds() / 86400))
    since = (now - timedelta(days=PACE_DAYS)).date().isoformat()
    recent = sum(n for day, n in volume.items() if day >= since)
    per_day = recent / span_days

    def verdict(status: Status, reason: str) -> FeedHealth:
        return FeedHealth(feed=feed, status=status, reason=reason, per_day=per_day, volume=volume)

    if not feed.active:
        return verdict("paused", "nicht mehr in der Feed-Liste")
    if feed.last_polled is None:
        return verdict("new", "noch nicht abgefragt")
    success = _parse(feed.last_success)
    if feed.errors >= DEAD_ERRORS and (success is None or now - success >= DEAD_AFTER):
        since_text = f"seit {feed.last_success[:16].replace('T', ' ')}" if feed.last_success else "nie"
        return verdict("dead", f"{feed.errors} Fehler in Folge, erfolgreich {since_text}: {feed.last_error}")
    if feed.errors:
        return verdict("failing", f"{feed.errors} Fehler in Folge: {feed.last_error}")
    last_new = _parse(feed.last_new) or added
    gap = timedelta(days=1 / per_day) if per_day > 0 else SILENT_MIN
    quiet = now - last_new
    if quiet >= max(SILENT_MIN, SILENT_FACTOR * gap):
        hours = quiet.total_seconds() / 3600
        return verdict("silent", f"seit {hours:.0f} h nichts Neues (sonst {per_day:.1f} Artikel/Tag)")
    return verdict("ok", "")
