"""One batch of raw documents made into stored-ready articles: clean each, analyze them together.

This is the per-article work of ingestion (extraction and cleaning, then sentences, entities,
quotations and dates), a pure function of its input: the same batch gives the same articles in
this process, in a worker process (:mod:`.workers`) or on a Spark executor. Problems are returned
as records in input order, never raised, so one odd text costs only itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pressespiegel.analyze import analyze_article, analyze_articles
from pressespiegel.clean import make_article
from pressespiegel.errors import SourceError
from pressespiegel.ingest.items import Notice
from pressespiegel.records import Article, RawDocument

Problem = SourceError | Notice


@dataclass(frozen=True, kw_only=True, slots=True)
class Prepared:
    """A batch after cleaning and analysis: the articles to store, and what went wrong."""

    articles: list[Article]
    problems: list[Problem]


def prepare_batch(documents: Sequence[RawDocument], *, analyze: bool = True) -> Prepared:
    """Clean every document and analyze the batch; documents that cannot be cleaned are left out
    with one problem each, articles whose analysis fails in part are kept with one notice per
    failed stage."""
    problems: list[Problem] = []
    articles: list[Article] = []
    for document in documents:
        try:
            articles.append(make_article(document))
        except SourceError as exc:
            problems.append(exc)
        except Exception as exc:  # a bug on odd input must not end the whole run
            problems.append(
                SourceError(
                    document.source,
                    f"internal error while cleaning ({type(exc).__name__}: {str(exc)[:200]}); "
                    "please report it",
                )
            )
    if analyze and articles:
        articles = analyzed(articles, problems)
    return Prepared(articles=articles, problems=problems)


def analyzed(articles: list[Article], problems: list[Problem]) -> list[Article]:
    """The batch analyzed as one (the entity model runs faster on batches); should that fail,
    article by article, so one odd text costs only itself. Stages fail per article inside the
    analysis (see :func:`pressespiegel.analyze.analyze_texts`): the article is kept with what
    succeeded and each failed stage is one notice in ``problems``."""
    try:
        done = analyze_articles(articles)
    except Exception:  # retried one by one below, where the error is reported
        done = []
        for article in articles:
            try:
                done.append(analyze_article(article))
            except Exception as exc:  # a bug on odd input must not end the whole run
                problems.append(stage_notice(article, "analysis", f"{type(exc).__name__}: {exc}"))
                done.append(article)  # stored unanalyzed
    for article in done:
        for failure in (article.analysis or {}).get("failed", ()):
            problems.append(stage_notice(article, f"analysis ({failure['stage']})", failure["error"]))
    return done


def stage_notice(article: Article, stage: str, error: str) -> Notice:
    """One line for a stage that failed on one article that was stored anyway."""
    return Notice(
        source=article.source,
        message=f"{stage} failed ({error[:200]}); stored without it, please report it",
    )
