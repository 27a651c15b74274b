"""Web pages and API of continuous monitoring: topics, their Atom feeds, and feed health.

Pages: ``/topics`` (list, add, remove), ``/topics/{name}`` (stories of the topic, volume over
time, alerts and digests), ``/topics/{name}/atom.xml``, ``/topics/{name}/volume.svg``,
``/feeds`` (health of every watched feed with its volume). API: ``GET /api/topics``,
``GET /api/topics/{name}``, ``POST /api/topics``, ``DELETE /api/topics/{name}``,
``GET /api/feeds``.

Changing topics is a write: it goes through ``web.access.authorize_write``
(:mod:`pressespiegel.web.security`), the same check as ingest: the token (header or session
cookie) before the body is read, same-site only, and the CSRF token with the cookie. Topic
matches are brought up to date before a topic is shown.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from pressespiegel.delivery.atom import topic_feed
from pressespiegel.errors import PressespiegelError
from pressespiegel.monitor.health import LABELS, PACE_DAYS, assess
from pressespiegel.store.monitoring import Topic, utc_now
from pressespiegel.topics import QueryError, check_name, parse, refresh_topics
from pressespiegel.web.charts import bar_chart, daily, spark, unit_of
from pressespiegel.web.security import CSRF_FIELD, CSRF_HEADER

if TYPE_CHECKING:
    from pressespiegel.web.app import Web

#: Articles and events in a topic's Atom feed and on its page.
FEED_ENTRIES = 50
_TIME = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class TopicRequest(BaseModel):
    """A topic to follow (see ``pressespiegel topics add --help`` for the query syntax)."""

    name: str = Field(max_length=80)
    query: str = Field(max_length=1000)
    mail: list[str] = Field(default_factory=list, max_length=20)
    at: str | None = Field(default=None, description="local time of the daily digest, e.g. 07:00")
    webhook: str | None = Field(default=None, max_length=2000)
    alert_origins: int | None = Field(default=None, ge=1, le=1000)


def topic_from_request(body: TopicRequest, old: Topic | None) -> Topic:
    """A checked Topic; PressespiegelError (with the reason) for anything invalid."""
    name = check_name(body.name)
    try:
        parse(body.query)
    except QueryError as exc:
        raise PressespiegelError(f"Suche {body.query!r}: {exc}") from None
    at = None
    if body.at:
        m = _TIME.fullmatch(body.at.strip())
        if not m:
            raise PressespiegelError(f"Uhrzeit {body.at!r}: bitte wie 07:00")
        at = f"{int(m[1]):02d}:{m[2]}"
    mail = tuple(a.strip() for a in body.mail if a.strip())
    for address in mail:
        if not re.fullmatch(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+", address):
            raise PressespiegelError(f"{address!r} ist keine E-Mail-Adresse")
    if body.webhook and not re.match(r"(?i)https?://", body.webhook):
        raise PressespiegelError("Webhook: bitte eine http(s)-URL")
    if at and not mail and not body.webhook:
        raise PressespiegelError("Eine Tagesübersicht braucht eine E-Mail-Adresse oder einen Webhook")
    return Topic(
        name=name,
        query=body.query,
        created=old.created if old else utc_now(),
        email=mail,
        digest_at=at,
        webhook=body.webhook or None,
        alert_origins=body.alert_origins,
        cursor=old.cursor if old is not None and old.query == body.query else 0,
    )


def install(app: FastAPI, web: Web) -> None:
    """Add the monitoring routes to ``app``."""
    router = APIRouter()

    def refreshed() -> None:
        with web.write_lock:
            refresh_topics(web.store())

    def topic_or_404(name: str) -> Topic:
        topic = web.store().get_topic(name)
        if topic is None:
            raise HTTPException(404, f"Kein Suchprofil {name!r}")
        return topic

    def topic_details(topic: Topic) -> dict[str, Any]:
        store = web.store()
        counts = store.topic_stories(topic.name)
        stories = [
            {**s.to_json(), "topic_articles": counts[s.id][0]} for s in web.stories() if s.id in counts
        ]
        articles = []
        for article_id, matched in store.topic_articles(topic.name, limit=FEED_ENTRIES):
            article = store.get_article(article_id)
            if article is not None:
                articles.append((article, matched))
        return {
            "topic": topic,
            "stories": stories,
            "articles": articles,
            "articles_total": store.count_topic_articles(topic.name),
            "volume": daily(store.topic_volume(topic.name)),
            "events": store.list_events(topic.name, limit=FEED_ENTRIES),
        }

    def topics_page(
        request: Request, status: int = 200, message: str | None = None, form: dict[str, Any] | None = None
    ) -> HTMLResponse:
        refreshed()
        store = web.store()
        rows = []
        for topic in store.list_topics():
            volume = daily(store.topic_volume(topic.name), until=datetime.now(UTC).date(), days=30)
            rows.append(
                {
                    "topic": topic,
                    "articles": store.count_topic_articles(topic.name),
                    "stories": len(store.topic_stories(topic.name)),
                    "chart": spark(volume, label=f"{topic.name}: Artikel pro Tag, 30 Tage"),
                }
            )
        empty = {"name": "", "query": "", "mail": "", "at": "", "alert_origins": "", "webhook": ""}
        html = web.render(
            "topics.html",
            topics=rows,
            message=message,
            form={**empty, **(form or {})},
            logged_in=web.access.session_ok(request),
            csrf=web.access.csrf if web.access.session_ok(request) else "",
        )
        return HTMLResponse(html, status_code=status)

    @router.get("/topics", response_class=HTMLResponse, include_in_schema=False)
    def topics_index(request: Request) -> HTMLResponse:
        return topics_page(request)

    @router.post("/topics", response_class=HTMLResponse, include_in_schema=False)
    async def topics_add(request: Request) -> Response:
        try:
            credential = web.access.authorize_write(request)  # before the body is read
            form = await request.form(max_files=0, max_fields=10)
            if credential == "session":
                web.access.check_csrf(form.get(CSRF_FIELD))
        except StarletteHTTPException as exc:
            return topics_page(request, exc.status_code, f"Schreibzugriff verweigert: {exc.detail}")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        try:
            origins = int(fields["alert_origins"]) if fields.get("alert_origins", "").strip() else None
            body = TopicRequest(
                name=fields.get("name", ""),
                query=fields.get("query", ""),
                mail=[fields["mail"]] if fields.get("mail") else [],
                at=fields.get("at") or None,
                webhook=fields.get("webhook") or None,
                alert_origins=origins,
            )
            topic = topic_from_request(body, web.store().get_topic(body.name.strip()))
        except (PressespiegelError, ValueError) as exc:
            return topics_page(request, 400, str(exc).splitlines()[0], fields)
        with web.write_lock:
            web.store().save_topic(topic)
        return RedirectResponse(f"/topics/{quote(topic.name, safe='')}", status_code=303)

    @router.post("/topics/{name}/remove", include_in_schema=False)
    async def topics_remove(name: str, request: Request) -> Response:
        try:
            if web.access.authorize_write(request) == "session":  # before the body is read
                web.access.check_csrf((await request.form(max_files=0, max_fields=5)).get(CSRF_FIELD))
        except StarletteHTTPException as exc:
            return topics_page(request, exc.status_code, f"Schreibzugriff verweigert: {exc.detail}")
        with web.write_lock:
            if not web.store().remove_topic(name):
                raise HTTPException(404, f"Kein Suchprofil {name!r}")
        return RedirectResponse("/topics", status_code=303)

    @router.get("/topics/{name}", response_class=HTMLResponse, include_in_schema=False)
    def topic_page(name: str) -> HTMLResponse:
        refreshed()
        details = topic_details(topic_or_404(name))
        unit = unit_of(details["volume"])
        chart = bar_chart(details["volume"], label=f"{name}: Artikel pro {unit}")
        html = web.render(
            "topic.html",
            **{k: v for k, v in details.items() if k != "articles"},
            chart=chart,
            unit=unit,
            articles=[
                {
                    "id": a.id,
                    "title": a.title or (a.lead or "")[:100],
                    "outlet": a.outlet,
                    "published": a.published.value if a.published else None,
                }
                for a, _ in details["articles"]
            ],
        )
        return HTMLResponse(html)

    @router.get("/topics/{name}/volume.svg", include_in_schema=False)
    def topic_volume_svg(name: str) -> Response:
        topic_or_404(name)
        refreshed()
        series = daily(web.store().topic_volume(name))
        chart = bar_chart(series, label=f"{name}: Artikel pro {unit_of(series)}")
        return Response(str(chart), media_type="image/svg+xml")

    @router.get("/topics/{name}/atom.xml", summary="A topic's alerts, digests and newest articles (Atom)")
    def topic_atom(name: str, request: Request) -> Response:
        refreshed()
        details = topic_details(topic_or_404(name))
        stamps = [m for _, m in details["articles"]] + [e.created for e in details["events"]]
        updated = max(stamps, default=details["topic"].created)
        document = topic_feed(
            details["topic"],
            details["articles"],
            details["events"],
            base_url=str(request.base_url),
            updated=updated,
        )
        return Response(document, media_type="application/atom+xml; charset=utf-8")

    def feed_health() -> list[Any]:
        now = datetime.now(UTC)
        store = web.store()
        volume = store.feed_volume(since=(now - timedelta(days=PACE_DAYS + 1)).isoformat(timespec="seconds"))
        return [(assess(f, volume.get(f.url, {}), now), volume.get(f.url, {})) for f in store.list_feeds()]

    @router.get("/feeds", response_class=HTMLResponse, include_in_schema=False)
    def feeds_page() -> HTMLResponse:
        today = datetime.now(UTC).date()
        rows, total = [], Counter[str]()
        for health, volume in feed_health():
            total.update(volume)
            series = daily(volume, until=today, days=PACE_DAYS)
            rows.append(
                {
                    "health": health,
                    "label": LABELS[health.status],
                    "chart": spark(series, label=f"{health.feed.title or health.feed.url}: pro Tag"),
                }
            )
        order = {"dead": 0, "failing": 1, "silent": 2, "new": 3, "ok": 4, "paused": 5}
        rows.sort(key=lambda r: (order[r["health"].status], r["health"].feed.url))
        summary = Counter(r["label"] for r in rows).most_common()
        chart = bar_chart(daily(dict(total), until=today, days=PACE_DAYS), label="Gesammelte Artikel pro Tag")
        return HTMLResponse(web.render("feeds.html", rows=rows, summary=summary, chart=chart))

    # -- API ---------------------------------------------------------------------------------------
    def topic_json(topic: Topic) -> dict[str, Any]:
        store = web.store()
        return {
            "name": topic.name,
            "query": topic.query,
            "created": topic.created,
            "mail": list(topic.email),
            "at": topic.digest_at,
            "webhook": topic.webhook,
            "alert_origins": topic.alert_origins,
            "articles": store.count_topic_articles(topic.name),
            "stories": len(store.topic_stories(topic.name)),
        }

    @router.get("/api/topics", summary="Followed topics with their number of articles and stories")
    def api_topics() -> dict[str, Any]:
        refreshed()
        return {"topics": [topic_json(t) for t in web.store().list_topics()]}

    @router.get("/api/topics/{name}", summary="A topic: its stories, volume per day, newest articles, events")
    def api_topic(name: str, limit: int = Query(50, ge=1, le=FEED_ENTRIES)) -> dict[str, Any]:
        refreshed()
        details = topic_details(topic_or_404(name))
        return {
            **topic_json(details["topic"]),
            "stories": [
                {k: s[k] for k in ("id", "label", "first", "last", "size", "origins", "topic_articles")}
                for s in details["stories"]
            ],
            "volume": details["volume"],
            "newest": [
                {
                    "id": a.id,
                    "title": a.title,
                    "outlet": a.outlet,
                    "url": a.url,
                    "matched": m,
                    "published": a.published.value if a.published else None,
                }
                for a, m in details["articles"][:limit]
            ],
            "events": [
                {"key": e.key, "kind": e.kind, "title": e.title, "created": e.created, "story": e.story}
                for e in details["events"]
            ],
        }

    @router.post(
        "/api/topics", summary="Follow a topic (needs the write token, as ingest does)",
        openapi_extra={"requestBody": {"required": True, "content": {
            "application/json": {"schema": TopicRequest.model_json_schema()}}}},
    )  # fmt: skip
    async def api_topics_add(request: Request) -> JSONResponse:
        if web.access.authorize_write(request) == "session":  # before the body is read
            web.access.check_csrf(request.headers.get(CSRF_HEADER))
        try:
            body = TopicRequest.model_validate_json(await request.body())
        except ValueError as exc:
            raise HTTPException(422, f"expected a JSON topic ({str(exc)[:200]})") from None
        try:
            topic = topic_from_request(body, web.store().get_topic(body.name.strip()))
        except PressespiegelError as exc:
            raise HTTPException(422, str(exc)) from None
        with web.write_lock:
            web.store().save_topic(topic)
            refresh_topics(web.store())
        return JSONResponse(topic_json(topic), status_code=201)

    @router.delete("/api/topics/{name}", summary="Stop following a topic (needs the write token)")
    def api_topics_remove(name: str, request: Request) -> dict[str, Any]:
        if web.access.authorize_write(request) == "session":
            web.access.check_csrf(request.headers.get(CSRF_HEADER))
        with web.write_lock:
            if not web.store().remove_topic(name):
                raise HTTPException(404, f"no topic {name!r}")
        return {"removed": name}

    @router.get(
        "/api/feeds", summary="Health of every watched feed: last success, last new item, errors, pace"
    )
    def api_feeds() -> dict[str, Any]:
        feeds = []
        for health, volume in feed_health():
            f = health.feed
            feeds.append(
                {
                    "url": f.url,
                    "fetch_url": f.fetch_url,
                    "title": f.title,
                    "status": health.status,
                    "reason": health.reason,
                    "last_success": f.last_success,
                    "last_new": f.last_new,
                    "http_status": f.last_status,
                    "errors": f.errors,
                    "articles": f.articles,
                    "per_day": round(health.per_day, 2),
                    "volume": volume,
                }
            )
        return {"feeds": feeds}

    app.include_router(router)
