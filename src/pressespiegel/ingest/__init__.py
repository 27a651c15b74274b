"""Ingestion: sources (files, directories, URLs, feeds, WARC) → cleaned Articles → store.

1. Expand each source (directories are walked) and read it into RawDocuments.
2. Clean each RawDocument into an Article (:func:`pressespiegel.clean.make_article`).
3. Analyze each batch (:func:`pressespiegel.analyze.analyze_articles`: sentences, entities, quotes,
   dates) and store it in one transaction; a batch that was committed stays.
Problems with one source or record are collected and reported; the run goes on with the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pressespiegel.analyze import analyze_article, analyze_articles
from pressespiegel.clean import make_article
from pressespiegel.errors import SourceError
from pressespiegel.ingest.items import Item, Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.ingest.sources import expand, read_source
from pressespiegel.records import Article
from pressespiegel.store import Store

#: Articles per transaction: large enough to amortize commits, small enough that a crash loses
#: at most a few seconds of work (a batch of 50 cleans in ~1 s).
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
) -> IngestReport:
    """Read, clean and store every source; return a report. Never raises for bad input.

    ``read`` turns one source into items; the feed monitor passes its own, which yields only the
    new entries of a polled feed.
    """
    limits = limits or Limits()
    report = IngestReport()
    batch: list[Article] = []

    def analyzed(articles: list[Article]) -> list[Article]:
        """The batch analyzed as one (the entity model runs faster on batches); should that fail,
        article by article, so one odd text costs only itself. Stages fail per article inside
        the analysis (see :func:`pressespiegel.analyze.analyze_texts`): the article is stored
        with what succeeded and each failed stage is one line."""
        try:
            done = analyze_articles(articles)
        except Exception:  # retried one by one below, where the error is reported
            done = []
            for article in articles:
                try:
                    done.append(analyze_article(article))
                except Exception as exc:  # a bug on odd input must not end the whole run
                    problem(_stage_notice(article, "analysis", f"{type(exc).__name__}: {exc}"))
                    done.append(article)  # stored unanalyzed
        for article in done:
            for failure in (article.analysis or {}).get("failed", ()):
                problem(_stage_notice(article, f"analysis ({failure['stage']})", failure["error"]))
        return done

    def flush() -> None:
        if batch and analyze:
            batch[:] = analyzed(batch)
        if batch:
            try:
                results = [store.add_articles(batch)]
            except Exception:  # one article the store rejects: the others are stored one by one
                results = []
                for article in batch:
                    try:
                        results.append(store.add_articles([article]))
                    except Exception as exc:
                        report.article_ids.remove(article.id)
                        problem(SourceError(article.source, f"could not be stored ({type(exc).__name__}: "
                                            f"{str(exc)[:200]}); please report it"))  # fmt: skip
            for result in results:
                report.added += result.added
                report.existing += result.existing
            batch.clear()

    def problem(item: SourceError | Notice) -> None:
        (report.errors if isinstance(item, SourceError) else report.notices).append(item)  # type: ignore[arg-type]
        if on_problem:
            on_problem(item)

    for source in sources:
        for path in expand(source):  # 1.
            report.sources += 1
            try:
                for item in read(path, limits):
                    if isinstance(item, SourceError | Notice):
                        problem(item)
                        continue
                    report.documents += 1
                    try:
                        article = make_article(item)  # 2. (analyzed per batch, in flush)
                    except SourceError as exc:
                        problem(exc)
                        continue
                    except Exception as exc:  # a bug on odd input must not end the whole run
                        problem(
                            SourceError(
                                item.source,
                                f"internal error while cleaning ({type(exc).__name__}: "
                                f"{str(exc)[:200]}); please report it",
                            )
                        )
                        continue
                    batch.append(article)
                    report.article_ids.append(article.id)
                    if len(batch) >= BATCH_SIZE:
                        flush()  # 3.
            except SourceError as exc:
                problem(exc)
            if on_source:
                on_source(path)
    flush()
    return report


def _stage_notice(article: Article, stage: str, error: str) -> Notice:
    """One line for a stage that failed on one article that was stored anyway."""
    return Notice(
        source=article.source,
        message=f"{stage} failed ({error[:200]}); stored without it, please report it",
    )


__all__ = ["BATCH_SIZE", "IngestReport", "Limits", "ingest"]
