"""Ingestion: sources (files, directories, URLs, feeds, WARC) → cleaned Articles → store.

1. Expand each source (directories are walked) and read it into batches of RawDocuments.
2. Prepare each batch (:func:`.batches.prepare_batch`): clean each document into an Article
   (:func:`pressespiegel.clean.make_article`), analyze the batch as one
   (:func:`pressespiegel.analyze.analyze_articles`: sentences, entities, quotes, dates) — in this
   process or, with ``workers``, in worker processes (:mod:`.workers`), results in input order.
3. Store each batch in one transaction; a batch that was committed stays.
Problems with one source or record are collected and reported; the run goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from pressespiegel.errors import SourceError
from pressespiegel.ingest.items import Item, Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.ingest.sources import expand, read_source
from pressespiegel.ingest.workers import prepared_in_order
from pressespiegel.records import Article, RawDocument
from pressespiegel.store import AddResult, Store

#: Documents per batch (one analysis batch, one transaction): large enough to amortize commits and
#: feed the entity model a batch, small enough that a crash loses at most a few seconds of work.
BATCH_SIZE = 50


@dataclass(kw_only=True)
class IngestReport:
    """What a run did, for the summary line and the exit code."""

    sources: int = 0
    documents: int = 0
    added: int = 0
    existing: int = 0
    errors: list[SourceError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    limits: Limits | None = None,
    on_source: Callable[[str], None] | None = None,
    on_problem: Callable[[SourceError | Notice], None] | None = None,
    analyze: bool = True,
    read: Callable[[str, Limits], Iterable[Item]] = read_source,
    workers: int = 1,
) -> IngestReport:
    """Read, clean and store every source; return a report. Never raises for bad input.

    ``read`` turns one source into items; the feed monitor passes its own, which yields only the
    new entries of a polled feed. With ``workers`` > 1, cleaning and analysis run in that many
    processes (:mod:`.workers`) once the input holds more than one batch; what is stored is the
    same as with one.
    """
    limits = limits or Limits()
    report = IngestReport()

    def problem(item: SourceError | Notice) -> None:
        (report.errors if isinstance(item, SourceError) else report.notices).append(item)  # type: ignore[arg-type]
        if on_problem:
            on_problem(item)

    def batches() -> Iterator[list[RawDocument]]:  # 1.
        batch: list[RawDocument] = []
        for source in sources:
            for path in expand(source):
                report.sources += 1
                try:
                    for item in read(path, limits):
                        if isinstance(item, SourceError | Notice):
                            problem(item)
                            continue
                        report.documents += 1
                        batch.append(item)
                        if len(batch) >= BATCH_SIZE:
                            yield batch
                            batch = []
                except SourceError as exc:
                    problem(exc)
                if on_source:
                    on_source(path)
        if batch:
            yield batch

    for prepared in prepared_in_order(batches(), workers=workers, analyze=analyze):  # 2.
        for item in prepared.problems:
            problem(item)
        _store(prepared.articles, store, report, problem)  # 3.
    return report


def _store(
    articles: list[Article], store: Store, report: IngestReport, problem: Callable[[SourceError], None]
) -> None:
    for result, stored in store_batch(store, articles, problem):
        report.added += result.added
        report.existing += result.existing
        report.article_ids.extend(a.id for a in stored)


def store_batch(
    store: Store, articles: list[Article], problem: Callable[[SourceError], None]
) -> list[tuple[AddResult, list[Article]]]:
    """One batch in one transaction; should the store reject it, article by article, so one
    article it cannot take costs only itself (told to ``problem``). Returns what each
    transaction did, with the articles it held (``ingest`` and ``batch`` both store this way)."""
    if not articles:
        return []
    try:
        return [(store.add_articles(articles), articles)]
    except Exception:
        results = []
        for article in articles:
            try:
                results.append((store.add_articles([article]), [article]))
            except Exception as exc:
                problem(SourceError(article.source, f"could not be stored ({type(exc).__name__}: "
                                    f"{str(exc)[:200]}); please report it"))  # fmt: skip
        return results


__all__ = ["BATCH_SIZE", "IngestReport", "Limits", "ingest", "store_batch"]
