"""Command line of continuous monitoring: ``watch``, ``feeds list``, ``topics …``, ``digest``.

Registered on the main app by :func:`register` (called at the end of :mod:`pressespiegel.cli`),
so the monitoring commands live beside, not inside, the one-off ones.
"""

from __future__ import annotations

import re
import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import Annotated, Any

import typer
from rich.table import Table

from pressespiegel.cli import (
    DEFAULT_DB,
    DbOption,
    Format,
    LangOption,
    ReviewFormatOption,
    _escape,
    _print_json,
    _store,
    err,
    out,
)
from pressespiegel.console import plural
from pressespiegel.errors import PressespiegelError

_DURATION = re.compile(r"(?i)\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h|d)?\s*")
_UNITS = {None: 1.0, "ms": 0.001, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(text: str) -> float:
    """Seconds in "10m", "30s", "1.5h", "90" (seconds); typer.BadParameter otherwise."""
    m = _DURATION.fullmatch(text)
    if not m:
        raise typer.BadParameter(f"{text!r} is not a duration like 10m, 30s or 1h")
    return float(m[1]) * _UNITS[m[2].lower() if m[2] else None]


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/] {_escape(message)}", markup=True)
    return typer.Exit(code)


feeds_app = typer.Typer(help="Watched feeds and their health.", no_args_is_help=True)
topics_app = typer.Typer(
    help="Topics: saved queries every new article is matched against, with optional mail, "
    'webhook and alerts.\n\nQuery syntax: words (prefix or lemma match), "phrases", entity:"Wladimir '
    'Putin", speaker:Peskow, outlet:tagesschau.de, lang:de, AND (implied), OR, NOT or -word, (…).',
    no_args_is_help=True,
)


def watch_command(
    feeds: Annotated[
        Path,
        typer.Argument(
            help="OPML file (as feed readers export) or text file with one feed URL per line "
            "(optionally followed by a title; # starts a comment). Re-read when it changes.",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between two polls of a feed (10m, 30s, 1h).")] = "10m",
    once: Annotated[
        bool, typer.Option("--once", help="One cycle over all feeds, then exit (for cron).")
    ] = False,
    delay: Annotated[
        str, typer.Option(help="Pause between two requests to the same host (robots.txt Crawl-delay wins).")
    ] = "1s",
    connections: Annotated[
        int, typer.Option(help="Hosts polled at the same time (one connection each).")
    ] = 8,
    timeout: Annotated[str, typer.Option(help="Time limit of one HTTP request.")] = "20s",
    retry: Annotated[
        str, typer.Option(help="First pause before a failed request is retried (doubles).")
    ] = "2s",
    allow_private: Annotated[
        bool, typer.Option(help="Allow feeds and webhooks on private, loopback and link-local addresses.")
    ] = False,
    fetch_items: Annotated[
        bool, typer.Option("--fetch-items/--no-fetch-items", help="Fetch each new item's page.")
    ] = True,
    analyze: Annotated[
        bool, typer.Option("--analyze/--no-analyze", help="Find sentences, entities and quotes.")
    ] = True,
    smtp: Annotated[
        str | None,
        typer.Option(
            envvar="PRESSESPIEGEL_SMTP",
            show_default=False,
            help="SMTP server for digests and alerts: smtp://host:25, smtp+starttls://user:pw@host:587 or "
            "smtps://user:pw@host:465. Also $PRESSESPIEGEL_SMTP.",
        ),
    ] = None,
    mail_from: Annotated[
        str | None,
        typer.Option(
            envvar="PRESSESPIEGEL_MAIL_FROM",
            show_default=False,
            help="Sender address of digests and alerts. Also $PRESSESPIEGEL_MAIL_FROM.",
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only problems.")] = False,
) -> None:
    """Watch feeds: poll each with conditional GET, ingest new items, match topics, send alerts
    and digests. Runs until stopped (SIGTERM or Ctrl+C end it cleanly between two items).

    State lives in the database: a restarted monitor goes on where it stopped, with no article
    twice. Example:  pressespiegel watch feeds.opml --every 10m --db presse.db
    """
    from pressespiegel.delivery.events import DeliveryConfig
    from pressespiegel.delivery.mail import MailConfig
    from pressespiegel.ingest import Limits
    from pressespiegel.monitor.feedlist import read_feed_list
    from pressespiegel.monitor.poll import MonitorConfig
    from pressespiegel.monitor.watch import CycleReport, Monitor

    try:
        specs = read_feed_list(feeds)
        mail = MailConfig.from_url(smtp, mail_from) if smtp else None
    except PressespiegelError as exc:
        raise _fail(str(exc)) from None
    limits = Limits(allow_private=allow_private, http_timeout=parse_duration(timeout))
    config = MonitorConfig(
        every=parse_duration(every),
        delay=parse_duration(delay),
        connections=max(1, connections),
        retry_base=parse_duration(retry),
        limits=limits,
    )
    delivery = DeliveryConfig(mail=mail, allow_private=allow_private)
    with _store(db, create=True) as store:

        def problem(text: str) -> None:
            err.print(f"[yellow]warning:[/] {_escape(text)}", markup=True)

        monitor = Monitor(
            store,
            feeds,
            config,
            delivery=delivery,
            on_problem=problem,
            analyze=analyze,
            fetch_items=fetch_items,
        )

        def on_signal(signum: int, _frame: FrameType | None) -> None:
            if monitor.stopping.is_set():
                raise KeyboardInterrupt
            err.print(f"{signal.Signals(signum).name}: stopping after the current item …")
            monitor.stop()

        previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            monitor.sync_feeds()
            if not mail and any(t.email for t in store.list_topics()):
                problem("topics have mail addresses but no SMTP server is set (--smtp, $PRESSESPIEGEL_SMTP)")
            if not quiet:
                mode = "one cycle" if once else f"every {every}"
                out.print(f"watching {plural(len(specs), 'feed')} from {feeds} ({mode}) → {db}")

            def on_cycle(report: CycleReport) -> None:
                if not quiet:
                    stamp = datetime.now(UTC).astimezone().strftime("%Y-%m-%d %H:%M:%S")
                    out.print(f"{stamp} {report.line()}")

            monitor.run(once=once, on_cycle=on_cycle)
        except PressespiegelError as exc:
            raise _fail(str(exc)) from None
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)
    if monitor.stopping.is_set() and not quiet:
        out.print("stopped; the next start goes on from here")


@feeds_app.command("list")
def feeds_list(
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON array.")] = Format.text,
) -> None:
    """Feed health: per feed the last success, last new article, HTTP status, errors in a row and
    articles per day; silent (nothing new for far longer than usual) and dead feeds flagged."""
    from pressespiegel.monitor.health import LABELS, PACE_DAYS, assess

    now = datetime.now(UTC)
    with _store(db) as store:
        volume = store.feed_volume(since=(now - timedelta(days=PACE_DAYS + 1)).isoformat(timespec="seconds"))
        health = [assess(f, volume.get(f.url, {}), now) for f in store.list_feeds()]
    if format is Format.json:
        _print_json(
            [
                {
                    "url": h.feed.url,
                    "fetch_url": h.feed.fetch_url,
                    "title": h.feed.title,
                    "status": h.status,
                    "reason": h.reason,
                    "last_polled": h.feed.last_polled,
                    "last_success": h.feed.last_success,
                    "last_new": h.feed.last_new,
                    "http_status": h.feed.last_status,
                    "errors": h.feed.errors,
                    "last_error": h.feed.last_error,
                    "articles": h.feed.articles,
                    "per_day": round(h.per_day, 2),
                    "next_poll": h.feed.next_poll,
                }
                for h in health
            ]
        )
        return
    if not health:
        err.print(f"no feeds in {db} yet: start with  pressespiegel watch FEEDS --db {db}")
        raise typer.Exit(1)
    table = Table(title=f"{plural(len(health), 'feed')} in {db}")
    for column in ("status", "feed", "last success", "last new", "HTTP", "errors", "art./day", "note"):
        table.add_column(
            column,
            no_wrap=column != "note",
            overflow="ellipsis",
            max_width=50 if column in {"feed", "note"} else None,
        )
    colours = {"ok": "green", "dead": "red", "failing": "red", "silent": "yellow"}
    for h in health:
        f = h.feed
        colour = colours.get(h.status)
        label = LABELS[h.status]
        table.add_row(
            f"[{colour}]{label}[/]" if colour else label,
            _escape(f.title or f.url) + ("" if f.fetch_url == f.url else " (moved)"),
            _short(f.last_success),
            _short(f.last_new),
            str(f.last_status or "–"),
            str(f.errors),
            f"{h.per_day:.1f}",
            _escape(h.reason),
        )
    out.print(table)


def _short(stamp: str | None) -> str:
    if not stamp:
        return "–"
    return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")


@topics_app.command("add")
def topics_add(
    name: Annotated[str, typer.Argument(help="Short name (letters, digits, spaces, - . , & + ').")],
    query: Annotated[str, typer.Argument(help="What to follow, e.g. 'entity:\"Kim Jong-un\" AND Russland'.")],
    db: DbOption = DEFAULT_DB,
    mail: Annotated[
        list[str] | None, typer.Option("--mail", help="Mail digests and alerts to this address (repeatable).")
    ] = None,
    at: Annotated[
        str | None, typer.Option("--at", help="Local time of the daily digest mail, e.g. 07:00.")
    ] = None,
    webhook: Annotated[
        str | None, typer.Option(help="POST each digest and alert as JSON to this URL.")
    ] = None,
    alert_origins: Annotated[
        int | None,
        typer.Option(help="Alert once when a story of the topic reaches this many independent origins."),
    ] = None,
    replace: Annotated[bool, typer.Option("--replace", help="Change an existing topic.")] = False,
) -> None:
    """Follow a topic: every article stored from now on (and every one already stored) is
    matched against QUERY; `watch` mails digests and alerts and the web UI shows it."""
    from pressespiegel.store.monitoring import Topic, utc_now
    from pressespiegel.topics import QueryError, check_name, parse, refresh_topics

    try:
        name = check_name(name)
        parse(query)
    except QueryError as exc:
        raise _fail(f"query {query!r}: {exc}") from None
    except PressespiegelError as exc:
        raise _fail(str(exc)) from None
    if at is not None and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", at):
        raise _fail(f"--at must be a time like 07:00, not {at!r}")
    if at is not None and not mail and not webhook:
        raise _fail("--at needs --mail or --webhook: where should the digest go?")
    for address in mail or []:
        if not re.fullmatch(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+", address):
            raise _fail(f"--mail {address!r} is not an e-mail address")
    if webhook is not None and not re.match(r"(?i)https?://", webhook):
        raise _fail(f"--webhook must be an http(s) URL, not {webhook!r}")
    if alert_origins is not None and alert_origins < 1:
        raise _fail("--alert-origins must be at least 1")
    with _store(db, create=True) as store:
        old = store.get_topic(name)
        if old is not None and not replace:
            raise _fail(f"topic {name!r} exists (query {old.query!r}); use --replace to change it", 1)
        topic = Topic(
            name=name,
            query=query,
            created=old.created if old else utc_now(),
            email=tuple(mail or ()),
            digest_at=f"{int(at[:-3]):02d}:{at[-2:]}" if at else None,
            webhook=webhook,
            alert_origins=alert_origins,
            cursor=old.cursor if old is not None and old.query == query else 0,
        )
        store.save_topic(topic)
        refresh_topics(store)
        matched = store.count_topic_articles(name)
    what = [f"{plural(matched, 'article')} {'matches' if matched == 1 else 'match'} so far"]
    if topic.email:
        what.append(f"mail to {', '.join(topic.email)}" + (f" daily at {topic.digest_at}" if at else ""))
    if webhook:
        what.append(f"webhook {webhook}")
    if alert_origins:
        what.append(f"alert from {alert_origins} independent origins")
    out.print(f"{'changed' if old else 'following'} topic {_escape(name)!r}: " + "; ".join(what))


@topics_app.command("list")
def topics_list(
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON array.")] = Format.text,
) -> None:
    """List topics with their query, matched articles, stories and delivery settings."""
    from pressespiegel.topics import refresh_topics

    with _store(db) as store:
        refresh_topics(store)
        rows: list[dict[str, Any]] = [
            {
                "name": t.name,
                "query": t.query,
                "articles": store.count_topic_articles(t.name),
                "stories": len(store.topic_stories(t.name)),
                "mail": list(t.email),
                "digest_at": t.digest_at,
                "webhook": t.webhook,
                "alert_origins": t.alert_origins,
                "created": t.created,
            }
            for t in store.list_topics()
        ]
    if format is Format.json:
        _print_json(rows)
        return
    table = Table(title=f"{plural(len(rows), 'topic')} in {db}")
    for column in ("name", "query", "articles", "stories", "delivery"):
        table.add_column(
            column, overflow="fold", justify="right" if column in {"articles", "stories"} else "left"
        )
    for r in rows:
        delivery = []
        if r["mail"]:
            delivery.append(", ".join(r["mail"]) + (f" at {r['digest_at']}" if r["digest_at"] else ""))
        if r["webhook"]:
            delivery.append(f"webhook {r['webhook']}")
        if r["alert_origins"]:
            delivery.append(f"alert from {plural(r['alert_origins'], 'origin')}")
        table.add_row(
            _escape(r["name"]),
            _escape(r["query"]),
            str(r["articles"]),
            str(r["stories"]),
            _escape("; ".join(delivery) or "–"),
        )
    out.print(table)


@topics_app.command("remove")
def topics_remove(
    name: Annotated[str, typer.Argument(help="Name of the topic.")], db: DbOption = DEFAULT_DB
) -> None:
    """Stop following a topic (its matches, alerts and digests are deleted; articles stay)."""
    with _store(db) as store:
        if not store.remove_topic(name):
            raise _fail(f"no topic {name!r} in {db}", 1)
    out.print(f"removed topic {_escape(name)!r}")


def digest_command(
    topic_name: Annotated[str, typer.Option("--topic", help="Name of the topic (see `topics list`).")],
    output: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        ReviewFormatOption, typer.Option("--format", help="html (self-contained), md, json or pdf.")
    ] = ReviewFormatOption.html,
    since: Annotated[
        str | None, typer.Option(help="Only stories reported on or after this date (YYYY-MM-DD).")
    ] = None,
    top: Annotated[
        int,
        typer.Option(
            help="How many stories, most independent origins first (0: all); the header says "
            "how many of how many it holds."
        ),
    ] = 10,
    lang: LangOption = None,
) -> None:
    """Write the press review of one topic: its stories (optionally since a date) with summary,
    timeline, who said what, contradictions and sources — as `review`, restricted to the topic."""
    from pressespiegel.delivery.events import topic_review, topic_story_rows
    from pressespiegel.report.render import render
    from pressespiegel.topics import refresh_topics

    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        raise _fail(f"--since must be a date like 2023-09-01, not {since!r}")
    with _store(db) as store:
        topic = store.get_topic(topic_name)
        if topic is None:
            raise _fail(f"no topic {topic_name!r} in {db} (see `pressespiegel topics list`)", 1)
        refresh_topics(store)
        rows = topic_story_rows(store, topic)
        matching = [s for s in rows if not since or s.last[:10] >= since]
        stories = matching[:top] if top else matching
        if not stories:
            raise _fail(f"no stories of topic {topic_name!r}" + (f" since {since}" if since else ""), 1)
        review = topic_review(
            store, topic, stories, None, since=since, total=len(matching), lang=lang
        )
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        render(review, format.value, output)
    except PressespiegelError as exc:
        raise _fail(str(exc)) from None
    what = plural(len(stories), "story", "stories")
    if len(matching) > len(stories):
        what = f"{len(stories):,} of {plural(len(matching), 'story', 'stories')}"
    out.print(f"digest of topic {_escape(topic.name)!r}: {what} written to {output}")


def register(app: typer.Typer) -> None:
    """Add the monitoring commands to the main command line."""
    app.command("watch")(watch_command)
    app.add_typer(feeds_app, name="feeds")
    app.add_typer(topics_app, name="topics")
    app.command("digest")(digest_command)


__all__ = ["parse_duration", "register"]
