"""Command line of batch jobs over archives: ``pressespiegel batch`` (issue 17).

Registered on the main app by :func:`register` (called at the end of :mod:`pressespiegel.cli`).
The work is :mod:`pressespiegel.execution`: the engine runs the per-article stages, this process
stores and groups.
"""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from pressespiegel.cli import DEFAULT_DB, DbOption, _escape, _store, err, out, print_problem
from pressespiegel.console import plural, skipped_summary
from pressespiegel.errors import PressespiegelError, SourceError
from pressespiegel.ingest.items import Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.ingest.sources import expand, is_url

if TYPE_CHECKING:
    from pressespiegel.execution import Engine


class EngineName(StrEnum):
    spark = "spark"
    local = "local"


def batch_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Archive files or folders (walked): WARC(.gz) such as CC-NEWS, JSONL, HTML, text — "
            "what `ingest` reads from disk. URLs and feeds are for `pressespiegel ingest`.",
            show_default=False,
        ),
    ],
    engine: Annotated[
        EngineName,
        typer.Option(help="Where the per-article work runs: spark (a Spark job) or local (this process)."),
    ] = EngineName.spark,
    master: Annotated[
        str,
        typer.Option(
            envvar="PRESSESPIEGEL_SPARK_MASTER",
            help="Spark master: local[N] runs N worker processes here, spark://host:7077 a cluster "
            "(its workers need pressespiegel installed). Also read from $PRESSESPIEGEL_SPARK_MASTER.",
        ),
    ] = "local[2]",
    db: DbOption = DEFAULT_DB,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Write the articles as Parquet to DIR/articles instead of a store (with --engine "
            "spark; written by the workers; not grouped: stories need a store).",
            show_default=False,
        ),
    ] = None,
    group: Annotated[
        bool, typer.Option("--group/--no-group", help="Group the new articles into stories afterwards.")
    ] = True,
    analyze: Annotated[
        bool, typer.Option("--analyze/--no-analyze", help="Find sentences, entities, quotes and dates.")
    ] = True,
    max_bytes: Annotated[
        int, typer.Option(help="Largest single document in bytes.")
    ] = Limits().max_document_bytes,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only problems and the summary.")
    ] = False,
) -> None:
    """Ingest large archives as a batch job: read, clean, analyze and compute the grouping
    features of every record in parallel, store the articles, then group them in time order.

    Each file is split into shards (record i of n), so even one big WARC keeps every core busy.
    The articles equal those of `pressespiegel ingest` of the same files, and re-running changes
    nothing. Spark needs pyspark and Java 17+ (`make install` installs both).

    A month of CC-NEWS into SQLite:  pressespiegel batch --db news.db CC-NEWS-202309*.warc.gz

    Four local workers, into PostgreSQL:  pressespiegel batch --master 'local[4]' --db
    postgresql://user@host/news archive/

    Parquet instead of a store:  pressespiegel batch --out parquet/ archive/
    """
    limits = Limits(max_document_bytes=max_bytes)
    errors: list[str] = []
    skipped: list[tuple[str, str]] = []
    paths: list[str] = []
    for source in inputs:
        if is_url(source):
            errors.append(f"{source}: batch reads files and folders; fetch URLs and feeds with "
                          "`pressespiegel ingest`")  # fmt: skip
        elif not Path(source).exists():
            errors.append(f"{source}: no such file or folder")
        else:
            paths.extend(expand(source, lambda p, why: skipped.append((p, why))))
    for line in errors:
        err.print(f"[red]error:[/] {_escape(line)}", markup=True)
    if note := skipped_summary(skipped):
        err.print(f"[yellow]note:[/] {_escape(note)}", markup=True)
    if out_dir is not None and engine is not EngineName.spark:
        raise _fail("--out writes Parquet with Spark: use it with --engine spark")
    if out_dir is not None and (out_dir / "articles").exists():
        raise _fail(f"{out_dir / 'articles'} exists already; choose another --out")
    if not paths:
        raise _fail("nothing to read", 1)

    from pressespiegel.execution import open_engine

    progress = _Progress(quiet=quiet)
    with progress:
        try:
            runner = open_engine(engine.value, master=master)
        except PressespiegelError as exc:
            raise _fail(str(exc)) from None
        try:
            if out_dir is None:
                added, existing, documents, failed, warned, grouped, location = _into_store(
                    paths, db, runner, limits, analyze=analyze, group=group, progress=progress
                )
            else:
                added, documents, failed, warned = _into_parquet(paths, out_dir, runner, limits, analyze)
                existing, grouped, location = 0, 0, str(out_dir / "articles")
        except PressespiegelError as exc:
            raise _fail(str(exc)) from None
        finally:
            runner.close()
    summary = (
        f"{plural(len(paths), 'file')}, {plural(documents, 'document')}: "
        f"{added:,} new {'article' if added == 1 else 'articles'}"
        + (f", {existing:,} already stored" if out_dir is None else "")
        + f", {failed + len(errors):,} failed"
        + (f", {plural(warned, 'warning')}" if warned else "")
        + (f", {plural(len(skipped), 'file')} skipped" if skipped else "")
        + (f"; {grouped:,} grouped into stories" if grouped else "")
        + f" → {location} ({runner.name}"
        + (f" {master}" if runner.name == "spark" else "")
        + f", {progress.elapsed():.0f} s)"
    )
    err.print(summary) if quiet else out.print(summary)
    if failed or errors:
        raise typer.Exit(1)


def _into_store(
    paths: list[str], db: str, engine: Engine, limits: Limits, *, analyze: bool, group: bool,
    progress: _Progress,
) -> tuple[int, int, int, int, int, int, str]:
    """Store and group (:func:`pressespiegel.execution.run_batch`), then index and refresh topics
    as ``ingest`` does; (added, existing, documents, failed, warnings, grouped, location)."""
    from pressespiegel.execution import run_batch
    from pressespiegel.store import index_all

    with _store(db, create=True) as store:
        report = run_batch(
            paths, store, engine, limits=limits, analyze=analyze, group=group, on_problem=print_problem,
            on_stored=progress.stored, on_group_step=progress.grouping,
        )  # fmt: skip
        index_all(store)
        if report.added:
            from pressespiegel.topics import refresh_topics

            refresh_topics(store)  # followed topics see the new articles at once
        location = store.location
    return (report.added, report.existing, report.documents, len(report.errors), len(report.notices),
            report.grouped, location)  # fmt: skip


def _into_parquet(
    paths: list[str], out_dir: Path, engine: Engine, limits: Limits, analyze: bool
) -> tuple[int, int, int, int]:
    """Parquet through Spark's writer; (articles, documents, failed, warnings)."""
    from pressespiegel.execution.spark import SparkEngine
    from pressespiegel.execution.tasks import Read, plan_shards

    assert isinstance(engine, SparkEngine)  # checked by the caller: --out needs --engine spark
    documents = failed = warned = 0
    out_dir.mkdir(parents=True, exist_ok=True)
    for result in engine.write_parquet(plan_shards(paths, engine.parallelism()), limits, out_dir,
                                       analyze=analyze):  # fmt: skip
        if isinstance(result, Read):
            documents += 1
        elif isinstance(result, SourceError | Notice):
            print_problem(result)
            failed += isinstance(result, SourceError)
            warned += isinstance(result, Notice)
    return engine.spark.read.parquet(str(out_dir / "articles")).count(), documents, failed, warned


class _Progress:
    """A live line on a terminal: articles stored and their rate, then grouping; nothing when
    ``quiet`` or not a terminal."""

    def __init__(self, *, quiet: bool) -> None:
        self._start = time.monotonic()
        self._articles = 0
        self._bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err, transient=True,
                             disable=quiet or not err.is_terminal)  # fmt: skip
        self._task = self._bar.add_task("starting the engine")

    def __enter__(self) -> _Progress:
        self._bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.__exit__(None, None, None)

    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def stored(self, n: int) -> None:
        self._articles += n
        rate = self._articles / max(self.elapsed(), 1e-9)
        self._bar.update(self._task, description=f"{self._articles:,} articles stored · {rate:.1f}/s")

    def grouping(self, done: int, total: int) -> None:
        self._bar.update(self._task, description=f"grouping {done:,} of {total:,}")


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]error:[/] {_escape(message)}", markup=True)
    return typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add ``batch`` to the main command line."""
    app.command("batch")(batch_command)


__all__ = ["register"]
