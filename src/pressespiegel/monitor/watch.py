"""The monitor: poll feeds in cycles, ingest what is new, match topics, send alerts and digests.

One cycle:

1. Feeds due (``next_poll`` passed) are polled by worker threads, hosts interleaved, with
   conditional GET through the host gate (:mod:`.polite`); the main thread, which alone talks
   to the store, picks each feed's entries not seen before, plus items still pending.
2. Their pages are fetched by the workers (robots.txt permitting, one host at a time) while the
   main thread ingests the feeds already fetched through the normal pipeline
   (:func:`pressespiegel.ingest.ingest`: clean, analyze, store). At most ``2 × connections``
   feeds are in flight, so memory stays bounded whatever the number of feeds.
3. Each feed's outcome — validators, seen items, health counters — is saved in one transaction
   after its articles are stored: a monitor killed at any point refetches at most the items of
   the feeds it was working on, and stores none twice (articles are keyed by content).
4. New articles are grouped into stories, matched against the topics, and alerts and digests
   that became due are recorded and sent (:mod:`pressespiegel.delivery`).

:meth:`Monitor.stop` (SIGTERM, Ctrl+C) ends the cycle between two items: the item being stored
is finished, the rest stays for the next run.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from pressespiegel.delivery.events import DeliveryConfig
from pressespiegel.errors import SourceError
from pressespiegel.ingest import ingest
from pressespiegel.ingest.feeds import entry_items
from pressespiegel.ingest.items import Item, Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.monitor.feedlist import FeedListError, FeedSpec, read_feed_list
from pressespiegel.monitor.polite import HostGate, Robots, host_of
from pressespiegel.monitor.poll import (
    MonitorConfig,
    PageResult,
    PoliteHTTP,
    PollResult,
    after_failure,
    after_poll,
    entry_of,
    fetch_pages,
    item_key,
    poll_feed,
    stored_entry,
)
from pressespiegel.store import Store
from pressespiegel.store.monitoring import FeedItem, FeedState

#: Seen items are forgotten this long after they were first seen (feeds drop old entries).
ITEM_MEMORY = timedelta(days=90)


@dataclass(kw_only=True)
class CycleReport:
    """What one cycle did, for the log line and the tests."""

    polled: int = 0
    unchanged: int = 0
    failed: int = 0
    new_items: int = 0
    added: int = 0
    pending: int = 0
    grouped: int = 0
    matched: int = 0
    alerts: int = 0
    digests: int = 0
    sent: int = 0
    interrupted: bool = False
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [
            f"{self.polled} feeds polled ({self.unchanged} unchanged, {self.failed} failed)",
            f"{self.new_items} new items, {self.added} new articles",
        ]
        if self.pending:
            parts.append(f"{self.pending} items to retry")
        if self.matched:
            parts.append(f"{self.matched} topic matches")
        if self.alerts or self.digests or self.sent:
            parts.append(f"{self.alerts} alerts, {self.digests} digests, {self.sent} sent")
        return "; ".join(parts) + ("; stopped early" if self.interrupted else "")


@dataclass(frozen=True, kw_only=True)
class _Work:
    """A feed between its poll and its save: the new items whose pages are being fetched."""

    feed: FeedState
    poll: PollResult
    items: list[FeedItem]
    deferred: list[FeedItem]
    new_items: int
    outlet: str | None


def _utc(clock: Callable[[], datetime]) -> datetime:
    return clock().astimezone(UTC)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def interleaved(feeds: Sequence[FeedState]) -> list[FeedState]:
    """Feeds ordered so that consecutive ones are on different hosts (round robin by host)."""
    by_host: dict[str, list[FeedState]] = defaultdict(list)
    for feed in feeds:
        by_host[host_of(feed.fetch_url)].append(feed)
    queues = list(by_host.values())
    ordered: list[FeedState] = []
    while queues:
        ordered.extend(q.pop(0) for q in queues)
        queues = [q for q in queues if q]
    return ordered


class Monitor:
    """Watches the feeds of a feeds file, storing into ``store`` (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        feeds_file: Path | None,
        config: MonitorConfig,
        *,
        delivery: DeliveryConfig | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        on_problem: Callable[[str], None] | None = None,
        analyze: bool = True,
        fetch_items: bool = True,
    ) -> None:
        self.store = store
        self.feeds_file = feeds_file
        self.config = config
        self.delivery = delivery
        self.clock = clock
        self.on_problem = on_problem
        self.analyze = analyze
        self.fetch_items = fetch_items
        self.stopping = threading.Event()
        self.gate = HostGate(config.delay)
        self.http = PoliteHTTP(config, self.gate, self.stopping)
        self.robots = Robots(lambda url: self.http.get(url, max_bytes=512 * 1024))
        self._feeds_mtime: float | None = None
        self._pruned: str | None = None

    def stop(self) -> None:
        """Finish the item being stored, then end (safe to call from a signal handler)."""
        self.stopping.set()

    # -- the feed list ------------------------------------------------------------------------------
    def sync_feeds(self, specs: Sequence[FeedSpec] | None = None) -> int:
        """Read the feeds file (when it changed) into the store; return the number of feeds."""
        if specs is None:
            if self.feeds_file is None:
                return len([f for f in self.store.list_feeds() if f.active])
            try:
                mtime = self.feeds_file.stat().st_mtime
            except OSError as exc:
                raise FeedListError(f"{self.feeds_file}: cannot read ({exc.strerror or exc})") from None
            if mtime == self._feeds_mtime:
                return len([f for f in self.store.list_feeds() if f.active])
            specs = read_feed_list(self.feeds_file)
            self._feeds_mtime = mtime
        self.store.sync_feeds([(s.url, s.title) for s in specs], now=_stamp(_utc(self.clock)))
        return len(specs)

    def due(self, *, everything: bool = False) -> list[FeedState]:
        """Active feeds whose next poll is due (``everything``: all but those backing off)."""
        now = _stamp(_utc(self.clock))
        return [
            f
            for f in self.store.list_feeds()
            if f.active and (f.next_poll is None or f.next_poll <= now or (everything and not f.errors))
        ]

    def seconds_to_next(self) -> float:
        """Seconds until the next feed is due (at least 1)."""
        upcoming = [f.next_poll for f in self.store.list_feeds() if f.active and f.next_poll]
        if not upcoming:
            return self.config.every
        wait = (datetime.fromisoformat(min(upcoming)) - _utc(self.clock)).total_seconds()
        return max(1.0, wait)

    # -- one cycle -----------------------------------------------------------------------------------
    def run_cycle(self, feeds: Sequence[FeedState] | None = None) -> CycleReport:
        """Poll ``feeds`` (default: those due), ingest what is new, then topics and delivery."""
        report = CycleReport()
        todo = iter(interleaved(self.due() if feeds is None else feeds))
        window = max(2, 2 * self.config.connections)
        with ThreadPoolExecutor(self.config.connections, thread_name_prefix="poll") as pool:
            running: dict[Future[Any], tuple[str, Any]] = {}

            def submit_polls() -> None:
                while len(running) < window and not self.stopping.is_set():
                    feed = next(todo, None)
                    if feed is None:
                        return
                    future = pool.submit(poll_feed, feed, self.http, feed.body_hash)
                    running[future] = ("poll", feed)

            submit_polls()
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    kind, what = running.pop(future)
                    if self.stopping.is_set():
                        report.interrupted = True
                        continue  # nothing half-done is saved: the next run repeats these feeds
                    try:
                        outcome = future.result()
                    except Exception as exc:  # a bug on odd input: this feed fails, the others go on
                        feed = what if kind == "poll" else what.feed
                        error = SourceError(feed.fetch_url, f"internal error ({type(exc).__name__}: {exc})")
                        outcome = PollResult(feed=feed, error=error)
                        kind = "poll"
                    if kind == "poll":
                        work = self._after_poll(outcome, report)
                        if work is not None:
                            robots = self.robots if self.fetch_items else None
                            pages = pool.submit(fetch_pages, work.items, self.http, robots, self.stopping)
                            running[pages] = ("pages", work)
                    else:
                        self._store_feed(what, outcome, report)
                submit_polls()
        if self.stopping.is_set():
            report.interrupted = True
        self._after_cycle(report)
        return report

    def _problem(self, report: CycleReport, text: str) -> None:
        report.problems.append(text)
        if self.on_problem:
            self.on_problem(text)

    def _after_poll(self, result: PollResult, report: CycleReport) -> _Work | None:
        """Main thread: record a failed or unchanged poll, or choose the items to fetch."""
        feed = result.feed
        now = _utc(self.clock)
        report.polled += 1
        if result.error is not None:
            report.failed += 1
            state = after_failure(feed, result, now=now, config=self.config)
            self._problem(report, f"{feed.url}: {result.error.problem}")
            self.store.record_poll(state, [])
            return None
        pending = self.store.pending_items(feed.url)
        fresh: list[FeedItem] = []
        outlet = feed.title
        if result.parsed is not None:
            outlet = result.parsed.outlet or feed.title
            keyed: dict[str, Any] = {}
            for entry in result.parsed.entries:
                keyed.setdefault(item_key(entry), entry)
            seen = self.store.seen_items(feed.url, keyed)
            stamp = _stamp(now)
            fresh = [
                FeedItem(
                    feed=feed.url,
                    key=key,
                    state="pending",
                    link=entry.get("link"),
                    entry=stored_entry(entry, outlet),
                    first_seen=stamp,
                )
                for key, entry in keyed.items()
                if key not in seen
            ]
        else:
            report.unchanged += 1
        items = fresh + [p for p in pending if p.key not in {f.key for f in fresh}]
        cap = self.config.max_items_per_poll
        work = _Work(
            feed=feed,
            poll=result,
            items=items[:cap],
            deferred=items[cap:],
            new_items=len(fresh),
            outlet=outlet,
        )
        report.new_items += len(fresh)
        if not work.items:
            self._store_feed(work, [], report)
            return None
        return work

    def _store_feed(self, work: _Work, pages: list[PageResult], report: CycleReport) -> None:
        """Main thread: ingest a feed's fetched items and save its state, in that order."""
        now = _utc(self.clock)
        records: list[FeedItem] = list(work.deferred)
        ready: list[tuple[FeedItem, list[Item]]] = []
        for index, result in enumerate(pages, start=1):
            item = replace(result.item, attempts=result.item.attempts + (result.item.link is not None))
            problem = result.error.problem if result.error else None
            if result.transient and item.attempts < self.config.item_attempts:
                records.append(replace(item, state="pending", error=problem))
                continue
            page = result.page
            fetch_page = (lambda _link, page=page: page) if page else None
            entry = entry_of(item.entry)
            documents = list(entry_items(work.feed.fetch_url, index, entry, work.outlet, fetch_page))
            if problem is not None:  # robots.txt said no, or the page failed for good: the feed text
                note = f"{problem}; using the text the feed carries"
                documents.insert(0, Notice(source=item.link or item.key, message=note))
            ready.append((item, documents))
        handled = {i.key for i, _ in ready} | {i.key for i in records}
        complete = len(pages) == len(work.items) and not self.stopping.is_set()
        yielded: list[FeedItem] = []
        failed: dict[str, str] = {}
        source_of: dict[str, str] = {}

        def read(_source: str, _limits: Limits) -> Iterator[Item]:
            for item, documents in ready:
                if self.stopping.is_set():
                    return
                yielded.append(item)
                for document in documents:
                    if not isinstance(document, Notice):
                        source_of[document.source] = item.key
                    yield document

        def on_problem(problem: SourceError | Notice) -> None:
            if isinstance(problem, SourceError):
                failed[source_of.get(problem.source, problem.source)] = problem.problem
                self._problem(report, str(problem))

        added = 0
        if ready:
            limits = replace(self.config.limits, fetch_feed_items=False)
            ingested = ingest(
                [work.feed.url],
                self.store,
                limits=limits,
                read=read,
                on_problem=on_problem,
                analyze=self.analyze,
            )
            added = ingested.added
        complete = complete and len(yielded) == len(ready)
        for item in yielded:
            error = failed.get(item.key)
            records.append(replace(item, state="failed" if error else "stored", error=error))
        not_done = [i for i in work.items if i.key not in handled] + [i for i, _ in ready if i not in yielded]
        report.pending += sum(1 for r in records if r.state == "pending")
        report.added += added
        if not_done and not complete:
            report.interrupted = True
        state = after_poll(
            work.feed,
            work.poll,
            now=now,
            config=self.config,
            new_items=work.new_items,
            # Items stored, not articles new to the database: an item whose article a killed run
            # stored before it could mark the item is deduplicated now, and still the feed's.
            added=sum(1 for r in records if r.state == "stored"),
            complete=complete,
        )
        if not complete:  # keep the old validators: the next poll must see these entries again
            state = replace(
                state,
                etag=work.feed.etag,
                last_modified=work.feed.last_modified,
                body_hash=work.feed.body_hash,
            )
        self.store.record_poll(state, records)

    # -- after the feeds -----------------------------------------------------------------------------
    def _after_cycle(self, report: CycleReport) -> None:
        from pressespiegel.delivery.events import deliver_due, plan_alerts, plan_digests
        from pressespiegel.pipeline import update_stories
        from pressespiegel.topics.matching import refresh_topics

        if self.stopping.is_set():  # grouping, matching and delivery catch up on the next run
            return
        now = _utc(self.clock)
        if report.added:
            report.grouped = update_stories(self.store)
        report.matched = sum(refresh_topics(self.store, now=_stamp(now)).values())
        report.alerts = plan_alerts(self.store, now=now)
        if self.delivery is not None:
            report.digests = plan_digests(self.store, now=now, tz=self.delivery.tz)
            if not self.stopping.is_set():
                sent = deliver_due(self.store, self.delivery, now=now)
                report.sent = sent.sent
                for problem in sent.problems:
                    self._problem(report, problem)
        day = now.date().isoformat()
        if self._pruned != day:
            self.store.prune_items(_stamp(now - ITEM_MEMORY))
            self._pruned = day

    def run(self, *, once: bool = False, on_cycle: Callable[[CycleReport], None] | None = None) -> int:
        """Cycles until stopped (or one with ``once``); return the number of cycles run."""
        cycles = 0
        while not self.stopping.is_set():
            try:
                self.sync_feeds()
            except FeedListError as exc:  # edited into something unreadable: keep the last good list
                if cycles == 0:
                    raise
                if self.on_problem:
                    self.on_problem(f"{exc}; polling the feeds read before")
            report = self.run_cycle(self.due(everything=once))
            cycles += 1
            if on_cycle:
                on_cycle(report)
            if once:
                break
            self.stopping.wait(self.seconds_to_next())
        return cycles
