"""The web UI and JSON API: server-rendered pages over the store, and ``/api/`` for programs.

Pages: ``/`` (stories), ``/story/{id}``, ``/article/{id}``, ``/entity?name=``, ``/search``,
``/ingest``; the API is documented at ``/docs`` (a plain offline page) and ``/openapi.json``.

Safety, in order of where hostile article content could bite:

1. Every template is autoescaped; the one place that builds HTML in Python (highlighting an
   article's entities, quotes and dates, and search matches) escapes each text segment before
   wrapping it in markup.
2. Links to sources are emitted only for http(s) URLs; everything else is shown as text.
3. Every response carries a strict Content-Security-Policy (scripts and styles from 'self' only,
   no inline script, no inline event handlers) plus nosniff, no-referrer and frame denial.
4. Writes (ingest, form and API) need the access token, always, checked before the body is read;
   cross-site writes, foreign Host headers (DNS rebinding) and oversized bodies are refused. See
   :mod:`pressespiegel.web.security`; reads are open.
5. URLs to ingest must be http(s) and pass the SSRF guard (no private, loopback or link-local
   addresses unless ``allow_private``, checked again at connect time), with short timeouts and
   few redirects; uploads are limited to :data:`MAX_UPLOAD_BYTES` per file.

Rendered story pages and digests are cached in process and dropped when the store's content
changes (:class:`_Versions`), so a story page is rendered once per change, not per request.

The app reaches the database only through :class:`pressespiegel.store.Store` (one connection
per thread, SQLite or PostgreSQL). Requests never wait on a write: the search index is brought
up to date by a background thread, and ingest runs in a worker process (:mod:`.jobs`), so the
analysis models are loaded there, only when something is ingested, and never in the server.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pressespiegel import __version__
from pressespiegel.i18n import date_label, language
from pressespiegel.records import Article
from pressespiegel.store import INDEX_BATCH, Filters, Store, StoryRecord, open_store
from pressespiegel.store.codec import article_to_dict
from pressespiegel.stories.speakers import QUOTE_MARKS
from pressespiegel.web.search import Query as SearchQuery
from pressespiegel.web.search import highlight
from pressespiegel.web.security import CSRF_FIELD, CSRF_HEADER, Access, Guard, HostPolicy

HERE = Path(__file__).parent
#: Largest uploaded file; larger ones are refused with a message naming the file.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
#: Largest ingest request body (all files together), counted as received.
MAX_REQUEST_BYTES = 64 * 1024 * 1024
#: Largest login form body (one token field).
MAX_LOGIN_BYTES = 4096
#: Files and URLs per ingest request.
MAX_UPLOAD_FILES = 20
MAX_URLS = 20
#: Limits for URLs users paste: shorter than the CLI's, since a person waits for the page.
WEB_HTTP_TIMEOUT = 15.0
WEB_MAX_REDIRECTS = 3
#: Stories on the front page.
FRONT_PAGE_STORIES = 50
#: Rendered pages and digests kept in memory.
CACHE_ENTRIES = 512
#: Index batches the server indexes before it starts serving (~1 s each); a larger backlog (a
#: database just migrated) is indexed in the background while the server serves.
STARTUP_INDEX_BATCHES = 10

log = logging.getLogger(__name__)
#: Suffixes an upload may have (the ingest readers decide the format by them).
UPLOAD_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".jsonl", ".ndjson", ".rss", ".atom", ".xml",
                   ".rdf", ".warc", ".warc.gz", ".arc", ".arc.gz")  # fmt: skip

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

T = TypeVar("T")


class SecurityHeaders:
    """Pure ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- helpers used by templates -------------------------------------------------------------------
def safe_url(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host, else None (no javascript:, data:, …)."""
    if not isinstance(url, str) or any(c in url for c in "\x00\r\n\t "):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in {"http", "https"} or not parts.hostname:
        return None
    return url


def approx_day(value: str | None) -> str | None:
    """An ISO day for a date value of any precision (2023, 2023-07, 2023-W35, 2023-09-04)."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return value[:10]
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 1).isoformat()
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return f"{m[1]}-{m[2]}-01"
    if m := re.fullmatch(r"(\d{4})", value):
        return f"{m[1]}-01-01"
    return None


def per_day(days: Iterable[str | None]) -> list[list[Any]]:
    """Counts per day, every day between the first and last present (for a sparkline)."""
    counts = Counter(d[:10] for d in days if d and len(d) >= 10)
    if not counts:
        return []
    try:
        first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    except ValueError:
        return [[d, n] for d, n in sorted(counts.items())]
    if (last - first).days > 400:  # a long tail: plot only the days with reports
        return [[d, n] for d, n in sorted(counts.items())]
    out: list[list[Any]] = []
    day = first
    while day <= last:
        out.append([day.isoformat(), counts.get(day.isoformat(), 0)])
        day += timedelta(days=1)
    return out


def annotate(article: Article) -> list[Markup]:
    """The article's paragraphs as HTML with entities, quotes, speakers, cues and dates marked.

    The text is cut at every annotation boundary and paragraph break; each piece is escaped and
    then wrapped in spans for the annotations covering it (entities become links to their page).
    """
    text = article.text
    n = len(text)
    analysis = article.analysis or {}
    spans: list[tuple[int, int, str, dict[str, str]]] = []

    def add(start: Any, end: Any, kind: str, **attrs: str) -> None:
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= n:
            spans.append((start, end, kind, attrs))

    for quote in analysis.get("quotes") or []:
        speaker = str(quote.get("speaker_name") or "")
        for start, end in (quote.get("quote") or {}).get("spans") or []:
            add(start, end, "quote", title=f"Zitat: {speaker}" if speaker else "Zitat")
        for start, end in (quote.get("speaker") or {}).get("spans") or []:
            add(start, end, "speaker", title="Sprecher")
        for start, end in (quote.get("cue") or {}).get("spans") or []:
            add(start, end, "cue", title="Redeeinleitung")
    for entity in analysis.get("entities") or []:
        label = str(entity.get("label") or "")
        name = str(entity.get("name") or entity.get("text") or "")  # the canonical name links the page
        add(entity.get("start"), entity.get("end"), "entity", label=label, name=name)
    for found in analysis.get("dates") or []:
        add(found.get("start"), found.get("end"), "date", title=str(found.get("value") or ""))

    breaks: list[int] = []
    position = 0
    for paragraph in article.paragraphs:
        breaks.append(position)
        position += len(paragraph.text) + 2
    cuts = sorted({0, n, *breaks, *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    paragraphs: list[list[str]] = [[] for _ in article.paragraphs] or [[]]
    for a, b in itertools.pairwise(cuts):
        piece = text[a:b]
        if not piece.strip("\n"):
            continue
        index = max(0, sum(1 for p in breaks if p <= a) - 1)
        html = str(escape(piece.strip("\n")))
        covering = sorted((s for s in spans if s[0] <= a and b <= s[1]), key=lambda s: (s[0] - s[1], s[2]))
        for _, _, kind, attrs in reversed(covering):  # innermost first, outermost last
            if kind == "entity":
                label = attrs["label"]
                html = (f'<a class="ent ent-{escape(label.lower())}" href="/entity?name={_q(attrs["name"])}"'
                        f' title="{escape(label)}">{html}</a>')  # fmt: skip
            else:
                html = f'<span class="{kind}" title="{escape(attrs.get("title", ""))}">{html}</span>'
        paragraphs[min(index, len(paragraphs) - 1)].append(html)
    return [Markup("".join(parts)) for parts in paragraphs]  # built from escaped pieces


def _q(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


# -- caching -----------------------------------------------------------------------------------
class _Versions:
    """A number that changes whenever the store's content changes (articles, stories, index).

    Read from the calling thread's store; one indexed row, cheap enough for every request.
    """

    def __init__(self, store: Callable[[], Store]) -> None:
        self._store = store

    def current(self) -> int:
        return self._store().content_version()


class _Cache:
    """A small LRU of computed values, each valid for one content fingerprint."""

    def __init__(self, size: int = CACHE_ENTRIES) -> None:
        self._items: OrderedDict[tuple[str, str], tuple[int, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def peek(self, key: tuple[str, str], version: int) -> Any | None:
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != version:
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[1]

    def get(self, key: tuple[str, str], version: int, compute: Callable[[], T]) -> T:
        found = self.peek(key, version)
        if found is not None:
            return found  # type: ignore[no-any-return]
        with self._lock:
            self.misses += 1
        value = compute()
        with self._lock:
            self._items[key] = (version, value)
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# -- the application state -----------------------------------------------------------------------
class Web:
    """Per-app state: configuration, per-thread store and index connections, caches."""

    def __init__(self, location: str, *, api_token: str | None, allow_private: bool) -> None:
        self.location = location
        self.access = Access(api_token)
        self.allow_private = allow_private
        self._local = threading.local()
        self._generation = 0
        self._all: list[Store] = []
        self._all_lock = threading.Lock()
        self.write_lock = threading.Lock()  # monitor pages: one topic change at a time
        self._index_lock = threading.Lock()  # apart from write_lock: searches never wait for an ingest
        self.cache = _Cache()
        self.store()  # create the database (and its schema) before the first request
        self.versions = _Versions(self.store)
        self._indexed_version: int | None = None
        self.templates = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.filters["safe_url"] = safe_url
        self.templates.filters["day"] = lambda v: (v or "")[:10]
        self.templates.filters["jsondata"] = lambda v: json.dumps(v, ensure_ascii=False)
        self.templates.filters["urlq"] = lambda v: _q(str(v or ""))
        self.templates.filters["unquote"] = lambda v: str(v or "").strip(QUOTE_MARKS)
        self.templates.globals["version"] = __version__
        from pressespiegel.web.presentation import install as install_presentation

        install_presentation(self.templates, language())  # messages, plurals, dates, short titles

    # connections: one store per thread (sqlite3 objects belong to the thread that made them)
    def store(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None or getattr(self._local, "generation", -1) != self._generation:
            store = open_store(self.location)
            self._local.store = store
            self._local.generation = self._generation
            with self._all_lock:
                self._all.append(store)
        return store

    def close(self) -> None:
        with self._all_lock:
            for resource in self._all:
                with contextlib.suppress(Exception):  # another thread's connection may refuse
                    resource.close()
            self._all.clear()
            self._generation += 1
        self.cache.clear()
        self._indexed_version = None

    def render(self, template: str, **context: Any) -> str:
        return self.templates.get_template(template).render(**context)

    # search index: brought up to date with the store whenever the content changed
    def ensure_index(self, *, batches: int = 0) -> None:
        """Index what is not indexed yet: up to ``batches`` batches in this thread, the rest in a
        background thread. A request never waits: while another thread indexes, it is served
        from the index as it stands."""
        version = self.versions.current()
        if version == self._indexed_version or not self._index_lock.acquire(blocking=batches > 0):
            return
        try:
            for _ in range(batches):
                if self.store().index_pending(INDEX_BATCH) == 0:
                    self._indexed_version = self.versions.current()
                    return
        finally:
            self._index_lock.release()
        threading.Thread(target=self._index_in_background, name="search-index", daemon=True).start()

    def _index_in_background(self) -> None:
        if not self._index_lock.acquire(blocking=False):
            return  # another thread is at it
        try:
            store = open_store(self.location)  # this thread's own connection, closed when done
            try:
                while store.index_pending(INDEX_BATCH):
                    pass
                self._indexed_version = store.content_version()
            finally:
                store.close()
        except Exception:  # the index catches up on the next change; the server keeps serving
            log.exception("search indexing failed")
        finally:
            self._index_lock.release()

    # stories
    def stories(self) -> list[StoryRecord]:
        version = self.versions.current()
        return self.cache.get(("stories", ""), version, lambda: self.store().list_stories())

    def story(self, story_id: str) -> StoryRecord | None:
        return next((s for s in self.stories() if s.id == story_id), None)

    def digest(self, story_id: str) -> dict[str, Any] | None:
        from pressespiegel.pipeline import load_members
        from pressespiegel.report.digest import build_digest

        row = self.story(story_id)
        if row is None:
            return None
        version = self.versions.current()
        return self.cache.get(
            ("digest", story_id), version,
            lambda: build_digest(row, load_members(self.store(), story_id)).to_json(),
        )  # fmt: skip

    def story_of(self) -> dict[str, str]:
        """Article id → story id, for every grouped article."""
        version = self.versions.current()
        return self.cache.get(("story_of", ""), version, lambda: self.store().story_of())

    # ingest
    def run_ingest(self, urls: list[str], uploads: list[tuple[str, bytes]]) -> dict[str, Any]:
        """Ingest URLs and uploaded files (already size-checked) in the ingest worker process;
        return the per-source results."""
        from pressespiegel.web.jobs import empty_result, run_in_worker

        if not urls and not uploads:  # nothing to do: no worker (and its models) for that
            return empty_result()
        result = run_in_worker(self.location, urls, uploads, allow_private=self.allow_private)
        self.cache.clear()
        self.ensure_index()
        return result


# -- request models ------------------------------------------------------------------------------
class IngestRequest(BaseModel):
    """URLs of pages or RSS/Atom feeds to fetch, clean, analyze and group into stories."""

    urls: list[str] = Field(default_factory=list, max_length=MAX_URLS)


def create_app(
    location: str | Path,
    *,
    api_token: str | None,
    allow_private: bool = False,
    hosts: HostPolicy | None = None,
) -> FastAPI:
    """The FastAPI app serving the store at ``location`` (a SQLite file or a PostgreSQL URL); see
    the module docstring for the write policy.

    ``api_token`` None switches writes off; ``hosts`` is the Host allow-list (default: a server
    bound to 127.0.0.1).
    """
    web = Web(str(location), api_token=api_token, allow_private=allow_private)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # index what was ingested while we were down (a large backlog: in the background)
        await run_in_threadpool(lambda: web.ensure_index(batches=STARTUP_INDEX_BATCHES))
        yield
        web.close()
        from pressespiegel.web import jobs

        await run_in_threadpool(jobs.shutdown)  # no worker outlives the server

    app = FastAPI(
        lifespan=lifespan,
        title="pressespiegel",
        version=__version__,
        description="Stories, articles, quotations and entities of a pressespiegel store. "
        "Reads are open; POST /api/ingest needs the access token (Authorization: Bearer TOKEN).",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    app.state.web = web
    limits = {"/ingest": MAX_REQUEST_BYTES, "/api/ingest": MAX_REQUEST_BYTES, "/login": MAX_LOGIN_BYTES}
    app.add_middleware(Guard, access=web.access, hosts=hosts or HostPolicy.for_bind("127.0.0.1"),
                       body_limits=limits)  # fmt: skip
    app.add_middleware(SecurityHeaders)  # outermost: the guard's refusals carry the headers too
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def page(template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(web.render(template, **context), status_code=status_code)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page("error.html", exc.status_code, status=exc.status_code, detail=str(exc.detail))

    # -- pages -----------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def front() -> HTMLResponse:
        version = web.versions.current()

        def compute() -> str:
            rows = []
            for story in web.stories()[:FRONT_PAGE_STORIES]:
                digest = web.digest(story.id) or {}
                summary = digest.get("summary") or []
                rows.append({
                    "story": story, "coverage": digest.get("coverage") or {},
                    "lead": summary[0]["text"] if summary else "",
                    "series": per_day(s.get("published") for s in digest.get("sources") or []),
                })  # fmt: skip
            return web.render("index.html", rows=rows, total=len(web.stories()))

        return HTMLResponse(web.cache.get(("page", "/"), version, compute))

    @app.get("/story/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    async def story_page(story_id: str) -> HTMLResponse:
        version = web.versions.current()
        cached = web.cache.peek(("story-page", story_id), version)
        if cached is not None:
            return HTMLResponse(cached)
        html = await run_in_threadpool(_render_story, story_id)
        return HTMLResponse(html)

    def _render_story(story_id: str) -> str:
        version = web.versions.current()

        def compute() -> str:
            digest = web.digest(story_id)
            if digest is None:
                raise HTTPException(404, f"Kein Thema mit der Kennung {story_id!r}")
            members = [m.to_json() for m in web.store().story_members(story_id)]
            urls: dict[str, Any] = {s["article"]: s.get("url") for s in digest["sources"]}
            langs: dict[str, Any] = {s["article"]: s.get("language") for s in digest["sources"]}
            origins = [m for m in members if not m["copy_of"]]
            groups: list[dict[str, Any]] = [
                {"origin": {**o, "url": urls.get(o["id"]), "language": langs.get(o["id"])},
                 "copies": [{**c, "url": urls.get(c["id"]), "language": langs.get(c["id"])} for c in members
                            if c["copy_of"] and c["origin"] == o["id"]]}
                for o in origins
            ]  # fmt: skip
            timeline = [
                {"x": approx_day(e["date"]), "label": date_label(e["date"], language()),
                 "text": e["text"][:140], "n": e["origins"], "anchor": f"t{i}",
                 "bg": bool(e.get("background"))}
                for i, e in enumerate(digest["timeline"]) if approx_day(e["date"])
            ]  # fmt: skip
            series = per_day(s.get("published") for s in digest["sources"])
            return web.render("story.html", d=digest, groups=groups, timeline=timeline, series=series)

        return web.cache.get(("story-page", story_id), version, compute)

    @app.get("/article/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        article = web.store().get_article(article_id)
        if article is None:
            raise HTTPException(404, f"Kein Artikel mit der Kennung {article_id!r}")
        story_id = web.story_of().get(article.id)
        story = web.story(story_id) if story_id else None
        entities = Counter(
            (str(e.get("name") or e.get("text")), str(e.get("label")))
            for e in (article.analysis or {}).get("entities") or []
        )
        return page(
            "article.html", a=article, paragraphs=annotate(article), story=story,
            quotes=[q for q in (article.analysis or {}).get("quotes") or [] if q.get("speaker_name")],
            entities=[(name, label, n) for (name, label), n in entities.most_common()],
            source_url=safe_url(article.url),
        )  # fmt: skip

    @app.get("/entity", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(name: str = Query(..., max_length=200)) -> HTMLResponse:
        web.ensure_index()
        info = entity_info(name)
        if not info["articles"] and not info["statements"]:
            raise HTTPException(404, f"Niemand namens {name!r} in den Artikeln")
        return page("entity.html", **info)

    def entity_info(name: str) -> dict[str, Any]:
        store = web.store()
        mentions = store.entity_articles(name)
        statements = [q.to_json() for q in store.quotes(speaker=name)]
        labels = Counter(label for _, label in mentions)
        article_ids = list(dict.fromkeys([a for a, _ in mentions] + [q["article"] for q in statements]))
        story_of = web.story_of()
        stories_by_id = {s.id: s for s in web.stories()}
        counts = Counter(story_of[a] for a in article_ids if a in story_of)
        stories: list[dict[str, Any]] = [
            {**stories_by_id[s].to_json(), "mentions": n}
            for s, n in counts.most_common()
            if s in stories_by_id
        ]
        for statement in statements:
            statement["story"] = story_of.get(statement["article"])
        return {
            "name": name, "label": labels.most_common(1)[0][0] if labels else None,
            "articles": article_ids, "statements": statements, "stories": stories,
            "co": [c.to_json() for c in store.co_mentions(article_ids, name)],
            "series": per_day(q["published"] for q in statements),
        }  # fmt: skip

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(
        request: Request,
        q: str = Query("", max_length=500),
        since: str = Query("", alias="from", max_length=10),
        until: str = Query("", alias="to", max_length=10),
        outlet: str = Query("", max_length=200),
        language: str = Query("", max_length=10),
        speaker: str = Query("", max_length=200),
        author: str = Query("", max_length=200),
        page_no: int = Query(1, alias="page", ge=1, le=1000),
    ) -> HTMLResponse:
        # results of a query stay valid until the store changes: popular queries come from the cache
        key = ("search-page", "\x00".join((q, since, until, outlet, language, speaker, author, str(page_no))))
        cached = web.cache.peek(key, web.versions.current())
        if cached is not None:
            return HTMLResponse(cached)

        def render() -> str:
            web.ensure_index()
            version = web.versions.current()
            store = web.store()
            filters = Filters(since=_iso_day(since), until=_iso_day(until), outlet=outlet or None,
                              language=language or None, speaker=speaker or None,
                              author=author or None)  # fmt: skip
            query = SearchQuery.parse(q)
            hits, total = store.search(query, filters, limit=20, offset=(page_no - 1) * 20) if q else ([], 0)
            html = web.render(
                "search.html", q=q, hits=hits, total=total, facets=store.facets(), page_no=page_no,
                f={"from": since, "to": until, "outlet": outlet, "language": language, "speaker": speaker,
                   "author": author},
                highlight_title=lambda t: highlight(t, SearchQuery.parse(q)),
            )  # fmt: skip
            return web.cache.get(key, version, lambda: html)

        return HTMLResponse(await run_in_threadpool(render))

    def ingest_page(request: Request, status_code: int = 200, **context: Any) -> HTMLResponse:
        context = {"result": None, "refused": None, **context}
        return page("ingest.html", status_code, writes=web.access.writes_enabled,
                    logged_in=web.access.session_ok(request), csrf=web.access.csrf,
                    max_mb=MAX_UPLOAD_BYTES // 2**20, **context)  # fmt: skip

    @app.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
    def ingest_form(request: Request) -> HTMLResponse:
        return ingest_page(request)

    @app.post("/login", response_class=HTMLResponse, include_in_schema=False)
    async def login(request: Request) -> Response:
        """The login form: the token once, then the session cookie (see web.security)."""
        try:
            web.access.check_same_site(request)
        except StarletteHTTPException as exc:
            return ingest_page(request, 403, refused=f"Anmeldung verweigert: {exc.detail}")
        form = await request.form(max_files=0, max_fields=3)
        given = form.get("token")
        if not web.access.token_ok(given if isinstance(given, str) else None):
            return ingest_page(request, 403, refused="Anmeldung verweigert: das Token ist falsch.")
        response = Response(status_code=303, headers={"location": "/ingest", "cache-control": "no-store"})
        response.headers["set-cookie"] = web.access.session_cookie(secure=request.url.scheme == "https")
        return response

    @app.post("/ingest", response_class=HTMLResponse, include_in_schema=False)
    async def ingest_submit(request: Request) -> HTMLResponse:
        try:
            credential = web.access.authorize_write(request)  # before a byte of the body is read
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
            if credential == "session":
                web.access.check_csrf(form.get(CSRF_FIELD))
        except StarletteHTTPException as exc:
            return ingest_page(request, exc.status_code, refused=f"Schreibzugriff verweigert: {exc.detail}")
        raw_urls = form.get("urls")
        urls = [u.strip() for u in (raw_urls if isinstance(raw_urls, str) else "").splitlines() if u.strip()]
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and f.filename]
        uploads, problems = await _read_uploads(files)
        if len(urls) > MAX_URLS:
            problems.append({"source": "URLs", "errors": [f"höchstens {MAX_URLS} URLs auf einmal"],
                             "warnings": [], "articles": []})  # fmt: skip
            urls = urls[:MAX_URLS]
        result = await run_in_threadpool(web.run_ingest, urls, uploads)
        result["sources"] = problems + result["sources"]
        result["failed"] += sum(len(p["errors"]) for p in problems)
        return ingest_page(request, result=result)

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response((HERE / "static" / "favicon.svg").read_bytes(), media_type="image/svg+xml")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        spec = app.openapi()
        endpoints = [
            {"method": method.upper(), "path": path, "summary": op.get("summary", ""),
             "description": op.get("description", ""),
             "params": [(p["name"], p["in"], p.get("required", False)) for p in op.get("parameters", [])]}
            for path, ops in spec["paths"].items() for method, op in ops.items()
        ]  # fmt: skip
        return page("docs.html", endpoints=endpoints, info=spec["info"])

    # -- JSON API --------------------------------------------------------------------------------
    @app.get("/api/stories", summary="Stories, most independent origins first, then most recent")
    def api_stories(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        stories = web.stories()
        return {"total": len(stories), "stories": [s.to_json() for s in stories[offset : offset + limit]]}

    @app.get("/api/stories/{story_id}", summary="A story's digest: summary, timeline, quotes, contradictions")
    def api_story(story_id: str) -> dict[str, Any]:
        digest = web.digest(story_id)
        if digest is None:
            raise HTTPException(404, f"no story {story_id!r}")
        return digest

    @app.get("/api/articles", summary="Articles (metadata), oldest first")
    def api_articles(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        story_of = web.story_of()
        rows: list[dict[str, Any]] = []
        for article in web.store().iter_articles(offset=offset, limit=limit):
            rows.append({
                "id": article.id, "title": article.title, "outlet": article.outlet, "url": article.url,
                "agency": article.agency, "authors": list(article.authors), "language": article.language,
                "published": article.published.value if article.published else None,
                "story": story_of.get(article.id),
            })  # fmt: skip
        return {"total": web.store().count_articles(), "articles": rows}

    @app.get("/api/articles/{article_id}", summary="One article with its analysis and removed boilerplate")
    def api_article(article_id: str) -> dict[str, Any]:
        article = web.store().get_article(article_id)
        if article is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return {**article_to_dict(article), "story": web.story_of().get(article.id)}

    @app.get("/api/quotes", summary="Quotations with a speaker, oldest first")
    def api_quotes(
        speaker: str | None = Query(None, max_length=200, description="part of the speaker's name"),
        limit: int = Query(500, ge=1, le=5000),
    ) -> dict[str, Any]:
        web.ensure_index()
        quotes = web.store().quotes(speaker=speaker or None, limit=limit)
        return {"quotes": [q.to_json() for q in quotes]}

    @app.get("/api/entities", summary="Named entities by the number of articles mentioning them")
    def api_entities(
        label: str | None = Query(None, max_length=10, description="PER, ORG, LOC or MISC"),
        limit: int = Query(200, ge=1, le=5000),
    ) -> dict[str, Any]:
        web.ensure_index()
        return {"entities": [e.to_json() for e in web.store().entities(label=label or None, limit=limit)]}

    @app.get("/api/entities/{name}", summary="A person or organisation: statements, stories, co-mentions")
    def api_entity(name: str) -> dict[str, Any]:
        web.ensure_index()
        return entity_info(name)

    @app.get("/api/search", summary="Full-text search over titles, texts and quotations (German lemmas)")
    def api_search(
        q: str = Query(..., max_length=500),
        since: str | None = Query(None, alias="from", description="first day, YYYY-MM-DD"),
        until: str | None = Query(None, alias="to", description="last day, YYYY-MM-DD"),
        outlet: str | None = Query(None, max_length=200),
        language: str | None = Query(None, max_length=10),
        speaker: str | None = Query(None, max_length=200),
        author: str | None = Query(None, max_length=200, description="part of an author's name"),
        limit: int = Query(20, ge=1, le=200),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        web.ensure_index()
        filters = Filters(since=_iso_day(since), until=_iso_day(until), outlet=outlet or None,
                          language=language or None, speaker=speaker or None,
                          author=author or None)  # fmt: skip
        hits, total = web.store().search(SearchQuery.parse(q), filters, limit=limit, offset=offset)
        return {"query": q, "total": total, "hits": [h.to_json() for h in hits]}

    @app.post(
        "/api/ingest",
        summary="Ingest URLs (JSON {\"urls\": [...]}) or uploaded files (multipart field 'files')",
        description="Needs `Authorization: Bearer TOKEN` (the token `pressespiegel serve` printed, or "
        "a session cookie plus `X-CSRF-Token`). Files are limited to "
        f"{MAX_UPLOAD_BYTES // 2**20} MB each, {MAX_UPLOAD_FILES} per request, "
        f"{MAX_REQUEST_BYTES // 2**20} MB in all; URLs must be public http(s) addresses.",
        openapi_extra={"requestBody": {"content": {
            "application/json": {"schema": IngestRequest.model_json_schema()},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
        }}},
    )  # fmt: skip
    async def api_ingest(request: Request) -> JSONResponse:
        if web.access.authorize_write(request) == "session":  # before a byte of the body is read
            web.access.check_csrf(request.headers.get(CSRF_HEADER))
        content_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        uploads: list[tuple[str, bytes]] = []
        problems: list[dict[str, Any]] = []
        urls: list[str] = []
        if content_type == "multipart/form-data":
            form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=10)
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
            uploads, problems = await _read_uploads(files)
        elif content_type != "application/json":  # a text/plain form body is no JSON request
            raise HTTPException(415, "send JSON (Content-Type: application/json) or multipart/form-data")
        else:
            try:
                body = IngestRequest.model_validate_json(await request.body())
            except ValueError as exc:
                raise HTTPException(422, f'expected JSON {{"urls": [...]}} ({str(exc)[:200]})') from None
            urls = body.urls
        result = await run_in_threadpool(web.run_ingest, urls, uploads)
        result["sources"] = problems + result["sources"]
        result["failed"] += sum(len(p["errors"]) for p in problems)
        return JSONResponse(result, status_code=200)

    from pressespiegel.web.monitor import install as install_monitoring

    install_monitoring(app, web)  # topics, their Atom feeds, feed health (issue 18)
    return app


def _iso_day(value: str | None) -> str | None:
    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


async def _read_uploads(files: list[UploadFile]) -> tuple[list[tuple[str, bytes]], list[dict[str, Any]]]:
    """The uploads' contents, and a problem entry for each file over the size limit."""
    uploads: list[tuple[str, bytes]] = []
    problems: list[dict[str, Any]] = []
    for upload in files:
        name = upload.filename or "upload"
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        await upload.close()
        if len(data) > MAX_UPLOAD_BYTES:
            problems.append({"source": name, "warnings": [], "articles": [], "errors": [
                f"Datei zu groß (über {MAX_UPLOAD_BYTES // 2**20} MB); nicht eingelesen"]})  # fmt: skip
        elif not data:
            problems.append({"source": name, "warnings": [], "articles": [], "errors": ["leere Datei"]})
        else:
            uploads.append((name, data))
    return uploads, problems


__all__ = ["MAX_UPLOAD_BYTES", "SecurityHeaders", "Web", "annotate", "create_app", "safe_url"]
