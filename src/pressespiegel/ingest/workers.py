"""Batches prepared in worker processes, results in input order (``ingest --workers N``).

Cleaning and analysis are ~99 % of ingest's CPU time and independent per batch
(:func:`.batches.prepare_batch` is pure), so N processes each take whole batches while the parent
reads the sources, stores the results in input order and groups afterwards. The output is the
one of a single process: the same function runs on the same batches, and results are taken in
the order the batches were read.

- The pool starts only when the input holds more than one batch: a page or two is done before a
  worker process would have loaded its models (~5 s).
- Workers are spawned, not forked: the parent holds store connections and a progress thread, and
  each worker loads the models once, on its first batch.
- At most :data:`IN_FLIGHT_PER_WORKER` batches per worker are read ahead, so memory stays bounded
  for any input (a WARC of a million records is never read into memory).
- Should a worker die (killed, out of memory), the batches it had and everything after them are
  prepared in this process: nothing is lost, the run is only slower, and one notice says so.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain

from pressespiegel.ingest.batches import Prepared, prepare_batch
from pressespiegel.ingest.items import Notice
from pressespiegel.records import RawDocument

#: BLAS thread pools a worker would start: one thread each, as N workers already fill the cores
#: (set for the spawned processes only where the user has not chosen).
_ONE_THREAD = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
#: Batches read ahead per worker: two keep every worker busy while the parent stores the oldest
#: result (storing a batch takes ~10 ms, preparing it ~5 s) without holding more input than that.
IN_FLIGHT_PER_WORKER = 2


def default_workers() -> int:
    """The CPU cores this process may use (its affinity mask, as a container limits it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def prepared_in_order(
    batches: Iterable[list[RawDocument]], *, workers: int = 1, analyze: bool = True
) -> Iterator[Prepared]:
    """Each batch cleaned and analyzed, in input order: in this process for ``workers <= 1`` or
    a one-batch input, else by a pool of ``workers`` processes."""
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None) if workers > 1 else None
    if second is None:
        yield prepare_batch(first, analyze=analyze)
        for batch in batches:
            yield prepare_batch(batch, analyze=analyze)
        return
    yield from _Pool(workers, analyze).run(chain([first, second], batches))


def _quiet_worker() -> None:
    """Worker start-up: Ctrl+C is the parent's to handle (it cancels what is queued; what was
    stored stays), so workers ignore SIGINT instead of each printing a traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _Pool:
    def __init__(self, workers: int, analyze: bool) -> None:
        self.workers = workers
        self.analyze = analyze
        self.broken: str | None = None  # why the pool stopped; from then on, batches run here
        self.untold: Notice | None = None  # the notice about it, until a result carries it

    def run(self, batches: Iterator[list[RawDocument]]) -> Iterator[Prepared]:
        pending: deque[tuple[list[RawDocument], Future[Prepared] | None]] = deque()
        context = multiprocessing.get_context("spawn")
        for name in _ONE_THREAD:  # read by numpy's BLAS when a worker imports it
            os.environ.setdefault(name, "1")
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_quiet_worker) as pool:
            try:
                for batch in batches:
                    pending.append((batch, self._submit(pool, batch)))
                    while len(pending) >= IN_FLIGHT_PER_WORKER * self.workers:
                        yield self._result(*pending.popleft())
                while pending:
                    yield self._result(*pending.popleft())
            except BaseException:  # Ctrl+C or a store error in the parent: drop what is queued
                pool.shutdown(wait=True, cancel_futures=True)
                raise

    def _submit(self, pool: ProcessPoolExecutor, batch: list[RawDocument]) -> Future[Prepared] | None:
        if self.broken is not None:
            return None
        try:
            return pool.submit(prepare_batch, batch, analyze=self.analyze)
        except BrokenProcessPool as exc:
            self._break(exc)
            return None

    def _result(self, batch: list[RawDocument], future: Future[Prepared] | None) -> Prepared:
        if future is not None:
            try:
                return future.result()
            except BrokenProcessPool as exc:
                self._break(exc)
        done = prepare_batch(batch, analyze=self.analyze)
        told, self.untold = self.untold, None
        return Prepared(articles=done.articles, problems=[*([told] if told else []), *done.problems])

    def _break(self, exc: BaseException) -> None:
        """Run the rest here; the first batch prepared here carries the one notice about it."""
        if self.broken is not None:
            return
        self.broken = str(exc) or type(exc).__name__
        self.untold = Notice(
            source="ingest --workers",
            message=f"a worker process ended unexpectedly ({self.broken[:200]}); "
            "the rest of the run is prepared in the main process, nothing is lost",
        )
