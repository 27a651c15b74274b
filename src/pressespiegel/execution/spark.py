"""The Spark engine: the per-article stages of :mod:`.tasks` as a Spark job (issue 17).

The driver (this process) plans the shards, and Spark runs :func:`~.tasks.process_shard` over
them on its executors' Python workers (``local[N]``: N worker processes on this machine; a
cluster master runs them there). Workers are reused between tasks, so each loads the models once
(the lazy caches of :mod:`pressespiegel.analyze`). Results come back to the driver in waves:

1. a wave of shards (:data:`WAVE_TASKS_PER_CORE` per core) is computed in parallel and kept,
   serialized, on the executors' disk (``persist(DISK_ONLY)``);
2. while the next wave computes, the driver streams the finished one partition by partition
   (``toLocalIterator``) and stores it in batches;
3. the wave's blocks are dropped.

Streaming straight from ``toLocalIterator`` would be simpler but computes one partition at a
time (each partition is its own job), so ``local[2]`` would use one core; ``collect`` would hold
everything in driver memory. Waves keep the driver's memory at one partition and the disk at two
waves, and a killed job keeps what the waves before stored.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from pressespiegel.errors import PressespiegelError
from pressespiegel.execution.tasks import Processed, Result, Shard, process_shard
from pressespiegel.ingest.limits import Limits

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession

#: The master when none is given: two local worker processes.
DEFAULT_MASTER = "local[2]"
#: Shards per core in one wave: enough that a wave keeps every core busy while records differ in
#: cost, few enough that a wave's results on disk stay small.
WAVE_TASKS_PER_CORE = 8
#: Oldest Java that pyspark 4 runs on.
MIN_JAVA = 17
INSTALL_HINT = "`make install` installs it (as root it also installs Debian's openjdk-17-jre-headless)"


def check_requirements() -> None:
    """Raise a one-line PressespiegelError saying how to install what Spark needs, if missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise PressespiegelError(
            "--engine spark needs pyspark, which is not installed: `make install` installs it "
            "(or: pip install 'pressespiegel[spark]')"
        ) from None
    java = _java()
    if java is None:
        raise PressespiegelError(
            f"--engine spark needs Java {MIN_JAVA}+, which was not found (no java on PATH or in "
            "$JAVA_HOME): `make install` installs Debian's openjdk-17-jre-headless as root "
            "(or: apt-get install openjdk-17-jre-headless)"
        )
    version = _java_major(java)
    if version is not None and version < MIN_JAVA:
        raise PressespiegelError(
            f"--engine spark needs Java {MIN_JAVA}+, {java} is Java {version}: "
            "apt-get install openjdk-17-jre-headless (and set JAVA_HOME to it)"
        )


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def _java_major(java: str) -> int | None:
    """The major version `java -version` reports (8 for "1.8.0_392"), None if it says nothing."""
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(\d+)(?:\.(\d+))?', done.stderr + done.stdout)
    if not m:
        return None
    major = int(m[1])
    return int(m[2] or 0) if major == 1 else major


def _first_line(exc: BaseException) -> str:
    """The gist of a Spark or Py4J error: its first line that names an exception, shortened."""
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    named = [line for line in lines if re.match(r"[\w.]+(Error|Exception)\b", line)]
    return ((named or lines or [type(exc).__name__])[0])[:300]


class SparkEngine:
    """Runs batch tasks on Spark; ``master`` is a Spark master URL (``local[2]``, ``spark://…``)."""

    name = "spark"

    def __init__(self, master: str = DEFAULT_MASTER) -> None:
        check_requirements()
        self.master = master
        self._scratch = Path(tempfile.mkdtemp(prefix="pressespiegel-spark-"))
        self.log = self._scratch / "spark.log"
        self._session = _start(master, self.log)
        self._failed = False

    @property
    def spark(self) -> SparkSession:
        """The session (to read back what :meth:`write_parquet` wrote)."""
        return self._session

    def parallelism(self) -> int:
        """How many tasks Spark runs at once (``local[N]``: N)."""
        return max(1, int(self._session.sparkContext.defaultParallelism))

    def run(self, shards: Sequence[Shard], limits: Limits, *, analyze: bool = True) -> Iterator[Result]:
        """Steps 1–3 of the module docstring; results in the order of the shards within a wave."""
        size = WAVE_TASKS_PER_CORE * self.parallelism()
        waves = [list(shards[i : i + size]) for i in range(0, len(shards), size)]
        if not waves:
            return
        current = _Wave(self._rdd(waves[0], limits, analyze))
        try:
            for upcoming in [*waves[1:], None]:
                if current.error is not None:
                    raise self._failure(current.error)
                following = _Wave(self._rdd(upcoming, limits, analyze)) if upcoming else None
                try:
                    yield from current.rdd.toLocalIterator()  # 2.
                except Exception as exc:
                    raise self._failure(exc) from None
                current.rdd.unpersist()  # 3.
                if following is None:
                    break
                current = following
        finally:
            self._session.sparkContext.cancelAllJobs()

    def write_parquet(
        self, shards: Sequence[Shard], limits: Limits, out: Path, *, analyze: bool = True
    ) -> Iterator[Result]:
        """Write the articles to Parquet under ``out`` (``articles/``, written by the executors,
        one row per article: the main fields as columns and the whole record as JSON in
        ``record``); yields every other result (problems, records read) for the report."""
        from pyspark import StorageLevel
        from pyspark.sql.types import StringType, StructField, StructType

        columns = ("id", "source", "url", "outlet", "title", "published", "language", "text", "record")
        schema = StructType([StructField(c, StringType(), nullable=c != "id") for c in columns])
        results = self._rdd(list(shards), limits, analyze, persist=False).persist(StorageLevel.DISK_ONLY)
        try:
            rows = results.filter(lambda r: isinstance(r, Processed)).map(_parquet_row)
            self._session.createDataFrame(rows, schema).write.mode("error").parquet(str(out / "articles"))
            yield from results.filter(lambda r: not isinstance(r, Processed)).toLocalIterator()
        except Exception as exc:
            raise self._failure(exc) from None
        finally:
            results.unpersist()
            self._session.sparkContext.cancelAllJobs()

    def _rdd(
        self, shards: list[Shard], limits: Limits, analyze: bool, *, persist: bool = True
    ) -> RDD[Result]:
        """One task per shard, computed by :func:`process_shard`; kept on disk if ``persist``."""
        from pyspark import StorageLevel

        rdd = self._session.sparkContext.parallelize(shards, max(1, len(shards)))
        results = rdd.flatMap(partial(process_shard, limits=limits, analyze=analyze))
        return results.persist(StorageLevel.DISK_ONLY) if persist else results

    def close(self) -> None:
        """Stop Spark; its log is kept only when the job failed (the error line names it)."""
        self._session.stop()
        if not self._failed:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _failure(self, exc: BaseException) -> PressespiegelError:
        self._failed = True
        return PressespiegelError(f"the Spark job failed: {_first_line(exc)} (Spark's log: {self.log})")


class _Wave:
    """A persisted RDD whose computation (step 1) runs in a thread, so the driver can store the
    previous wave meanwhile."""

    def __init__(self, rdd: RDD[Result]) -> None:
        self.rdd = rdd
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._compute, name="spark-wave", daemon=True)
        self._thread.start()

    def _compute(self) -> None:
        try:
            self.rdd.count()  # 1. every partition computed at once and kept on disk
        except BaseException as exc:  # reported by wait(), in the driver's thread
            self._error = exc

    @property
    def error(self) -> BaseException | None:
        """Wait for the computation; what it raised, if anything."""
        self._thread.join()
        return self._error


def _parquet_row(result: Result) -> tuple[str | None, ...]:
    from pressespiegel.store.codec import article_to_dict

    assert isinstance(result, Processed)
    a = result.article
    return (
        a.id, a.source, a.url, a.outlet, a.title, a.published.value if a.published else None, a.language,
        a.text, json.dumps(article_to_dict(a), ensure_ascii=False),
    )  # fmt: skip


def _start(master: str, log: Path) -> SparkSession:
    """A Spark session on ``master`` for this Python, with no web UI or console progress, bound to
    loopback in local mode. The JVM's own output (its start-up notes, Spark's log, the Python
    workers' stderr) goes to ``log``, so the terminal shows our one-line problems only; one line
    naming the log if Spark cannot start."""
    from pyspark import SparkConf, SparkContext
    from pyspark.java_gateway import launch_gateway
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    conf = SparkConf().setMaster(master).setAppName("pressespiegel batch")
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.reuse": "true",  # models load once per worker process
        # One thread per worker's numeric libraries: N workers use N cores, not N × all of them.
        "spark.executorEnv.OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS", "1"),
    }
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        settings |= {"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"}
    for key, value in settings.items():
        conf.set(key, value)
    try:
        with log.open("ab") as stream:  # the JVM keeps its own copy of the descriptor
            gateway = launch_gateway(conf, popen_kwargs={"stdout": stream, "stderr": stream})  # type: ignore[no-untyped-call]
        context = SparkContext(conf=conf, gateway=gateway)
    except Exception as exc:
        raise PressespiegelError(
            f"Spark could not start on {master}: {_first_line(exc)} (Spark's log: {log})"
        ) from None
    context.setLogLevel("ERROR")
    return SparkSession(context)


__all__ = ["DEFAULT_MASTER", "SparkEngine", "check_requirements"]
