"""Which alerts and digests are due, recorded once; and sending what is pending.

* An **alert** is due when a story holding articles of the topic has at least the topic's
  ``alert_origins`` independent origins (agency copies count once) and one of the topic's
  articles in it arrived after the topic was created (so adding a topic does not flood its
  reader with old stories). Its key is ``alert:TOPIC:STORY``: each story alerts once.
* A **digest** is due at the topic's ``digest_at`` local time, once per day (key
  ``digest:TOPIC:DAY``); it covers the stories whose topic articles arrived since the previous
  digest (the first covers the day before). A monitor that was down at 7:00 sends the day's
  digest when it comes back, once; a day without news records an empty digest and sends nothing.

Events are written with one pending delivery per channel in one transaction; :func:`deliver_due`
sends each and marks it, retrying transient failures with a doubling pause.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from pressespiegel.delivery.mail import DeliveryError, MailConfig, build_message, send
from pressespiegel.delivery.webhook import post
from pressespiegel.store import Store, StoryRecord
from pressespiegel.store.monitoring import Channel, Topic, TopicEvent

#: Stories in one digest, most independent origins first.
DIGEST_STORIES = 10
#: Attempts per delivery before it is given up (and shown as failed).
MAX_ATTEMPTS = 6


@dataclass(frozen=True, kw_only=True)
class DeliveryConfig:
    """How events leave the monitor."""

    mail: MailConfig | None = None
    allow_private: bool = False
    #: Seconds before the first retry of a failed delivery (doubled per attempt).
    retry_base: float = 60.0
    max_attempts: int = MAX_ATTEMPTS
    #: Time zone of ``digest_at`` (None: the machine's local time).
    tz: tzinfo | None = None


@dataclass(kw_only=True)
class DeliveryReport:
    alerts: int = 0
    digests: int = 0
    sent: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def channels_of(topic: Topic) -> list[Channel]:
    channels: list[Channel] = []
    if topic.email:
        channels.append("mail")
    if topic.webhook:
        channels.append("webhook")
    return channels


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def topic_story_rows(store: Store, topic: Topic, *, since: str | None = None) -> list[StoryRecord]:
    """The stories holding the topic's articles (most origins first); with ``since``, only those
    whose latest topic article arrived after it."""
    counts = store.topic_stories(topic.name)
    return [
        story
        for story in store.list_stories()
        if (found := counts.get(story.id)) and (since is None or found[1] > since)
    ]


def topic_review(
    store: Store,
    topic: Topic,
    stories: Sequence[StoryRecord],
    period: str | None,
    *,
    since: str | None = None,
    total: int | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """The press review of ``stories`` (rendered like ``pressespiegel review``) for a topic."""
    from pressespiegel.pipeline import load_members
    from pressespiegel.report.digest import build_digest
    from pressespiegel.report.render import review_document

    digests = [build_digest(s, load_members(store, s.id)).to_json() for s in stories]
    return review_document(digests, title=f"Pressespiegel: {topic.name}", period=period, since=since,
                           total=total, lang=lang)  # fmt: skip


def plan_alerts(store: Store, *, now: datetime) -> int:
    """Record the alerts that became due; return how many."""
    created = 0
    topics = [t for t in store.list_topics() if t.alert_origins]
    if not topics:
        return 0
    stories = {s.id: s for s in store.list_stories()}
    for topic in topics:
        for story_id, (_, latest) in sorted(store.topic_stories(topic.name).items()):
            story = stories.get(story_id)
            if story is None or story.origins < (topic.alert_origins or 0) or latest < topic.created:
                continue
            event = TopicEvent(
                key=f"alert:{topic.name}:{story_id}",
                topic=topic.name,
                kind="alert",
                created=_stamp(now),
                title=f"{topic.name}: {story.label} ({story.origins} unabhängige Quellen)",
                story=story_id,
                payload={
                    "origins": story.origins,
                    "articles": story.size,
                    "label": story.label,
                    "threshold": topic.alert_origins,
                    "stories": [story_id],
                    "summary": f"{story.origins} unabhängige Quellen berichten: {story.label}",
                },
            )
            created += store.add_event(event, channels_of(topic))
    return created


def plan_digests(store: Store, *, now: datetime, tz: tzinfo | None = None) -> int:
    """Record the digests that became due; return how many (empty ones included)."""
    created = 0
    for topic in store.list_topics():
        if not topic.digest_at:
            continue
        hour, minute = (int(x) for x in topic.digest_at.split(":"))
        local = now.astimezone(tz)
        slot = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        if slot > local:
            slot -= timedelta(days=1)
        if _stamp(slot) < topic.created:
            continue
        previous = store.list_events(topic.name, kind="digest", limit=1)
        since = str(previous[0].payload["until"]) if previous else _stamp(slot - timedelta(days=1))
        stories = topic_story_rows(store, topic, since=since)[:DIGEST_STORIES]
        day = slot.date()
        event = TopicEvent(
            key=f"digest:{topic.name}:{day.isoformat()}",
            topic=topic.name,
            kind="digest",
            created=_stamp(now),
            title=f"Pressespiegel {topic.name} – {day:%d.%m.%Y}",
            payload={
                "since": since,
                "until": _stamp(now),
                "stories": [s.id for s in stories],
                "summary": f"{len(stories)} Meldungen seit {since[:16].replace('T', ' ')} UTC",
            },
        )
        created += store.add_event(event, channels_of(topic) if stories else [])
    return created


def event_review(store: Store, topic: Topic, event: TopicEvent) -> dict[str, Any]:
    wanted = [str(s) for s in event.payload.get("stories") or []]
    rows = {s.id: s for s in store.list_stories()}
    stories = [rows[s] for s in wanted if s in rows]
    if event.kind == "digest":
        period = f"seit {str(event.payload.get('since', ''))[:16].replace('T', ' ')} UTC"
    else:
        period = f"Alarm: {event.payload.get('origins')} unabhängige Quellen"
    return topic_review(store, topic, stories, period)


def deliver_due(store: Store, config: DeliveryConfig, *, now: datetime) -> DeliveryReport:
    """Send every pending delivery that is due; mark each sent, or retried later, or failed."""
    from pressespiegel.report.render import to_html, to_markdown

    report = DeliveryReport()
    for event, delivery in store.due_deliveries(now=_stamp(now)):
        topic = store.get_topic(event.topic)
        if topic is None:
            continue
        try:
            review = event_review(store, topic, event)
            if delivery.channel == "mail":
                if config.mail is None:
                    raise DeliveryError("no SMTP server configured (--smtp or $PRESSESPIEGEL_SMTP)")
                if not topic.email:
                    raise DeliveryError("the topic has no mail address any more", transient=False)
                message = build_message(
                    config.mail, topic.email, event.title, to_html(review), to_markdown(review), event.key
                )
                send(config.mail, message)
            else:
                if not topic.webhook:
                    raise DeliveryError("the topic has no webhook any more", transient=False)
                payload = {
                    "event": event.key,
                    "kind": event.kind,
                    "topic": topic.name,
                    "title": event.title,
                    "created": event.created,
                    "story": event.story,
                    "details": event.payload,
                    "review": review,
                }
                post(topic.webhook, payload, event.key, allow_private=config.allow_private)
        except Exception as exc:  # a delivery problem, or a bug on odd content: retried, never fatal
            if not isinstance(exc, DeliveryError):
                exc = DeliveryError(f"internal error ({type(exc).__name__}: {exc}); please report it")
            attempts = delivery.attempts + 1
            retry = None
            if exc.transient and attempts < config.max_attempts:
                retry = _stamp(now + timedelta(seconds=config.retry_base * 2 ** (attempts - 1)))
            store.finish_delivery(
                event.key, delivery.channel, error=str(exc), now=_stamp(now), retry_at=retry
            )
            report.failed += 1
            suffix = "" if retry else "; given up"
            report.problems.append(f"{event.key} ({delivery.channel}): {exc}{suffix}")
            continue
        store.finish_delivery(event.key, delivery.channel, error=None, now=_stamp(now))
        report.sent += 1
    return report
