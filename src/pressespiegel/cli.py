"""Command line: ``pressespiegel ingest``, ``pressespiegel articles list|show|export``.

User errors print one line naming the source and the problem, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from pressespiegel import __version__
from pressespiegel.console import IngestProgress, plural, skipped_summary, tidy_help
from pressespiegel.errors import PressespiegelError, SourceError
from pressespiegel.ingest import BATCH_SIZE, Limits, ingest
from pressespiegel.ingest.items import Notice
from pressespiegel.ingest.sources import expand, read_source
from pressespiegel.ingest.workers import default_workers
from pressespiegel.records import Article
from pressespiegel.store import Store, index_all, open_store
from pressespiegel.store.codec import article_to_dict

DEFAULT_DB = "pressespiegel.db"
# Texts per entity-model batch in `analyze`: batching is ~15 % faster; 64 keeps memory small.
ANALYZE_BATCH = 64

app = typer.Typer(
    help="pressespiegel: a self-hosted media monitor. Ingest news, clean it, and look at what is stored.\n\n"
    "Start with:  pressespiegel ingest ./articles/   then   pressespiegel articles list",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
articles_app = typer.Typer(help="Look at stored articles: list, show one, export all.", no_args_is_help=True)
app.add_typer(articles_app, name="articles")
stories_app = typer.Typer(
    help="Stories: articles about one event, agency copies counted once. Built online as articles arrive.",
    no_args_is_help=True,
)
app.add_typer(stories_app, name="stories")
storylines_app = typer.Typer(
    help="Storylines: stories about the same subject across months.", no_args_is_help=True
)
app.add_typer(storylines_app, name="storylines")

#: Width for tables when output is not a terminal (a pipe or a log), where rich would assume 80.
PIPE_WIDTH = 150
out = Console(highlight=False, soft_wrap=True)
if not out.is_terminal:
    out = Console(highlight=False, soft_wrap=True, width=PIPE_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="PRESSESPIEGEL_DB",
        help="SQLite database file (created if missing) or a PostgreSQL URL "
        "postgresql://user:password@host:port/dbname (the database must exist). Also read from "
        "$PRESSESPIEGEL_DB.",
        show_default=True,
    ),
]

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        envvar="PRESSESPIEGEL_LANG",
        show_default=False,
        help="Language of the review: de (default) or en. Also read from $PRESSESPIEGEL_LANG.",
    ),
]


class Format(StrEnum):
    text = "text"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        out.print(f"pressespiegel {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """pressespiegel: ingest news, clean it, and look at what is stored."""


@contextmanager
def _store(db: str, *, create: bool = False) -> Iterator[Store]:
    """The store at ``db``; one line and exit 2 if it cannot be opened. Only the commands that
    write (``create``: ingest, watch, topics add, serve) make a new database: a mistyped
    ``--db`` for a read command is an error, not a silently empty result."""
    if not create and "://" not in str(db) and not Path(db).exists():
        err.print(f"[red]error:[/] database {_escape(str(db))} does not exist (`pressespiegel ingest "
                  f"--db {_escape(str(db))} FILES` creates it)", markup=True)  # fmt: skip
        raise typer.Exit(2)
    try:
        store = open_store(db)
    except PressespiegelError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True)
        raise typer.Exit(2) from None
    try:
        yield store
    finally:
        store.close()


@app.command("ingest")
def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (walked), URLs of pages or RSS/Atom feeds. Files may be plain text, "
            "HTML, JSONL (one article per line: text or html, optional id, url, title, published, outlet), "
            "RSS/Atom or WARC(.gz). A text or HTML file may have metadata beside it in FILE.meta.json.",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    allow_private: Annotated[
        bool, typer.Option(help="Allow URLs on private, loopback and link-local addresses (off: SSRF guard).")
    ] = False,
    fetch_items: Annotated[
        bool, typer.Option("--fetch-items/--no-fetch-items", help="Fetch each feed item's page.")
    ] = True,
    max_bytes: Annotated[
        int, typer.Option(help="Largest single document in bytes.")
    ] = Limits().max_document_bytes,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only problems and the summary.")
    ] = False,
    group: Annotated[
        bool, typer.Option("--group/--no-group", help="Assign new articles to stories after ingesting.")
    ] = True,
    analyze: Annotated[
        bool,
        typer.Option(
            "--analyze/--no-analyze", help="Find sentences, entities, quotes and dates while ingesting."
        ),
    ] = True,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-j", min=1, show_default="the machine's cores",
            help="Processes that extract, clean and analyze (each loads the models once, ~0.8 GB). "
            "Used when the input holds more than one batch of "
            f"{BATCH_SIZE} documents; grouping runs after, in time order. Any N stores the same as 1.",
        ),
    ] = None,
) -> None:
    """Read, clean and store articles. Re-ingesting the same article changes nothing.

    Each bad input gets one line naming it and the problem; the run goes on with the rest and
    exits with status 1 if any input failed.
    """
    limits = Limits(allow_private=allow_private, fetch_feed_items=fetch_items, max_document_bytes=max_bytes)
    skipped: list[tuple[str, str]] = []
    paths = [path for source in sources for path in expand(source, lambda p, why: skipped.append((p, why)))]

    if note := skipped_summary(skipped):
        err.print(f"[yellow]note:[/] {_escape(note)}", markup=True)
    with _store(db, create=True) as store:
        progress = IngestProgress(err, len(paths), enabled=err.is_terminal and not quiet)
        with progress:
            try:
                report = ingest(
                    paths, store, limits=limits, analyze=analyze, read=progress.counting(read_source),
                    on_source=progress.source_done, on_problem=print_problem,
                    workers=workers or default_workers(),
                )  # fmt: skip
            except PressespiegelError as exc:
                err.print(f"[red]error:[/] {_escape(str(exc))}", markup=True)
                raise typer.Exit(2) from None
        grouped = _group(store, quiet=quiet) if group else 0
        location = store.location
        if report.added:
            from pressespiegel.topics import refresh_topics

            refresh_topics(store)  # followed topics see the new articles at once
    summary = (
        f"{plural(report.sources, 'source')}, {plural(report.documents, 'document')}: "
        f"{report.added:,} new {'article' if report.added == 1 else 'articles'}, "
        f"{report.existing:,} already stored, {(report.errors and len(report.errors)) or 0:,} failed"
        + (f", {plural(len(report.notices), 'warning')}" if report.notices else "")
        + (f", {plural(len(skipped), 'file')} skipped" if skipped else "")
        + (f"; {grouped:,} grouped into stories" if grouped else "")
        + f" → {location}"
    )
    err.print(summary) if quiet else out.print(summary)
    if report.errors:
        raise typer.Exit(1)


def print_problem(item: SourceError | Notice) -> None:
    """One line on standard error for a bad input (error) or something to know (warning)."""
    if isinstance(item, SourceError):
        err.print(f"[red]error:[/] {_escape(str(item))}", markup=True)
    else:
        err.print(f"[yellow]warning:[/] {_escape(item.source)}: {_escape(item.message)}", markup=True)


def _group(store: Store, *, rebuild: bool = False, quiet: bool = False) -> int:
    """Group what is not grouped yet (waiting while another process groups), then bring the
    search index up to date; each in short transactions of their own."""
    from pressespiegel.pipeline import update_stories

    def on_problem(source: str, message: str) -> None:
        err.print(f"[red]error:[/] {_escape(source)}: {_escape(message)}", markup=True)

    progress = Progress(TextColumn("grouping"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=quiet or not err.is_terminal)  # fmt: skip
    try:
        with progress:
            task = progress.add_task("group", total=None)
            grouped = update_stories(
                store, rebuild=rebuild, on_problem=on_problem,
                on_step=lambda done, total: progress.update(task, completed=done, total=total),
            )  # fmt: skip
            index_all(store)
    except PressespiegelError as exc:
        err.print(f"[red]error:[/] {_escape(str(exc))}", markup=True)
        raise typer.Exit(2) from None
    return grouped


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


@articles_app.command("list")
def articles_list(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="Show at most this many (0: all).")] = 0,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON array.")] = Format.text,
) -> None:
    """List stored articles: id, publication date, outlet, agency, language, title."""
    with _store(db) as store:
        articles = list(store.iter_articles())
    total = len(articles)
    if limit:
        articles = articles[:limit]
    shown = f"{len(articles):,} of {total:,}" if len(articles) < total else f"{total:,}"
    if format is Format.json:
        rows = [
            {k: article_to_dict(a)[k] for k in ("id", "published", "outlet", "agency", "language", "title")}
            for a in articles
        ]
        out.print_json(json.dumps(rows, ensure_ascii=False)) if out.is_terminal else print(
            json.dumps(rows, ensure_ascii=False, indent=2)
        )
        return
    table = Table(
        title=f"{shown} {'article' if total == 1 else 'articles'} in {_shown_db(db)}", show_lines=False
    )
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", min_width=8, max_width=22)
    table.add_column("agency", no_wrap=True, overflow="ellipsis", min_width=6, max_width=18)
    table.add_column("lang", no_wrap=True, min_width=4)
    table.add_column("title (or lead)", no_wrap=True, overflow="ellipsis", max_width=80)
    for a in articles:
        table.add_row(
            a.id, a.published.value if a.published else "–", a.outlet or "–", a.agency or "–",
            a.language or "–", _title_cell(a),
        )  # fmt: skip
    out.print(table)


def _title_cell(article: Article) -> str:
    """Title, or the start of the lead for wire copies without one (dimmed); markup-safe."""
    cell = _escape(article.title) if article.title else f"[dim]{_escape((article.lead or '')[:120])}[/]"
    return cell + (" (teaser)" if article.teaser else "")


@articles_app.command("show")
def articles_show(
    article_id: Annotated[
        str, typer.Argument(metavar="ID", help="Article id or a unique prefix (6+ chars).")
    ],
    db: DbOption = DEFAULT_DB,
    boilerplate: Annotated[bool, typer.Option(help="Also show what cleaning removed, and why.")] = False,
    format: Annotated[Format, typer.Option("--format", help="text or JSON.")] = Format.text,
) -> None:
    """Show one article: metadata, clean text, and optionally the removed boilerplate."""
    with _store(db) as store:
        article = store.get_article(article_id)
    if article is None:
        err.print(f"[red]error:[/] no article with id {_escape(article_id)!r} in {_shown_db(db)}",
                  markup=True)  # fmt: skip
        raise typer.Exit(1)
    if format is Format.json:
        print(json.dumps(article_to_dict(article), ensure_ascii=False, indent=2))
        return
    _print_article(article, boilerplate)


def _print_article(article: Article, boilerplate: bool) -> None:
    p = article.published
    out.print(f"[bold]{_escape(article.title or '(no title)')}[/]", markup=True)
    out.print(f"id:        {article.id}")
    out.print(f"source:    {_escape(article.source)}")
    out.print(f"outlet:    {article.outlet or '–'}    agency: {article.agency or '–'}")
    out.print(f"authors:   {_escape(', '.join(article.authors)) or '–'}")
    published = f"{p.value} ({p.method}{', reliable' if p.reliable else ', unsure'})" if p else "ohne Datum"
    out.print(f"published: {published}")
    out.print(
        f"language:  {article.language} ({article.language_score:.2f})    teaser only: {article.teaser}"
    )
    out.print()
    for paragraph in article.paragraphs:
        text = _escape(paragraph.text)
        if paragraph.kind == "heading":
            out.print(f"[bold]{text}[/]", markup=True)
        elif paragraph.kind == "list":
            out.print(f"  • {text}", markup=True)
        else:
            out.print(text, markup=True)
        out.print()
    if boilerplate:
        out.print(f"[dim]— removed ({len(article.boilerplate)}) —[/]", markup=True)
        for removed in article.boilerplate:
            out.print(f"[dim]{removed.reason:>17}[/] {_escape(removed.text)}", markup=True)


@articles_app.command("export")
def articles_export(
    db: DbOption = DEFAULT_DB,
    format: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.jsonl,
    output: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file instead of standard output.")
    ] = None,
) -> None:
    """Export every article as JSON Lines: id, source, outlet, agency, title, published (+ method,
    reliable), language, teaser, text (paragraphs separated by blank lines), and more."""
    with _store(db) as store:
        lines = (json.dumps(article_to_dict(a), ensure_ascii=False) + "\n" for a in store.iter_articles())
        if output is None:
            sys.stdout.writelines(lines)
            return
        tmp = output.with_name(output.name + ".part")
        with tmp.open("w", encoding="utf-8") as handle:
            handle.writelines(lines)
        os.replace(tmp, output)  # a reader never sees a half-written export
    err.print(f"wrote {output}")


def _shown_db(db: str) -> str:
    """The database as messages name it (a URL's password masked)."""
    from pressespiegel.store import is_url

    if not is_url(db):
        return db
    from pressespiegel.store.postgres import masked

    return masked(db)


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


@stories_app.command("list")
def stories_list(
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON array.")] = Format.text,
    limit: Annotated[int, typer.Option(help="Show at most this many (0: all).")] = 0,
) -> None:
    """List stories, most independent origins first: label, time span, articles, origins, storyline.

    JSON fields: id, label, storyline, first, last, articles (member ids), origins, size, key_terms.
    """
    with _store(db) as store:
        every = store.list_stories()
        stories = every[: limit or None]
        members = {s.id: [m.id for m in store.story_members(s.id)] for s in stories}
    if format is Format.json:
        _print_json([{**s.to_json(), "articles": members[s.id]} for s in stories])
        return
    shown = f"{len(stories):,} of {len(every):,}" if len(stories) < len(every) else f"{len(stories):,}"
    table = Table(title=f"{shown} {'story' if len(every) == 1 else 'stories'} in {_shown_db(db)}")
    table.add_column("id", no_wrap=True, min_width=15)
    table.add_column("first – last", no_wrap=True, min_width=23)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("origins", justify="right", no_wrap=True)
    table.add_column("storyline", no_wrap=True, min_width=16)
    table.add_column("label", no_wrap=True, overflow="ellipsis", max_width=60)
    for s in stories:
        span = f"{s.first[:10]} – {s.last[:10]}" if s.first[:10] != s.last[:10] else s.first[:10]
        table.add_row(s.id, span, str(s.size), str(s.origins), s.storyline, _escape(s.label))
    out.print(table)


@stories_app.command("show")
def stories_show(
    story_id: Annotated[str, typer.Argument(metavar="ID", help="Story id (from stories list).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="text or JSON.")] = Format.text,
) -> None:
    """Show one story: its members grouped as origins with their copies."""
    with _store(db) as store:
        story = store.get_story(story_id)
        if story is None:
            err.print(f"[red]error:[/] no story with id {_escape(story_id)!r} in {_shown_db(db)}",
                      markup=True)  # fmt: skip
            raise typer.Exit(1)
        members = store.story_members(story_id)
    if format is Format.json:
        _print_json({**story.to_json(), "articles": [m.to_json() for m in members]})
        return
    out.print(f"[bold]{_escape(story.label)}[/]", markup=True)
    out.print(f"{story.id} · storyline {story.storyline} · {story.first[:10]} … {story.last[:10]}")
    out.print(
        f"{plural(story.size, 'article')}, {plural(story.origins, 'independent origin')} · "
        f"{', '.join(story.key_terms)}"
    )
    out.print()
    for m in members:
        if m.copy_of:
            continue
        out.print(
            f"• {m.published or '–':10} {m.outlet or '–':22} {_escape(m.title or '')}  [dim]{m.id}[/]",
            markup=True,
        )
        for c in members:
            if c.copy_of and c.origin == m.id:
                out.print(f"    copy: {c.published or '–':10} {c.outlet or '–':22} [dim]{c.id}[/]",
                          markup=True)  # fmt: skip


@stories_app.command("rebuild")
def stories_rebuild(db: DbOption = DEFAULT_DB) -> None:
    """Regroup every article from scratch, in the order they were first grouped (same result as online)."""
    with _store(db) as store:
        n = _group(store, rebuild=True)
        stories = len(store.list_stories())
    out.print(f"regrouped {plural(n, 'article')} into {plural(stories, 'story', 'stories')}")


@storylines_app.command("list")
def storylines_list(
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON array.")] = Format.text,
) -> None:
    """List storylines, most stories first."""
    with _store(db) as store:
        lines = store.list_storylines()
    if format is Format.json:
        _print_json([line.to_json() for line in lines])
        return
    table = Table(title=f"{plural(len(lines), 'storyline')} in {_shown_db(db)}")
    for column in ("id", "first … last", "stories", "label"):
        table.add_column(
            column, no_wrap=True, overflow="ellipsis", max_width=80 if column == "label" else None
        )
    for line in lines:
        span = f"{line.first[:10]} … {line.last[:10]}"
        table.add_row(line.id, span, str(line.stories), _escape(line.label))
    out.print(table)


@storylines_app.command("show")
def storylines_show(
    storyline_id: Annotated[str, typer.Argument(metavar="ID", help="Storyline id (from storylines list).")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[Format, typer.Option("--format", help="text or JSON.")] = Format.text,
) -> None:
    """Show a storyline: its stories in time order."""
    with _store(db) as store:
        line = next((x for x in store.list_storylines() if x.id == storyline_id), None)
        stories = sorted(store.list_stories(storyline=storyline_id), key=lambda s: s.first)
    if line is None:
        err.print(
            f"[red]error:[/] no storyline with id {_escape(storyline_id)!r} in {_shown_db(db)}", markup=True
        )
        raise typer.Exit(1)
    if format is Format.json:
        _print_json({**line.to_json(), "stories": [s.to_json() for s in stories]})
        return
    count = plural(len(stories), "story", "stories")
    out.print(f"[bold]{_escape(line.label)}[/]  ({line.id}, {count})", markup=True)
    for s in stories:
        out.print(
            f"  {s.first[:10]} … {s.last[:10]}  {s.size:3} art. {s.origins:3} orig.  "
            f"{_escape(s.label)}  [dim]{s.id}[/]",
            markup=True,
        )


@app.command("analyze")
def analyze_command(
    input: Annotated[
        Path,
        typer.Option("--input", "-i", help="JSONL: one {id, text, published?, language?} per line."),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL to write: id + the analysis.")],
    language: Annotated[
        str | None,
        typer.Option(help="Language of lines without a `language` field (default: detect per text)."),
    ] = None,
) -> None:
    """Analyze texts without storing them: sentences, entities, quotes (speaker, role, cue) and dates.

    Each text gets the stages of its language: German all of them, English quotes and dates,
    other languages sentences only (see README). The language is the line's `language` field,
    else --language, else detected. Output lines keep `id` and add `language`, `sentences`,
    `entities`, `quotes`, `dates`; offsets are character offsets into the input `text`; dates are
    normalized against `published`.
    """
    from pressespiegel.analyze import Document, analyze_texts, publication_day, resolve_language

    try:
        lines = input.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        err.print(f"[red]error:[/] {_escape(str(input))}: cannot read ({_escape(str(exc))})", markup=True)
        raise typer.Exit(2) from None
    failed = done = 0
    tmp = output.with_name(output.name + ".part")
    progress = Progress(TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=err, transient=True, disable=not err.is_terminal)  # fmt: skip
    pending: list[tuple[object, Document]] = []

    def write_pending(handle: IO[str]) -> int:
        results = analyze_texts([doc for _, doc in pending])
        for (doc_id, doc), result in zip(pending, results, strict=True):
            record = {"id": doc_id, "language": doc.language, **result.to_json()}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count = len(pending)
        pending.clear()
        return count

    with tmp.open("w", encoding="utf-8") as handle, progress:
        task = progress.add_task("analyze", total=len(lines))
        for number, line in enumerate(lines, start=1):
            progress.advance(task)
            if len(pending) >= ANALYZE_BATCH:
                done += write_pending(handle)
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                    raise ValueError('needs a JSON object with a string "text"')
            except ValueError as exc:
                err.print(
                    f"[red]error:[/] {_escape(str(input))} line {number}: {_escape(str(exc))}", markup=True
                )
                failed += 1
                continue
            published = publication_day(str(doc["published"])) if doc.get("published") else None
            given = doc.get("language") if isinstance(doc.get("language"), str) else language
            lang = resolve_language(doc["text"], given)
            document = Document(text=doc["text"], published=published, language=lang)
            pending.append((doc.get("id", number), document))
        done += write_pending(handle)
    os.replace(tmp, output)
    out.print(f"analyzed {plural(done, 'text')} → {output}"
              + (f"; {plural(failed, 'line')} failed" if failed else ""))  # fmt: skip
    if failed:
        raise typer.Exit(1)


@app.command("serve")
def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token_file: Annotated[
        Path | None,
        typer.Option(
            help="File holding the access token that ingest needs (first line). Default: "
            "$PRESSESPIEGEL_TOKEN, else pressespiegel.token next to the database (made on first start)."
        ),
    ] = None,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            show_default=False,
            help="The access token itself (visible to every user in the process list: prefer "
            "--token-file or $PRESSESPIEGEL_TOKEN).",
        ),
    ] = None,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            help="Another host name the server answers to (behind a proxy, a DNS name); "
            "repeatable. Requests with other Host headers are refused (DNS rebinding)."
        ),
    ] = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow ingesting URLs on private, loopback and link-local addresses.")
    ] = False,
) -> None:
    """Serve the web UI and the JSON API on HOST:PORT (API documentation at /docs).

    Reads are open; ingest needs the access token, always. Without one given, the token is made
    on first start, kept in pressespiegel.token (mode 0600) next to the database, and printed
    with the address: open that address once and the browser may ingest.
    """
    from pressespiegel.web.security import read_token_file, weak_token
    from pressespiegel.web.serve import serve

    if "://" not in str(db) and not Path(db).exists():
        err.print(f"[yellow]note:[/] {_escape(str(db))} did not exist: serving a new, empty database")
    with _store(db, create=True) as store:  # one clear line and exit 2 if the database cannot be opened
        location = store.location
    given = token
    if token:
        err.print("[yellow]warning:[/] --token is visible to every user of this machine in the process "
                  "list; use --token-file or $PRESSESPIEGEL_TOKEN", markup=True)  # fmt: skip
    elif token_file is not None:
        try:
            given = read_token_file(token_file)
        except PressespiegelError as exc:
            err.print(f"[red]error:[/] {_escape(str(exc))}", markup=True)
            raise typer.Exit(2) from None
    else:
        given = os.environ.get("PRESSESPIEGEL_TOKEN") or None
    if given and weak_token(given):
        err.print("[yellow]warning:[/] the access token is short; anyone who guesses it may ingest",
                  markup=True)  # fmt: skip
    out.print(f"serving {location} on http://{host}:{port}/ (API documentation: /docs); Ctrl+C stops")
    serve(db, host=host, port=port, api_token=given, allow_private=allow_private,
          allowed_hosts=allow_host or ())  # fmt: skip


class ReviewFormatOption(StrEnum):
    html = "html"
    md = "md"
    json = "json"
    pdf = "pdf"


@app.command("review")
def review_command(
    output: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[
        ReviewFormatOption, typer.Option("--format", help="html (self-contained), md, json or pdf.")
    ] = (ReviewFormatOption.html),
    since: Annotated[
        str | None, typer.Option(help="Only stories reported on or after this date (YYYY-MM-DD).")
    ] = None,
    story: Annotated[str | None, typer.Option(help="Only this story (id from `stories list`).")] = None,
    top: Annotated[
        int,
        typer.Option(
            help="How many stories, most independent origins first (0: all). The header says how many "
            "of how many the review holds (10 von 26 Themen)."
        ),
    ] = 10,
    lang: LangOption = None,
) -> None:
    """Write a press review: per story a summary with citations, a timeline, who said what,
    contradictions between sources, coverage and links to every source."""
    from pressespiegel.pipeline import build_review
    from pressespiegel.report.render import render

    if since is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", since):
        err.print(
            f"[red]error:[/] --since must be a date like 2023-09-01, not {_escape(since)!r}", markup=True
        )
        raise typer.Exit(2)
    with _store(db) as store:
        review = build_review(store, since=since, story=story, top=top, lang=lang)
    if not review["stories"]:
        err.print(f"[red]error:[/] no stories to review in {_shown_db(db)}"
                  + (f" for story {story}" if story else ""), markup=True)  # fmt: skip
        raise typer.Exit(1)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        render(review, format.value, output)
    except PressespiegelError as exc:
        err.print(f"[red]error:[/] {_escape(str(exc))}", markup=True)
        raise typer.Exit(2) from None
    shown, total = len(review["stories"]), review["total"]
    what = plural(shown, "story", "stories")
    if total > shown:
        what = f"{shown:,} of {plural(total, 'story', 'stories')}"
    out.print(f"press review of {what} written to {output}")


from pressespiegel.cli_monitor import register as _register_monitoring  # noqa: E402 (uses the helpers above)

_register_monitoring(app)
from pressespiegel.cli_batch import register as _register_batch  # noqa: E402 (uses the helpers above)

_register_batch(app)


def main() -> None:
    """Entry point of the ``pressespiegel`` command."""
    from typer.main import get_command

    try:
        tidy_help(get_command(app))(prog_name="pressespiegel")
    except KeyboardInterrupt:
        err.print("interrupted; committed batches are kept, re-run to continue")
        sys.exit(130)
    except BrokenPipeError:  # `pressespiegel articles export | head`
        sys.stderr.close()
        sys.exit(0)
