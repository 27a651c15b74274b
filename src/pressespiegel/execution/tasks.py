"""The work of a batch job, independent of the engine that runs it: shards of input files, each
read, cleaned, analyzed and given its grouping features (issue 17).

A task is one :class:`Shard`: a file and a residue class of its records (record ``i`` belongs to
shard ``k`` of ``n`` when ``i % n == k``), so one large WARC keeps every core busy: each shard
reads the whole file (parsing a WARC costs little beside extraction and analysis) and processes
its own records only. :func:`process_shard` runs, per record, the stages ``pressespiegel ingest``
runs, with the same functions, so an article from a batch job equals an ingested one:

1. read the file (:func:`pressespiegel.ingest.sources.read_source`: WARC, JSONL, HTML, text);
2. clean each record of the shard and 3. analyze them, in batches of
   :data:`pressespiegel.ingest.BATCH_SIZE` records, with the function ``ingest`` runs
   (:func:`pressespiegel.ingest.batches.prepare_batch`: :func:`pressespiegel.clean.make_article`,
   then :func:`pressespiegel.analyze.analyze_articles`, article by article should a batch fail);
4. compute each article's grouping features (:func:`pressespiegel.stories.grouping_features`:
   content terms, embedding, copy signature), which grouping on the driver then only compares.

Problems are results too (a :class:`~pressespiegel.errors.SourceError` or a
:class:`~pressespiegel.ingest.items.Notice`, yielded, never raised): a task that raised would be
retried by Spark and end the job with a JVM traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pressespiegel.errors import SourceError
from pressespiegel.ingest.items import Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.records import Article, RawDocument
from pressespiegel.stories.features import GroupingFeatures

#: Shards per unit of parallelism when there are fewer files than cores: two per core lets a
#: core that finished its shard early take another (records differ in cost) without each file
#: being parsed much more often.
SHARDS_PER_CORE = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class Shard:
    """One task: the records ``index``, ``index + count``, … of the file at ``path``."""

    path: str
    index: int = 0
    count: int = 1


@dataclass(frozen=True, kw_only=True, slots=True)
class Processed:
    """One article, cleaned and analyzed, with its grouping features (None when computing them
    failed: grouping then computes them itself and reports the failure)."""

    article: Article
    features: GroupingFeatures | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Read:
    """A record of a shard was read (cleaned or not): counts documents for the summary."""

    source: str


Result = Processed | SourceError | Notice | Read


def plan_shards(paths: Sequence[str], parallelism: int) -> list[Shard]:
    """The tasks for ``paths`` on ``parallelism`` cores: each file whole when there are enough
    files, else each file in :data:`SHARDS_PER_CORE` × parallelism / files shards."""
    if not paths:
        return []
    per_file = max(1, -(-SHARDS_PER_CORE * max(1, parallelism) // len(paths)))
    return [Shard(path=path, index=k, count=per_file) for path in paths for k in range(per_file)]


def process_shard(shard: Shard, limits: Limits, *, analyze: bool = True) -> Iterator[Result]:
    """Steps 1–4 over one shard; yields results as each batch is done (bounded memory)."""
    from pressespiegel.ingest import BATCH_SIZE
    from pressespiegel.ingest.sources import read_source

    batch: list[RawDocument] = []
    try:
        for i, item in enumerate(read_source(shard.path, limits)):  # 1.
            if i % shard.count != shard.index:
                continue
            if isinstance(item, SourceError | Notice):
                yield item
                continue
            yield Read(source=item.source)
            batch.append(item)
            if len(batch) >= BATCH_SIZE:
                yield from _finish(batch, analyze)
                batch = []
    except SourceError as exc:  # the whole file: every shard reads it, the first one says so
        if shard.index == 0:
            yield exc
    except Exception as exc:  # a bug on odd input must not end the whole job
        if shard.index == 0:
            yield SourceError(shard.path, f"internal error while reading "
                              f"({type(exc).__name__}: {str(exc)[:200]}); please report it")  # fmt: skip
    yield from _finish(batch, analyze)


def _finish(batch: list[RawDocument], analyze: bool) -> Iterator[Result]:
    """Steps 2–4 for one batch: the batch prepared as ``ingest`` prepares it
    (:func:`pressespiegel.ingest.batches.prepare_batch`), then each article's features."""
    from pressespiegel.ingest.batches import prepare_batch
    from pressespiegel.stories.features import grouping_features

    if not batch:
        return
    prepared = prepare_batch(batch, analyze=analyze)  # 2. and 3.
    yield from prepared.problems
    for article in prepared.articles:
        try:
            features: GroupingFeatures | None = grouping_features(article)  # 4.
        except Exception:  # grouping computes them again and reports the failure itself
            features = None
        yield Processed(article=article, features=features)


def run_local(shards: Iterable[Shard], limits: Limits, *, analyze: bool = True) -> Iterator[Result]:
    """Every shard in this process, one after the other."""
    for shard in shards:
        yield from process_shard(shard, limits, analyze=analyze)


__all__ = [
    "SHARDS_PER_CORE",
    "Processed",
    "Read",
    "Result",
    "Shard",
    "plan_shards",
    "process_shard",
    "run_local",
]
