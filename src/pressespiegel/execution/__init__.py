"""Batch execution: where the per-article stages of a large archive run (issue 17).

``pressespiegel batch`` splits its input files into shards (:mod:`.tasks`), an :class:`Engine`
runs every shard through read → clean → analyze → grouping features and streams the results
back, and :func:`run_batch`, in this process, stores them and then groups them:

1. plan the shards for the engine's parallelism (:func:`~.tasks.plan_shards`);
2. store each :data:`~pressespiegel.ingest.BATCH_SIZE` articles in one transaction, through the
   store protocol only (SQLite or PostgreSQL), and park their grouping features on disk
   (:class:`~.spill.FeatureSpill`);
3. group everything not grouped yet in publication order (:func:`pressespiegel.pipeline.update_stories`)
   with the features the engine computed, so grouping only compares.

Engines are small, like httpx's transports: :class:`LocalEngine` runs the shards in this
process (the reference, and what tests compare against); :class:`~.spark.SparkEngine` runs them
as a Spark job. Another engine (a pool of local processes) is one class with ``parallelism``,
``run`` and ``close``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from pressespiegel.errors import SourceError
from pressespiegel.execution.spill import FeatureSpill
from pressespiegel.execution.tasks import Processed, Read, Result, Shard, plan_shards, run_local
from pressespiegel.ingest.items import Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.records import Article
from pressespiegel.store import Store

#: The engines ``pressespiegel batch --engine`` offers.
ENGINES = ("spark", "local")


class Engine(Protocol):
    """Runs shards through :func:`~.tasks.process_shard` somewhere and streams the results back."""

    name: str

    def parallelism(self) -> int:
        """How many shards run at once (planning makes at least this many)."""
        ...

    def run(self, shards: Sequence[Shard], limits: Limits, *, analyze: bool = True) -> Iterator[Result]:
        """Every result of every shard, each once, in any order; memory bounded by the engine."""
        ...

    def close(self) -> None: ...


class LocalEngine:
    """Every shard in this process, one after the other."""

    name = "local"

    def parallelism(self) -> int:
        return 1

    def run(self, shards: Sequence[Shard], limits: Limits, *, analyze: bool = True) -> Iterator[Result]:
        return run_local(shards, limits, analyze=analyze)

    def close(self) -> None:
        pass


def open_engine(name: str, *, master: str | None = None) -> Engine:
    """The engine called ``name`` (see :data:`ENGINES`); a PressespiegelError says what is missing."""
    if name == "spark":
        from pressespiegel.execution.spark import DEFAULT_MASTER, SparkEngine

        return SparkEngine(master or DEFAULT_MASTER)
    if name == "local":
        return LocalEngine()
    raise ValueError(f"unknown engine {name!r}")


@dataclass(kw_only=True)
class BatchReport:
    """What a batch run did, for the summary line and the exit code."""

    files: int = 0
    documents: int = 0
    added: int = 0
    existing: int = 0
    grouped: int = 0
    errors: list[SourceError] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)


def run_batch(
    paths: Sequence[str],
    store: Store,
    engine: Engine,
    *,
    limits: Limits | None = None,
    analyze: bool = True,
    group: bool = True,
    on_problem: Callable[[SourceError | Notice], None] | None = None,
    on_stored: Callable[[int], None] | None = None,
    on_group_step: Callable[[int, int], None] | None = None,
) -> BatchReport:
    """Steps 1–3 over ``paths`` (files, not directories: see ``ingest.sources.expand``).
    Never raises for bad input; an engine that fails raises PressespiegelError, after the
    batches stored before. ``on_stored(n)`` is told each stored batch's size."""
    from pressespiegel.ingest import BATCH_SIZE
    from pressespiegel.pipeline import update_stories

    limits = limits or Limits()
    report = BatchReport(files=len(paths))
    batch: list[Processed] = []

    def problem(item: SourceError | Notice) -> None:
        (report.errors if isinstance(item, SourceError) else report.notices).append(item)  # type: ignore[arg-type]
        if on_problem:
            on_problem(item)

    def flush(spill: FeatureSpill) -> None:
        if not batch:
            return
        # A record this run already stored (the same body twice in an archive) is counted, not
        # stored again: a batch with an already stored article would lose its features.
        fresh: dict[str, Processed] = {}
        for p in batch:
            if p.article.id in fresh or p.article.id in spill:
                report.existing += 1
            else:
                fresh[p.article.id] = p
        stored = _store_batch(store, [p.article for p in fresh.values()], report, problem) if fresh else set()
        spill.add(p.features for p in batch if p.features is not None and p.article.id in stored)
        if on_stored:
            on_stored(len(batch))
        batch.clear()

    with FeatureSpill() as spill:
        for result in engine.run(plan_shards(paths, engine.parallelism()), limits, analyze=analyze):  # 1.
            if isinstance(result, Read):
                report.documents += 1
            elif isinstance(result, SourceError | Notice):
                problem(result)
            else:
                batch.append(result)
                if len(batch) >= BATCH_SIZE:
                    flush(spill)  # 2.
        flush(spill)
        if group:  # 3.
            report.grouped = update_stories(
                store, features=spill, on_step=on_group_step,
                on_problem=lambda source, message: problem(SourceError(source, message)),
            )  # fmt: skip
    return report


def _store_batch(
    store: Store, articles: list[Article], report: BatchReport, problem: Callable[[SourceError], None]
) -> set[str]:
    """Store one batch in one transaction (should the store reject it, article by article, so
    one article costs only itself, as ``pressespiegel ingest`` does); the ids this batch stored.

    Only those keep their precomputed features: an article found already stored may differ from
    ours (stored by ``ingest --no-analyze``, say) and, if it is not grouped yet, must be grouped
    by what is stored. A batch with any article already stored counts as storing none (the
    store says how many, not which); grouping then computes their features itself."""
    from pressespiegel.ingest import store_batch

    results = store_batch(store, articles, problem)
    ids: set[str] = set()
    for result, stored in results:
        report.added += result.added
        report.existing += result.existing
        if not result.existing:
            ids.update(a.id for a in stored)
    return ids


__all__ = ["ENGINES", "BatchReport", "Engine", "LocalEngine", "open_engine", "run_batch"]
